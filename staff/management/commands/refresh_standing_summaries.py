"""Bring the stored summaries of standings (HR's dashboard counts them) up to date."""

import time

from django.core.management.base import BaseCommand

from staff.summaries import refresh_out_of_date


class Command(BaseCommand):
    help = (
        "Write the stored summary of everyone's standing that is missing or out of date "
        "(a role edited, a scheduled level change come into force); --all rewrites everyone's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everyone", help="Rewrite everyone's summary."
        )

    def handle(self, *args, everyone, **options):
        started = time.monotonic()
        written = refresh_out_of_date(everyone=everyone)
        self.stdout.write(
            f"{written:,} standing summar{'y' if written == 1 else 'ies'} written "
            f"in {time.monotonic() - started:.0f} s."
        )
