"""How heavy HR's admin page of a big role is: 4 levels of 80 items (4 groups of 20 each).

On a fresh SQLite database in a temporary folder (or `--database-url`), builds the role, then
opens its admin change page as a superuser through Django's test client (production settings
apart from the database: no debug toolbar) and prints the page's size, its queries and the
median and best time of `--runs` loads, after one warm-up load. Run it on two checkouts to
compare them.

    .venv/bin/python benchmarks/admin_role_page.py [--runs 7] [--levels 4] [--items 80]
        [--save page.html]
"""

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--levels", type=int, default=4)
    parser.add_argument("--items", type=int, default=80, help="items per level (4 groups)")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--save", default="", help="write the page's HTML to this file")
    arguments = parser.parse_args()

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{folder}/page.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from tests import builders

    call_command("migrate", verbosity=0)
    codes = tuple(chr(ord("A") + n) for n in range(arguments.levels))
    role = builders.role("Big Role", levels=codes, items_per_category=arguments.items // 4)
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    url = reverse("admin:roles_role_change", args=[role.pk])

    # Static files by name, as in tests: no collectstatic manifest in a temporary folder.
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**django.conf.settings.STORAGES, "staticfiles": storage}
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        assert client.get(url).status_code == 200  # warm-up: per-process caches
        timings = []
        for _ in range(arguments.runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
    body = response.content
    if arguments.save:
        Path(arguments.save).write_bytes(body)
    items = role.levels.count() * arguments.items
    print(f"admin change page of a role with {len(codes)} levels, {items} items")
    print(f"  size: {len(body) / 1024:.0f} KiB ({len(gzip.compress(body)) / 1024:.0f} KiB gzip)")
    print(f"  queries: {len(queries)}")
    print(
        f"  time: median {statistics.median(timings) * 1000:.0f} ms, "
        f"best {min(timings) * 1000:.0f} ms of {arguments.runs}"
    )


if __name__ == "__main__":
    main()
