"""gunicorn for production (`make serve`): `gunicorn -c config/gunicorn.py config.wsgi`."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two per core is gunicorn's advice; PDFs are CPU-bound, so more rarely helps.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A PDF of a large role takes a few seconds; anything near this is a bug to look at.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# One line per request on stdout, key=value, with the id our middleware set, so a request's
# access line and its application log lines can be found together.
accesslog = "-"
access_log_format = (
    'access method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s duration_ms=%(M)s '
    'request_id=%({x-request-id}o)s remote=%(h)s user_agent="%(a)s"'
)
# Behind a proxy on the same machine or network: let it pass the client's scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
