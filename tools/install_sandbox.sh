#!/usr/bin/env bash
# Make sure bubblewrap (`bwrap`) is there for the grader's sandbox. Idempotent: does nothing when it is there.
#
#   bash tools/install_sandbox.sh        (run by `make sandbox`, `make setup` and `make test`)
#
# `gausslearn grade` runs each learner's code inside an allow-list sandbox made with bubblewrap (Debian/Ubuntu
# package `bubblewrap`) and user namespaces; without it the reports say "NOT SANDBOXED" and
# `gausslearn grade --require-sandbox` refuses to grade (README: "what the grader guarantees").
# Exit status: 0 when bwrap is available afterwards; outside Debian/Ubuntu (or without root/sudo) it prints what
# to install and exits 0 locally, but 1 when CI=true (the sandbox tests must run there).
set -euo pipefail

if [ "$(uname -s)" != "Linux" ]; then
    echo "install_sandbox: the grader's sandbox needs Linux (bubblewrap and user namespaces); grading here is not sandboxed." >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
fi

if command -v bwrap >/dev/null 2>&1; then
    echo "install_sandbox: bubblewrap found at $(command -v bwrap) ($(bwrap --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

instructions() {
    cat >&2 <<'TEXT'
install_sandbox: bubblewrap is missing, so grading is not sandboxed (the learner's code could read your files).
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y bubblewrap
  Fedora:         sudo dnf install -y bubblewrap
  Arch:           sudo pacman -S bubblewrap
It also needs unprivileged user namespaces (on by default on Debian, Fedora, Arch; on Ubuntu 24.04 and later
AppArmor allows them for bwrap).
TEXT
}

is_debian() {
    command -v apt-get >/dev/null 2>&1 && [ -r /etc/os-release ] \
        && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release
}

install_with() {  # install_with CMD-PREFIX...
    echo "install_sandbox: installing bubblewrap with apt-get"
    "$@" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "$@" apt-get install -y -qq bubblewrap
}

if is_debian; then
    if [ "$(id -u)" -eq 0 ]; then
        install_with env
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        install_with sudo -n env
    else
        echo "install_sandbox: apt-get needs root and sudo is unavailable without a password." >&2
        instructions
        [ "${CI:-}" = "true" ] && exit 1
        exit 0
    fi
    if command -v bwrap >/dev/null 2>&1; then
        echo "install_sandbox: bubblewrap installed at $(command -v bwrap)"
        exit 0
    fi
    echo "install_sandbox: apt-get finished but bwrap is not on PATH." >&2
    instructions
    exit 1
fi

instructions
[ "${CI:-}" = "true" ] && exit 1
exit 0
