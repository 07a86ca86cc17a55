"""Request and response rules for every page: bad parameters refused, sessions with an absolute
age, and pages about people never kept in a browser's or a proxy's cache."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# An idle session's expiry is pushed back at most this often, not on every request: each
# renewal is a database write.
RENEW_EVERY_SECONDS = 60


def refuse_null_bytes(get_response):
    """A NUL byte in a query or form parameter is a 400: databases refuse it mid-query (a 500)."""

    def middleware(request):
        for query in (request.GET, request.POST):
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        "A parameter of this request contains a NUL character.",
                        content_type="text/plain",
                    )
        return get_response(request)

    return middleware


def session_ages(get_response):
    """End a session after SESSION_COOKIE_AGE seconds idle, and SESSION_ABSOLUTE_AGE seconds
    after signing in however busy (a shared computer left signed in all day).

    The idle limit slides like SESSION_SAVE_EVERY_REQUEST, saving the session (and so renewing
    its expiry and cookie) once a minute at most instead of on every request.
    """

    def middleware(request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if now - session.get(SIGNED_IN_AT, now) > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
            else:
                if SIGNED_IN_AT not in session:  # signed in before this rule existed
                    session[SIGNED_IN_AT] = now
                if now - session.get(SEEN_AT, 0) > RENEW_EVERY_SECONDS:
                    session[SEEN_AT] = now
        return get_response(request)

    return middleware


def never_cache_when_signed_in(get_response):
    """Everything a signed-in person sees may be about someone: never stored by a cache.

    A view that sets its own Cache-Control keeps it.
    """

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    return middleware


def start_session_clock(sender, request, user, **kwargs):
    """The absolute age counts from signing in (receiver of `user_logged_in`)."""
    if hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = time.time()
