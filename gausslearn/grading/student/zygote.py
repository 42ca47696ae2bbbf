"""The warm start of the learner's process: one pre-imported parent, a fresh sandboxed child per submission.

The grader (:mod:`gausslearn.grading.host.runner`) starts this program once, inside the file-system
allow-list of :mod:`gausslearn.grading.host.sandbox` (bubblewrap: the Python installation, the environment's
packages and the ``gausslearn`` package read-only, nothing else), as
``python -I -c <bootstrap> PACKAGE_ROOT CONTROL_FD CONFIG_JSON``. It imports the libraries the exercises use
(NumPy, SciPy, scikit-image, ...) and then only waits for ``spawn`` requests on CONTROL_FD, a Unix
``SOCK_SEQPACKET`` socket. **No learner code ever runs in it**: every request forks

- a *keeper* (trusted, runs no learner code) that unshares new user, mount, PID, network, IPC and UTS
  namespaces, maps its user id onto itself, and forks
- an *init*, process 1 of the new PID namespace (trusted, non-dumpable, and process 1 cannot be signalled
  from inside its namespace), which mounts a fresh ``/proc`` (the learner sees only its own processes), a
  private size-limited ``/tmp`` holding a fresh working folder, and a private ``/dev/shm``; reports its process
  id to the grader (``SCM_CREDENTIALS``: the kernel translates it, so the grader can measure the CPU time of
  the whole tree, put it into control groups and kill it) and waits for the grader's go; then forks
- the *learner process*, which sets the resource limits it was sent, drops every capability, sets
  ``no_new_privs`` and serves the grader's requests (:class:`gausslearn.grading.student.worker.Worker`).

When the learner process ends, the init writes how (``exit N`` or ``signal N``) to a pipe the grader reads and
exits, and the kernel kills everything left in the PID namespace; ``/tmp``, the working folder and
``/dev/shm`` live only in that mount namespace and vanish with it. Nothing flows back into the zygote: it keeps
no state from one submission to the next, so submissions cannot reach each other through it, and they cannot
see it (another PID namespace; it is non-dumpable too).

Without user namespaces (``namespaces`` false in the configuration: the grader's :func:`describe
<gausslearn.grading.host.sandbox.describe>` then says the sandbox is not active) the same processes are
made without them: the working folder is one the grader made, and the init kills the learner's process group.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import random
import resource
import select
import signal
import socket
import struct
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

__all__ = ["apply_rlimits", "main", "setup_learner"]

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER = 1, 4, 24, 36
PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 38, 47
#: Names of the file descriptors a spawn request carries, in order.
SPAWN_FDS = ("request", "response", "stdout", "stderr", "credentials", "status")

_libc = ctypes.CDLL(None, use_errno=True)
LINUX = sys.platform.startswith("linux")


def _prctl(option: int, value: int) -> int:
    """``prctl(option, value)`` on Linux; elsewhere nothing (returns -1): those protections are Linux's."""
    return _libc.prctl(option, value, 0, 0, 0) if LINUX else -1


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(_libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
                       data.encode() if data else None), f"mount {target}")


def apply_rlimits(rlimits: dict[str, int]) -> None:
    """Set each limit as both soft and hard limit (the learner's code cannot raise it again).

    A limit above an existing hard limit is lowered to it, and a limit the system refuses is skipped (the
    grader's time limits still apply). Runs in the learner process before any learner code.
    """
    for name, value in rlimits.items():
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            _, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def drop_capabilities() -> None:
    """No capabilities from here on, and none to be gained by ``execve`` (bounding set, ambient, no_new_privs)."""
    for cap in range(64):
        if _prctl(PR_CAPBSET_DROP, cap) != 0 and ctypes.get_errno() == 22:  # EINVAL: past the last
            break
    _prctl(PR_CAP_AMBIENT, 4)  # PR_CAP_AMBIENT_CLEAR_ALL
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = ctypes.create_string_buffer(24)     # effective, permitted, inheritable: all zero (two 32-bit words)
    _check(_libc.capset(ctypes.c_char_p(header), data), "capset")
    _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")


def _map_user(uid: int, gid: int) -> None:
    """Map this process's user and group in its new user namespace onto the same ids (one id each)."""
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w") as fh:
                fh.write(text)
        except OSError as exc:
            raise OSError(exc.errno, f"writing /proc/self/{name}: {exc.strerror}") from None


def setup_learner(config: dict[str, Any]) -> str:
    """Private mounts, in the learner's PID namespace (as its process 1, holding capabilities only there).

    A fresh ``/proc`` (or, where the kernel refuses one, an empty folder over it), a private size-limited
    ``/tmp`` with a fresh working folder in it, a private ``/dev/shm``. Returns the working folder; raises
    OSError when a layer cannot be set up.
    """
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except OSError:  # the kernel refuses a new /proc where parts of the old one are covered: hide it instead
        _mount("tmpfs", "/proc", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
    size = int(config.get("tmp_bytes", 256 * 2**20))
    # Allowed folders inside /tmp (a checkout or environment kept there) must stay visible over the new /tmp:
    # held on a staging tmpfs, bound back (recursively, so covers of hidden folders come along; read-only as
    # their source), and the staging tmpfs is then covered by the private /dev/shm.
    keep = [str(p) for p in config.get("keep_under_tmp", [])]
    if keep:
        _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700")
        for i, path in enumerate(keep):
            os.mkdir(f"/dev/shm/{i}")
            _mount(path, f"/dev/shm/{i}", None, MS_BIND | MS_REC)
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777")
    for i, path in enumerate(keep):
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(f"/dev/shm/{i}", path, None, MS_BIND | MS_REC)
    if os.path.isdir("/dev/shm"):
        _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777")
    return tempfile.mkdtemp(dir="/tmp")  # a neutral name: nothing says "being graded"


def _learner(config: dict[str, Any], fds: dict[str, int], work: str) -> None:
    """The learner's code runs here: limits, no privileges, then the request loop. Never returns."""
    os.close(fds["status"])
    try:
        os.chdir(work)
        os.environ.update({"HOME": work, "TMPDIR": os.path.dirname(work), "PWD": work})
        apply_rlimits({k: int(v) for k, v in config.get("rlimits", {}).items()})
        if LINUX:
            drop_capabilities()
    except BaseException as exc:  # noqa: BLE001 - reported on stderr, which the grader keeps
        os.write(2, f"gausslearn sandbox: the learner process could not be limited: {exc}\n".encode())
        os._exit(70)
    random.seed()  # fresh seeds: not the parent's state, shared by every submission
    with contextlib.suppress(Exception):
        import numpy as np

        np.random.seed()  # noqa: NPY002 - the legacy global state is what learner code may use
    from gausslearn.grading.student.worker import Worker

    Worker().serve(fds["request"], fds["response"])
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    os._exit(0)


def _init(config: dict[str, Any], fds: dict[str, int]) -> None:
    """Process 1 of the learner's namespaces (trusted: runs no learner code). Never returns.

    Sets up the mounts, tells the grader its process id and waits for the go (the grader first puts it into
    the control groups), forks the learner process, reaps every orphan, and when the learner process ends
    writes how (``exit N`` / ``signal N``) to the status pipe and exits: the kernel then kills whatever is left
    in the namespace. Without namespaces it is the subreaper of the learner's processes and kills them itself.
    """
    os.dup2(fds["stdout"], 1)
    os.dup2(fds["stderr"], 2)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    for fd in (null, fds["stdout"], fds["stderr"]):
        os.close(fd)
    status = fds["status"]
    try:
        _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        _prctl(PR_SET_DUMPABLE, 0)  # the learner cannot trace it or read its memory
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        os.setsid()
        work = setup_learner(config) if config.get("namespaces") else str(config["workdir"])
        cred = socket.socket(fileno=fds["credentials"])
        # The grader reads this process's id from the kernel's credentials (translated into its PID namespace);
        # where there are none (not Linux) from the message, valid there because there is no PID namespace.
        cred.sendall(b"p" + struct.pack("q", os.getpid()))
        if cred.recv(1) != b"g":
            os._exit(71)
        cred.close()
        learner = os.fork()
    except BaseException as exc:  # noqa: BLE001
        os.write(2, f"gausslearn sandbox: the learner process could not be set up: {exc}\n".encode())
        os.write(status, b"error setup\n")
        os._exit(70)
    if learner == 0:
        _learner(config, fds, work)
    os.close(fds["request"])
    os.close(fds["response"])
    while True:
        try:
            pid, code = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(0)
        if pid == learner:
            break
    how = f"signal {os.WTERMSIG(code)}" if os.WIFSIGNALED(code) else f"exit {os.waitstatus_to_exitcode(code)}"
    os.write(status, f"{how}\n".encode())
    if not config.get("namespaces"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(0, signal.SIGKILL)  # its own process group included: nothing of the learner outlives it
    os._exit(0)


def _keeper(config: dict[str, Any], fds: dict[str, int]) -> None:
    """Between the zygote and the learner: new namespaces, then process 1 of them. Never returns."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if config.get("namespaces"):
            # The zygote is non-dumpable, which makes /proc/self/uid_map root's: the keeper (outside the learner's
            # PID namespace, invisible to it) must be dumpable to write its own map.
            _prctl(PR_SET_DUMPABLE, 1)
            uid, gid = os.getuid(), os.getgid()
            _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC
                                 | CLONE_NEWUTS), "unshare")
            _map_user(uid, gid)
        pid = os.fork()
    except BaseException as exc:  # noqa: BLE001
        os.write(fds["stderr"], f"gausslearn sandbox: no namespaces for the learner process: {exc}\n".encode())
        os.write(fds["status"], b"error namespaces\n")
        os._exit(70)
    if pid == 0:
        _init(config, fds)
    for fd in fds.values():
        os.close(fd)
    os.waitpid(pid, 0)
    os._exit(0)


def _preimport(names: Sequence[str]) -> list[str]:
    """Import the libraries every submission needs (by name, from the grader's list: never learner code)."""
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional library is imported (and fails) in the learner
            failed.append(name)
    return failed


def serve(control: socket.socket, config: dict[str, Any]) -> None:
    """Fork a keeper for every spawn request until the grader closes the control socket.

    While no request waits, the modules of ``warm_later`` are imported one at a time, so a learner process forked
    later finds them loaded, and the first submission does not wait for them.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # keepers are reaped by the kernel
    later = list(config.get("warm_later", []))
    while True:
        if later and not select.select([control], [], [], 0)[0]:
            # Idle: import one more library the exercises use (between forks, never during one).
            _preimport([later.pop(0)])
            continue
        try:
            msg, fds, _flags, _addr = socket.recv_fds(control, 65536, len(SPAWN_FDS))
        except OSError:
            return
        if not msg:
            return
        if len(fds) != len(SPAWN_FDS):
            for fd in fds:
                os.close(fd)
            continue
        request = {**config, **json.loads(msg.decode())}
        named = dict(zip(SPAWN_FDS, fds, strict=True))
        pid = os.fork()
        if pid == 0:
            control.close()
            _keeper(request, named)
        for fd in fds:
            os.close(fd)


def main(argv: Sequence[str]) -> None:
    """Entry point: ``CONTROL_FD CONFIG_JSON`` (the bootstrap has put the package root on ``sys.path``)."""
    _prctl(PR_SET_DUMPABLE, 0)
    _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))  # dies with the grader
    control = socket.socket(fileno=int(argv[0]))
    config = json.loads(argv[1])
    # Where the zygote may (root, bubblewrap kept its capabilities), uncover /proc so that each learner
    # process can mount its own (the kernel refuses a new /proc while parts of an existing one are covered).
    for path in ("/proc/irq", "/proc/bus", "/proc/sys", "/proc/sysrq-trigger") if LINUX else ():
        _libc.umount2(path.encode(), 2)
    import gausslearn.grading.student.worker  # noqa: F401 - the request loop and its imports, warm

    failed = _preimport(config.get("preimport", []))
    control.sendall(json.dumps({"ready": True, "not_imported": failed}).encode())
    serve(control, config)
    os._exit(0)
