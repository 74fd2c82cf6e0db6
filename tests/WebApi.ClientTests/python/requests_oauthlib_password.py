"""requests-oauthlib (python3-requests-oauthlib), unmodified: the password grant (its
LegacyApplicationClient, which sends the client id in Basic auth with an empty secret), /users/me,
then a refresh. Prints what it saw."""
import json
import sys

from oauthlib.oauth2 import LegacyApplicationClient
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session

base, client_id, username, password = sys.argv[1:5]
seen = {}

session = OAuth2Session(client=LegacyApplicationClient(client_id=client_id))
token = session.fetch_token(base + "/token", username=username, password=password, client_id=client_id)
seen["token_type"] = token["token_type"]
seen["has_refresh_token"] = bool(token.get("refresh_token"))
seen["me_status"] = session.get(base + "/users/me").status_code

first_refresh = token["refresh_token"]
refreshed = session.refresh_token(base + "/token", auth=HTTPBasicAuth(client_id, ""))
seen["refresh_rotated"] = refreshed["refresh_token"] != first_refresh
seen["access_changed"] = refreshed["access_token"] != token["access_token"]
seen["me_after_refresh_status"] = session.get(base + "/users/me").status_code

print(json.dumps(seen))
