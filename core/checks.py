"""Deploy checks for mistakes Django's own do not catch and that fail quietly in production."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}


@register(Tags.security, deploy=True)
def check_production_addresses(app_configs, **kwargs):
    problems = []
    if not settings.ALLOWED_HOSTS:
        problems.append(
            Warning(
                "ALLOWED_HOSTS is empty, so every request will be refused with 400 Bad Request.",
                hint="Set ALLOWED_HOSTS to the site's host name, e.g. roles.example.com.",
                id="core.W001",
            )
        )
    if urlsplit(settings.SITE_URL).hostname in LOOPBACK:
        problems.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in emails would point at the "
                "reader's own computer.",
                hint="Set SITE_URL to the address people open the site at.",
                id="core.W002",
            )
        )
    return problems
