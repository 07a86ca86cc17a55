"""How fast the key pages are for a small and a large organisation (`make bench`).

For each size, on its own PostgreSQL database (created here and dropped at the end): migrate,
generate the organisation (`manage.py generate_organisation`), start gunicorn with production
settings and the task worker on 127.0.0.1, then drive each page and a trivial signed-in page
(the password-change form) with ten concurrent users, bounded in count and time, the trivial
page measured again just before each page so that a noisy machine moves both. Prints, per page:
queries (counted in-process through Django's test client on the same database), size,
requests per second, p50/p95/p99 latency, and the page's throughput as a share of the
trivial page's; then how each page grew from the small organisation to the large one.

    .venv/bin/python benchmarks/pages_benchmark.py [--sizes 500,10000] [--users 10]
        [--requests 200] [--seconds 10] [--workers 5] [--pages catalogue,role]
        [--database rp_bench] [--keep | --reuse] [--worker-class idle|nice]
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
TRIVIAL = "trivial (password form)"
# How the task worker is run beside the web workers: `make serve` uses "idle".
WORKER_CLASSES = {"idle": ["chrt", "--idle", "0"], "nice": ["nice", "-n", "10"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def _admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


# The load generator ---------------------------------------------------------------------


def load(port, path, cookie, *, users, requests, seconds) -> dict:
    """`users` threads request `path` until `requests` were sent or `seconds` passed; each
    waits for its answer before sending the next (a person clicking, not a flood)."""
    lock = threading.Lock()
    sent = [0]
    timings, statuses = [], {}
    deadline = time.monotonic() + seconds

    def user():
        while True:
            with lock:
                if sent[0] >= requests or time.monotonic() >= deadline:
                    return
                sent[0] += 1
            started = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError as error:
                status = type(error).__name__
            finally:
                conn.close()
            with lock:
                timings.append(time.monotonic() - started)
                statuses[status] = statuses.get(status, 0) + 1

    begun = time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    ms = sorted(t * 1000 for t in timings)

    def pct(p):
        return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))] if ms else 0.0

    return {
        "count": len(ms),
        "rps": len(ms) / elapsed if elapsed else 0.0,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "statuses": statuses,
    }


# One organisation, measured in a child process bound to its database --------------------


def targets():
    """The pages, each with the login that reads it: (name, login, path)."""
    from roles.models import JobFamily, Role
    from staff import synthetic
    from staff.models import Assessment, StaffProfile

    big = Role.objects.get(title=f"{synthetic.BIG_ROLE_TITLE} 1")
    top = big.levels.last()
    family = JobFamily.objects.get(name=synthetic.PATH_FAMILY)
    person = StaffProfile.objects.get(user__username=synthetic.ASSESSED)
    draft = Assessment.objects.get(staff=person, status=Assessment.Status.DRAFT)
    return [
        (TRIVIAL, synthetic.EMPLOYEE, "/accounts/password/"),
        ("catalogue", synthetic.EMPLOYEE, "/roles/"),
        ("role detail, 4 x 80 items", synthetic.EMPLOYEE, f"/roles/{big.pk}/"),
        ("team of 15", synthetic.MANAGER, "/staff/team/"),
        ("team, everyone below", synthetic.SENIOR, "/staff/team/?everyone=1"),
        ("my profile", synthetic.EMPLOYEE, "/staff/me/"),
        ("self-assessment", synthetic.EMPLOYEE, "/staff/me/self-assessment/"),
        ("assessment form, 80 items", synthetic.MANAGER, f"/staff/assessments/{draft.pk}/"),
        ("person", synthetic.MANAGER, f"/staff/people/{person.pk}/"),
        ("family path, 25 roles", synthetic.EMPLOYEE, f"/roles/families/{family.pk}/"),
        ("compare roles", synthetic.EMPLOYEE, "/roles/compare/"),
        ("approvals", synthetic.HR, "/staff/approvals/"),
        ("HR dashboard, everyone", synthetic.HR, "/dashboards/hr/"),
        ("admin role change, 4 x 80", synthetic.HR, f"/admin/roles/role/{big.pk}/change/"),
        ("admin level change, 80", synthetic.HR, f"/admin/roles/level/{top.pk}/change/"),
        ("admin assessment items", synthetic.HR, "/admin/staff/assessmentitem/"),
        ("admin staff change", synthetic.HR, f"/admin/staff/staffprofile/{person.pk}/change/"),
        ("role print", synthetic.EMPLOYEE, f"/roles/{big.pk}/print/"),
        ("role PDF", synthetic.EMPLOYEE, f"/roles/{big.pk}/pdf/"),
    ]


def measure(args) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = targets()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if p[0] == TRIVIAL or any(w in p[0] for w in wanted)]
    clients, cookies = {}, {}
    for _, login, _ in pages:
        if login not in clients:
            client = Client()
            client.force_login(User.objects.get(username=login))
            clients[login] = client
            cookies[login] = f"{settings.SESSION_COOKIE_NAME}=" + (
                client.cookies[settings.SESSION_COOKIE_NAME].value
            )
    results = []
    for name, login, path in pages:
        with CaptureQueriesContext(connection) as queries:
            response = clients[login].get(path)
        size = len(response.content)
        # Warm every worker (templates, caches) before measuring.
        load(args.port, path, cookies[login], users=args.users, requests=args.users, seconds=60)
        trivial = None
        if name != TRIVIAL:
            trivial_login, trivial_path = pages[0][1], pages[0][2]
            trivial = load(
                args.port,
                trivial_path,
                cookies[trivial_login],
                users=args.users,
                requests=args.requests,
                seconds=args.trivial_seconds,
            )
        figures = load(
            args.port,
            path,
            cookies[login],
            users=args.users,
            requests=args.requests,
            seconds=args.seconds,
        )
        figures.update(
            name=name,
            status=response.status_code,
            queries=len(queries),
            kb=size / 1024,
            trivial_rps=trivial["rps"] if trivial else figures["rps"],
        )
        results.append(figures)
        print(f"  {name}: {figures['rps']:.1f} req/s, p95 {figures['p95']:.0f} ms", flush=True)
    trivial_cookie = cookies[pages[0][1]]
    return {"pages": results, "pdfs": pdf_stall(args, pages[0][2], trivial_cookie)}


def pdf_stall(args, trivial_path, cookie) -> dict:
    """The trivial page's p95 alone, then while five PDFs of the big roles (changed just
    before, so none is stored) are asked for, each asker looking again as the "being
    prepared" page does until it has its file."""
    from core.pdf import REFRESH_SECONDS
    from roles.models import Role
    from staff import synthetic

    big = list(Role.objects.filter(title__startswith=synthetic.BIG_ROLE_TITLE).order_by("pk"))
    idle = load(args.port, trivial_path, cookie, users=args.users, requests=400, seconds=8)
    Role.bump_versions([role.pk for role in big])
    ready = []

    def ask(role):
        started = time.monotonic()
        while time.monotonic() - started < 180:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=180)
            conn.request(
                "GET", f"/roles/{role.pk}/pdf/", headers={"Cookie": cookie, "Host": "127.0.0.1"}
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.getheader("Content-Type") == "application/pdf":
                ready.append(time.monotonic() - started)
                return
            time.sleep(REFRESH_SECONDS)  # as the "being prepared" page looks again

    askers = [threading.Thread(target=ask, args=(role,)) for role in big[:5]]
    for asker in askers:
        asker.start()
    busy = load(args.port, trivial_path, cookie, users=args.users, requests=400, seconds=8)
    for asker in askers:
        asker.join()
    return {
        "idle_p95": idle["p95"],
        "busy_p95": busy["p95"],
        "ready": sorted(ready),
        "asked": len(askers),
    }


# The parent: databases, servers, and the tables -----------------------------------------


def run_size(size: int, args, static_root: str) -> dict:
    name = f"{args.database}_{size}"
    env = dict(
        os.environ,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{SERVER}/{name}",
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    reuse = args.reuse and _exists(name)
    if not reuse:
        _admin_sql(f"DROP DATABASE IF EXISTS {name}")
        _admin_sql(f"CREATE DATABASE {name}")
    procs = []
    try:
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=PROJECT, check=True)
        started = time.monotonic()
        if not reuse:
            subprocess.run(
                [*manage, "generate_organisation", "--staff", str(size)],
                env=env,
                cwd=PROJECT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        generated = time.monotonic() - started
        print(f"{size} staff generated in {generated:.0f} s", flush=True)
        # As `make serve` does: summaries a migration left out of date are written before the
        # site serves, not by the pages under measurement.
        subprocess.run([*manage, "refresh_standing_summaries"], env=env, cwd=PROJECT, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=PROJECT, check=True
        )
        port = _free_port()
        log = open(Path(static_root).parent / f"gunicorn-{size}.log", "w")  # noqa: SIM115
        web_env = dict(env, BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(args.workers))
        procs.append(
            subprocess.Popen(
                [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
                env=web_env,
                cwd=PROJECT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        procs.append(
            subprocess.Popen(
                # As `make serve` runs it: below the web workers, so a PDF waits, not a page.
                [*WORKER_CLASSES[args.worker_class], *manage, "db_worker", "--interval", "0.5"],
                env=env,
                cwd=PROJECT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        _wait_for(port)
        out = Path(static_root).parent / f"figures-{size}.json"
        child_env = dict(env, ALLOWED_HOSTS="127.0.0.1,testserver")
        subprocess.run(
            [
                PYTHON,
                __file__,
                "--measure",
                "--port",
                str(port),
                "--out",
                str(out),
                *_passed(args),
            ],
            env=child_env,
            cwd=PROJECT,
            check=True,
        )
        figures = json.loads(out.read_text())
        figures["generated_seconds"] = generated
        return figures
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not (args.keep or args.reuse):
            _admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _passed(args) -> list[str]:
    passed = [
        "--users",
        str(args.users),
        "--requests",
        str(args.requests),
        "--seconds",
        str(args.seconds),
        "--trivial-seconds",
        str(args.trivial_seconds),
    ]
    return [*passed, "--pages", args.pages] if args.pages else passed


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on port {port}")


def table(size: int, figures: dict) -> str:
    head = (
        f"{'page':<28} {'status':>6} {'queries':>7} {'KB':>7} {'req/s':>7} {'p50':>6} "
        f"{'p95':>6} {'p99':>6} {'trivial':>7} {'share':>6}"
    )
    lines = [
        f"== {size} staff (generated in {figures['generated_seconds']:.0f} s); "
        f"latency in ms; share = req/s as % of the trivial page's just before ==",
        head,
        "-" * len(head),
    ]
    for p in figures["pages"]:
        share = 100 * p["rps"] / p["trivial_rps"] if p["trivial_rps"] else 0
        errors = {k: v for k, v in p["statuses"].items() if str(k) != "200"}
        lines.append(
            f"{p['name']:<28} {p['status']:>6} {p['queries']:>7} {p['kb']:>7.0f} "
            f"{p['rps']:>7.1f} {p['p50']:>6.0f} {p['p95']:>6.0f} {p['p99']:>6.0f} "
            f"{p['trivial_rps']:>7.1f} {share:>5.0f}%" + (f"  answers {errors}" if errors else "")
        )
    pdfs = figures.get("pdfs")
    if pdfs:
        lines.append(
            f"trivial page p95 {pdfs['idle_p95']:.0f} ms alone, {pdfs['busy_p95']:.0f} ms while "
            f"{pdfs['asked']} PDFs are asked for ("
            f"{100 * (pdfs['busy_p95'] / pdfs['idle_p95'] - 1) if pdfs['idle_p95'] else 0:+.0f}%); "
            f"{len(pdfs['ready'])} ready after "
            + ", ".join(f"{t:.0f}" for t in pdfs["ready"])
            + " s"
        )
    return "\n".join(lines)


def growth(small_size, small, large_size, large) -> str:
    head = f"{'page':<28} {'queries':>11} {'KB':>11} {'p95 ms':>13} {'p95 growth':>10}"
    lines = [f"== growth from {small_size} to {large_size} staff ==", head, "-" * len(head)]
    by_name = {p["name"]: p for p in small["pages"]}
    for p in large["pages"]:
        s = by_name.get(p["name"])
        if s is None:
            continue
        grew = p["p95"] / s["p95"] if s["p95"] else 0
        lines.append(
            f"{p['name']:<28} {s['queries']:>5} ->{p['queries']:>4} "
            f"{s['kb']:>5.0f} ->{p['kb']:>4.0f} {s['p95']:>6.0f} ->{p['p95']:>5.0f} "
            f"{grew:>9.1f}x"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,10000", help="staff counts, comma-separated")
    parser.add_argument("--users", type=int, default=10, help="concurrent users (10)")
    parser.add_argument("--requests", type=int, default=200, help="at most, per page (200)")
    parser.add_argument("--seconds", type=float, default=10, help="at most, per page (10)")
    parser.add_argument("--trivial-seconds", type=float, default=3, help="trivial burst (3)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (5)")
    parser.add_argument("--pages", default="", help="only pages whose names contain these")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--worker-class",
        choices=sorted(WORKER_CLASSES),
        default="idle",
        help="the task worker in the idle scheduling class (as make serve) or at nice 10",
    )
    parser.add_argument(
        "--database", default="rp_bench", help="databases' name, before _<size> (rp_bench)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure a kept database again (migrated first)"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    if args.measure:
        Path(args.out).write_text(json.dumps(measure(args)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{os.cpu_count()} cores; {args.users} users; at most {args.requests} requests or "
        f"{args.seconds:g} s per page; gunicorn {args.workers} sync workers; task worker "
        f"{' '.join(WORKER_CLASSES[args.worker_class])}",
        flush=True,
    )
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            results[size] = run_size(size, args, str(Path(work) / "static"))
            print(table(size, results[size]), flush=True)
    if len(sizes) > 1:
        print(growth(sizes[0], results[sizes[0]], sizes[-1], results[sizes[-1]]))


if __name__ == "__main__":
    main()
