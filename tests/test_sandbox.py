"""The learner's sandbox: what a submission can see and do, as root and as an unprivileged user.

Every escape test grades a real submission through ``gausslearn grade FILE --json``. Its answer cell first
probes the machine (other copies of the course anywhere, the home folders, ``/proc``, writes outside its
folder, sockets) and then defines ``to_float``, which raises an error listing whatever the probe found: full
marks mean the probe ran to its end and found nothing. The same submission graded with the sandbox turned off
must find things (so these tests can fail). The unprivileged run uses a user made with ``useradd`` for the
test (see :func:`as_test_user`).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.host.limits import Limits
from gausslearn.grading.host.runner import Runner, zygote_for
from gausslearn.grading.host.sandbox import LAYERS, Sandbox, describe, missing_layers
from gausslearn.paths import project_root

ROOT = project_root()
LINUX = sys.platform.startswith("linux")
ROOT_USER = LINUX and os.geteuid() == 0
GAUSSLEARN = str(Path(sys.executable).with_name("gausslearn"))
TEST_USER = "gl-sandbox-test"
#: Environment that turns every sandbox layer off (the control runs).
UNSANDBOXED = {"GAUSSLEARN_BWRAP": "", "GAUSSLEARN_NO_NAMESPACES": "1"}
LOAD = {"op": "load", "forbidden": [], "labels": ["answer cell 1"]}


def require_sandbox_here() -> None:
    """In CI the full sandbox must be there (`make test` installs bubblewrap); elsewhere say what is missing."""
    missing = missing_layers(Sandbox(ROOT))
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have the whole sandbox: " + "; ".join(missing))
        pytest.skip("the sandbox is not complete on this machine: " + "; ".join(missing))


# ------------------------------------------------------------------------------------------------ the probe
PROBE = r'''
import json as _json, os as _os, socket as _socket
_found = []
_seen = {"uid": _os.getuid()}
def _note(what):
    _found.append(str(what)[:200])
# 1. another copy of the course anywhere: walk the visible file system (not /proc, /sys, /dev, /usr)
_count = 0
for _dir, _subs, _files in _os.walk("/"):
    _subs[:] = [s for s in _subs if _os.path.join(_dir, s) not in ("/proc", "/sys", "/dev", "/usr", "/lib", "/lib64")]
    _count += 1
    if _count > 20000:
        break
    if _os.path.basename(_dir) == "solutions" and any(f.endswith(".ipynb") and "ex0" in f for f in _files):
        _note("course copy: " + _dir)
_seen["folders_walked"] = _count
# 2. named places: this checkout, its hidden tests, the submission's folder, home folders
# (the folders that lead to the Python installation and the package are there, empty but for that path)
_skeleton = @SKELETON@
for _p in (@PLACES@) + ("/root", "/home"):
    try:
        _entries = set(_os.listdir(_p)) - set(_skeleton.get(_p, ()))
    except OSError:
        continue
    if _entries:
        _note("listed " + _p)
try:
    if any(n for n in _os.listdir(_os.path.expanduser("~")) if n not in (".matplotlib",)):
        _note("~ not empty")
except OSError:
    pass
# 3. other processes
try:
    _pids = sorted(int(p) for p in _os.listdir("/proc") if p.isdigit())
except OSError:
    _pids = []
_seen["pids"] = _pids
if [p for p in _pids if p not in (1, _os.getpid())]:
    _note("processes " + str(_pids[:20]))
# 4. writing outside its own folder
for _p in (@WRITE@):
    try:
        with open(_p, "w") as _fh:
            _fh.write("x")
        _note("wrote " + _p)
    except OSError:
        pass
# 5. sockets: the grader's machine and the internet
for _addr in (("127.0.0.1", @PORT@), ("1.1.1.1", 53)):
    try:
        _s = _socket.create_connection(_addr, timeout=3)
        _s.close()
        _note("connected " + str(_addr))
    except OSError:
        pass
'''
TO_FLOAT = """
def to_float(image):
    if _found:
        raise RuntimeError("LEAK " + _json.dumps(_found))
    return _solution_to_float(image)
"""


class Listener:
    """A TCP server on 127.0.0.1 that records whether anything connected (the socket probe's target)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connected = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connected += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


#: Files the probe tries to write outside its folder (the unsandboxed controls may succeed: removed after them).
PLANTED = (ROOT / "gausslearn" / "escaped.py", Path(sys.prefix) / "escaped.pth", Path("/usr/escaped.txt"))


def remove_planted() -> None:
    for p in PLANTED:
        p.unlink(missing_ok=True)


def escape_notebook(folder: Path, port: int, outside: Path) -> Path:
    """The ex01 solution with the probe in front of its answers and a ``to_float`` that reports leaks."""
    nb = json.loads((ROOT / "solutions" / "ex01_pixels.ipynb").read_text())
    places = [ROOT, ROOT / "solutions", ROOT / "exercises_src", hidden_tests_folder(ROOT), ROOT / "tests", folder,
              Path(pwd.getpwuid(os.getuid()).pw_dir)]
    writes = [outside / "escaped.txt", *PLANTED, folder / "escaped.txt"]
    allowed = Sandbox(ROOT).allowed()
    skeleton: dict[str, list[str]] = {}
    for a in allowed:
        for parent in a.parents:
            skeleton.setdefault(str(parent), []).append(a.relative_to(parent).parts[0])
    probe = (PROBE.replace("@PLACES@", ", ".join(repr(str(p)) for p in places) + ",")
             .replace("@SKELETON@", repr(skeleton))
             .replace("@WRITE@", ", ".join(repr(str(p)) for p in writes) + ",").replace("@PORT@", str(port)))
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if "answer" in cell.get("metadata", {}).get("tags", []) and "def to_float(" in src:
            cell["source"] = (probe + src.replace("def to_float(", "def _solution_to_float(") + TO_FLOAT)
            break
    else:
        raise AssertionError("the ex01 solution has no answer cell defining to_float")
    path = folder / "ex01_pixels.ipynb"
    path.write_text(json.dumps(nb))
    return path


def grade_cli(path: Path, *, env: dict[str, str] | None = None, prefix: list[str] | None = None,
              timeout: float = 600) -> dict:
    proc = subprocess.run([*(prefix or []), GAUSSLEARN, "grade", str(path), "--json"], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=path.parent)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, f"not one JSON line (exit {proc.returncode}): {proc.stdout[-800:]} {proc.stderr[-2000:]}"
    return json.loads(lines[0])


def feedback(report: dict) -> str:
    return "\n".join([*report.get("notes", []), *(t["feedback"] for t in report["tests"])])


def check_nothing_leaked(report: dict, listener: Listener, outside: Path) -> None:
    assert report["sandbox"]["active"] and report["sandbox"]["summary"].startswith("sandboxed:"), report["sandbox"]
    assert report["score"] == report["max_score"] > 0, feedback(report)[:3000]
    assert "LEAK" not in feedback(report)
    assert listener.connected == 0, "the learner's process reached a server on the grader's machine"
    assert not (outside / "escaped.txt").exists()
    assert [p for p in PLANTED if p.exists()] == []


def check_the_probe_finds_leaks_without_sandbox(report: dict, listener: Listener) -> None:
    """The control: unsandboxed, the same probe finds the course, the home folder, processes and the server."""
    text = feedback(report)
    assert not report["sandbox"]["active"] and report["sandbox"]["summary"].startswith("NOT SANDBOXED")
    assert "LEAK" in text and report["score"] < report["max_score"], text[:2000]
    for expected in ("listed " + str(ROOT / "solutions"), "processes ["):  # (the feedback keeps 600 characters)
        assert expected in text, f"the unsandboxed control did not report {expected!r}: {text[:2000]}"
    assert listener.connected >= 1, "the unsandboxed control did not reach the server on 127.0.0.1"


# ------------------------------------------------------------------------------------------------ as this user
@pytest.mark.slow
def test_a_submission_that_looks_around_finds_nothing(tmp_path: Path, listener: Listener) -> None:
    require_sandbox_here()
    outside = tmp_path / "outside"
    outside.mkdir(mode=0o777)
    os.chmod(outside, 0o777)
    folder = tmp_path / "subs"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)
    path = escape_notebook(folder, listener.port, outside)
    check_nothing_leaked(grade_cli(path), listener, outside)
    assert not (folder / "escaped.txt").exists()


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="the sandbox's layers are Linux namespaces")
def test_the_same_probe_finds_leaks_without_the_sandbox(tmp_path: Path, listener: Listener) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "subs"
    folder.mkdir()
    path = escape_notebook(folder, listener.port, outside)
    try:
        report = grade_cli(path, env=UNSANDBOXED)
    finally:
        remove_planted()
    check_the_probe_finds_leaks_without_sandbox(report, listener)
    assert (outside / "escaped.txt").exists()


# ------------------------------------------------------------------------------------------------ as another user
def _ensure_test_user() -> tuple[int, int, bool]:
    """The unprivileged user of these tests (created with useradd when missing): (uid, gid, created)."""
    try:
        entry = pwd.getpwnam(TEST_USER)
        return entry.pw_uid, entry.pw_gid, False
    except KeyError:
        pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    TEST_USER], check=True, capture_output=True, timeout=60)
    entry = pwd.getpwnam(TEST_USER)
    return entry.pw_uid, entry.pw_gid, True


def _blocked_ancestor(path: Path, uid: int) -> Path | None:
    """The highest ancestor of ``path`` that user ``uid`` (not owning it) cannot enter, if any."""
    for parent in reversed(Path(path).resolve().parents):
        st = parent.stat()
        if st.st_uid != uid and not st.st_mode & 0o001:
            return parent
    return None


def as_test_user(uid: int, gid: int, home: Path) -> list[str]:
    """A command prefix that runs the rest as the test user, able to run this environment's Python and checkout.

    The interpreter may live in root's home (pyenv in ``/root``, mode 700), and a checkout in a private folder,
    which another user cannot enter. Rather than building a second environment (a minute of downloads), the
    command runs in a private mount namespace where each such folder is replaced by an empty, enterable one that
    holds only what is needed (the interpreter, the environment, the checkout), bound read-only at their own
    paths; everything else is the machine as it is, and the user stays unprivileged.
    """
    keep = {"HOME": str(home), "TMPDIR": str(home), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    if os.environ.get("PYTHONPATH"):
        keep["PYTHONPATH"] = os.environ["PYTHONPATH"]
    switch = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--reset-env", "--",
              "env", *(f"{k}={v}" for k, v in keep.items())]
    needed = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), ROOT.resolve()}
    needed |= {Path(p).resolve() for p in os.environ.get("PYTHONPATH", "").split(":") if p}
    pairs = []
    for path in sorted(needed):
        blocked = _blocked_ancestor(path, uid)
        if blocked is not None:
            pairs.append((str(blocked), str(path)))
    if not pairs:
        return switch
    # For each (blocked, needed): keep a bind of the needed folder, cover the blocked one, bind it back.
    script = textwrap.dedent("""
        set -e
        while [ "$1" != "--" ]; do
          blocked=$1; needed=$2; shift 2
          keep=$(mktemp -d)
          mount --bind "$needed" "$keep"
          if ! grep -q " $blocked tmpfs " /proc/self/mounts; then
            mount -t tmpfs -o mode=0755,size=1m tmpfs "$blocked"
          fi
          mkdir -p "$needed"
          mount --bind "$keep" "$needed"
          mount -o remount,bind,ro "$needed"
        done
        shift
        exec "$@"
    """)
    flat = [x for pair in pairs for x in pair]
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", *flat, "--", *switch]


@pytest.fixture
def test_user() -> Iterator[tuple[int, int]]:
    if not ROOT_USER:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root, so the unprivileged run can make its user")
        pytest.skip("making a test user with useradd needs root (CI runs as root)")
    uid, gid, created = _ensure_test_user()
    yield uid, gid
    if created:
        subprocess.run([shutil.which("userdel") or "/usr/sbin/userdel", TEST_USER], capture_output=True, timeout=60)


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder any user may enter (pytest's own are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gl-sandbox-", dir="/tmp"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_as_an_unprivileged_user_a_submission_finds_nothing(open_tmp: Path, listener: Listener,
                                                            test_user: tuple[int, int]) -> None:
    require_sandbox_here()
    tmp_path = open_tmp
    uid, gid = test_user
    home = tmp_path / "home"
    home.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = home / "subs"
    folder.mkdir()
    for p in (home, folder, outside):
        os.chown(p, uid, gid)
    os.chmod(tmp_path, 0o755)
    path = escape_notebook(folder, listener.port, outside)
    os.chown(path, uid, gid)
    prefix = as_test_user(uid, gid, home)
    # The user's own view of the sandbox: no root, so no control group; bubblewrap and namespaces are enough.
    code = ("import json; from gausslearn.grading.host.sandbox import Sandbox, describe; "
            f"print(json.dumps(describe(Sandbox({str(ROOT)!r}))))")
    seen = subprocess.run([*prefix, sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert seen.returncode == 0, seen.stderr[-2000:]
    described = json.loads(seen.stdout)
    assert described["active"], described["missing"]
    assert not described["layers"]["control_group"]["active"]
    report = grade_cli(path, prefix=prefix)
    check_nothing_leaked(report, listener, outside)
    # the control, as the same user: the sandbox is what keeps the probe from finding anything
    try:
        control = grade_cli(path, prefix=[*prefix, "env", *(f"{k}={v}" for k, v in UNSANDBOXED.items())])
    finally:
        remove_planted()
    check_the_probe_finds_leaks_without_sandbox(control, listener)


# ------------------------------------------------------------------------------------------------ properties
def test_describe_is_plain_data_and_names_every_layer() -> None:
    d = describe(Sandbox(ROOT))
    assert json.loads(json.dumps(d)) == d
    assert set(d["layers"]) == set(LAYERS) and isinstance(d["active"], bool)
    assert d["active"] == (d["missing"] == [])
    off = describe(Sandbox(ROOT, isolate=False))
    assert not off["active"] and off["summary"].startswith("NOT SANDBOXED")
    assert [m.split(":")[0] for m in off["missing"]] == ["filesystem", "namespaces"] + (
        ["control_group"] if ROOT_USER else [])
    assert off["limits"] == Limits().describe()


def test_a_missing_bubblewrap_is_named_with_what_to_install_and_required_grading_refused() -> None:
    code = ("from gausslearn.grading.host.sandbox import for_grading, missing_layers, require, SandboxMissing\n"
            "print(missing_layers(for_grading())[0])\n"
            "try:\n    require(for_grading())\nexcept SandboxMissing as e:\n    print('refused:', e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "GAUSSLEARN_BWRAP": ""})
    first, second = out.stdout.splitlines()[:2]
    assert first.startswith("filesystem: bubblewrap (`bwrap`) is not installed"), out.stdout + out.stderr
    assert "tools/install_sandbox.sh" in first and "bubblewrap" in first
    assert second.startswith("refused: grading here would NOT be sandboxed, so nothing was graded"), second
    assert "bubblewrap" in second


def test_the_hidden_tests_cannot_be_allowed_away() -> None:
    with pytest.raises(ValueError, match="the learner's process needs it"):
        Sandbox(ROOT, hide=[Path(sys.prefix)]).covered()


def test_a_memory_limit_turns_a_huge_allocation_into_memory_error() -> None:
    with Runner(limits=Limits(address_space=3 * 1024**3)) as runner:
        runner.request({**LOAD, "cells": ["def grab():\n    try:\n        b = bytearray(50 * 1024**3)\n"
                                          "    except MemoryError:\n        return 'MemoryError'\n"]}, 30)
        assert runner.request({"op": "call", "name": "grab", "args": [], "kwargs": {}}, 30)["result"] == "MemoryError"


def test_the_private_tmp_is_size_limited_and_gone_for_the_next_submission() -> None:
    require_sandbox_here()
    cells = ["import os\ndef fill():\n    try:\n        with open('/tmp/big', 'wb') as f:\n"
             "            for _ in range(64):\n                f.write(b'x' * 2**20)\n        return 'wrote 64 MiB'\n"
             "    except OSError as e:\n        return f'refused {e.errno}'\n"
             "def mark():\n    open('/tmp/mark', 'w').write('1'); open('mark', 'w').write('1')\n"
             "    return os.getcwd()\n"
             "def look():\n    return sorted(os.listdir('/tmp')), os.listdir('.'), os.getcwd()\n"]
    limits = Limits(tmp_bytes=8 * 2**20)
    with Runner(limits=limits) as runner:
        runner.request({**LOAD, "cells": cells}, 30)
        assert runner.request({"op": "call", "name": "fill", "args": [], "kwargs": {}}, 30)["result"] == "refused 28"
        first = runner.request({"op": "call", "name": "mark", "args": [], "kwargs": {}}, 30)["result"]
    with Runner(limits=limits) as runner:
        runner.request({**LOAD, "cells": cells}, 30)
        tmp, here, cwd = runner.request({"op": "call", "name": "look", "args": [], "kwargs": {}}, 30)["result"]
    assert "mark" not in tmp and here == [] and cwd.startswith("/tmp/"), (tmp, here, cwd, first)


def test_a_fork_bomb_is_capped_and_nothing_outlives_the_learner_process() -> None:
    marker = f"gl-bomb-{os.getpid()}-{time.time_ns()}"
    bomb = textwrap.dedent(f"""
        import os, sys, time
        def bomb():
            made = 0
            for _ in range(200):
                try:
                    if os.fork() == 0:
                        os.setsid()
                        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(600)", "{marker}"])
                    made += 1
                except OSError:
                    break
            return made
    """)
    with Runner(limits=Limits(processes=16)) as runner:
        runner.request({**LOAD, "cells": [bomb]}, 30)
        made = runner.request({"op": "call", "name": "bomb", "args": [], "kwargs": {}}, 60)["result"]
        assert _with_marker(marker), "the children must be running before the learner process is closed"
    assert made < 16 + 8, f"the process cap did not hold: {made} children"
    deadline = time.monotonic() + 10
    while _with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _with_marker(marker) == [], "processes of the submission outlived it"


def _with_marker(marker: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(int(pid))
            except OSError:
                continue
    return found


def test_the_zygote_is_out_of_reach_and_learner_processes_drop_every_privilege() -> None:
    require_sandbox_here()
    probe = ("import os, ctypes\ndef look():\n    status = open('/proc/self/status').read()\n"
             "    caps = [l.split()[1] for l in status.splitlines() if l.startswith(('CapEff', 'CapBnd', 'NoNewPrivs'))]\n"
             "    return sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), caps, os.getuid()\n")
    with Runner() as runner:
        runner.request({**LOAD, "cells": [probe]}, 30)
        pids, caps, uid = runner.request({"op": "call", "name": "look", "args": [], "kwargs": {}}, 30)["result"]
        assert zygote_for(runner.box).alive
    # the grader, the pre-imported zygote and other submissions are invisible: only its init and itself
    assert pids == [1, 2], f"the learner sees processes besides its init and itself: {pids}"
    assert caps == ["0000000000000000", "0000000000000000", "1"], caps
    assert uid == os.geteuid()  # the grading user's id, mapped in its own user namespace, without capabilities
