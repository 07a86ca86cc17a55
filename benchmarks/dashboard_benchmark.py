"""How fast HR's dashboard and a manager's team at a glance answer for a big organisation.

Builds 10,000 staff in 20 roles (3 levels, 36 items each) under 100 managers, half of them with
a submitted assessment of every item of their next level, in a throwaway SQLite database (or
DATABASE_URL if set), writes their stored standings as `make serve` does, then times each page
(best of 3) and counts its queries. The rows are bulk-written: this measures reading, and the
workflow's own tests cover writing.

With --generated, the organisation is instead `make bench`'s (staff/synthetic.py: 506 roles,
six management tiers, assessments in every state) on PostgreSQL (127.0.0.1:5432, user
postgres; BENCH_POSTGRES names another server), in its own database, created, migrated and
generated here (minutes for 10,000 staff; --reuse keeps one already generated), and each page
is also weighed.

    .venv/bin/python benchmarks/dashboard_benchmark.py [--staff 10000]
    .venv/bin/python benchmarks/dashboard_benchmark.py --generated [--staff 10000]
        [--database rp_dashboard_bench] [--reuse]
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def build(staff_count: int) -> None:
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from competencies.models import RequirementCategory
    from core.access import HR_GROUP_NAME
    from roles.models import JobFamily, Level, RequirementGroup, RequirementItem, Role
    from staff.models import Assessment, AssessmentItem, StaffProfile

    rng = random.Random(15)
    categories = [
        RequirementCategory.objects.create(name=name, order=n)
        for n, name in enumerate(["Qualifications", "Knowledge", "Experience", "Skills"], 1)
    ]
    families = [JobFamily.objects.create(name=f"Family {n}") for n in range(5)]
    levels_by_role = []
    for n in range(20):
        role = Role.objects.create(
            title=f"Role {n}",
            job_family=families[n % 5],
            department=f"Department {n % 4}",
            status="published",
        )
        levels = [Level.objects.create(role=role, code=c, order=i) for i, c in enumerate("ABC")]
        groups = RequirementGroup.objects.bulk_create(
            RequirementGroup(level=lv, category=cat, heading=cat.name, order=cat.order)
            for lv in levels
            for cat in categories
        )
        RequirementItem.objects.bulk_create(
            RequirementItem(
                level=g.level, group=g, order=k, text=f"{g.heading} {k} of {g.level.code}"
            )
            for g in groups
            for k in range(3)
        )
        levels_by_role.append(levels)
    items = {}
    for item in RequirementItem.objects.select_related("level", "group"):
        items.setdefault(item.level.role_id, []).append(item)

    hr = User.objects.create_user("hr", is_staff=True)
    hr.groups.add(Group.objects.get_or_create(name=HR_GROUP_NAME)[0])
    users = User.objects.bulk_create(User(username=f"u{n}") for n in range(staff_count))
    managers = StaffProfile.objects.bulk_create(
        StaffProfile(user=u, employee_number=f"M{n}", level=levels_by_role[n % 20][2])
        for n, u in enumerate(users[:100])
    )
    people = StaffProfile.objects.bulk_create(
        StaffProfile(
            user=u,
            employee_number=f"E{n}",
            level=levels_by_role[n % 20][n % 2],
            line_manager=managers[n % 100],
        )
        for n, u in enumerate(users[100:])
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            staff=p,
            assessor=managers[n % 100].user,
            target_level=levels_by_role[n % 20][n % 2 + 1],
            status="submitted",
            recommendation="progress",
        )
        for n, p in enumerate(people)
        if n % 2 == 0
    )
    AssessmentItem.objects.bulk_create(
        (
            AssessmentItem(
                assessment=a,
                requirement=item,
                order=k,
                category_name=item.group.heading,
                level_code=item.level.code,
                text=item.text,
                rating=rng.choice(["met", "met", "partly_met", "not_met"]),
            )
            for a in assessments
            for k, item in enumerate(
                i for i in items[a.target_level.role_id] if i.level.order <= a.target_level.order
            )
        ),
        batch_size=5000,
    )
    Assessment.objects.update(created_at=timezone.now())


def postgres_database(name: str, *, reuse: bool) -> bool:
    """Create the database `name` (dropped first unless `reuse`); whether it was kept."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if reuse and found:
            return True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return False


def generated_pages() -> list[tuple[str, str, str]]:
    """(who, username, url) of the pages measured in the generated organisation."""
    from staff import synthetic

    return [
        ("HR", synthetic.HR, "/dashboards/hr/"),
        ("HR", synthetic.HR, "/dashboards/hr/?department=Department+1"),
        ("a manager, 15 reports", synthetic.MANAGER, "/dashboards/team/"),
        ("HR", synthetic.HR, "/"),
    ]


def timed(client, url: str) -> tuple[float, int, int]:
    """The best of three times (ms), the queries and the size (bytes) of the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return best * 1000, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--generated", action="store_true", help="make bench's organisation")
    parser.add_argument("--database", default="rp_dashboard_bench", help="with --generated")
    parser.add_argument("--reuse", action="store_true", help="keep a database already generated")
    args = parser.parse_args()
    reused = False
    if args.generated:
        reused = postgres_database(args.database, reuse=args.reuse)
        os.environ["DATABASE_URL"] = f"{SERVER}/{args.database}"
    else:
        workdir = tempfile.mkdtemp(prefix="dashboard-benchmark-")
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/benchmark.sqlite3")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not args.generated:
        build(args.staff)
        pages = [
            ("HR", "hr", "/dashboards/hr/"),
            ("HR", "hr", "/dashboards/hr/?department=Department+1"),
            ("a manager, 99 reports", "u0", "/dashboards/team/"),
            ("HR", "hr", "/"),
        ]
    else:
        if not reused:
            call_command("generate_organisation", staff=args.staff, stdout=io.StringIO())
        pages = generated_pages()
    # As `make serve` does before it starts: everyone's stored standing up to date.
    call_command("refresh_standing_summaries")
    print(f"Built {args.staff:,} staff in {time.perf_counter() - started:.1f} s")

    clients = {}
    for who, username, url in pages:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        ms, queries, size = timed(clients[username], url)
        print(f"{url:45} as {who:22} {ms:8.0f} ms  {queries:3} queries  {size / 1000:6.0f} kB")


if __name__ == "__main__":
    main()
