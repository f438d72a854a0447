#!/usr/bin/env bash
# Throughput with 10 rules against 1,000 (the design brief: within 5 %): two instances of Micro's benchmark app,
# one with `--rules 10`, one with `--rules 1000` (ten REST-shaped rules per resource), loaded alternately with wrk on
# a rule of their last resource. Prints the median of the per-round paired ratios (requests/s and server CPU per
# request). Usage: benchmarks/route-table.sh   (ROUNDS, DURATION, CONNECTIONS as in run-wrk.sh; about 2 minutes)
set -euo pipefail
ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-32}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v wrk > /dev/null || { echo "route-table.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
dotnet build -c Release --nologo -v quiet "$here/Micro.Benchmarks.App" > /dev/null
dll="$here/Micro.Benchmarks.App/bin/Release/net10.0/Micro.Benchmarks.App.dll"
work=$(mktemp -d)
declare -A port=([10]=5611 [1000]=5612) target=([10]=/res0/42/comments/7 [1000]=/res99/42/comments/7) pid=()
trap 'kill ${pid[10]:-} ${pid[1000]:-} 2> /dev/null || true; rm -rf "$work"' EXIT
for n in 10 1000; do
    ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" --urls "http://127.0.0.1:${port[$n]}" --rules "$n" > "$work/server-$n.log" 2>&1 &
    pid[$n]=$!
done
for n in 10 1000; do
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:${port[$n]}/plaintext" && break; sleep 0.5; done
    answer=$(curl -s "http://127.0.0.1:${port[$n]}${target[$n]}")
    [ "$answer" = "comment 42 7" ] || { echo "route-table.sh: --rules $n answered '$answer'" >&2; exit 1; }
done
ticks=$(getconf CLK_TCK)
run() { # rules, seconds -> "rps cpu_us_per_request"
    local before after out
    before=$(awk '{ print $14 + $15 }' "/proc/${pid[$1]}/stat")
    out=$(wrk -t1 -c"$CONNECTIONS" -d"$2s" "http://127.0.0.1:${port[$1]}${target[$1]}")
    after=$(awk '{ print $14 + $15 }' "/proc/${pid[$1]}/stat")
    grep -qE 'Socket errors|Non-2xx' <<< "$out" && { echo "$out" >&2; exit 1; }
    awk -v cpu=$((after - before)) -v hz="$ticks" '/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 } END { printf "%s %.2f\n", r, cpu / hz * 1e6 / n }' <<< "$out"
}
run 10 5 > /dev/null; run 1000 5 > /dev/null
echo "round rules req/s cpu-us/req"
: > "$work/ratios"
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order=(10 1000); else order=(1000 10); fi
    declare -A rps=() cpu=()
    for n in "${order[@]}"; do
        read -r rps[$n] cpu[$n] < <(run "$n" "$DURATION")
        echo "$round $n ${rps[$n]} ${cpu[$n]}"
    done
    awk -v a="${rps[1000]}" -v b="${rps[10]}" -v c="${cpu[10]}" -v d="${cpu[1000]}" 'BEGIN { printf "%.4f %.4f\n", a / b, c / d }' >> "$work/ratios"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "1,000 rules / 10 rules (target >= 0.95): rps $(cut -d' ' -f1 "$work/ratios" | median) (min $(cut -d' ' -f1 "$work/ratios" | sort -g | head -1)), CPU $(cut -d' ' -f2 "$work/ratios" | median) (median of $ROUNDS paired rounds; CPU: 10-rule CPU per request / 1,000-rule)"
