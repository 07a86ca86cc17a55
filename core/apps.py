from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared foundations"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import checks  # noqa: F401 - registers the deploy checks
        from core.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="core.start_session_clock")
