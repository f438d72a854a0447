#!/usr/bin/env bash
# The repository's commands, in the style of the dotnet repositories' build scripts:
#
#   ./build.sh                  build Micro.sln
#   ./build.sh test [args...]   install what the tests need when it is missing, then dotnet test Micro.sln [args...]
#                               (args pass through: --filter "FullyQualifiedName~Routing", --logger trx, ...)
#   ./build.sh pack [folder]    pack Micro, Micro.Testing, Micro.Redis and Micro.Templates, with a version no earlier pack
#                               used, into folder (default: artifacts/packages)
#
# Needs only the .NET SDK named in global.json; on Debian or Ubuntu `test` installs the rest with apt-get.
set -euo pipefail

# Only shell builtins until a command runs, so the tests of this script can run it with a PATH of stubs.
here="${BASH_SOURCE[0]%/*}"
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
cd "$here"

# What the test suite runs besides dotnet, as command:Debian package. The one list: add a tool here and
# `./build.sh test` installs it everywhere (CI included).
#   chromium, chromedriver   the Blog's browser test (examples/Blog.Tests/BrowserTests.cs)
#   redis-server             tests against a real Redis
test_tools=(chromium:chromium chromedriver:chromium-driver redis-server:redis-server)

missing_packages() {
  local tool
  for tool in "${test_tools[@]}"; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || echo "${tool#*:}"
  done
}

install_test_tools() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the tests need these Debian packages, and this machine has no apt-get: ${missing[*]}" >&2
    echo "Install their equivalents so that ${test_tools[*]%%:*} are on PATH, then run ./build.sh test again." >&2
    exit 1
  fi

  local -a sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "error: the tests need ${missing[*]}, and installing them needs root. Run:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      echo "then run ./build.sh test again." >&2
      exit 1
    fi
  fi

  echo "Installing ${missing[*]} (the tests need them)..."
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"

  mapfile -t missing < <(missing_packages)
  if [ ${#missing[@]} -ne 0 ]; then
    echo "error: apt-get installed ${missing[*]}, but their commands are still not on PATH:" >&2
    local tool
    for tool in "${test_tools[@]}"; do
      command -v "${tool%%:*}" >/dev/null 2>&1 || echo "  ${tool%%:*}" >&2
    done
    exit 1
  fi
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: dotnet is not on PATH: install the .NET SDK named in global.json (https://dot.net)." >&2
    exit 1
  fi
}

pack() {
  local folder="${1:-artifacts/packages}"
  mkdir -p "$folder"
  folder=$(cd "$folder" && pwd)

  # A version no earlier pack used: NuGet caches a package by id and version in the user's global packages
  # folder, so a rebuilt 0.1.0 would be shadowed by the first 0.1.0 ever restored. A new version per pack
  # makes a restore find exactly this build.
  local base version stamp
  base=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Micro/Micro.csproj | head -n 1)
  stamp=$(date -u +%Y%m%d%H%M%S)
  case "$base" in
    *-*) version="$base.dev.$stamp" ;;
    *) version="$base-dev.$stamp" ;;
  esac

  local project
  for project in src/Micro src/Micro.Testing src/Micro.Redis src/Micro.Templates; do
    dotnet pack "$project" -c Release -o "$folder" "-p:Version=$version"
  done

  # Sites made earlier keep restoring their own Micro versions from this folder, so those stay; the template
  # pack is installed by path, so only the newest stays and `Micro.Templates.*.nupkg` names one file.
  local old
  for old in "$folder"/Micro.Templates.[0-9]*.nupkg; do
    [ "$old" = "$folder/Micro.Templates.$version.nupkg" ] || rm -f -- "$old"
  done

  echo
  echo "Packed Micro, Micro.Testing, Micro.Redis and Micro.Templates $version into $folder"
}

verb="${1:-build}"
[ $# -gt 0 ] && shift
case "$verb" in
  build)
    require_dotnet
    exec dotnet build Micro.sln "$@"
    ;;
  test)
    require_dotnet
    install_test_tools
    exec dotnet test Micro.sln "$@"
    ;;
  pack)
    require_dotnet
    [ $# -le 1 ] || { echo "usage: ./build.sh pack [folder]" >&2; exit 2; }
    pack "$@"
    ;;
  -h | --help | help)
    sed -n '2,9p' "$0"
    ;;
  *)
    echo "usage: ./build.sh [build|test|pack] [args...]   (./build.sh --help)" >&2
    exit 2
    ;;
esac
