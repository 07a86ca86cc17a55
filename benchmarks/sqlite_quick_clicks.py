"""Quick clicks on the SQLite demo: do concurrent workflow-like writes fail "database is locked"?

Several threads (runserver's request threads, the task worker) each run transactions shaped
like a workflow step: read, then write. With SQLite's default deferred transactions, two
readers that both go on to write cannot both upgrade their lock, and one fails at once
whatever the timeout; the demo's settings (IMMEDIATE transactions, WAL, a busy timeout) make
them queue instead. `--plain` runs the same with SQLite's defaults, to compare.

    .venv/bin/python benchmarks/sqlite_quick_clicks.py [--threads 8] [--steps 25] [--plain]
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--plain", action="store_true", help="SQLite's defaults, for comparison")
    arguments = parser.parse_args()

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/clicks.sqlite3"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import OperationalError, connection, connections, transaction
    from django.utils import timezone

    if arguments.plain:
        connections.settings["default"]["OPTIONS"] = {}
    call_command("migrate", verbosity=0)
    connection.close()

    failures: list[str] = []
    done = []

    def clicks(worker: int) -> None:
        for step in range(arguments.steps):
            try:
                with transaction.atomic():
                    Session.objects.filter(session_key__startswith="k").count()
                    time.sleep(0.002)  # the rest of the request's reads
                    Session.objects.update_or_create(
                        session_key=f"k{worker}-{step}",
                        defaults={"session_data": "x", "expire_date": timezone.now()},
                    )
                done.append(1)
            except OperationalError as error:
                failures.append(str(error))
        connections.close_all()

    threads = [threading.Thread(target=clicks, args=(n,)) for n in range(arguments.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = arguments.threads * arguments.steps
    mode = "SQLite defaults" if arguments.plain else "demo settings (WAL, IMMEDIATE, timeout)"
    print(f"{mode}: {len(done)}/{total} steps saved, {len(failures)} failed, {elapsed:.1f} s")
    for message in sorted(set(failures)):
        print(f"  {failures.count(message)} x {message}")


if __name__ == "__main__":
    main()
