"""Settings come from the environment and refuse a bad value with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-that-is-fifty-characters-or-more-xx",
    "ALLOWED_HOSTS": "roles.example.com",
    "DATABASE_URL": "postgres://roles:secret@db.internal:5432/roles",
    "SITE_URL": "https://roles.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://roles.example.com",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "EMAIL_HOST": "smtp.example.com",
    "EMAIL_PORT": "587",
    "EMAIL_USE_TLS": "true",
    "ADMINS": "Ann Lee <ann@example.com>, ops@example.com",
}

SHOW = (
    "from django.conf import settings; import django; django.setup(); "
    "print(repr({name: getattr(settings, name, None) for name in %r}))"
)


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The test run's own variables (the browser tests' async switch among them) stay behind.
    leave_out = {*PRODUCTION, "EMAIL_USE_SSL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in leave_out}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_under(env: dict[str, str], *names: str) -> dict:
    result = run_python(SHOW % (names,), env)
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - our own repr of plain values


def refusal(env: dict[str, str]) -> str:
    result = run_python("import config.settings", env)
    assert result.returncode != 0, "settings accepted a bad value"
    return result.stderr.strip().splitlines()[-1]


def test_production_environment_reaches_the_settings():
    values = settings_under(
        PRODUCTION,
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        "ADMINS",
    )
    assert values == {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "CSRF_TRUSTED_ORIGINS": ["https://roles.example.com"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "ADMINS": [("Ann Lee", "ann@example.com"), ("ops@example.com", "ops@example.com")],
    }


def test_postgres_connections_are_kept_and_health_checked():
    database = settings_under({**PRODUCTION, "CONN_MAX_AGE": "300"}, "DATABASES")["DATABASES"]
    assert database["default"]["CONN_MAX_AGE"] == 300
    assert database["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_sqlite_demo_waits_for_the_write_lock_instead_of_failing():
    database = settings_under({"DEBUG": "true"}, "DATABASES")["DATABASES"]["default"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] >= 5


def test_the_proxy_header_is_not_trusted_unless_asked_for():
    values = settings_under({"DEBUG": "true"}, "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE")
    assert values == {"SECURE_PROXY_SSL_HEADER": None, "SESSION_COOKIE_SECURE": False}


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("EMAIL_PORT", "smtp", "EMAIL_PORT must be a whole number, not 'smtp'"),
        ("CONN_MAX_AGE", "-1", "CONN_MAX_AGE must be 0 or more, not -1"),
        ("SECURE_HSTS_SECONDS", "1 year", "SECURE_HSTS_SECONDS must be a whole number"),
        ("EMAIL_USE_TLS", "maybe", "EMAIL_USE_TLS must be true or false, not 'maybe'"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("SITE_URL", "roles.example.com", "SITE_URL must be a full address starting with http"),
        ("ADMINS", "Ann Lee", "ADMINS must be a comma-separated list"),
        ("CSRF_TRUSTED_ORIGINS", "roles.example.com", "CSRF_TRUSTED_ORIGINS entries must start"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https", "SECURE_PROXY_SSL_HEADER must"),
        ("DATABASE_URL", "mysqlx://nowhere", "DATABASE_URL is not a database address"),
    ],
)
def test_a_bad_value_stops_the_start_with_a_message_naming_it(variable, value, message):
    assert message in refusal({**PRODUCTION, variable: value})


def test_tls_and_ssl_together_are_refused():
    assert "cannot both be true" in refusal({**PRODUCTION, "EMAIL_USE_SSL": "true"})


def test_production_refuses_to_start_without_a_secret_key():
    assert "SECRET_KEY is not set" in refusal({**PRODUCTION, "SECRET_KEY": ""})


DEPLOY_CHECK = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


def test_production_settings_pass_the_deploy_check():
    result = run_python(DEPLOY_CHECK, PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_a_deploy_warning_stops_the_start_unless_accepted_by_name():
    without_subdomains = {**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"}
    refused = run_python(DEPLOY_CHECK, without_subdomains)
    assert refused.returncode != 0
    assert "security.W005" in refused.stderr

    accepted = run_python(
        DEPLOY_CHECK, {**without_subdomains, "SILENCED_SYSTEM_CHECKS": "security.W005"}
    )
    assert accepted.returncode == 0, accepted.stderr


@pytest.mark.parametrize(
    ("variable", "value", "check"),
    [("ALLOWED_HOSTS", "", "core.W001"), ("SITE_URL", "http://localhost:8000", "core.W002")],
)
def test_the_deploy_check_catches_what_would_fail_quietly(variable, value, check):
    result = run_python(DEPLOY_CHECK, {**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert check in result.stderr
