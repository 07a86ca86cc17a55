"""Generate a made-up organisation of a given size into an empty database, for `make bench`."""

import time

from django.core.management.base import BaseCommand

from staff.synthetic import organisation_generate


class Command(BaseCommand):
    help = (
        "Generate an organisation of --staff people (management tree, roles, assessments in "
        "every state, evidence, self-ratings, level history) into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=500, help="How many people (default 500).")
        parser.add_argument("--seed", type=int, default=14, help="Random seed (default 14).")

    def handle(self, *args, staff, seed, **options):
        started = time.monotonic()
        counts = organisation_generate(staff=staff, seed=seed)
        for name, count in counts.items():
            self.stdout.write(f"{count:>9,} {name}")
        self.stdout.write(f"Generated in {time.monotonic() - started:.0f} s.")
