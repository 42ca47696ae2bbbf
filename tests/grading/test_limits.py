"""The learner process's resource limits: one Limits object, set once, in the child before exec.

For a grader that is not root, ``RLIMIT_NPROC`` counts every process and thread of the grading user, so the
limit must be what the user already runs plus the allowance; a bare allowance (64) stops the learner's
process from starting a single thread on a busy account. These tests run the child as a normal user: as
root, a forked helper switches to an unused user id first (nothing else runs as it, so the count is exact).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gausslearn.grading.host.limits import Limits, user_tasks
from gausslearn.grading.host.runner import Runner
from gausslearn.grading.student.zygote import apply_rlimits

LINUX = sys.platform.startswith("linux")
#: A shell that reports its soft process limit (no fork: builtins only), then forks once to show it may.
PROBE = ["/bin/sh", "-c", 'while read -r a b c d; do [ "$a $b" = "Max processes" ] && echo "$c"; done '
         "< /proc/self/limits; ( : ) && echo forked"]


def _unused_uid() -> int:
    uid = 61000 + os.getpid() % 3000
    while user_tasks(uid):
        uid += 1
    return uid


def _as_user(uid: int, body: Callable[[], str]) -> str:
    """Run ``body`` in a forked child that has become user ``uid`` (root only); return what it returned."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            out = body()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            out = f"ERROR {exc!r}"
        os.write(w, out.encode())
        os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def _probe_with(limits: Limits, sleepers: int) -> str:
    """Start ``sleepers`` idle processes as this user, then the probe under ``limits``; report both."""
    idle = [subprocess.Popen(["/bin/sleep", "30"], cwd="/") for _ in range(sleepers)]
    try:
        time.sleep(0.1)
        before = user_tasks(os.getuid())
        values = limits.rlimits()  # counted here, in the parent, as the runner does
        probe = subprocess.run(PROBE, cwd="/", capture_output=True, text=True, timeout=30,
                               preexec_fn=lambda: apply_rlimits(values))
        return f"{before}\n{probe.stdout}{probe.stderr}"
    finally:
        for p in idle:
            p.kill()
            p.wait()


def test_limits_are_built_from_the_grade_options() -> None:
    default = Limits.for_submission(budget=120)
    assert default == Limits(cpu_seconds=150)
    small = Limits.for_submission(budget=20.5, memory_mb=256)
    assert (small.cpu_seconds, small.address_space, small.memory) == (50, 256 * 2**20, 256 * 2**20)


def test_the_process_limit_is_what_the_user_runs_plus_the_allowance() -> None:
    uid = _unused_uid()
    assert Limits(processes=7).rlimits(uid=uid)["RLIMIT_NPROC"] == 7  # a user that runs nothing
    mine = Limits(processes=7).rlimits(uid=os.getuid())
    if os.getuid() == 0:
        assert "RLIMIT_NPROC" not in mine  # root: the control group caps processes instead
    else:
        assert mine["RLIMIT_NPROC"] >= 7 + 1  # this very process counts


@pytest.mark.skipif(not LINUX, reason="counts the user's processes in /proc")
def test_a_busy_normal_user_still_gets_the_allowance_in_the_child() -> None:
    """Before: the sandbox set RLIMIT_NPROC to the bare allowance first, so with 5 processes running and an
    allowance of 3 the child could not fork at all (and the worker's later "count + 64" could not raise it)."""
    limits = Limits(processes=3)
    if os.getuid() == 0:
        out = _as_user(_unused_uid(), lambda: _probe_with(limits, sleepers=4))
    else:
        out = _probe_with(limits, sleepers=4)
    assert not out.startswith("ERROR"), out
    before, limit, *rest = out.split("\n")
    assert int(before) >= 5  # the helper and its four sleepers
    if os.getuid() == 0:
        assert int(limit) == int(before) + 3, out  # exact: nothing else runs as that user
    else:
        assert int(limit) >= int(before) + 3 - 2, out  # other processes of this user may end meanwhile
    assert "forked" in rest, out


def test_apply_sets_soft_and_hard_limits_and_never_raises_a_hard_one() -> None:
    code = ("import resource, sys\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "from gausslearn.grading.student.zygote import apply_rlimits as apply\n"
            "resource.setrlimit(resource.RLIMIT_NOFILE, (100, 100))\n"
            "apply({'RLIMIT_FSIZE': 12345, 'RLIMIT_NOFILE': 500, 'RLIMIT_NO_SUCH_LIMIT': 1})\n"
            "print(resource.getrlimit(resource.RLIMIT_FSIZE), resource.getrlimit(resource.RLIMIT_NOFILE))\n")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "(12345, 12345) (100, 100)", out.stderr
    assert apply_rlimits.__doc__


def test_the_worker_runs_under_the_limits_and_sets_none_itself() -> None:
    limits = Limits(file_size=3 * 2**20, open_files=77, cpu_seconds=99)
    probe = ("import resource\n"
             "def limits():\n"
             "    return [resource.getrlimit(getattr(resource, n))[0] for n in "
             "('RLIMIT_FSIZE', 'RLIMIT_NOFILE', 'RLIMIT_CPU', 'RLIMIT_CORE')]\n")
    with Runner(limits=limits) as runner:
        runner.request({"op": "load", "cells": [probe], "forbidden": []}, timeout=60)
        reply = runner.request({"op": "call", "name": "limits", "args": [], "kwargs": {}}, timeout=30)
    assert reply["result"] == [3 * 2**20, 77, 99, 0]
