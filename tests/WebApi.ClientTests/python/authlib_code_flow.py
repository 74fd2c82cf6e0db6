"""Authlib (python3-authlib), unmodified: authorization code + PKCE against /authorize and /token,
then /users/me, a refresh, a revocation, and a refresh with the revoked token. Prints what it saw."""
import json
import sys
from urllib.parse import parse_qs, urlparse

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session

from browser_login import authorize

base, client_id, redirect_uri, username, password = sys.argv[1:6]
seen = {}

metadata = requests.get(base + "/.well-known/oauth-authorization-server").json()
seen["issuer"] = metadata["issuer"]

client = OAuth2Session(
    client_id,
    redirect_uri=redirect_uri,
    scope="user:read",
    code_challenge_method="S256",
    token_endpoint_auth_method="none",
    revocation_endpoint_auth_method="none",
)
verifier = generate_token(64)
url, state = client.create_authorization_url(metadata["authorization_endpoint"], code_verifier=verifier)
seen["authorization_url_has_s256"] = "code_challenge_method=S256" in url

callback, login_posted_to = authorize(url, redirect_uri, username, password)
seen["login_form_posted_to"] = urlparse(login_posted_to).path if login_posted_to else None
query = parse_qs(urlparse(callback).query)
seen["callback_state_matches"] = query.get("state") == [state]
seen["callback_iss"] = query.get("iss", [None])[0]

token = client.fetch_token(
    metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier, state=state)
seen["token_type"] = token["token_type"]
seen["scope"] = token.get("scope")
seen["has_refresh_token"] = bool(token.get("refresh_token"))

me = client.get(base + "/users/me")
seen["me_status"] = me.status_code
seen["me_email"] = me.json().get("email") if me.ok else None

first_refresh = token["refresh_token"]
refreshed = client.refresh_token(metadata["token_endpoint"])
seen["refresh_rotated"] = refreshed["refresh_token"] != first_refresh
seen["me_after_refresh_status"] = client.get(base + "/users/me").status_code

revoked = client.revoke_token(
    metadata["revocation_endpoint"], token=refreshed["refresh_token"], token_type_hint="refresh_token")
seen["revoke_status"] = revoked.status_code

try:
    client.refresh_token(metadata["token_endpoint"], refresh_token=refreshed["refresh_token"])
    seen["refresh_after_revoke"] = "accepted"
except OAuthError as error:
    seen["refresh_after_revoke"] = error.error

print(json.dumps(seen))
