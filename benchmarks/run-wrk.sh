#!/usr/bin/env bash
# Throughput of Micro against plain Minimal APIs, side by side in one run, as ratios.
#
# Builds both benchmark apps in Release, starts each on loopback, checks that they answer the same bytes,
# warms them up, then runs wrk against them alternately (ROUNDS rounds x each shared endpoint x each app, the
# app going first alternating per round, then Micro's /fortunes-cached), stops the servers and prints the
# median ratios the design targets need: Micro/Minimal on /plaintext, /json, /users/42 (target >= 0.97) and
# /fortunes (>= 0.8), and Micro /fortunes-cached / Micro /plaintext (>= 0.95).
#
# Needs wrk (on Debian/Ubuntu: apt-get install -y wrk); installs nothing itself.
# Settings (environment variables): ROUNDS (5), DURATION seconds per wrk run (5), WARMUP seconds per
# endpoint and app (5), THREADS (1), CONNECTIONS (32), MICRO_PORT (5601), MINIMAL_PORT (5602), and
# PIN=1 to pin the servers to the last CPU and wrk to the others (taskset), so the server is the bottleneck,
# and TIME_BUDGET (450): seconds after which the script gives up rather than start another wrk run.
# With the defaults the whole script takes about 5-6 minutes, builds included (9 wrk runs per round).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-32}
MICRO_PORT=${MICRO_PORT:-5601}
MINIMAL_PORT=${MINIMAL_PORT:-5602}
PIN=${PIN:-0}
TIME_BUDGET=${TIME_BUDGET:-450}
ENDPOINTS=(/plaintext /json /users/42 /fortunes) # both apps
CACHED=/fortunes-cached                           # Micro only: the Fortunes page from the output cache
PAGE=/fortunes-page                               # Micro only: the same page as a constant string (no work at all)
APPS=(Micro Minimal)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

if ! command -v wrk > /dev/null 2>&1; then
    echo "run-wrk.sh: wrk is not installed (on Debian/Ubuntu: apt-get install -y wrk)" >&2
    exit 2
fi
server_cpus=() load_cpus=()
if [ "$PIN" = 1 ]; then
    last=$(($(nproc) - 1))
    if [ "$last" -lt 1 ] || ! command -v taskset > /dev/null 2>&1; then
        echo "run-wrk.sh: PIN=1 needs taskset and at least 2 CPUs" >&2
        exit 2
    fi
    server_cpus=(taskset -c "$last") load_cpus=(taskset -c "0-$((last - 1))")
fi
for tool in dotnet curl timeout; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "run-wrk.sh: $tool is needed" >&2
        exit 2
    fi
done

work=$(mktemp -d)
pids=()
stop_servers() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2> /dev/null || true
    done
    pids=()
}
cleanup() {
    stop_servers
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_of() { if [ "$1" = Micro ]; then echo "$MICRO_PORT"; else echo "$MINIMAL_PORT"; fi; }
pid_of() { if [ "$1" = Micro ]; then echo "$micro_pid"; else echo "$minimal_pid"; fi; }
ticks=$(getconf CLK_TCK)
# CPU time (user + system, in clock ticks) the server process has used so far.
cpu_of() { awk '{ print $14 + $15 }' "/proc/$(pid_of "$1")/stat"; }

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== building (Release)"
for app in "${APPS[@]}"; do
    timeout 150 dotnet build -c Release --nologo -v quiet "$here/$app.Benchmarks.App" > "$work/build-$app.log" 2>&1 \
        || { cat "$work/build-$app.log" >&2; echo "run-wrk.sh: build of $app.Benchmarks.App failed" >&2; exit 1; }
done

for app in "${APPS[@]}"; do
    port=$(port_of "$app")
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        echo "run-wrk.sh: something already listens on 127.0.0.1:$port" >&2
        exit 1
    fi
    dll="$here/$app.Benchmarks.App/bin/Release/net10.0/$app.Benchmarks.App.dll"
    DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
        "${server_cpus[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port" > "$work/server-$app.log" 2>&1 &
    pids+=($!)
    if [ "$app" = Micro ]; then micro_pid=$!; else minimal_pid=$!; fi
done

echo "== waiting for the servers"
for app in "${APPS[@]}"; do
    port=$(port_of "$app")
    for _ in $(seq 1 60); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/plaintext"; then
            continue 2
        fi
        sleep 0.5
    done
    cat "$work/server-$app.log" >&2
    echo "run-wrk.sh: $app did not start on 127.0.0.1:$port" >&2
    exit 1
done

# Both apps must answer the same bytes, status and content type; Micro's /fortunes-cached (asked twice, so
# the second answer comes from the output cache) must be the same page as the hand-written /fortunes.
same() { # Micro target, Minimal target
    curl -s -o "$work/micro.body" -w '%{http_code} %{content_type}' "http://127.0.0.1:$MICRO_PORT$1" > "$work/micro.head"
    curl -s -o "$work/minimal.body" -w '%{http_code} %{content_type}' "http://127.0.0.1:$MINIMAL_PORT$2" > "$work/minimal.head"
    if ! cmp -s "$work/micro.head" "$work/minimal.head" || ! cmp -s "$work/micro.body" "$work/minimal.body"; then
        echo "run-wrk.sh: Micro $1 and Minimal $2 differ: '$(cat "$work/micro.head")' $(wc -c < "$work/micro.body") bytes," \
            "'$(cat "$work/minimal.head")' $(wc -c < "$work/minimal.body") bytes" >&2
        exit 1
    fi
}
for endpoint in "${ENDPOINTS[@]}"; do
    same "$endpoint" "$endpoint"
done
same "$CACHED" /fortunes
same "$CACHED" /fortunes
same "$PAGE" /fortunes
echo "== same answers from both apps (the Fortunes page: $(wc -c < "$work/micro.body") bytes, byte-for-byte equal)"

# Runs wrk once; prints requests/s and the server's CPU time per request in microseconds,
# or fails on socket errors or non-2xx answers.
run_wrk() {
    local app=$1 endpoint=$2 seconds=$3 out before after
    if [ $((SECONDS + seconds)) -gt "$TIME_BUDGET" ]; then
        echo "run-wrk.sh: over the time budget of ${TIME_BUDGET}s; lower ROUNDS, DURATION or WARMUP" >&2
        return 1
    fi
    before=$(cpu_of "$app")
    out=$(timeout $((seconds + 20)) "${load_cpus[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s \
        "http://127.0.0.1:$(port_of "$app")$endpoint")
    after=$(cpu_of "$app")
    if grep -qE 'Socket errors|Non-2xx' <<< "$out"; then
        echo "$out" >&2
        echo "run-wrk.sh: errors while loading $app $endpoint" >&2
        return 1
    fi
    awk -v cpu=$((after - before)) -v hz="$ticks" '
        / requests in / { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        END { printf "%s\t%.2f\n", rps, cpu / hz * 1e6 / requests }' <<< "$out"
}

echo "== warming up (${WARMUP}s per endpoint and app)"
for endpoint in "${ENDPOINTS[@]}"; do
    for app in "${APPS[@]}"; do
        run_wrk "$app" "$endpoint" "$WARMUP" > /dev/null
    done
done
run_wrk Micro "$CACHED" "$WARMUP" > /dev/null
run_wrk Micro "$PAGE" "$WARMUP" > /dev/null

echo "== measuring: $ROUNDS rounds x (${#ENDPOINTS[@]} endpoints x ${#APPS[@]} apps + Micro $CACHED and $PAGE), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
results="$work/results.tsv"
printf 'round\tendpoint\tapp\treq/s\tserver CPU us/req\n'
for round in $(seq 1 "$ROUNDS"); do
    for endpoint in "${ENDPOINTS[@]}"; do
        if [ $((round % 2)) -eq 1 ]; then order=(Micro Minimal); else order=(Minimal Micro); fi
        for app in "${order[@]}"; do
            figures=$(run_wrk "$app" "$endpoint" "$DURATION")
            printf '%s\t%s\t%s\t%s\n' "$round" "$endpoint" "$app" "$figures" | tee -a "$results"
        done
    done
    for endpoint in "$CACHED" "$PAGE"; do
        figures=$(run_wrk Micro "$endpoint" "$DURATION")
        printf '%s\t%s\t%s\t%s\n' "$round" "$endpoint" Micro "$figures" | tee -a "$results"
    done
done

# Stop the servers before printing (the trap does it too, on any exit).
stop_servers

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Per round, the two runs compared ran in the same round (Micro and Minimal back to back): their ratio is the
# paired figure, less sensitive to drift and to other load on the machine than the ratio of the medians. The
# server's CPU time per request is the second, steadier measure of the same thing when the machine is busy:
# the denominator's CPU per request / the numerator's is the throughput ratio a server-bound run would show.
paired() { # numerator endpoint and app, denominator endpoint and app, column (4 rps, 5 CPU) -> sorted ratios
    awk -F'\t' -v e1="$1" -v a1="$2" -v e2="$3" -v a2="$4" -v c="$5" '
        ($2 == e1 && $3 == a1) || ($2 == e2 && $3 == a2) { v[$1, $2, $3] = $c; rounds[$1] = 1 }
        END { for (r in rounds) if ((r, e1, a1) in v && (r, e2, a2) in v)
                  printf "%.4f\n", c == 4 ? v[r, e1, a1] / v[r, e2, a2] : v[r, e2, a2] / v[r, e1, a1] }' "$results" | sort -g
}
column_median() { awk -F'\t' -v e="$1" -v a="$2" -v c="$3" '$2 == e && $3 == a { print $c }' "$results" | median; }

echo
if [ "$PIN" = 1 ]; then layout="servers pinned to CPU $(($(nproc) - 1)), wrk to the others"; else layout="$(nproc) cores shared by both servers and wrk"; fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $layout (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s per endpoint and app; medians over the rounds"
printf '%-44s %7s %9s %9s %9s %13s | %9s %9s %9s %13s\n' "ratio" target "num rps" "den rps" "rps ratio" "(min-max)" \
    "num us/r" "den us/r" "CPU ratio" "(min-max)"
report() { # label, target, numerator endpoint and app, denominator endpoint and app
    local rps cpu
    rps=$(paired "$3" "$4" "$5" "$6" 4)
    cpu=$(paired "$3" "$4" "$5" "$6" 5)
    printf '%-44s %7s %9.0f %9.0f %8.3fx %6.3f-%.3f | %9.1f %9.1f %8.3fx %6.3f-%.3f\n' "$1" "$2" \
        "$(column_median "$3" "$4" 4)" "$(column_median "$5" "$6" 4)" \
        "$(median <<< "$rps")" "$(head -1 <<< "$rps")" "$(tail -1 <<< "$rps")" \
        "$(column_median "$3" "$4" 5)" "$(column_median "$5" "$6" 5)" \
        "$(median <<< "$cpu")" "$(head -1 <<< "$cpu")" "$(tail -1 <<< "$cpu")"
}
for endpoint in "${ENDPOINTS[@]}"; do
    if [ "$endpoint" = /fortunes ]; then target=0.8x; else target=0.97x; fi
    report "Micro $endpoint / Minimal $endpoint" "$target" "$endpoint" Micro "$endpoint" Minimal
done
report "Micro $CACHED / Micro /plaintext" 0.95x "$CACHED" Micro /plaintext Micro
# For reference (no target): what the bigger page costs without any template, and the cache hit against it.
report "ref: Minimal /fortunes / Minimal /plaintext" - /fortunes Minimal /plaintext Minimal
report "ref: Micro $CACHED / Minimal /fortunes" - "$CACHED" Micro /fortunes Minimal
# The ceiling for any output cache: the same page as a constant string, nothing loaded, keyed or rendered.
report "ref: Micro $PAGE / Micro /plaintext" - "$PAGE" Micro /plaintext Micro
report "ref: Micro $CACHED / Micro $PAGE" - "$CACHED" Micro "$PAGE" Micro
echo "rps ratio: numerator/denominator requests/s; CPU ratio: denominator/numerator server CPU time per request"
echo "(above 1: the numerator is cheaper). Both are medians of the per-round paired ratios."
