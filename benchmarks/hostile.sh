#!/usr/bin/env bash
# Hostile input against a real server: the Blog example in Production on Kestrel (loopback), probed with the
# request forms of the security review (docs/security.md). Each probe names what it expects; at the end the
# server must still answer and must not have logged an unhandled exception.
# Usage: benchmarks/hostile.sh   (about 1 minute with the build; needs curl)
# Prints one line per probe and a final `hostile: N passed, N failed`; exits 1 when any probe failed.
set -uo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5710}
base="http://127.0.0.1:$port"
command -v curl >/dev/null || { echo "curl is required"; exit 2; }

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
dotnet build -c Release examples/Blog -v q -nologo >/dev/null || { echo "build failed"; exit 2; }
blog=examples/Blog/bin/Release/net10.0/Blog.dll
export MICRO_DATABASE="$work/blog.sqlite" ASPNETCORE_ENVIRONMENT=Production HOME="$work"
(cd examples/Blog && dotnet "../../$blog" init-db >/dev/null)
(cd examples/Blog && exec dotnet "../../$blog" --urls "$base" >"$work/server.log" 2>&1) &
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "$base/" && break; sleep 0.2; done

passed=0 failed=0
check() { # name, expected status pattern (regex), actual status, [max seconds, actual seconds]
  local ok=1
  [[ "$3" =~ ^($2)$ ]] || ok=0
  if [ $# -ge 5 ] && awk "BEGIN { exit !($5 > $4) }"; then ok=0; fi
  if [ $ok = 1 ]; then passed=$((passed + 1)); echo "ok    $1 -> $3${5:+ in ${5}s}";
  else failed=$((failed + 1)); echo "FAIL  $1 -> $3${5:+ in ${5}s} (expected $2${4:+ within ${4}s})"; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' --path-as-is "$@"; }

# 1. Files stay in their folder, whatever the path form (the request target is sent as written; a 308 that
#    merges duplicate slashes, as Werkzeug's, is followed).
for target in '/static/../Program.cs' '/static/%2e%2e/Program.cs' '/static/.%2e/Program.cs' '/static/..%2fProgram.cs' \
              '/static/..%5cProgram.cs' '/static/..\Program.cs' '/static/%252e%252e/Program.cs' '/static//etc/passwd' \
              '/static/../../../../etc/passwd' '/static/style.css/..%2f..%2fProgram.cs' '/static/..;/Program.cs'; do
  check "traversal $target" '400|404' "$(status -L --max-redirs 3 "$base$target")"
done
check "traversal absolute-form" '400|404' "$(status --request-target "http://127.0.0.1:$port/static/../Program.cs" "$base/")"
check "a file in the folder is served" '200' "$(status "$base/static/style.css")"

# 2. No unsafe method without a CSRF token, whatever the body; an undecodable form charset is a 400, not a 500.
check "POST delete, no body" '400' "$(status -X POST "$base/1/delete")"
check "POST delete, text/plain" '400' "$(status -X POST -H 'Content-Type: text/plain' --data 'a=b' "$base/1/delete")"
check "POST delete, JSON" '400' "$(status -X POST -H 'Content-Type: application/json' --data '{}' "$base/1/delete")"
check "POST delete, form without token" '400' "$(status -X POST --data 'x=1' "$base/1/delete")"
check "POST login, charset=utf-7" '400' "$(status -X POST -H 'Content-Type: application/x-www-form-urlencoded; charset=utf-7' --data 'username=a' "$base/auth/login")"
check "DELETE with a JSON body" '400|405' "$(status -X DELETE -H 'Content-Type: application/json' --data '{}' "$base/1/delete")"

# 3. Matching stays fast on long request lines (linear in the URL): an 8 KB path of many segments, one long segment.
long_segments=$(printf 'a/%.0s' $(seq 4000))
long_segment=$(printf 'x%.0s' $(seq 8000))
for target in "/$long_segments" "/$long_segment" "/$long_segment/delete" "/1/$long_segments/update"; do
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --path-as-is "$base$target")
  check "8 KB request line (${#target} chars)" '404|414|431' "${out% *}" 1.0 "${out#* }"
done

# 4. Odd request forms never reach a 500.
check "absolute-form target" '200' "$(status --request-target "http://127.0.0.1:$port/" "$base/")"
check "OPTIONS *" '200|400|404' "$(status -X OPTIONS --request-target '*' "$base/")"
check "lower-case method" '200|405' "$(status -X get "$base/")"
check "duplicate session cookies" '200' "$(status -H 'Cookie: session=garbage; session=more-garbage' "$base/")"
check "tampered session cookie" '200' "$(status -H 'Cookie: session=CfDJ8AAAAAAAAAAAAAAAAAAAAAA' "$base/")"
check "If-None-Match with an old If-Modified-Since" '200|304' "$(status -H 'If-None-Match: "x"' -H 'If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT' "$base/static/style.css")"
check "Range in an unknown unit" '200' "$(status -H 'Range: items=0-1' "$base/static/style.css")"

# 5. The server is still up and logged no unhandled exception.
check "server still answers" '200' "$(status "$base/")"
if grep -q -E 'Unhandled exception|An unhandled exception' "$work/server.log"; then
  failed=$((failed + 1)); echo "FAIL  the server logged an unhandled exception:"; grep -m3 -A3 -E 'nhandled exception' "$work/server.log"
else
  passed=$((passed + 1)); echo "ok    no unhandled exception in the server log"
fi

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
