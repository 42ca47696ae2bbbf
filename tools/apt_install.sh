#!/usr/bin/env bash
# Make sure PROGRAM exists, installing the Debian/Ubuntu package PACKAGE if it does not: apt-get as root, with
# `sudo -n`, or else print HINT (what to install by hand). Idempotent. Used by tools/install_sandbox.sh.
#
#   bash tools/apt_install.sh TAG PACKAGE PROGRAM HINT
#
# TAG prefixes the messages. Exit status: 0 when PROGRAM is on PATH afterwards; when it cannot be installed, HINT
# is printed and the exit status is 0 locally (the tests that need it skip) but 1 when CI=true (they must run).
set -euo pipefail

tag=$1 package=$2 program=$3 hint=$4

if command -v "$program" >/dev/null 2>&1; then
    echo "$tag: $program found at $(command -v "$program")"
    exit 0
fi

give_up() {
    echo "$tag: $1" >&2
    printf '%s\n' "$hint" >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
}

if ! { command -v apt-get >/dev/null 2>&1 && [ -r /etc/os-release ] \
        && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; }; then
    give_up "$program is missing and this is not Debian or Ubuntu."
fi
if [ "$(id -u)" -eq 0 ]; then
    as=(env)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as=(sudo -n env)
else
    give_up "$program is missing; apt-get needs root and sudo is unavailable without a password."
fi
echo "$tag: installing the package $package with apt-get"
"${as[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as[@]}" apt-get install -y -qq "$package"
if command -v "$program" >/dev/null 2>&1; then
    echo "$tag: $program installed at $(command -v "$program")"
    exit 0
fi
echo "$tag: apt-get finished but $program is not on PATH." >&2
printf '%s\n' "$hint" >&2
exit 1
