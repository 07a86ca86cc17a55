"""Drives the running production server like a browser behind a TLS proxy.

Usage (from production_smoke.sh): production_smoke.py BASE_URL DEMO_PASSWORD.

Cookies are handled by hand: they are Secure, and the proxy's HTTPS is only a header here.
"""

import http.client
import re
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

BASE, DEMO_PASSWORD = sys.argv[1], sys.argv[2]
HOST = urlsplit(BASE).netloc
ORIGIN = f"https://{HOST}"
cookies: dict[str, str] = {}


def fetch(method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection(HOST, timeout=15)
    headers = {"X-Forwarded-Proto": "https", "Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    data = None
    if body is not None:
        data = urlencode(body)
        headers |= {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": ORIGIN,
            "Referer": ORIGIN + path,
        }
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.headers), text


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        sys.exit(1)


for _ in range(40):  # gunicorn needs a moment to start its workers
    try:
        fetch("GET", "/health/")
        break
    except OSError:
        time.sleep(0.5)

status, headers, text = fetch("GET", "/health/")
check(status == 200 and '"status": "ok"' in text, f"health check answers 200: {text}")

connection = http.client.HTTPConnection(HOST, timeout=15)
connection.request("GET", "/accounts/login/", headers={"Host": HOST})
plain = connection.getresponse()
check(plain.status == 301, "plain HTTP is redirected to HTTPS")
connection.close()

status, headers, text = fetch("GET", "/accounts/login/")
check(status == 200 and "Sign in" in text, "sign-in page")
check("Strict-Transport-Security" in headers, "HSTS header is sent")
check(bool(headers.get("X-Request-ID")), "request id header is sent")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
check(token is not None and "csrftoken" in cookies, "CSRF token in the form and cookie")

status, headers, _ = fetch(
    "POST",
    "/accounts/login/",
    {"username": "employee", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token[1]},
)
check(status == 302 and "sessionid" in cookies, f"signing in through the proxy (got {status})")

status, _, text = fetch("GET", "/staff/me/")
check(status == 200 and "Sign out" in text, "a signed-in page (my profile)")

stylesheet = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]+\.css)"', text)
check(stylesheet is not None, "pages link the hashed stylesheet")
status, headers, text = fetch("GET", stylesheet[1])
check(status == 200 and headers.get("Content-Type", "").startswith("text/css"), "static file")
check("immutable" in headers.get("Cache-Control", ""), "hashed static files are cached for ever")

status, _, text = fetch("GET", "/no-such-page/")
check(status == 404 and "Page not found" in text, "404 page in the site's look")
