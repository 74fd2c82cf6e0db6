"""The user's part of the authorization-code flow, as a browser does it: follow the service's
redirects, fill in the /login page's form (keeping its hidden fields, the antiforgery token among
them) and stop at the redirect to the client. Shared by the client scripts; not a client itself."""
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests


class _LoginForm(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None and (attrs.get("method") or "").lower() == "post":
            self.action = attrs.get("action") or ""
            self._in_form = True
        elif tag == "input" and self._in_form and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def authorize(authorization_url, redirect_uri, username, password):
    """Returns (the URL the service redirected the browser to at the client, where the login form was posted;
    None when a session made the form unnecessary)."""
    browser = requests.Session()
    browser.headers["Accept"] = "text/html"

    def follow(response):
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(redirect_uri):
                return location
            response = browser.get(location, allow_redirects=False)
        return response

    result = follow(browser.get(authorization_url, allow_redirects=False))
    if isinstance(result, str):
        return result, None

    if result.status_code != 200:
        raise SystemExit(f"expected the login page, got {result.status_code} at {result.url}: {result.text[:500]}")
    form = _LoginForm()
    form.feed(result.text)
    if form.action is None:
        raise SystemExit(f"no form on {result.url}")
    data = dict(form.fields)
    data["username"] = username
    data["password"] = password
    posted_to = urljoin(result.url, form.action)
    result = follow(browser.post(posted_to, data=data, allow_redirects=False))
    if not isinstance(result, str):
        raise SystemExit(f"the login did not lead back to the client: {result.status_code} at {result.url}: {result.text[:500]}")
    return result, posted_to
