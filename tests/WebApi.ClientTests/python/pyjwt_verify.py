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
        # No leeway (PyJWT's default 0): our iat is whole seconds, so a token a moment old is already valid.
        claims = jwt.decode(token, key.key, algorithms=["ES256"], audience=audience, issuer=issuer)
        seen["results"].append("valid:" + claims["sub"])
    except Exception as error:  # every refusal is an answer here, reported by its kind
        seen["results"].append(type(error).__name__)
print(json.dumps(seen))
