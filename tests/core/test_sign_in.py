"""Signing in is throttled, passwords are the owner's to change or reset, sessions end, and
pages about people are never cached (issue #12)."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.middleware import RENEW_EVERY_SECONDS, SEEN_AT, SIGNED_IN_AT
from tests import builders


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_a_login_is_locked_after_repeated_wrong_passwords(client, employee):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "employee", "wrong").status_code == 200
    assert sign_in(client, "employee", "wrong").status_code == 429
    response = sign_in(client, "employee", builders.PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_login_is_locked_whichever_address_the_attempts_come_from(client, employee):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "employee", "wrong", address=f"10.0.1.{n}")
    assert sign_in(client, "employee", builders.PASSWORD, "10.0.2.1").status_code == 429


def test_an_address_trying_many_logins_is_locked(client, employee, colleague):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"nobody{n}", "wrong", address="10.0.3.1")
    assert sign_in(client, "colleague", builders.PASSWORD, "10.0.3.1").status_code == 429
    # Someone else, elsewhere, still signs in.
    assert sign_in(client, "employee", builders.PASSWORD, "10.0.3.2").status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, hr):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "hr", "password": "wrong"}, REMOTE_ADDR="10.0.4.1")
    response = client.post(
        url, {"username": "hr", "password": builders.PASSWORD}, REMOTE_ADDR="10.0.4.1"
    )
    assert response.status_code == 429


def test_a_right_password_signs_in(client, employee):
    assert sign_in(client, "employee", builders.PASSWORD).status_code == 302


def test_everyone_changes_their_own_password_from_the_navigation(login, employee):
    client = login(employee)
    assert reverse("password_change") in client.get(reverse("roles:catalogue")).content.decode()
    new = "A-much-better-secret-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": builders.PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    employee.user.refresh_from_db()
    assert employee.user.check_password(new)


def test_a_forgotten_password_is_reset_by_email(client, employee):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    client.post(reverse("password_reset"), {"email": employee.user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # the token moves into the session
    new = "Chosen-by-me-2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    employee.user.refresh_from_db()
    assert employee.user.check_password(new)


def test_nobody_learns_whether_an_email_has_a_login(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and not mail.outbox


def test_a_session_ends_after_inactivity(client, employee):
    sign_in(client, "employee", builders.PASSWORD)
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("staff:my_profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_active_session_is_renewed(client, employee):
    sign_in(client, "employee", builders.PASSWORD)
    session = client.session
    session[SEEN_AT] = time.time() - RENEW_EVERY_SECONDS - 1
    session.save()
    response = client.get(reverse("staff:my_profile"))
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    renewed = Session.objects.get(session_key=client.session.session_key).expire_date
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 30


def test_a_session_ends_a_fixed_time_after_signing_in_however_busy(client, employee):
    sign_in(client, "employee", builders.PASSWORD)
    assert client.get(reverse("staff:my_profile")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_ABSOLUTE_AGE - 1
    session.save()
    response = client.get(reverse("staff:my_profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name, arg",
    [
        ("staff:my_profile", None),
        ("staff:my_print", None),
        ("staff:my_pdf", None),
        ("staff:person", "staff"),
        ("staff:assessment", "assessment"),
    ],
)
def test_pages_about_people_are_never_cached(login, manager, employee, name, arg):
    assessment = builders.assessment(employee, by=manager.user, until="submitted")
    pk = {"staff": employee.pk, "assessment": assessment.pk}.get(arg)
    who = manager if arg else employee
    response = login(who).get(reverse(name, args=[pk] if pk else []))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
