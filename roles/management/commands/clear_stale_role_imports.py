"""Forget role-profile readings nobody has touched for PENDING_ROLE_IMPORT_DAYS days: for a
daily timer (cron, systemd)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from roles.transfer.document_import import pending_imports_clear_stale


class Command(BaseCommand):
    help = (
        "Clear the role-profile readings waiting in the admin that nobody has touched for "
        "PENDING_ROLE_IMPORT_DAYS days (nothing of them was saved; safe to run often)."
    )

    def handle(self, *args, **options):
        cleared = pending_imports_clear_stale()
        self.stdout.write(
            f"{cleared} reading{'s' if cleared != 1 else ''} untouched for "
            f"{settings.PENDING_ROLE_IMPORT_DAYS} days cleared."
        )
