"""Error pages in the site's look and the users' words."""

import pytest
from django.test import Client
from django.urls import path, reverse

import config.urls


def broken_page(request):
    raise RuntimeError("the flux capacitor is empty")


urlpatterns = [path("broken/", broken_page), *config.urls.urlpatterns]


def test_refused_page_says_why_in_the_site_look(login, employee):
    response = login(employee).get(reverse("staff:team"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "This page is not available to you" in page
    assert "The team page is for line managers." in page
    # The site's navigation, so the person can carry on.
    assert reverse("staff:my_profile") in page


def test_missing_page_is_in_the_site_look(login, employee):
    response = login(employee).get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert reverse("staff:my_profile") in page


@pytest.mark.urls(__name__)
def test_server_error_page_needs_no_database(client, db, django_assert_num_queries):
    client.raise_request_exception = False

    with django_assert_num_queries(0):
        response = client.get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "vendor/bootstrap/bootstrap.min.css" in page
    assert "flux capacitor" not in page


def test_stale_form_gets_a_plain_explanation_not_csrf_jargon(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "hr", "password": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try again" in page
    assert "nothing was saved" in page
    assert "CSRF" not in page
