#!/usr/bin/env bash
# 5,000 concurrent keep-alive connections against Micro's /plaintext on loopback: errors and server memory
# (RSS) after a warm-up and after each of two 30-second runs. Usage: benchmarks/soak.sh   (about 75 s)
set -euo pipefail
cd "$(dirname "$0")/.."
port=5700
ulimit -n 20000 2>/dev/null || true
command -v wrk >/dev/null || { echo "wrk is required (apt-get install -y wrk)"; exit 1; }
dotnet build -c Release benchmarks/Micro.Benchmarks.App -v q -nologo >/dev/null
dotnet benchmarks/Micro.Benchmarks.App/bin/Release/net10.0/Micro.Benchmarks.App.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
sleep 4
url="http://127.0.0.1:$port/plaintext"
wrk -t2 -c5000 -d10s "$url" >/dev/null
echo "RSS after warm-up: $(ps -o rss= -p "$pid") KB"
for run in 1 2; do
  out=$(wrk -t2 -c5000 -d30s --timeout 10s "$url")
  echo "run $run: $(grep -E 'requests in' <<<"$out" | xargs); $(grep -E 'Socket errors|Non-2xx' <<<"$out" | xargs || true)"
  echo "RSS after run $run: $(ps -o rss= -p "$pid") KB"
done
echo "(no 'Socket errors' or 'Non-2xx' above means none)"
