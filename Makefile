# Two commands for a fresh machine: `make run` (the demo on SQLite) and `make test` (the suite).
# `make serve` is the production recipe (README, "Production").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# WeasyPrint (PDF downloads) draws text with Pango; the browser tests drive Debian's Chromium.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_SYSTEM_PACKAGES := chromium

.PHONY: run serve test lint check-migrations benchmark bench import-accuracy clean system-packages test-system-packages lock

# Exactly the versions in requirements.lock, within pyproject.toml's ranges.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c requirements.lock pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Refresh the pins after changing pyproject.toml's ranges (or to take new releases).
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --upgrade --extra dev --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

system-packages:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES))

test-system-packages: system-packages
	@dpkg -s $(TEST_SYSTEM_PACKAGES) >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_SYSTEM_PACKAGES))

run: $(STAMP) system-packages
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo_data
	@# The task worker (it sends the emails) runs beside the web server and stops with it.
	DEBUG=true $(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: settings from the environment (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ...).
# Refuses to start if the deploy check warns; then the worker and gunicorn, stopped together.
serve: $(STAMP) system-packages
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	@# HR's dashboard counts stored standings: those missing or out of date are written first.
	$(BIN)/python manage.py refresh_standing_summaries
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@# The worker (emails, PDFs) runs in the idle scheduling class: it takes only CPU the web
	@# workers leave, so a PDF waits, not a page (docs/performance.md measures it against nice 10).
	chrt --idle 0 $(BIN)/python manage.py db_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# One pytest-xdist worker per core; PYTEST_ARGS="-n 0" runs the suite in one process.
test: $(STAMP) test-system-packages
	SECRET_KEY=test-only-secret-key $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: $(STAMP)
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

benchmark: $(STAMP)
	$(BIN)/python benchmarks/import_benchmark.py
	$(BIN)/python benchmarks/dashboard_benchmark.py

# How well role-profile documents are read: the corpus written for the tests, then the samples.
import-accuracy: $(STAMP) system-packages
	$(BIN)/python benchmarks/import_accuracy.py

# The key pages under load, for a 500- and a 10,000-person organisation generated on PostgreSQL
# (127.0.0.1:5432, user postgres; BENCH_POSTGRES names another server), served by gunicorn with
# production settings; prints the tables of docs/performance.md. BENCH_ARGS="--sizes 500" for a
# quick run. About 25 minutes on 2 cores, most of it generating the large organisation.
bench: $(STAMP) system-packages
	$(BIN)/python benchmarks/pages_benchmark.py $(BENCH_ARGS)
