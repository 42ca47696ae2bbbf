"""Operating-system limits around the process that runs student code.

The grader never trusts that process (see :mod:`gausslearn.grading.host.runner`); this module makes it as harmless as
the machine allows. Two layers:

1. Always (any POSIX system): resource limits (:class:`~gausslearn.grading.host.limits.Limits`) set in the
   child before it runs anything — address space, file size, open files, core dumps, CPU seconds, and for
   non-root users the number of processes (what the user already runs plus an allowance) — and a new
   session, so the whole process group can be killed.
2. Where the grader runs as root on Linux and the tools exist (the CI machines, a grading server):
   - a control group with ``pids.max`` (fork bombs stop at a few dozen processes, also for root, for whom
     ``RLIMIT_NPROC`` does not count) and a memory limit; every process in it is killed at the end, including
     ones that left the process group with ``setsid``;
   - ``unshare --net``: no network at all, so ``urlopen`` and ``pip install`` fail at once;
   - ``unshare --pid``: the student process sees no other process, so it cannot signal the grader or write
     to the grader's output through ``/proc/<pid>/fd``;
   - ``unshare --mount``: the whole file system is read-only except the worker's own working folder (no
     ``.pth``/``sitecustomize.py`` poisoning of later submissions, no forged gradebook, no startup files in
     the grader's home), and the solutions, the exercise sources, the hidden tests and the submissions folder
     are covered by an empty read-only tmpfs (a submission cannot read them or a classmate's notebook);
   - ``setpriv``: no capabilities, so the student process cannot undo those mounts or leave its groups.

:func:`describe` says which layer is active; the README explains what each guarantees and what it does not.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gausslearn.grading.host.limits import Limits
from gausslearn.grading.host.limits import apply as apply_limits

#: cgroup v1 hierarchies (and the cgroup v2 root) where a per-worker group can be made.
_CGROUP_V1 = Path("/sys/fs/cgroup")
_MOUNT_SCRIPT = r"""
set -e
set -f             # no globbing: paths are data
IFS='
'                  # one path per line, so spaces in folder names are fine
# Order matters: a bind mount of a folder hides the mounts made inside it before, so parents come first.
for p in $GL_READONLY; do
  if [ -e "$p" ]; then mount --bind "$p" "$p"; mount -o remount,bind,ro "$p"; fi
done
for p in $GL_HIDDEN; do
  if [ -d "$p" ]; then mount -t tmpfs -o size=4k,mode=0555,ro tmpfs "$p"; fi
  if [ -f "$p" ]; then mount --bind /dev/null "$p"; fi
done
for p in $GL_WRITABLE; do mount --bind "$p" "$p"; done
# Everything else read-only too: every mount point but /proc, /dev and the writable folders.
for m in $(awk '{print $2}' /proc/self/mounts | sort -u); do
  case "$m" in /proc|/proc/*|/dev|/dev/*) continue ;; esac
  keep=no
  for p in $GL_WRITABLE; do [ "$m" = "$p" ] && keep=yes; done
  [ $keep = yes ] || mount -o remount,bind,ro "$m" 2>/dev/null || true
done
for p in /proc/sys /proc/sysrq-trigger /proc/irq /proc/bus; do
  if [ -e "$p" ]; then mount --bind "$p" "$p" && mount -o remount,bind,ro "$p" || true; fi
done
unset GL_READONLY GL_HIDDEN GL_WRITABLE
cd "$(pwd -P)"   # re-enter the working folder through its new (writable) mount
# No capabilities from here on: the student process cannot undo these mounts or leave its groups.
exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"
"""


@dataclass
class Sandbox:
    """How one student process is started, limited and, at the end, killed with everything it started.

    Parameters
    ----------
    readonly : sequence of Path
        Folders the student process may read but never write (enforced only with mount isolation; with it,
        every folder but ``writable`` is read-only anyway).
    hidden : sequence of Path
        Folders (or files) the student process must not see at all (enforced only with mount isolation).
    writable : sequence of Path
        The only folders the student process may write (its working folder), with mount isolation.
    limits : Limits
        Resource limits.
    isolate : bool or None
        Use namespaces and control groups when available (None: when running as root on Linux).

    Examples
    --------
    >>> box = Sandbox(isolate=False)
    >>> box.wrap(["python", "-c", "pass"])
    ['python', '-c', 'pass']
    >>> "resource limits" in describe(box)
    True
    """

    readonly: Sequence[Path] = ()
    hidden: Sequence[Path] = ()
    writable: Sequence[Path] = ()
    limits: Limits = field(default_factory=Limits)
    isolate: bool | None = None
    _cgroups: list[Path] = field(default_factory=list, init=False, repr=False)
    _pid: int | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.isolate is None:
            self.isolate = sys.platform.startswith("linux") and os.geteuid() == 0
        self.network_isolated = bool(self.isolate and shutil.which("unshare"))
        self.mounts_isolated = bool(self.network_isolated and shutil.which("mount") and shutil.which("setpriv"))

    # ------------------------------------------------------------------ starting
    def wrap(self, argv: list[str]) -> list[str]:
        """Return the command line that runs ``argv`` inside the namespaces (or ``argv`` unchanged)."""
        if not self.network_isolated:
            return list(argv)
        # A PID namespace too: the student process sees no other process (not the grader, whose
        # /proc/<pid>/fd it could otherwise write to) and everything in it dies with its first process.
        prefix = [shutil.which("unshare") or "unshare", "--net", "--pid", "--fork", "--kill-child", "--mount-proc"]
        if not self.mounts_isolated:
            return [*prefix, "--", *argv]
        return [*prefix, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", _MOUNT_SCRIPT, "sh", *argv]

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """The environment additions the mount script needs (paths are passed as data, never as code)."""
        if not self.mounts_isolated:
            return dict(base)
        out = dict(base)
        out["GL_READONLY"] = "\n".join(sorted(_safe_paths(self.readonly), key=len))  # parents first
        out["GL_HIDDEN"] = "\n".join(_safe_paths(self.hidden))
        out["GL_WRITABLE"] = "\n".join(_safe_paths(self.writable))
        return out

    def prepare(self) -> None:
        """Create the control groups for the next process (call before starting it)."""
        self._cgroups = []
        if not self.isolate:
            return
        name = f"gausslearn-{uuid.uuid4().hex[:12]}"
        settings = {"pids": {"pids.max": str(self.limits.processes)},
                    "memory": {"memory.limit_in_bytes": str(self.limits.memory)}}
        if (_CGROUP_V1 / "cgroup.controllers").exists():          # cgroup v2: one unified group
            group = _CGROUP_V1 / name
            with contextlib.suppress(OSError):
                group.mkdir()
                _write(group / "pids.max", str(self.limits.processes))
                _write(group / "memory.max", str(self.limits.memory))
                self._cgroups.append(group)
            return
        for controller, files in settings.items():                 # cgroup v1: one group per controller
            base = _CGROUP_V1 / controller
            if not base.is_dir():
                continue
            group = base / name
            try:
                group.mkdir()
                for fname, value in files.items():
                    _write(group / fname, value)
            except OSError:
                with contextlib.suppress(OSError):
                    group.rmdir()
                continue
            self._cgroups.append(group)

    def preexec(self) -> Callable[[], None]:
        """A function for ``subprocess.Popen(preexec_fn=...)``: joins the groups and sets the resource limits.

        This is the one place the limits are set (:func:`gausslearn.grading.host.limits.apply`). Their values
        are computed now, in the parent (the process limit counts the user's processes).
        """
        groups = [g / "cgroup.procs" for g in self._cgroups]
        rlimits = self.limits.rlimits()

        def apply() -> None:  # runs in the child between fork and exec: keep it simple
            pid = str(os.getpid())
            for procs in groups:
                with contextlib.suppress(OSError):
                    _write(procs, pid)
            apply_limits(rlimits)

        return apply

    @property
    def pid_limited(self) -> bool:
        """True when a control group bounds the number of processes (fork bombs are contained)."""
        return any("pids" in str(g) or (g / "pids.max").exists() for g in self._cgroups)

    # ------------------------------------------------------------------ stopping
    def kill_all(self, pid: int | None) -> None:
        """Kill the process group of ``pid`` and every process left in the control groups, then remove them."""
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        for group in self._cgroups:
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline:
                pids = _read_pids(group / "cgroup.procs")
                if not pids:
                    break
                for p in pids:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(p, signal.SIGKILL)
                time.sleep(0.01)
            with contextlib.suppress(OSError):
                group.rmdir()
        self._cgroups = []


def describe(box: Sandbox) -> str:
    """One line that says which protections are active, for reports and the README.

    Examples
    --------
    >>> describe(Sandbox(isolate=False)).startswith("resource limits")
    True
    """
    parts = ["resource limits (memory, file size, open files, CPU time), own process group"]
    if box.network_isolated:
        parts.append("no network (unshare --net)")
    if box.mounts_isolated:
        parts.append("own PID namespace; whole file system read-only but the working folder, hidden "
                     "solutions/tests/submissions (unshare --mount); no capabilities (setpriv)")
    if box.isolate:
        parts.append("control group with a process and memory cap")
    return "; ".join(parts)


def _write(path: Path, value: str) -> None:
    fd = os.open(str(path), os.O_WRONLY)
    try:
        os.write(fd, value.encode())
    finally:
        os.close(fd)


def _read_pids(path: Path) -> list[int]:
    try:
        return [int(x) for x in path.read_text().split()]
    except (OSError, ValueError):
        return []


def _safe_paths(paths: Sequence[Path]) -> list[str]:
    """Absolute paths of the existing ``paths``, for the mount script (one per line).

    A path with a newline cannot be passed safely; it is refused rather than silently left unprotected.

    Examples
    --------
    >>> _safe_paths([Path("/")])
    ['/']
    """
    out = []
    for p in paths:
        s = str(Path(p).resolve())
        if "\n" in s or "\r" in s:
            raise ValueError(f"cannot protect {s!r}: a folder name with a line break cannot be passed to the "
                             "sandbox; rename the folder.")
        if Path(s).exists():
            out.append(s)
    return out
