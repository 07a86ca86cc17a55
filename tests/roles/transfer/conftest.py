"""What the import tests start from: a catalogue that a refused file must leave as it was."""

import pytest

from tests import builders
from tests.roles.transfer.refusals import database_state


@pytest.fixture
def existing_catalogue(db):
    builders.role("Insurance Officer", items_per_category=2)
    return database_state()
