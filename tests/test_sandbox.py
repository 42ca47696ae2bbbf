"""The OS layer around student processes: limits always, namespaces and control groups where root allows them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gausslearn.grading.host.limits import Limits
from gausslearn.grading.host.sandbox import Sandbox, describe

ISOLATION = sys.platform.startswith("linux") and os.geteuid() == 0


def needs_isolation() -> None:
    """In CI the isolation must be there (the CI machines run as root on Linux); elsewhere say why not."""
    if not ISOLATION:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run as root on Linux so the grader's namespaces and control groups are tested")
        pytest.skip("namespaces and control groups need root on Linux: run `sudo make test` to include these")


def run(box: Sandbox, code: str, tmp: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    box.prepare()
    argv = box.wrap([sys.executable, "-I", "-c", textwrap.dedent(code)])
    proc = subprocess.Popen(argv, cwd=tmp, env=box.env({"PATH": os.environ["PATH"], "HOME": str(tmp)}),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=box.preexec())
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        box.kill_all(proc.pid)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def test_memory_limit_turns_a_huge_allocation_into_memory_error(tmp_path: Path) -> None:
    box = Sandbox(isolate=False, limits=Limits(address_space=2 * 1024**3))
    p = run(box, """
        try:
            b = bytearray(50 * 1024**3)
        except MemoryError:
            print("MemoryError")
    """, tmp_path)
    assert p.stdout.strip() == "MemoryError", p.stderr


def test_file_size_limit_stops_a_disk_flood(tmp_path: Path) -> None:
    box = Sandbox(isolate=False, limits=Limits(file_size=1024**2))
    p = run(box, """
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        try:
            with open("flood.bin", "wb") as f:
                f.write(b"x" * 8 * 1024**2)
        except OSError as e:
            print("refused", e.errno)
    """, tmp_path)
    assert p.stdout.startswith("refused"), p.stderr
    assert (tmp_path / "flood.bin").stat().st_size <= 1024**2


def test_without_isolation_the_command_is_unchanged_and_described() -> None:
    box = Sandbox(isolate=False)
    assert box.wrap(["python", "x.py"]) == ["python", "x.py"]
    assert describe(box) == "resource limits (memory, file size, open files, CPU time), own process group"


def test_network_is_unreachable(tmp_path: Path) -> None:
    needs_isolation()
    p = run(Sandbox(), """
        import urllib.request
        try:
            urllib.request.urlopen("https://pypi.org/simple/", timeout=5)
            print("reached")
        except OSError as e:
            print("blocked", type(e).__name__)
    """, tmp_path)
    assert p.stdout.startswith("blocked"), p.stdout + p.stderr


def test_hidden_folders_are_empty_and_readonly_folders_refuse_writes(tmp_path: Path) -> None:
    needs_isolation()
    project = tmp_path / "my project"           # a space in a folder name must not unprotect it
    project.mkdir()
    secret = project / "solutions"          # hidden inside a read-only folder, as in a real checkout
    secret.mkdir()
    (secret / "answer.py").write_text("42")
    work = tmp_path / "work"
    work.mkdir()
    box = Sandbox(readonly=[Path(sys.prefix), project], hidden=[secret], writable=[work])
    p = run(box, f"""
        import os, sys
        print("hidden:", os.listdir({str(secret)!r}))
        for target in ({str(project / 'forged.csv')!r}, os.path.join(sys.prefix, "poison.pth")):
            try:
                open(target, "w").write("x")
                print("wrote", target)
            except OSError as e:
                print("refused", e.errno)
        open("scratch.txt", "w").write("fine")
        print("cwd writable")
    """, work)
    assert p.stdout.splitlines() == ["hidden: []", "refused 30", "refused 30", "cwd writable"], p.stderr
    assert (secret / "answer.py").read_text() == "42"
    assert not (project / "forged.csv").exists()
    assert not (Path(sys.prefix) / "poison.pth").exists()


def test_fork_bomb_is_capped_and_every_process_is_killed(tmp_path: Path) -> None:
    needs_isolation()
    box = Sandbox(limits=Limits(processes=32))
    marker = f"gl-bomb-{os.getpid()}-{time.time_ns()}"
    # The bomb never exits by itself: run it with a short timeout and let kill_all end it.
    box.prepare()
    code = textwrap.dedent(f"""
        import os, sys, time
        made = 0
        for _ in range(200):
            try:
                if os.fork() == 0:
                    os.setsid()
                    sys.argv[0] = "{marker}"
                    time.sleep(600)
                    os._exit(0)
                made += 1
            except OSError:
                break
        print("forked", made, flush=True)
        time.sleep(600)
    """)
    proc = subprocess.Popen(box.wrap([sys.executable, "-I", "-c", code, marker]), cwd=tmp_path,
                            stdout=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=box.preexec())
    line = proc.stdout.readline()
    box.kill_all(proc.pid)
    proc.wait(timeout=10)
    made = int(line.split()[1])
    assert made < 32, f"the process cap did not hold: {made} children"
    time.sleep(0.2)
    survivors = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline_has(pid, marker)]
    assert survivors == [], f"processes survived kill_all: {survivors}"


def _cmdline_has(pid: str, marker: str) -> bool:
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def test_student_cannot_undo_the_mounts_see_the_grader_or_leave_its_group(tmp_path: Path) -> None:
    needs_isolation()
    work = tmp_path / "work"
    work.mkdir()
    box = Sandbox(writable=[work])
    p = run(box, f"""
        import os, subprocess
        print("processes:", sorted(int(d) for d in os.listdir("/proc") if d.isdigit()))
        r = subprocess.run(["mount", "-o", "remount,bind,rw", "/"], capture_output=True)
        print("remount rw refused:", r.returncode != 0)
        for target in ("/tmp/gl-outside.txt", os.path.expanduser("~root/.gl-poison"), "/sys/fs/cgroup/pids/cgroup.procs"):
            try:
                with open(target, "w") as f:
                    f.write(str(os.getpid()))
                print("wrote", target)
            except OSError as e:
                print("refused", e.errno)
        try:
            os.kill({os.getpid()}, 0)
            print("signalled the grader")
        except ProcessLookupError:
            print("grader invisible")
    """, work)
    lines = p.stdout.splitlines()
    assert lines[0] == "processes: [1]", p.stdout + p.stderr
    assert lines[1] == "remount rw refused: True"
    assert lines[2:5] == ["refused 30", "refused 30", "refused 30"], p.stdout
    assert lines[5] == "grader invisible"
    assert not Path("/tmp/gl-outside.txt").exists()


def test_a_path_that_cannot_be_protected_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "line\nbreak"
    odd.mkdir()
    box = Sandbox(hidden=[odd], isolate=True)
    box.mounts_isolated = True
    with pytest.raises(ValueError, match="a folder name with a line break cannot be passed to the sandbox"):
        box.env({})
