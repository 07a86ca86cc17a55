"""python manage.py import_role_profiles FILE [--dry-run]: load role profiles from a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roles.transfer.importing import check_size, parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem


class Command(BaseCommand):
    help = (
        "Import role profiles from a career-grade table (.tsv, .csv, .xlsx) or a JSON file. "
        "All or nothing: any problem leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created, changed and removed, and save nothing.",
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            check_size(name=path.name, size=path.stat().st_size)
            parsed = parse_file(name=path.name, data=path.read_bytes())
            report = role_profiles_import(parsed=parsed, dry_run=dry_run)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        for line in report.lines():
            self.stdout.write(line)
