#!/usr/bin/env bash
# Load test of the production stack, printing numbers (it asserts nothing).
#
# Starts, on 127.0.0.1: PostgreSQL (only if it is not running) with a throw-away database
# loaded with the real catalog, its own Redis, gunicorn (2 sync workers, deploy/gunicorn.conf.py)
# and nginx (deploy/nginx.conf, ports and paths replaced); stops each by its PID on exit.
# Then `wrk -t2 -c64 -d20s --latency` on the home, scenario, item, department and search pages:
#   1. gunicorn direct, no page cache        3. through nginx (micro-cache), Redis behind it
#   2. gunicorn direct, Redis page cache
# plus nginx serving the item page saved as a static file (the ceiling) and a minimal Django view
# answering the same bytes (the floor; bench/urls.py) with three rungs above it (a 50-item
# template page, one query, the portal's empty base page), and prints req/s, p50, p99, errors
# and the ratios (bench/load_report.py). Raw wrk output goes to bench/out/load/.
#
#   bash bench/load.sh                 # 20 s a run, about 8 minutes
#   DURATION=5s bash bench/load.sh     # a quick look
#
# wrk shares the 2 cores with the servers: compare the ratios of one run, not absolute numbers
# across machines or runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=$ROOT/.venv/bin/python
GUNICORN=$ROOT/.venv/bin/gunicorn

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
APP_PORT=${APP_PORT:-8101}
NGINX_PORT=${NGINX_PORT:-8180}
REDIS_PORT=${REDIS_PORT:-6390}
DB_NAME=portal_bench
OUT=$ROOT/bench/out/load

# -- tools -------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
[ -e /usr/share/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x "$GUNICORN" ] || { echo "No $GUNICORN: run make setup"; exit 1; }

WORK=$(mktemp -d /tmp/portal-bench.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$OUT" "$WORK/static" "$WORK/nginx"
rm -f "$OUT"/*.txt

# -- stopping everything this script started, by PID ------------------------------------------
PG_STARTED_PID=""
stop_pidfile() {
    local pidfile=$1
    [ -s "$pidfile" ] || return 0
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    rm -f "$pidfile"
}
cleanup() {
    set +e
    stop_pidfile "$WORK/nginx/nginx.pid"
    stop_pidfile "$WORK/gunicorn.pid"
    stop_pidfile "$WORK/redis.pid"
    runuser -u postgres -- dropdb --if-exists "$DB_NAME" >/dev/null 2>&1
    if [ -n "$PG_STARTED_PID" ]; then
        echo "$PG_STARTED_PID" >"$WORK/postgres.pid"
        stop_pidfile "$WORK/postgres.pid"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # URL: until it answers 200
    for _ in $(seq 1 100); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
        sleep 0.2
    done
    echo "$1 did not answer 200"
    return 1
}

# -- PostgreSQL, the throw-away database, Redis ------------------------------------------------
pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_ctlcluster "$pg_version" main status >/dev/null 2>&1; then
    echo "== starting PostgreSQL $pg_version"
    pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
    PG_STARTED_PID=$(head -n 1 "/var/lib/postgresql/$pg_version/main/postmaster.pid")
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE portal LOGIN CREATEDB PASSWORD ''portal''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='portal')\gexec
SQL
runuser -u postgres -- dropdb --if-exists "$DB_NAME"
runuser -u postgres -- createdb -O portal "$DB_NAME"

redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log"
for _ in $(seq 1 50); do [ -s "$WORK/redis.pid" ] && break; sleep 0.1; done

export DJANGO_SETTINGS_MODULE=bench.settings
export SECRET_KEY="bench-only-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/$DB_NAME
export STATIC_ROOT=$WORK/static
export BENCH_PAGE_FILE=$WORK/static/bench/item.html
export WEB_CONCURRENCY=2
export GUNICORN_BIND=127.0.0.1:$APP_PORT
export GUNICORN_ACCESS_LOG=
unset REDIS_URL CACHE_URL

echo "== loading the catalog into $DB_NAME, collectstatic"
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py load_catalog >/dev/null
"$PYTHON" manage.py collectstatic --noinput -v 0

# -- the pages ---------------------------------------------------------------------------------
# name → path; Chinese in paths and queries percent-encoded for wrk.
quote() { "$PYTHON" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/?=&"))' "$1"; }
PAGE_NAMES=(home scenario item department search)
declare -A PAGES=(
    [home]=/
    [scenario]=/weihai/enterprise/scenarios/1.1/
    [item]=/weihai/enterprise/items/1/
    [department]=$(quote /weihai/departments/市市场监管局/)
    [search]=$(quote "/search/?q=社保")
)

start_gunicorn() {  # label
    "$GUNICORN" -c deploy/gunicorn.conf.py --pid "$WORK/gunicorn.pid" portal.wsgi:application \
        >"$WORK/gunicorn-$1.log" 2>&1 &
    wait_for "http://127.0.0.1:$APP_PORT/healthz"
}

run_wrk() {  # setup page url health-url
    local file="$OUT/$1--$2.txt"
    echo "   $1 $2"
    # A short warm-up (connections, caches, Python's first calls), then the measured run. The
    # timeout is wrk's limit for one answer: 64 connections queue on 2 sync workers, so a 30 ms
    # page waits about a second; wrk's default (2 s) would count slow pages as errors.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s --timeout 10s "$3" >/dev/null
    wait_for "$4" >/dev/null  # the queue of the warm-up drained
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$3" >"$file"
    wait_for "$4" >/dev/null  # and of this run, before the next one starts
}

check_pages() {  # base URL: every page answers 200 before it is measured
    for name in "${PAGE_NAMES[@]}"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$1${PAGES[$name]}")
        [ "$code" = 200 ] || { echo "$1${PAGES[$name]} answered $code"; exit 1; }
    done
}

# 1. gunicorn direct, no page cache. The minimal view (the floor) is measured here too.
echo "== 1. gunicorn direct, no page cache"
export PAGE_CACHE_SECONDS=0 CACHE_URL=locmem://
start_gunicorn nocache
mkdir -p "$WORK/static/bench"
curl -sf "http://127.0.0.1:$APP_PORT${PAGES[item]}" >"$BENCH_PAGE_FILE"
check_pages "http://127.0.0.1:$APP_PORT"
APP=http://127.0.0.1:$APP_PORT
run_wrk gunicorn minimal-view "$APP/bench/minimal/" "$APP/healthz"
# Rungs between the floor and the portal's pages (bench/urls.py): the machine notes' reference
# page (50 list items from a template), the floor plus one query, the portal's empty base page.
for rung in reference one-query empty-page; do
    run_wrk gunicorn "$rung" "$APP/bench/$rung/" "$APP/healthz"
done
for name in "${PAGE_NAMES[@]}"; do
    run_wrk gunicorn "$name" "$APP${PAGES[$name]}" "$APP/healthz"
done
stop_pidfile "$WORK/gunicorn.pid"
unset CACHE_URL

# 2. gunicorn direct, the Redis page cache (filled by check_pages).
echo "== 2. gunicorn direct, Redis page cache"
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 PAGE_CACHE_SECONDS=600
start_gunicorn redis
check_pages "http://127.0.0.1:$APP_PORT"
for name in "${PAGE_NAMES[@]}"; do
    run_wrk gunicorn-redis "$name" "$APP${PAGES[$name]}" "$APP/healthz"
done

# 3. nginx in front (deploy/nginx.conf with this run's ports and paths), same gunicorn and Redis.
echo "== 3. through nginx"
mkdir -p "$WORK/nginx/cache"
chown -R www-data "$WORK/nginx"
sed -e "s|listen 80;|listen 127.0.0.1:$NGINX_PORT;|" \
    -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$APP_PORT;|" \
    -e "s|/srv/portal/staticfiles/|$STATIC_ROOT/|g" \
    -e "s|/var/cache/nginx/portal|$WORK/nginx/cache|" \
    deploy/nginx.conf >"$WORK/nginx/portal.conf"
cat >"$WORK/nginx/nginx.conf" <<NGINX
user www-data;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    include $WORK/nginx/portal.conf;
}
NGINX
nginx -t -q -c "$WORK/nginx/nginx.conf"
nginx -c "$WORK/nginx/nginx.conf"
wait_for "http://127.0.0.1:$NGINX_PORT/healthz"
check_pages "http://127.0.0.1:$NGINX_PORT"
# The ceiling first, next to the pages it is compared with (as the floor is in set-up 1).
run_wrk nginx static-item "http://127.0.0.1:$NGINX_PORT/static/bench/item.html" "$APP/healthz"
for name in "${PAGE_NAMES[@]}"; do
    run_wrk nginx "$name" "http://127.0.0.1:$NGINX_PORT${PAGES[$name]}" "$APP/healthz"
done

echo
"$PYTHON" bench/load_report.py "$OUT"
