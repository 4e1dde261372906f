#!/usr/bin/env bash
# Lighthouse 12 (phone profile) on the home, a category, an article and a search page of a
# freshly seeded demo site served like production (gunicorn, DEBUG off, whitenoise).
# Prints the four category scores per page and fails if any is below 100.
#
#   bench/audit.sh            (or `make audit`)
#   AUDIT_PORT=8013 CHROME_PATH=/usr/bin/chromium bench/audit.sh
#
# Needs Node >= 18 and npm (Lighthouse is installed once into bench/out/node, git-ignored)
# and Debian's chromium. Reports: bench/out/lighthouse-<page>.json.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
PORT=${AUDIT_PORT:-8013}
BASE="http://127.0.0.1:$PORT"
OUT=$ROOT/bench/out
NODE_DIR=$OUT/node
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

[ -x "$CHROME_PATH" ] || { echo "audit: chromium not found at $CHROME_PATH (apt-get install chromium)" >&2; exit 2; }
command -v npm >/dev/null || { echo "audit: npm not found (install Node.js >= 18)" >&2; exit 2; }
mkdir -p "$NODE_DIR"
if [ ! -x "$NODE_DIR/node_modules/.bin/lighthouse" ]; then
    echo "Installing Lighthouse 12 into $NODE_DIR…"
    [ -f "$NODE_DIR/package.json" ] || echo '{"private": true}' > "$NODE_DIR/package.json"
    (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent lighthouse@12)
fi

TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# Production settings, made to run over plain HTTP on the loopback with a throw-away database.
export DJANGO_SETTINGS_MODULE=newsportal.settings.prod
export DEBUG=0
export SECRET_KEY="audit-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export SITE_URL=$BASE
export VAR_DIR=$TMP/var MEDIA_ROOT=$TMP/var/media STATIC_ROOT=$TMP/static
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export SECURE_HSTS_SECONDS=0 BEHIND_PROXY=0 LOG_REQUESTS=0
unset DATABASE_URL REDIS_URL
mkdir -p "$VAR_DIR"

echo "Preparing a demo site in $TMP…"
# --skip-checks: production checks insist on real reCAPTCHA keys, irrelevant to reading pages.
"$PY" manage.py migrate --noinput --skip-checks >/dev/null
"$PY" manage.py seed_demo --skip-checks >/dev/null
"$PY" manage.py collectstatic --noinput --skip-checks >/dev/null

mapfile -t PAGES < <("$PY" manage.py shell --no-imports -c '
from articles.models import Article, Category
article = Article.objects.published().order_by("-published_at").first()
category = Category.objects.filter(parent=None, show_in_nav=True).first()
word = max(article.title.split(), key=len).strip(",.:;!?«»")
print("accueil /")
print("rubrique", category.get_absolute_url())
print("article", article.get_absolute_url())
print("recherche /recherche/?q=" + word)
')

"$ROOT/.venv/bin/gunicorn" bench.audit_wsgi:application --config gunicorn.conf.py \
    --bind "127.0.0.1:$PORT" --workers 2 --access-logfile - >"$TMP/gunicorn.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz" || { cat "$TMP/gunicorn.log" >&2; echo "audit: server did not start" >&2; exit 1; }

# Warm up: image renditions are generated on the first view, not while Lighthouse measures.
printf "  %s\n" "${PAGES[@]}"
for line in "${PAGES[@]}"; do curl -fsS -o /dev/null "$BASE${line#* }"; done
curl -fsS "$BASE${PAGES[0]#* }" | grep -o '/media/[^" ,]*' | sort -u | while read -r media; do
    curl -fsS -o /dev/null "$BASE$media"
done

status=0
printf '\n%-10s %12s %14s %15s %5s   %s\n' page performance accessibility best-practices seo url
for line in "${PAGES[@]}"; do
    name=${line%% *}
    url=$BASE${line#* }
    report=$OUT/lighthouse-$name.json
    "$NODE_DIR/node_modules/.bin/lighthouse" "$url" --quiet --form-factor=mobile \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="$CHROME_FLAGS" --output=json --output-path="$report" || {
        echo "audit: lighthouse failed on $url" >&2
        status=1
        continue
    }
    "$PY" - "$report" "$name" "$url" <<'PY' || status=1
import json, sys

report, name, url = sys.argv[1:]
data = json.load(open(report))
ids = ["performance", "accessibility", "best-practices", "seo"]
scores = {i: round((data["categories"][i]["score"] or 0) * 100) for i in ids}
print(f"{name:<10} {scores['performance']:>12} {scores['accessibility']:>14} "
      f"{scores['best-practices']:>15} {scores['seo']:>5}   {url}")
failed = False
for category in ids:
    if scores[category] == 100:
        continue
    failed = True
    for ref in data["categories"][category]["auditRefs"]:
        audit = data["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"    {category}: {ref['id']} ({audit['score']}) {audit['title']}"
                  f"{' — ' + audit['displayValue'] if audit.get('displayValue') else ''}")
sys.exit(1 if failed else 0)
PY
done

if [ "$status" -ne 0 ]; then
    echo -e "\nFAILED: every score must be 100 (reports in $OUT)." >&2
else
    echo -e "\nAll scores are 100 (reports in $OUT)."
fi
exit "$status"
