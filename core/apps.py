from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "Shared foundations"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import checks  # noqa: F401 - registers the deploy checks
        from core.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="core.start_session_clock")


class HRAdminConfig(admin_apps.AdminConfig):
    """Django's admin on HR's site (core.admin_site), so autocompletes name what they find."""

    default = False
    default_site = "core.admin_site.HRAdminSite"
