"""Send the review cycles' reminders that are due: for a daily timer (cron, systemd)."""

from django.core.management.base import BaseCommand

from reviews.cycles import reminders_send


class Command(BaseCommand):
    help = "Send every review-cycle reminder that is due and not yet sent (safe to run often)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
