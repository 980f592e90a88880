#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing.
# Runs `apt-get update` first, and only when something is missing.
#
#   scripts/install-deps.sh PKG...
#   scripts/install-deps.sh --headers PKG DIR
#
# The second form unpacks only the files of PKG into DIR (`apt-get download` and `dpkg -x`,
# no root needed once the package lists are there), unless DIR already holds them. parse/
# reads PostgreSQL's parse tree structs from postgresql-server-dev-15's headers this way:
# installing that package would pull in clang and LLVM, which sqlgen does not need.
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if [ "${1:-}" = "--headers" ]; then
  pkg="$2"
  dir="$3"
  [ -f "$dir/.unpacked" ] && exit 0
  echo "unpacking the headers of $pkg into $dir"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # A fresh machine may have no package lists yet: update once and retry.
  if ! (cd "$tmp" && apt-get download -qq "$pkg" 2>/dev/null); then
    $sudo apt-get update -qq
    (cd "$tmp" && apt-get download -qq "$pkg")
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  dpkg -x "$tmp"/"$pkg"_*.deb "$dir"
  touch "$dir/.unpacked"
  exit 0
fi

missing=()
for pkg in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing missing packages: ${missing[*]}"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
