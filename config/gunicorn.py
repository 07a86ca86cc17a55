"""gunicorn for production (`make serve`): `gunicorn -c config/gunicorn.py config.wsgi`."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two per core is gunicorn's advice; PDFs are CPU-bound, so more rarely helps.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A PDF of a large role takes a few seconds; anything near this is a bug to look at.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# gunicorn's own lines and one line per request on stdout, as the same JSON events as the
# app's (core.observability), the request's id included, so a request's access line and its
# application log lines can be found together.
accesslog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.observability.JsonFormatter"},
        "access": {"()": "core.observability.AccessJsonFormatter"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
        },
    },
    # Replaces gunicorn's defaults as a whole, the root logger's included.
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
# Behind a proxy on the same machine or network: let it pass the client's scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
