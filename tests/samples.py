"""The real role profiles in ../shared/samples, which tests may read.

The folder sits beside the project (or one folder further up, beside a worktree's parent).
A fresh clone without it skips the tests that read it, saying why, instead of failing to
collect; CI has the folder, so there they run (and CI fails on any skipped test).
Set ROLE_PROFILES_SAMPLES to use another folder, or a missing one to see the skips.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

ENVIRONMENT_VARIABLE = "ROLE_PROFILES_SAMPLES"


def find_folder(start: Path | None = None) -> Path | None:
    """The samples folder, or None when there is none to read."""
    if named := os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(named) if Path(named).is_dir() else None
    start = Path(settings.BASE_DIR) if start is None else start
    return next(
        (
            folder / "shared" / "samples"
            for folder in start.parents
            if (folder / "shared" / "samples").is_dir()
        ),
        None,
    )


FOLDER = find_folder()
REASON = (
    "needs the real role profiles in ../shared/samples beside the project, which this "
    f"checkout does not have (or set {ENVIRONMENT_VARIABLE} to their folder)"
)

# For tests (or a whole module, as pytestmark) that read a sample file.
needs_samples = pytest.mark.skipif(FOLDER is None, reason=REASON)


def sample(name: str) -> Path:
    """The path of one sample file; it exists only when FOLDER is found (see needs_samples)."""
    return (FOLDER or Path("shared-samples-not-found")) / name
