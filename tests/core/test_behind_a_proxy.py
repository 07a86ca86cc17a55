"""Behind a proxy that ends TLS: signing in works, and only when the proxy is trusted."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders

PROXIED = {"X-Forwarded-Proto": "https", "Origin": "https://roles.example.com"}


@pytest.fixture
def proxied_site(settings):
    settings.ALLOWED_HOSTS = ["roles.example.com"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True


def sign_in(client: Client):
    page = client.get(reverse("login"), headers=PROXIED, HTTP_HOST="roles.example.com")
    token = page.cookies["csrftoken"].value
    return client.post(
        reverse("login"),
        {"username": "employee", "password": builders.PASSWORD, "csrfmiddlewaretoken": token},
        headers={**PROXIED, "Referer": "https://roles.example.com/accounts/login/"},
        HTTP_HOST="roles.example.com",
    )


def test_signing_in_through_the_tls_proxy_works(proxied_site, employee):
    response = sign_in(Client(enforce_csrf_checks=True))

    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"]


def test_without_trusting_the_proxy_the_site_insists_on_https(settings, proxied_site, employee):
    settings.SECURE_PROXY_SSL_HEADER = None

    response = Client().get(reverse("login"), headers=PROXIED, HTTP_HOST="roles.example.com")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")
