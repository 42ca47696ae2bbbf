"""What the learner's process may see and use: an allow-list sandbox, control groups, CPU-time accounting.

The grader never trusts the learner's process (:mod:`gausslearn.grading.host.runner`); this module makes it
as harmless as the machine allows, in layers, and says which are active (:func:`describe`, the report's
``sandbox`` entry; :func:`missing_layers` for ``--require-sandbox``):

``filesystem`` (bubblewrap, root or not)
    The learner's processes see an **allow-list**: the Python installation and the environment's packages
    (read-only), the ``gausslearn`` package folder (read-only) with the hidden tests covered by an empty
    folder, a few files of ``/etc`` the dynamic loader needs, and ``/usr``. Nothing else of the machine:
    no home folder, no project folders (solutions, exercise sources, tests, ``.git``), no gradebook, no other
    submissions or checkouts. The sandbox's own root and ``/dev`` are read-only.
``namespaces`` (user namespaces: every process of every submission, root or not)
    Each learner process is process 1 of its own PID namespace with a fresh ``/proc`` (it sees only its own
    processes: not the grader, not the pre-imported parent, not another submission), has its own network
    namespace (no network at all), IPC and UTS namespaces, a private size-limited ``/tmp`` holding its fresh
    working folder and a private ``/dev/shm``, and no capabilities (``no_new_privs``). When it ends, the kernel
    kills everything left in its PID namespace, and its ``/tmp`` vanishes.
``control_group`` (root only: cgroup v1 ``pids``, ``memory``, ``cpuacct``, or the cgroup v2 equivalents)
    Caps processes (fork bombs) and memory; counts CPU time exactly (also of processes already gone).
``limits`` (always)
    Resource limits set in the learner process before its code runs
    (:class:`~gausslearn.grading.host.limits.Limits`).

The CPU time of a learner process and everything it started is read from its control group, or else from
``/proc/<pid>/stat`` of the process tree (:func:`tree_cpu_seconds`): per-call and per-submission limits count
that, so a busy machine does not turn correct work into a timeout.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.host.limits import Limits
from gausslearn.paths import project_root

__all__ = ["LAYERS", "ControlGroup", "Sandbox", "SandboxMissing", "bubblewrap", "describe", "for_grading",
           "missing_layers", "require", "tree_cpu_seconds", "user_namespaces_work"]

#: The layers a fully sandboxed learner process has (see the module's documentation).
LAYERS = ("filesystem", "namespaces", "control_group", "limits")

_CGROUP_ROOT = Path("/sys/fs/cgroup")
#: Files of /etc the dynamic loader and Python read; nothing else of /etc is visible.
_ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime")
_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@functools.cache
def bubblewrap() -> tuple[str, str] | None:
    """``(path, version)`` of the ``bwrap`` program (Debian/Ubuntu package ``bubblewrap``), or None.

    ``$GAUSSLEARN_BWRAP`` names another binary; an empty value turns the file-system layer off (for tests).
    """
    chosen = os.environ.get("GAUSSLEARN_BWRAP")
    path = shutil.which("bwrap") if chosen is None else (shutil.which(chosen) if chosen else None)
    if not path or not sys.platform.startswith("linux"):
        return None
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return path, out or "bubblewrap"


@functools.cache
def user_namespaces_work() -> bool:
    """True when this process may create a user namespace (and so every namespace the learner needs).

    Tried in a forked child, so this process stays as it was. ``$GAUSSLEARN_NO_NAMESPACES=1`` answers False
    (to test the unsandboxed path).
    """
    if not sys.platform.startswith("linux") or os.environ.get("GAUSSLEARN_NO_NAMESPACES") == "1":
        return False
    import ctypes

    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        ok = ctypes.CDLL(None, use_errno=True).unshare(0x10000000 | 0x00020000 | 0x20000000 | 0x40000000) == 0
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _cgroup_v2() -> bool:
    return (_CGROUP_ROOT / "cgroup.controllers").exists()


def cgroups_usable() -> bool:
    """True when this process can make control groups for the learner (root, cgroup v1 or v2 mounted)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    if _cgroup_v2():
        return os.access(_CGROUP_ROOT, os.W_OK)
    return all(os.access(_CGROUP_ROOT / c, os.W_OK) for c in ("pids", "memory", "cpuacct"))


@dataclass
class Sandbox:
    """The sandbox of the learner processes one grader starts: what they see, and which layers are used.

    Parameters
    ----------
    root : Path
        The project folder (its ``gausslearn`` package is visible read-only, its hidden tests are not).
    limits : Limits
        The resource limits (reported by :func:`describe`).
    hide : sequence of Path
        Folders to cover as well, where they lie inside an allowed folder (for example a submissions folder
        kept inside the environment); everything outside the allow-list is invisible anyway.
    isolate : bool or None
        Use the sandbox where the machine allows it (None: yes); False runs learner processes without any
        isolation layer (only the resource limits), which :func:`describe` says.

    Examples
    --------
    >>> box = Sandbox(Path("/project"), isolate=False)
    >>> describe(box)["active"], describe(box)["layers"]["limits"]["active"]
    (False, True)
    """

    root: Path
    limits: Limits = field(default_factory=Limits)
    hide: Sequence[Path] = ()
    isolate: bool | None = None

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        wanted = self.isolate is not False
        self.bwrap = bubblewrap() if wanted else None
        self.namespaces = bool(wanted and user_namespaces_work())
        self.cgroups = bool(wanted and cgroups_usable())

    # ------------------------------------------------------------------ the allow-list
    def allowed(self) -> list[Path]:
        """The folders the learner's processes may read (besides ``/usr`` and a few loader files)."""
        places = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
        places.add(self.root / "gausslearn")
        out = sorted(p for p in places if p.exists())
        return [p for p in out if not any(q != p and q in p.parents for q in out)]  # parents cover children

    def under_tmp(self) -> list[Path]:
        """Allowed folders inside ``/tmp``: each learner process binds them again over its private ``/tmp``."""
        return [p for p in self.allowed() if Path("/tmp") in p.parents]

    def covered(self) -> list[Path]:
        """Folders inside the allow-list that are covered by an empty folder (the hidden tests, ``hide``)."""
        allowed = self.allowed()
        wanted = [hidden_tests_folder(self.root), *(Path(h) for h in self.hide)]
        out = []
        for p in wanted:
            p = p.resolve()
            if p.exists() and any(a == p or a in p.parents for a in allowed):
                if any(a == p for a in allowed):
                    raise ValueError(f"cannot hide {p}: the learner's process needs it (the Python installation "
                                     "or the gausslearn package); keep submissions and solutions elsewhere")
                out.append(p)
        return sorted(set(out))

    def command(self, argv: list[str], env: dict[str, str], folder: Path | None = None) -> list[str]:
        """The command line that runs ``argv`` (the zygote) inside the file-system allow-list.

        ``folder`` (the grader's, outside the sandbox) receives a minimal ``passwd`` and ``group`` naming only
        root, the grading user and nobody, shown read-only as ``/etc/passwd`` and ``/etc/group``: user look-ups
        (``getpass.getuser()``, ``pwd``) work, and nothing of the machine's accounts is visible.
        """
        if self.bwrap is None:
            return list(argv)
        etc: list[str] = []
        if folder is not None:
            uid, gid = os.geteuid(), os.getegid()
            users = {0: "root:x:0:0:root:/root:/usr/sbin/nologin", 65534: "nobody:x:65534:65534:nobody:/nonexistent:"
                     "/usr/sbin/nologin", uid: f"learner:x:{uid}:{gid}:learner:/tmp:/usr/sbin/nologin"}
            groups = {0: "root:x:0:", 65534: "nogroup:x:65534:", gid: f"learner:x:{gid}:"}
            for name, lines in (("passwd", users), ("group", groups)):
                path = Path(folder) / name
                path.write_text("".join(line + "\n" for _, line in sorted(lines.items())))
                path.chmod(0o644)
                etc += ["--ro-bind", str(path), f"/etc/{name}"]
        # As root, no user namespace for the zygote (bubblewrap's would map only root): it keeps the right to
        # switch each learner process to an unprivileged user. Every other namespace is new.
        unshare = (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
                   if os.geteuid() == 0 else ["--unshare-all"])
        cmd = [self.bwrap[0], *unshare, "--die-with-parent", "--new-session", "--clearenv"]
        for key, value in env.items():
            cmd += ["--setenv", key, value]
        cmd += ["--ro-bind", "/usr", "/usr"]
        for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            if os.path.islink(top):
                cmd += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                cmd += ["--ro-bind", top, top]
        for f in _ETC_FILES:
            cmd += ["--ro-bind-try", f, f]
        cmd += etc
        # /proc, /dev and /tmp first: an allowed folder under /tmp (a checkout there) is bound on top of it.
        cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        parents = sorted({a for p in self.allowed() for a in p.parents if a != Path("/")}, key=lambda a: len(a.parts))
        for a in parents:  # folders bubblewrap would otherwise create with mode 0700 (unusable by other users)
            cmd += ["--perms", "0755", "--dir", str(a)]
        for p in self.allowed():
            cmd += ["--ro-bind", str(p), str(p)]
        for p in self.covered():
            cmd += ["--tmpfs", str(p), "--remount-ro", str(p)]
        cmd += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", "/", "--", *argv]
        return cmd


# ---------------------------------------------------------------------------------------------- CPU time
def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            out += [int(c) for c in Path(f"/proc/{pid}/task/{tid}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return out


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` and every descendant alive, plus the children they reaped.

    Read from ``/proc`` (``/proc/<pid>/task/<tid>/children`` finds the descendants). 0.0 once ``pid`` is gone.

    Examples
    --------
    >>> tree_cpu_seconds(os.getpid()) > 0
    True
    """
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        fields = _stat_fields(p)
        if fields is None:
            continue
        # after the command: state ppid ... utime(12) stime(13) cutime(14) cstime(15), counted from field 3
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
        todo += _children(p)
    return total / _CLK_TCK


@dataclass
class ControlGroup:
    """The control groups of one learner process (root only): processes, memory and CPU accounting.

    The grader puts the learner process in with :meth:`add` before any learner code runs; everything it starts
    stays in. :meth:`cpu_seconds` counts them all, including those already gone; :meth:`kill_all` ends them.
    """

    limits: Limits
    groups: list[Path] = field(default_factory=list)

    @classmethod
    def create(cls, limits: Limits) -> ControlGroup:
        group = cls(limits)
        name = f"gausslearn-{uuid.uuid4().hex[:12]}"
        if _cgroup_v2():
            path = _CGROUP_ROOT / name
            path.mkdir()
            group.groups.append(path)
            _write(path / "pids.max", str(limits.processes))
            _write(path / "memory.max", str(limits.memory))
            return group
        settings = {"pids": {"pids.max": str(limits.processes)},
                    "memory": {"memory.limit_in_bytes": str(limits.memory)}, "cpuacct": {}}
        try:
            for controller, files in settings.items():
                path = _CGROUP_ROOT / controller / name
                path.mkdir()
                group.groups.append(path)
                for fname, value in files.items():
                    _write(path / fname, value)
        except OSError:
            group.remove()
            raise
        return group

    def add(self, pid: int) -> None:
        for g in self.groups:
            _write(g / "cgroup.procs", str(pid))

    def cpu_seconds(self) -> float | None:
        for g in self.groups:
            with contextlib.suppress(OSError, ValueError):
                if (g / "cpuacct.usage").exists():
                    return int((g / "cpuacct.usage").read_text()) / 1e9
                if (g / "cpu.stat").exists():
                    for line in (g / "cpu.stat").read_text().splitlines():
                        if line.startswith("usage_usec "):
                            return int(line.split()[1]) / 1e6
        return None

    def pids(self) -> list[int]:
        out: set[int] = set()
        for g in self.groups:
            with contextlib.suppress(OSError, ValueError):
                out.update(int(x) for x in (g / "cgroup.procs").read_text().split())
        return sorted(out)

    def kill_all(self, seconds: float = 5.0) -> None:
        """Kill every process in the groups (also those that left the process group or the namespace's view)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pids = self.pids()
            if not pids:
                break
            for p in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(p, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        for g in self.groups:
            with contextlib.suppress(OSError):
                g.rmdir()
        self.groups = []


def _write(path: Path, value: str) -> None:
    fd = os.open(str(path), os.O_WRONLY)
    try:
        os.write(fd, value.encode())
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------- reporting
def describe(box: Sandbox) -> dict[str, Any]:
    """Which protections the learner's processes get, as plain data (the report's ``sandbox`` entry).

    Keys: ``active`` (every layer is in force), ``layers`` (one entry per name in :data:`LAYERS`, each with
    ``active`` and what it does or why it is missing), ``limits`` (:meth:`Limits.describe`), ``missing``
    (sentences for the layers not in force; empty when ``active``) and ``summary`` (one line for text reports).

    Examples
    --------
    >>> d = describe(Sandbox(Path("/project"), isolate=False))
    >>> sorted(d["layers"]) == sorted(LAYERS), d["missing"][0].startswith("filesystem:")
    (True, True)
    """
    layers: dict[str, dict[str, Any]] = {}
    if box.bwrap is not None and box.namespaces:
        layers["filesystem"] = {"active": True, "mechanism": box.bwrap[1],
                                "readable": [*map(str, box.allowed()), "/usr"],
                                "covered": [str(p) for p in box.covered()],
                                "writable": ["private /tmp (the working folder)", "private /dev/shm"]}
    else:
        why = ("turned off" if box.isolate is False else
               "bubblewrap (`bwrap`) is not installed: run `bash tools/install_sandbox.sh` or install the Debian/"
               "Ubuntu package `bubblewrap`" if box.bwrap is None else "user namespaces are not available")
        layers["filesystem"] = {"active": False, "why": why}
    if box.namespaces:
        layers["namespaces"] = {"active": True, "kinds": ["user", "mount", "pid", "network", "ipc", "uts"],
                                "proc": "own processes only", "network": "none", "capabilities": "none",
                                "user_id": os.geteuid()}
    else:
        why = "turned off" if box.isolate is False else ("not Linux" if not sys.platform.startswith("linux") else
                                                         "this machine does not allow user namespaces")
        layers["namespaces"] = {"active": False, "why": why}
    if box.cgroups:
        layers["control_group"] = {"active": True, "version": 2 if _cgroup_v2() else 1,
                                   "pids_max": box.limits.processes, "memory_bytes": box.limits.memory,
                                   "cpu_time": "counted by the control group"}
    else:
        why = "turned off" if box.isolate is False else "needs root on Linux"
        layers["control_group"] = {"active": False, "why": why,
                                   "cpu_time": "counted from /proc/<pid>/stat of the process tree"}
    layers["limits"] = {"active": True}
    # Without root, the control group is not available: processes are capped by RLIMIT_NPROC instead and memory
    # by RLIMIT_AS, so the sandbox still counts as complete when the other layers are in force.
    required = ("filesystem", "namespaces") + (("control_group",) if os.geteuid() == 0 else ())
    missing = [f"{name}: {layers[name]['why']}" for name in required if not layers[name]["active"]]
    active = not missing
    summary = ("sandboxed: " + ", ".join(n for n in LAYERS if layers[n]["active"]) if active else
               "NOT SANDBOXED: the learner's code can read what the grading user can read (" + "; ".join(missing)
               + ")")
    return {"active": active, "layers": layers, "limits": box.limits.describe(), "missing": missing,
            "summary": summary}


def missing_layers(box: Sandbox) -> list[str]:
    """Why grading would not be sandboxed here (empty when it is): what ``--require-sandbox`` refuses on."""
    return list(describe(box)["missing"])


class SandboxMissing(RuntimeError):
    """Grading was asked to be sandboxed (``--require-sandbox``) but a layer is missing on this machine."""


def for_grading(limits: Limits | None = None, hide: Sequence[Path] = ()) -> Sandbox:
    """The sandbox ``gausslearn grade`` uses here (this project, these limits): pass it to :func:`describe`.

    Examples
    --------
    >>> for_grading().root == project_root().resolve()
    True
    """
    return Sandbox(project_root(), Limits() if limits is None else limits, hide)


def require(box: Sandbox) -> None:
    """Raise :class:`SandboxMissing` naming every missing layer and what to do (``--require-sandbox``)."""
    missing = missing_layers(box)
    if missing:
        raise SandboxMissing("grading here would NOT be sandboxed, so nothing was graded (--require-sandbox): "
                             + "; ".join(missing) + ". See the README, section 'what the grader guarantees'.")
