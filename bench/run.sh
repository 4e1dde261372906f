#!/usr/bin/env bash
# Load benchmark at newsroom scale (issue 6): 100 000 articles, 1 000 000 comments, gunicorn
# with production settings on the loopback, wrk for fixed durations. Writes bench/RESULTS.md
# and bench/EXPLAIN.md; raw outputs go to bench/out/run/ (git-ignored).
#
#   make bench                       (or bench/run.sh)
#   BENCH_RESEED=1 make bench        rebuild the database even if it is already seeded
#   BENCH_STEPS=seed make bench      stop after seeding (BENCH_STEPS=inspect: after EXPLAIN)
#
# Settings (environment): BENCH_ARTICLES=100000 BENCH_COMMENTS=1000000 BENCH_DURATION=15
# (seconds per measurement) BENCH_PORT=8020 BENCH_WORKERS=3 BENCH_THREADS=4
# BENCH_WORKER_CLASSES="sync gthread" BENCH_QUICK=1 (fewer measurements).
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379 (db 14
# is flushed) and wrk (apt-get install wrk). Never run it in CI: it loads both cores for
# about ten minutes, and seeding takes about two more the first time.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
ARTICLES=${BENCH_ARTICLES:-100000}
COMMENTS=${BENCH_COMMENTS:-1000000}
PORT=${BENCH_PORT:-8020}
DB=newsportal_bench
PG="-h 127.0.0.1 -p 5432 -U postgres"
REDIS_DB=14
OUT=$ROOT/bench/out/run
BENCH_STEPS=${BENCH_STEPS:-all}

for tool in wrk psql redis-cli; do
    command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install $tool)" >&2; exit 2; }
done
redis-cli -n "$REDIS_DB" ping >/dev/null || { echo "bench: Redis not answering on 127.0.0.1:6379" >&2; exit 2; }
psql $PG -d postgres -Atc "SELECT 1" >/dev/null || { echo "bench: PostgreSQL not answering" >&2; exit 2; }

mkdir -p "$OUT"
TMP=$(mktemp -d)
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
cleanup() {
    stop_server
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Production settings (bench.settings = newsportal.settings.prod + the floor view's URL),
# made to run over plain HTTP on the loopback.
export DJANGO_SETTINGS_MODULE=bench.settings
export DEBUG=0
SECRET_KEY=$("$PY" -c 'import secrets, string; a = string.ascii_letters + string.digits; print("".join(secrets.choice(a) for _ in range(50)))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SITE_URL=http://127.0.0.1:$PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB CACHE_KEY_PREFIX=npbench
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export SECURE_HSTS_SECONDS=0 BEHIND_PROXY=0
# The request log (one JSON line a request) is left off as in bench/audit.sh; a real
# deployment writing it to stdout pays a few percent more per request.
export LOG_REQUESTS=0 LOG_LEVEL=WARNING
# Dummy keys: bench/bench_wsgi.py answers for Google. The rate limit (5 comments per IP
# per 10 minutes) would turn the POST measurement into a 429 measurement: off (0).
export RECAPTCHA_PUBLIC_KEY=bench-public-key RECAPTCHA_PRIVATE_KEY=bench-private-key
export COMMENTS_RATE_LIMIT=0
export VAR_DIR=$TMP/var MEDIA_ROOT=$ROOT/bench/out/media STATIC_ROOT=$TMP/static
mkdir -p "$VAR_DIR" "$MEDIA_ROOT"

# --- 1. Database: reuse it when it is seeded to the requested size ---------------------
# Management commands run with --skip-checks, as gunicorn does: `check --deploy` is CI's job.
started=$(date +%s)
exists=$(psql $PG -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
status="{}"
if [ "$exists" = 1 ]; then
    status=$("$PY" -m bench.seed_bench status 2>/dev/null | tail -1 || echo "{}")
fi
seeded=$("$PY" -c 'import json, sys; s = json.loads(sys.argv[1] or "{}"); print(int(s.get("articles", 0) >= int(sys.argv[2]) and s.get("comments") == int(sys.argv[3])))' "$status" "$ARTICLES" "$COMMENTS")
if [ "${BENCH_RESEED:-0}" = 1 ] || [ "$seeded" != 1 ]; then
    echo "== Seeding $DB: $ARTICLES articles, $COMMENTS comments (several minutes)"
    psql $PG -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    "$PY" manage.py migrate --noinput --skip-checks >/dev/null
    t=$(date +%s)
    "$PY" manage.py seed_demo --skip-checks --articles "$ARTICLES" > "$OUT/seed_demo.log"
    echo "   seed_demo: $(( $(date +%s) - t )) s"
    if "$PY" manage.py help seed_demo_ads >/dev/null 2>&1; then
        "$PY" manage.py seed_demo_ads --skip-checks >/dev/null
    fi
    "$PY" -m bench.seed_bench seed --comments "$COMMENTS"
    echo "== Seeded in $(( $(date +%s) - started )) s"
else
    echo "== Reusing $DB (already seeded: $status; BENCH_RESEED=1 rebuilds it)"
    "$PY" manage.py migrate --noinput --skip-checks >/dev/null
fi
echo "$(( $(date +%s) - started ))" > "$OUT/seed_seconds"
[ "$BENCH_STEPS" = seed ] && exit 0

# --- 2. Before measuring: admin password, static files, empty cache -----------------------
BENCH_ADMIN_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')
export BENCH_ADMIN_PASSWORD
"$PY" -m bench.seed_bench prepare --password "$BENCH_ADMIN_PASSWORD" > "$OUT/prepare.json"
"$PY" manage.py collectstatic --noinput --skip-checks >/dev/null
redis-cli -n "$REDIS_DB" flushdb >/dev/null

# --- 3. Queries per page, page-cache behaviour and EXPLAIN, in a separate process --------
echo "== Queries per page and EXPLAIN (ANALYZE, BUFFERS)"
"$PY" -m bench.inspect_pages --prepare "$OUT/prepare.json" --out "$OUT/pages.json" \
    --explain "$ROOT/bench/EXPLAIN.md"
[ "$BENCH_STEPS" = inspect ] && exit 0

# --- 4. gunicorn + wrk, per worker class ---------------------------------------------------
echo "measurements started $(date -u '+%Y-%m-%d %H:%M UTC') on commit $(git rev-parse --short HEAD)" \
    "with $(git status --porcelain --untracked-files=no | wc -l) modified tracked files" \
    > "$OUT/run_info"
export WEB_CONCURRENCY=${BENCH_WORKERS:-3}
# Production recycles workers every ~2000 requests; at thousands of requests a second that
# is a fork and a Django start-up every few seconds per worker, which the floor would
# measure. Kept out of the steady-state numbers (and RSS is then measured after the run).
export GUNICORN_MAX_REQUESTS=${BENCH_MAX_REQUESTS:-100000000}
export GUNICORN_LOG_LEVEL=warning
for class in ${BENCH_WORKER_CLASSES:-sync gthread}; do
    export GUNICORN_WORKER_CLASS=$class GUNICORN_THREADS=${BENCH_THREADS:-4}
    redis-cli -n "$REDIS_DB" flushdb >/dev/null
    echo "== gunicorn: $WEB_CONCURRENCY $class workers on 127.0.0.1:$PORT"
    "$ROOT/.venv/bin/gunicorn" bench.bench_wsgi:application -c gunicorn.conf.py \
        --bind "127.0.0.1:$PORT" --access-logfile /dev/null \
        >"$OUT/gunicorn-$class.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
        sleep 0.2
    done
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" \
        || { cat "$OUT/gunicorn-$class.log" >&2; echo "bench: gunicorn did not start" >&2; exit 1; }
    "$PY" -m bench.drive --base "http://127.0.0.1:$PORT" --pages "$OUT/pages.json" \
        --master "$SERVER_PID" --label "$class" --out "$OUT/wrk-$class.json"
    stop_server
done

# --- 5. Profile of the slowest page, then the report -------------------------------------
echo "== Profiles of the slowest page and of the uncached article (cProfile, in-process)"
slowest=$("$PY" -m bench.report --out "$OUT" --slowest)
redis-cli -n "$REDIS_DB" flushdb >/dev/null
"$PY" -m bench.profile_page --pages "$OUT/pages.json" --scenario "$slowest" article-uncached \
    --out "$OUT/profile.txt"
redis-cli -n "$REDIS_DB" flushdb >/dev/null
"$PY" -m bench.report --out "$OUT" --results "$ROOT/bench/RESULTS.md"
echo "== Done in $(( $(date +%s) - started )) s: bench/RESULTS.md, bench/EXPLAIN.md"
