"""manage.py import_role_profiles FILE... [--dry-run] [--update TITLE]: load role profiles."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles.transfer import documents
from roles.transfer.importing import check_size, parse_file, role_profiles_import
from roles.transfer.parsed import ImportProblem, ParsedFile
from roles.transfer.role_choice import role_to_update


class Command(BaseCommand):
    help = (
        "Import role profiles: career-grade tables (.tsv, .csv, .xlsx), JSON, or the documents "
        "HR writes (.docx, .pdf, .html, .txt, .md), each document as a new draft role. "
        "All or nothing: any problem in any file leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="The files to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the structure found in each document and what would be created, "
            "changed and removed, and save nothing.",
        )
        parser.add_argument(
            "--update",
            metavar="TITLE",
            help="Update this existing role from the one document given, instead of creating "
            "a new draft role.",
        )

    def handle(self, *args, files, dry_run, update, **options):
        if update and len(files) != 1:
            raise CommandError("--update takes exactly one document.")
        try:
            with transaction.atomic():
                for file in files:
                    self._import(file, dry_run=dry_run, update=update)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None

    def _import(self, file: str, *, dry_run: bool, update: str | None) -> None:
        path = Path(file)
        if not path.is_file():
            raise ImportProblem("no such file.", file=file)
        check_size(name=path.name, size=path.stat().st_size)
        data = path.read_bytes()
        if documents.is_document(path.name, data):
            parsed, outlines = documents.parse_document(name=path.name, data=data)
            if dry_run:
                for outline in outlines:
                    for line in outline.describe():
                        self.stdout.write(line)
            role_to_update(parsed, title=update)
        elif update:
            raise ImportProblem("--update works with documents only.", file=path.name)
        else:
            parsed: ParsedFile = parse_file(name=path.name, data=data)
        report = role_profiles_import(parsed=parsed, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
