"""What a refused import must leave as it was, and how the command is asked to import a file."""

import pytest
from django.core.management import CommandError, call_command

from roles.models import Level, RequirementItem, Role


def database_state():
    return (
        list(Role.objects.order_by("pk").values()),
        list(Level.objects.order_by("pk").values()),
        list(RequirementItem.objects.order_by("pk").values()),
    )


def refused(tmp_path, name: str, data: bytes) -> str:
    """Write the file, import it on the command line, and return the refusal's message."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as error:
        call_command("import_role_profiles", str(path))
    return str(error.value)
