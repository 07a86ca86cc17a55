"""A fresh clone without ../shared/samples skips the tests that read it, saying why."""

import os
import subprocess
import sys

from django.conf import settings

from tests import samples

MODULES = [
    "tests/roles/transfer/test_admin_upload.py",
    "tests/roles/transfer/test_admin_upload_browser.py",
    "tests/roles/transfer/test_import_career_grade_table.py",
]


def test_folder_is_found_beside_the_project_or_a_worktree(tmp_path, monkeypatch):
    monkeypatch.delenv(samples.ENVIRONMENT_VARIABLE, raising=False)
    (tmp_path / "shared" / "samples").mkdir(parents=True)
    project = tmp_path / "wt" / "issue" / "project"
    project.mkdir(parents=True)
    assert samples.find_folder(project) == tmp_path / "shared" / "samples"


def test_no_folder_is_none_not_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv(samples.ENVIRONMENT_VARIABLE, raising=False)
    assert samples.find_folder(tmp_path / "project") is None
    monkeypatch.setenv(samples.ENVIRONMENT_VARIABLE, str(tmp_path / "missing"))
    assert samples.find_folder() is None


def test_modules_reading_samples_collect_and_skip_with_the_reason_without_them(tmp_path):
    """Collects the three modules and runs the tests named for the sample: those reading it skip."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs"]
        + ["-k", "sample or preview or confirm or dry_run", *MODULES],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            samples.ENVIRONMENT_VARIABLE: str(tmp_path / "missing"),
            "SECRET_KEY": "x",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "StopIteration" not in output
    assert "SKIPPED" in output and "shared/samples" in output
    assert " failed" not in output and " error" not in output
