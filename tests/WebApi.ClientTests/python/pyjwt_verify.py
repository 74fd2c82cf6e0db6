"""PyJWT (python3-jwt), unmodified: PyJWKClient fetches our published keys and each token given is
verified against them, with our issuer and audience. Prints "valid" or the exception's name per token."""
import json
import sys

import jwt
from jwt import PyJWKClient

jwks_uri, issuer, audience = sys.argv[1:4]
tokens = sys.argv[4:]
keys = PyJWKClient(jwks_uri)
seen = {"results": []}
for token in tokens:
    try:
        key = keys.get_signing_key_from_jwt(token)
        # leeway=1: our iat carries milliseconds (RFC 7519 allows a fraction), and PyJWT 2.6 compares it
        # with the current time truncated to the second, so a token less than a second old reads as
        # "not yet valid". One second of leeway, as any verifier allows some clock skew.
        claims = jwt.decode(token, key.key, algorithms=["ES256"], audience=audience, issuer=issuer, leeway=1)
        seen["results"].append("valid:" + claims["sub"])
    except Exception as error:  # every refusal is an answer here, reported by its kind
        seen["results"].append(type(error).__name__)
print(json.dumps(seen))
