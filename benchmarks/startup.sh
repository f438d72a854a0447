#!/usr/bin/env bash
# Time from process start to first response, Micro vs Minimal APIs, measured alternately on loopback.
# Usage: benchmarks/startup.sh [ROUNDS]   (default 10; about a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
port=5699

command -v curl >/dev/null || { echo "curl is required"; exit 1; }
dotnet build -c Release benchmarks/Micro.Benchmarks.App/Micro.Benchmarks.App.csproj -v q -nologo >/dev/null
dotnet build -c Release benchmarks/Minimal.Benchmarks.App/Minimal.Benchmarks.App.csproj -v q -nologo >/dev/null
micro_dll=$(ls benchmarks/Micro.Benchmarks.App/bin/Release/net10.0/Micro.Benchmarks.App.dll)
minimal_dll=$(ls benchmarks/Minimal.Benchmarks.App/bin/Release/net10.0/Minimal.Benchmarks.App.dll)

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

# Prints milliseconds from exec to the first 200 on /plaintext.
measure() {
  local dll="$1"
  local start end
  start=$(date +%s%N)
  dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/plaintext" 2>/dev/null | grep -q 200; then
      end=$(date +%s%N)
      kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
      echo $(( (end - start) / 1000000 ))
      return
    fi
    sleep 0.005
  done
  kill "$pid"; pid=""
  echo "no response within 15 s" >&2
  exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

micro=(); minimal=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then
    micro+=("$(measure "$micro_dll")"); minimal+=("$(measure "$minimal_dll")")
  else
    minimal+=("$(measure "$minimal_dll")"); micro+=("$(measure "$micro_dll")")
  fi
done

m=$(printf '%s\n' "${micro[@]}" | median)
n=$(printf '%s\n' "${minimal[@]}" | median)
echo "start to first response (median of $rounds, ms): Micro $m, Minimal APIs $n"
awk -v a="$m" -v b="$n" 'BEGIN { printf "ratio Micro/Minimal: %.2f (target <= 1.20)\n", a / b }'
