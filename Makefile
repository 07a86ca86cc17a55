# Two commands for a fresh machine: `make run` (the demo on SQLite) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# WeasyPrint (PDF downloads) draws text with Pango; the browser tests drive Debian's Chromium.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_SYSTEM_PACKAGES := chromium

.PHONY: run test lint check-migrations benchmark clean system-packages test-system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

system-packages:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES))

test-system-packages: system-packages
	@dpkg -s $(TEST_SYSTEM_PACKAGES) >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_SYSTEM_PACKAGES))

run: $(STAMP) system-packages
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo_data
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

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
