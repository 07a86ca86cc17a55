"""How heavy HR's admin pages of a big role are: 4 levels of 80 items (4 groups of 20 each).

Builds the role once, on a fresh SQLite database in a temporary folder, then opens as a
superuser, through Django's test client (production settings apart from the database: no debug
toolbar), the role's admin change page and its first level's, and prints each page's size, its
queries and the median and best time of `--runs` loads, after one warm-up load. A level's page
is shown only where it holds the level's groups and items (not on a checkout where the role's
page holds them all).

With `--against` another checkout (say /work/main), that checkout's pages are loaded too, on a
copy of the same database, in turns with this one's (each checkout's pages once, then the
other's), so that both meet the same load on the machine; the figures are printed side by side.
Both run with this checkout's Python environment.

    .venv/bin/python benchmarks/admin_role_page.py [--runs 7] [--levels 4] [--items 80]
        [--against /work/main]
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TITLE = "Big Role"


def setup_django(tree: Path, database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(tree))
    import django

    django.setup()


def build(database: str, levels: int, items: int) -> None:
    """The big role and a superuser, made with this checkout's code."""
    setup_django(PROJECT, database)
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from tests import builders

    call_command("migrate", verbosity=0)
    codes = tuple(chr(ord("A") + n) for n in range(levels))
    builders.role(TITLE, levels=codes, items_per_category=items // 4)
    User.objects.create_superuser("root", "root@example.org", "x")
    connection.close()  # all written to the file (from SQLite's log too), for it to be copied


def worker(tree: Path, database: str) -> None:
    """Loads one checkout's pages once for each line read, printing one JSON line each time."""
    setup_django(tree, database)
    import django
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from roles.models import Role

    call_command("migrate", verbosity=0)  # a checkout with migrations of its own
    role = Role.objects.get(title=TITLE)
    level = role.levels.order_by("order").first()
    client = Client()
    client.force_login(User.objects.get(username="root"))
    pages = {
        "role page": reverse("admin:roles_role_change", args=[role.pk]),
        f"{level} page": reverse("admin:roles_level_change", args=[level.pk]),
    }
    # Static files by name, as in tests: no collectstatic manifest in a temporary folder.
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**django.conf.settings.STORAGES, "staticfiles": storage}
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        for name, url in list(pages.items()):
            response = client.get(url)  # warm-up: per-process caches
            assert response.status_code == 200, (name, response.status_code)
            if name != "role page" and b"requirement_groups-TOTAL_FORMS" not in response.content:
                del pages[name]  # a level's page without its items: not what HR edits them on
        print(json.dumps(list(pages)), flush=True)
        for _ in sys.stdin:
            found = {}
            for name, url in pages.items():
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    body = client.get(url).content
                    seconds = time.perf_counter() - start
                found[name] = [seconds, len(queries), len(body), len(gzip.compress(body))]
            print(json.dumps(found), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--levels", type=int, default=4)
    parser.add_argument("--items", type=int, default=80, help="items per level (4 groups)")
    parser.add_argument("--against", default="", help="another checkout, loaded in turns")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(Path(arguments.worker[0]), arguments.worker[1])
        return

    folder = Path(tempfile.mkdtemp())
    trees = {"this checkout": PROJECT}
    if arguments.against:
        trees = {str(Path(arguments.against).resolve()): Path(arguments.against), **trees}
    build(str(folder / "this.sqlite3"), arguments.levels, arguments.items)
    workers = {}
    for n, (label, tree) in enumerate(trees.items()):
        database = folder / f"{n}.sqlite3"
        shutil.copy(folder / "this.sqlite3", database)
        workers[label] = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(tree.resolve()), str(database)],
            cwd=tree,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
    pages = {label: json.loads(process.stdout.readline()) for label, process in workers.items()}
    loads = {(label, page): [] for label in workers for page in pages[label]}
    for _ in range(arguments.runs):
        for label, process in workers.items():
            process.stdin.write("run\n")
            process.stdin.flush()
            for page, figures in json.loads(process.stdout.readline()).items():
                loads[label, page].append(figures)
    for process in workers.values():
        process.stdin.close()
        process.wait()

    items = arguments.levels * arguments.items
    print(
        f"admin pages of a role with {arguments.levels} levels, {items} items; "
        f"{arguments.runs} loads of each, checkouts in turns"
    )
    print(
        f"{'checkout':<28} {'page':<16} {'KiB':>6} {'gzip':>5} {'queries':>8} {'median ms':>10}"
        f" {'best ms':>8}"
    )
    for (label, page), figures in loads.items():
        seconds = [f[0] for f in figures]
        _, queries, size, zipped = figures[-1]
        print(
            f"{label:<28} {page:<16} {size / 1024:>6.0f} {zipped / 1024:>5.0f} {queries:>8} "
            f"{statistics.median(seconds) * 1000:>10.0f} {min(seconds) * 1000:>8.0f}"
        )
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
