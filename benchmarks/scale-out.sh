#!/usr/bin/env bash
# The Blog on several instances: redis-server, two Blog instances (own HOME and key folder each, key ring and
# sessions in Redis, one SQLite file) and a YARP round-robin proxy (benchmarks/ScaleOut.Proxy), all on loopback.
# A logged-in visitor's session cookie is taken through the proxy, then wrk reads the home page with it (the
# Blog's before-request hook reads the session, so every request reads Redis):
#   1. through the proxy, CONNECTIONS keep-alive connections for DURATION, the memory (RSS) of every process
#      sampled every 5 s, to see no upward trend;
#   2. one instance served directly, same load, for the ratio proxy / direct.
# On a machine with few cores every process shares them, so the ratio is what the proxy and the second instance
# cost, not a speed-up: more instances help when they have machines of their own.
#
# Usage: benchmarks/scale-out.sh   Settings: CONNECTIONS (5000), DURATION (30s), WARMUP (10s), THREADS (2),
# BASE_PORT (5800: proxy; +1, +2 instances; +9 Redis). Needs wrk, redis-server and curl; installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
CONNECTIONS=${CONNECTIONS:-5000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
BASE_PORT=${BASE_PORT:-5800}
proxy_port=$BASE_PORT
ports=($((BASE_PORT + 1)) $((BASE_PORT + 2)))
redis_port=$((BASE_PORT + 9))
for tool in wrk redis-server curl; do
  command -v "$tool" >/dev/null || { echo "scale-out.sh: $tool is required (apt-get install -y ${tool/curl/curl})" >&2; exit 2; }
done
ulimit -n 20000 2>/dev/null || true

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release examples/Blog -v q -nologo >/dev/null
dotnet build -c Release benchmarks/ScaleOut.Proxy -v q -nologo >/dev/null
blog=examples/Blog/bin/Release/net10.0/Blog.dll
proxy=benchmarks/ScaleOut.Proxy/bin/Release/net10.0/ScaleOut.Proxy.dll

wait_for() { # url
  for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "scale-out.sh: $1 did not answer" >&2; exit 1
}

mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/redis" >"$work/redis.log" 2>&1 &
pids+=($!)
HOME="$work/init" dotnet "$blog" init-db --Database="$work/blog.sqlite" --contentRoot="$root/examples/Blog" >/dev/null
names=()
for i in 0 1; do
  name="instance$((i + 1))"
  names+=("$name")
  mkdir -p "$work/$name/home" "$work/$name/keys"
  HOME="$work/$name/home" ASPNETCORE_ENVIRONMENT=Production dotnet "$blog" --urls="http://127.0.0.1:${ports[$i]}" \
    --Database="$work/blog.sqlite" --DataProtection:KeysFolder="$work/$name/keys" --Redis="127.0.0.1:$redis_port" \
    --ForwardedHeaders:Headers="XForwardedFor, XForwardedProto, XForwardedHost" \
    --Logging:LogLevel:Default=Warning --contentRoot="$root/examples/Blog" >"$work/$name.log" 2>&1 &
  pids+=($!)
done
dotnet "$proxy" --urls="http://127.0.0.1:$proxy_port" --Destinations="http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}" >"$work/proxy.log" 2>&1 &
pids+=($!)
for port in "${ports[@]}" "$proxy_port"; do wait_for "http://127.0.0.1:$port/"; done
sleep 1

# Register and log in through the proxy (each request may go to the other instance; CSRF tokens and sessions are shared).
site="http://127.0.0.1:$proxy_port"
jar="$work/cookies"
csrf() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }
token=$(curl -fs -c "$jar" -b "$jar" "$site/auth/register" | csrf)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=bench" --data-urlencode "password=bench pass" --data-urlencode "csrf_token=$token" "$site/auth/register"
token=$(curl -fs -c "$jar" -b "$jar" "$site/auth/login" | csrf)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=bench" --data-urlencode "password=bench pass" --data-urlencode "csrf_token=$token" "$site/auth/login"
cookie=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
for target in "$site" "http://127.0.0.1:${ports[0]}" "http://127.0.0.1:${ports[1]}"; do
  curl -fs -H "Cookie: $cookie" "$target/" | grep -q '<span>bench</span>' || { echo "scale-out.sh: not logged in at $target" >&2; exit 1; }
done
echo "logged in as bench through the proxy; both instances read the session from Redis"

rss() { # name pid
  local kb
  kb=$(ps -o rss= -p "$2" 2>/dev/null | xargs || true)
  printf '%s=%sMB ' "$1" "$(( ${kb:-0} / 1024 ))"
}
sample() { # seconds
  local t=0
  while [ "$t" -le "$1" ]; do
    printf 't=%3ss  ' "$t"
    rss redis "${pids[0]}"; rss "${names[0]}" "${pids[1]}"; rss "${names[1]}" "${pids[2]}"; rss proxy "${pids[3]}"
    echo
    sleep 5
    t=$((t + 5))
  done
}
seconds() { local d=$1; case "$d" in *m) echo $(( ${d%m} * 60 ));; *s) echo "${d%s}";; *) echo "$d";; esac; }

run() { # label url
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -H "Cookie: $cookie" "$2")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  echo "$1: $(grep -E 'requests in' <<<"$out" | xargs); $rps req/s; $(grep -E 'Socket errors|Non-2xx' <<<"$out" | xargs || true)"
}

echo "warm-up through the proxy ($WARMUP)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $cookie" "$site/" >/dev/null
echo "memory during the run through the proxy (every 5 s):"
sample "$(seconds "$DURATION")" &
sampler=$!
run "through the proxy, $CONNECTIONS connections, $DURATION" "$site/"
proxied=$rps
wait "$sampler" 2>/dev/null || true
run "${names[0]} directly, $CONNECTIONS connections, $DURATION" "http://127.0.0.1:${ports[0]}/"
direct=$rps
echo "ratio proxy / one instance directly: $(awk -v a="$proxied" -v b="$direct" 'BEGIN { printf "%.3f", a / b }')"
echo "(no 'Socket errors' or 'Non-2xx' above means none; errors logged by the instances:" \
  "$(cat "$work"/instance*.log | grep -c -E '^(fail|crit)' || true))"
