#!/usr/bin/env bash
# Make sure bubblewrap (`bwrap`) is there for the grader's sandbox. Idempotent: does nothing when it is there.
#
#   bash tools/install_sandbox.sh        (run by `make sandbox` and `make test`)
#
# `gausslearn grade` runs each learner's code inside an allow-list sandbox made with bubblewrap (Debian/Ubuntu
# package `bubblewrap`) and user namespaces; without it the reports say "NOT SANDBOXED" and
# `gausslearn grade --require-sandbox` refuses to grade (README: "what the grader guarantees").
# Exit status: 0 when bwrap is available afterwards; where it cannot be installed (not Linux, not Debian/Ubuntu,
# no root or sudo) it says what to install and exits 0 locally, but 1 when CI=true (the sandbox tests must run).
set -euo pipefail

HINT='The grader cannot sandbox the learner'"'"'s code without bubblewrap (it could read your files). Install it:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y bubblewrap
  Fedora:         sudo dnf install -y bubblewrap
  Arch:           sudo pacman -S bubblewrap
It also needs unprivileged user namespaces (on by default on Debian, Fedora and Arch; on Ubuntu 24.04 and later
AppArmor allows them for bwrap).'

if [ "$(uname -s)" != "Linux" ]; then
    echo "install_sandbox: the grader's sandbox needs Linux (bubblewrap and user namespaces); grading here is not sandboxed." >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
fi
exec bash "$(dirname "$0")/apt_install.sh" install_sandbox bubblewrap bwrap "$HINT"
