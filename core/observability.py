"""One JSON line per log event on stdout, each tagged with the request's id and user."""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.utils.log import AdminEmailHandler

# Set by RequestIdMiddleware for the length of one request; "-" outside requests
# (commands, the task worker).
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
user_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("user_id", default="-")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept so one id follows the request through every log; anything odd
# (too long, odd characters) is replaced, since it ends up in our logs verbatim.
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _ACCEPTABLE_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        # The user is read lazily: authentication runs after this middleware.
        user_token = user_id_var.set("-")
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)
        response[REQUEST_ID_HEADER] = request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # By now AuthenticationMiddleware has run; the id is what a log reader looks up.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(str(user.pk))
        return None


class ContextFilter(logging.Filter):
    """Puts the current request's id and user on every record, whoever logs it."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs 4xx responses after the middleware has returned, so the request the
        # record carries is asked first. Its user is used only if already loaded: logging
        # must not query the database (which may be what failed).
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated:
            record.user_id = str(user.pk)
        else:
            record.user_id = user_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON per event, so a log collector can search by field; the traceback
    of an error is a field of that line, not lines of its own."""

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "user_id": getattr(record, "user_id", user_id_var.get()),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            event["status"] = status
        if record.exc_info:
            event["traceback"] = self.formatException(record.exc_info)
        return json.dumps(event, default=str)


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access lines as the same JSON events, one field per detail of the request
    (gunicorn passes them as the record's arguments), with the id our middleware returned."""

    def format(self, record: logging.LogRecord) -> str:
        atoms = record.args if isinstance(record.args, dict) else {}
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}",
            "request_id": atoms.get("{x-request-id}o", "-"),
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
            "bytes": atoms.get("B"),
            "duration_ms": atoms.get("M"),
            "remote": atoms.get("h"),
            "user_agent": atoms.get("a"),
        }
        return json.dumps(event, default=str)


class QueuedAdminEmailHandler(AdminEmailHandler):
    """Error reports to ADMINS go through the task queue: sent from the request, a mail
    server that is down would hold every error page for the whole SMTP timeout."""

    def send_mail(self, subject, message, *args, **kwargs):
        if not settings.ADMINS:
            return
        from core.emails import mail_admins_later

        try:
            mail_admins_later.enqueue(subject, message)
        except Exception:
            # The database may be what failed; the error's log line has the traceback anyway.
            logging.getLogger(__name__).warning("Error report for ADMINS not queued", exc_info=True)
