"""Run the real task worker (`manage.py db_worker`) over the jobs queued so far, then stop."""

from django.core.management import call_command


def run_db_worker(monkeypatch) -> None:
    # The worker closes connections it thinks are stale; inside a test's transaction (not in
    # autocommit) that would close PostgreSQL's connection under the test. Nothing is stale here.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", batch=True, interval=0, verbosity=0)
