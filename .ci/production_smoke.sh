#!/usr/bin/env bash
# Production smoke test: the deploy check with production settings, collectstatic, then
# gunicorn (DEBUG off, PostgreSQL) and the task worker, reached as if through a TLS proxy:
# the sign-in page, signing in, a signed-in page, a static file and the health check.
# Everything listens on 127.0.0.1 only and is stopped at the end, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${SMOKE_PORT:-8765}
DB_NAME="role_profiles_smoke_$$"
WORK=$(mktemp -d)

export DEBUG=false
export SECRET_KEY="smoke-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
export SITE_URL="https://127.0.0.1:$PORT"
export CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$PORT"
# As behind nginx or HAProxy ending TLS: the proxy says the request came over HTTPS.
export SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto
export SECURE_SSL_REDIRECT=true
export SECURE_HSTS_SECONDS=3600
export SECURE_HSTS_INCLUDE_SUBDOMAINS=true
export SECURE_HSTS_PRELOAD=true
export STATIC_ROOT="$WORK/static"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export BIND="127.0.0.1:$PORT"
# Accepted on purpose: this run's site really is on the loopback address.
export SILENCED_SYSTEM_CHECKS=core.W002
export WEB_CONCURRENCY=2
unset DJANGO_ALLOW_ASYNC_UNSAFE

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB_NAME" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB_NAME"

echo "== deploy check with production settings =="
"$BIN/python" manage.py check --deploy --fail-level WARNING
echo "== migrate, demo data, collectstatic =="
"$BIN/python" manage.py migrate --noinput --verbosity 0
"$BIN/python" manage.py load_demo_data >/dev/null
"$BIN/python" manage.py collectstatic --noinput --verbosity 0
password=$("$BIN/python" manage.py shell -c "from staff.demo import DEMO_PASSWORD; print(DEMO_PASSWORD)" | tail -n 1)

echo "== gunicorn and the worker on $BIND =="
"$BIN/gunicorn" -c config/gunicorn.py config.wsgi >"$WORK/web.log" 2>&1 &
pids+=($!)
"$BIN/python" manage.py db_worker --interval 1 >"$WORK/worker.log" 2>&1 &
pids+=($!)

if ! timeout 60 "$BIN/python" .ci/production_smoke.py "http://$BIND" "$password"; then
    echo "-- gunicorn's log --" >&2; tail -n 50 "$WORK/web.log" >&2
    echo "-- worker's log --" >&2; tail -n 20 "$WORK/worker.log" >&2
    exit 1
fi
echo "Production smoke test passed."
