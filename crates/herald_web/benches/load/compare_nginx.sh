#!/usr/bin/env bash
# Load test: Herald's cached article page against nginx serving the same bytes as a static
# file, side by side in one run, on 127.0.0.1 only, for a bounded time. Prints requests per
# second for each and the ratio, then stops everything it started.
#
#   crates/herald_web/benches/load/compare_nginx.sh            # gzip on both, then off on both
#   DURATION=30s CONNECTIONS=64 crates/herald_web/benches/load/compare_nginx.sh
#
# Environment (all optional): DURATION (15s), THREADS (2), CONNECTIONS (32), WARMUP (3s),
# HERALD_PORT (18080), NGINX_PORT (18081), NGINX_WORKERS (2), MODES ("gzip plain"),
# SKIP_BUILD (1: use target/release/herald as it is).
#
# Installs nginx-light and wrk with apt-get only when they are missing. Builds `herald` in
# release. Nothing listens beyond 127.0.0.1, and wrk targets nothing else.
set -euo pipefail

DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-3s}
HERALD_PORT=${HERALD_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
NGINX_WORKERS=${NGINX_WORKERS:-2}
MODES=${MODES:-gzip plain}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
cd "$root"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    cargo build --release -p herald --quiet
fi
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
HERALD=${target_dir:-$root/target}/release/herald

work=$(mktemp -d)
herald_pid=
nginx_pid=
cleanup() {
    [ -n "$herald_pid" ] && kill "$herald_pid" 2>/dev/null && wait "$herald_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

wait_for() {
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing answers at $1" >&2
    return 1
}

# --- Herald: the sample newsroom in a temporary data folder ---
"$HERALD" demo --data "$work/data" --listen "127.0.0.1:$HERALD_PORT" >"$work/herald.log" 2>&1 &
herald_pid=$!
wait_for "http://127.0.0.1:$HERALD_PORT/healthz"

# The first article the English home page links to.
article=$(curl -fsS -H 'Cookie: herald_locale=en' "http://127.0.0.1:$HERALD_PORT/en/" |
    grep -o 'href="/en/[^"/]*-[0-9]\+"' | head -n 1 | sed 's/^href="//; s/"$//')
if [ -z "$article" ]; then
    echo "no article link on /en/" >&2
    exit 1
fi
url="http://127.0.0.1:$HERALD_PORT$article"
# A returning reader: the language cookie is set, so the page is the shared, cached one.
cookie='Cookie: herald_locale=en'

# --- nginx: the same bytes as a static file (and its gzip from Herald, for gzip_static) ---
mkdir -p "$work/www" "$work/nginx"
# nginx's workers may run as another user (nobody): let them read the files.
chmod 755 "$work" "$work/www"
curl -fsS -H "$cookie" "$url" -o "$work/www/article.html"
curl -fsS -H "$cookie" -H 'Accept-Encoding: gzip' "$url" -o "$work/www/article.html.gz"
chmod 644 "$work/www/article.html" "$work/www/article.html.gz"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $work/www;
        default_type text/html;
        gzip_static on;
        location = /article.html { }
    }
}
EOF
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
wait_for "http://127.0.0.1:$NGINX_PORT/article.html"
nginx_url="http://127.0.0.1:$NGINX_PORT/article.html"

plain_bytes=$(stat -c %s "$work/www/article.html")
gzip_bytes=$(stat -c %s "$work/www/article.html.gz")
# Same bytes from both servers, per mode.
cmp -s <(curl -fsS -H "$cookie" "$url") <(curl -fsS "$nginx_url") ||
    { echo "plain bodies differ" >&2; exit 1; }
cmp -s <(curl -fsS -H "$cookie" -H 'Accept-Encoding: gzip' "$url") \
    <(curl -fsS -H 'Accept-Encoding: gzip' "$nginx_url") ||
    { echo "gzip bodies differ" >&2; exit 1; }

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }

echo "article: $article ($plain_bytes bytes, $gzip_bytes gzipped)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, 127.0.0.1; $(nproc) cores; nginx $NGINX_WORKERS workers"
for mode in $MODES; do
    headers=(-H "$cookie")
    [ "$mode" = gzip ] && headers+=(-H 'Accept-Encoding: gzip')
    # Warm both (Herald renders and stores the page on its first request).
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" "$url" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" "$nginx_url" >/dev/null
    herald_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$url")
    nginx_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$nginx_url")
    h=$(rps <<<"$herald_out")
    n=$(rps <<<"$nginx_out")
    if grep -q "Non-2xx" <<<"$herald_out$nginx_out"; then
        echo "non-2xx answers during the $mode run:" >&2
        echo "$herald_out" "$nginx_out" >&2
        exit 1
    fi
    printf '%-5s herald %10.0f req/s   nginx %10.0f req/s   herald/nginx %5.1f %%\n' \
        "$mode" "$h" "$n" "$(awk -v h="$h" -v n="$n" 'BEGIN { print 100 * h / n }')"
    if [ "${VERBOSE:-0}" = 1 ]; then
        echo "$herald_out"
        echo "$nginx_out"
    fi
done
