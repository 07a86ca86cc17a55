"""python manage.py export_role_profiles --format json|xlsx|tsv [--output FILE] [--role TITLE]."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roles.models import Role
from roles.transfer.exporting import FORMATS, export_roles, roles_for_export


class Command(BaseCommand):
    help = "Export role profiles as JSON or as a career-grade table (.xlsx or .tsv)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, required=True, dest="file_format")
        parser.add_argument("--output", help="File to write; standard output if left out.")
        parser.add_argument("--role", help="Only roles with this exact title.")

    def handle(self, *args, file_format, output, role, **options):
        roles = roles_for_export(Role.objects.all(), title=role)
        if role and not roles.exists():
            raise CommandError(f'There is no role titled "{role}".')
        data = export_roles(roles, file_format=file_format)
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Wrote {len(roles)} roles to {output}.")
        elif file_format == "xlsx" and sys.stdout.isatty():
            raise CommandError("An .xlsx file cannot be shown on screen; give --output FILE.")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(data)
