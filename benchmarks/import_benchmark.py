"""How fast a big career-grade table imports: roles per second and peak memory; and with
--pages, what HR's admin upload costs the web server.

Generates a table of 1,000 roles with 3 levels of about 30 items each (in the converter's shape:
`•` items, `○` sub-points, a page break per role), imports it into a throwaway SQLite database
(or DATABASE_URL if set), and prints the figures. The target is the whole file in under 30 s.

With --pages it instead uploads the file on the admin's import page (Django's test client, the
task queue in the database) and prints each request's time and size: the upload, the progress
page, then, after the task worker's run (timed apart), the preview and one role's details. Give
--project another checkout (main, before a change) to measure its pages with the same file: a
synchronous upload answers with the whole preview.

    .venv/bin/python benchmarks/import_benchmark.py [--roles 1000] [--items 30]
    .venv/bin/python benchmarks/import_benchmark.py --pages [--project /work/main]
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CATEGORIES = ["Qualifications", "Knowledge", "Experience", "Skills"]
WORDS = [
    "manage",
    "support",
    "deliver",
    "review",
    "claims",
    "cases",
    "records",
    "budgets",
    "teams",
    "customers",
    "policy",
    "systems",
    "reports",
    "partners",
    "guidance",
    "training",
    "accounts",
    "risk",
    "quality",
    "service",
    "data",
]


def sentence(rng: random.Random) -> str:
    return "Able to " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))


def level_cell(rng: random.Random, category: str, count: int) -> str:
    items = []
    for n in range(count):
        item = f"• {sentence(rng)} {n}"
        if n % 10 == 9:
            item += ' including: <ul style="list-style-type: none"> ' + " ".join(
                f"○ {rng.choice(WORDS).title()} {k}" for k in range(4)
            )
        items.append(item)
    return f'<p>{category}</p> <ul style="list-style-type: none"> ' + " ".join(items)


def generate_table(roles: int, items_per_level: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    header = ["Job Title", "Range", "Duties"] + [
        f"Level {code} ({name})"
        for code, name in [("A", "Developing"), ("B", "Practising"), ("C", "Accomplished")]
    ]
    lines = ["\t".join(header)]
    per_category = max(1, items_per_level // len(CATEGORIES))
    for number in range(1, roles + 1):
        duties = f"<p>{sentence(rng)}.</p>"
        intro = ["Required for this level", "In addition to level A", "In addition to A and B"]
        lines.append(
            "\t".join([f"Benchmark Role {number:04d}", f"Band {number % 9 + 1}", duties, *intro])
        )
        for category in CATEGORIES:
            cells = [level_cell(rng, category, per_category) for _ in range(3)]
            lines.append("\t".join(["", "", "", *cells]))
        # A page break: the last category goes on in a row with no heading.
        lines.append("")
        more = [f'<ul style="list-style-type: none"> • {sentence(rng)}' for _ in range(3)]
        lines.append("\t".join(["", "", "", *more]))
    lines.append("--\t--\t--\t--\t--\t--")
    return ("\n".join(lines) + "\n").encode("utf-8")


def timed(label: str, request):
    started = time.perf_counter()
    response = request()
    took = time.perf_counter() - started
    size = len(response.content) / 1024
    print(f"{label:<36} {response.status_code}  {took * 1000:>8.0f} ms  {size:>9.0f} kB")
    return response


def json_file(roles: int, items: int, seed: int = 1) -> bytes:
    """The same shape of roles as a JSON file (docs/role-profile-json.md): a table of 1,000
    roles is past a table's row limit."""
    import json

    rng = random.Random(seed)
    per_category = max(1, items // len(CATEGORIES))
    levels = [("A", "Developing"), ("B", "Practising"), ("C", "Accomplished")]
    return json.dumps(
        {
            "format": "role-profiles",
            "version": 2,
            "roles": [
                {
                    "title": f"Benchmark Role {number:04d}",
                    "grade": f"Band {number % 9 + 1}",
                    "duties_html": f"<p>{sentence(rng)}.</p>",
                    "levels": [
                        {
                            "code": code,
                            "name": name,
                            "requirements": [
                                {
                                    "category": category,
                                    "text": f"{sentence(rng)} {n}",
                                    "essential": True,
                                    "sub_points": [
                                        f"{rng.choice(WORDS).title()} {k}" for k in range(4)
                                    ]
                                    if n % 10 == 9
                                    else [],
                                }
                                for category in CATEGORIES
                                for n in range(per_category)
                            ],
                        }
                        for code, name in levels
                    ],
                }
                for number in range(1, roles + 1)
            ],
        }
    ).encode("utf-8")


def pages(data: bytes) -> None:
    """The admin upload as HR uses it, request by request."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.MAX_UPLOAD_SIZE = max(settings.MAX_UPLOAD_SIZE, len(data))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    hr = User.objects.create_superuser("bench-hr", password="x")
    client = Client()
    client.force_login(hr)
    url = "/admin/roles/role/import-profiles/"
    print(f"{'request':<36} status  {'time':>11}  {'size':>12}")
    client.get(url)  # the first request loads the URLs, admin and templates: not counted
    timed("upload page (GET)", lambda: client.get(url))
    # The test client's own work on a 10 MB body, for comparison: a view that never reads it.
    upload = SimpleUploadedFile("benchmark.json", data)
    timed("the same POST to a 405 (body unread)", lambda: client.post("/health/", {"file": upload}))
    upload = SimpleUploadedFile("benchmark.json", data)
    response = timed("upload (POST)", lambda: client.post(url, {"file": upload}))
    if response.status_code != 302:
        return  # a synchronous upload: its answer was the whole preview
    job = response["Location"]
    timed("progress page", lambda: client.get(job))
    started = time.perf_counter()
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    print(
        f"{'task worker: read, dry run, layout':<36}      {time.perf_counter() - started:>8.1f} s"
    )
    from core.models import BackgroundJob

    finished = BackgroundJob.objects.get()
    print(f"{'':<36} the job: {finished.get_status_display()} {finished.message}")
    timed("preview page (summary, page 1)", lambda: client.get(job))
    timed("one role's details", lambda: client.get(f"{job}role/0/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--items", type=int, default=30, help="items per level, about")
    parser.add_argument("--pages", action="store_true", help="time the admin upload's pages")
    parser.add_argument("--project", default=str(PROJECT), help="the checkout to measure")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="import-benchmark-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/benchmark.sqlite3")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    os.environ["TASKS_BACKEND"] = "database"
    os.chdir(args.project)
    sys.path.insert(0, args.project)
    import django

    django.setup()
    from django.core.management import call_command

    from roles.models import RequirementItem
    from roles.transfer.importing import parse_file, role_profiles_import

    call_command("migrate", verbosity=0)
    data = generate_table(args.roles, args.items)
    print(f"Table: {args.roles} roles, {len(data) / 1024 / 1024:.1f} MB; checkout {args.project}")
    if args.pages:
        data = json_file(args.roles, args.items)
        print(f"As JSON: {len(data) / 1024 / 1024:.1f} MB")
        pages(data)
        return

    started = time.perf_counter()
    parsed = parse_file(name="benchmark.tsv", data=data)
    parsed_at = time.perf_counter()
    report = role_profiles_import(parsed=parsed, dry_run=False)
    finished = time.perf_counter()

    total = finished - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Parsed in {parsed_at - started:.1f} s, saved in {finished - parsed_at:.1f} s")
    print(f"Roles created: {report.count('created')}; items: {RequirementItem.objects.count()}")
    print(f"Whole file: {total:.1f} s, {args.roles / total:.0f} roles/s")
    print(f"Peak memory (max RSS of this process): {peak_mb:.0f} MB")
    print("Target: under 30 s." + (" Met." if total < 30 else " NOT met."))

    started = time.perf_counter()
    report = role_profiles_import(parsed=parse_file(name="benchmark.tsv", data=data), dry_run=False)
    again = time.perf_counter() - started
    print(f"Importing the same file again: {again:.1f} s, {report.count('unchanged')} unchanged")


if __name__ == "__main__":
    main()
