"""Start, limit, talk to and kill the process that runs a learner's code.

Learner processes are forked, one per submission (and per restart), from a warm *zygote*
(:mod:`gausslearn.grading.student.zygote`): a ``python -I`` process, started once per grader process inside
the sandbox's file-system allow-list (:mod:`gausslearn.grading.host.sandbox`), that has imported the libraries
the exercises use and never runs learner code. Each learner process gets fresh namespaces, a private ``/tmp``
with a fresh working folder, the resource limits of :class:`~gausslearn.grading.host.limits.Limits` and no
capabilities; as root it is also put into its own control groups. Requests and answers travel on a dedicated
pipe pair (not stdout); stdout and stderr are captured up to a byte cap and the rest is read and discarded.

Time limits count the **CPU time** of the learner's process tree (its control group as root, ``/proc``
otherwise), with a wall-clock backstop (:func:`~gausslearn.grading.host.limits.wall_backstop`) for code that
waits; :class:`WorkerTimeout` says which of the two was hit.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from gausslearn.grading import channel
from gausslearn.grading.host.limits import Limits, wall_backstop
from gausslearn.grading.host.sandbox import ControlGroup, Sandbox, tree_cpu_seconds
from gausslearn.paths import Course, project_root

#: Bytes of stdout / stderr kept per stream; the rest is read and discarded.
OUTPUT_CAP = 1_000_000
#: Wall-clock seconds allowed to start the zygote (interpreter and imports) or a learner process.
START_TIMEOUT = 120.0
#: Seconds between two readings of the learner's CPU time while waiting for an answer.
POLL = 0.05
#: Where ``/proc`` is missing (not Linux), CPU time cannot be read and wall-clock time counts instead.
HAVE_PROC = os.path.isdir("/proc/self")
#: Modules the zygote imports once, so no learner process pays for them: what the exercises' import cells,
#: the worker and the public checks use. Names only, from this list: never anything a submission names.
PREIMPORT = ("numpy", "scipy", "scipy.ndimage", "skimage", "gausslearn.dtypes", "gausslearn.noise",
             "gausslearn.images", "gausslearn.kernels", "gausslearn.borders", "gausslearn.filters",
             "gausslearn.metrics", "gausslearn.checks")
#: Modules the zygote imports once it is ready, while it waits for requests (with the exercises' own imports,
#: :func:`template_imports`): the first submission does not wait for them.
WARM_LATER = ("IPython.core.inputtransformer2", "skimage.data", "skimage.filters", "skimage.metrics", "skimage.util")

@functools.cache
def template_imports(folder: Path | None = None) -> tuple[str, ...]:
    """Modules the exercises' import cells import (``exercises/*.ipynb``, cells tagged ``imports``), by name.

    The zygote imports them while idle (after :data:`PREIMPORT`). Read as data from the instructors' templates,
    never from a submission; a template that cannot be read is skipped.
    """
    folder = Course.here().exercises if folder is None else Path(folder)
    names: list[str] = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            tags = cell.get("metadata", {}).get("tags", []) if isinstance(cell, dict) else []
            if cell.get("cell_type") != "code" or "imports" not in tags:
                continue
            src = "".join(cell["source"]) if isinstance(cell.get("source"), list) else str(cell.get("source", ""))
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.Import):
                    names += [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    return tuple(dict.fromkeys(n for n in names if n not in PREIMPORT))


_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from gausslearn.grading.student.zygote import main; main(sys.argv[2:])")
#: The order of the file descriptors of a spawn request (gausslearn.grading.student.zygote.SPAWN_FDS).
_SPAWN_FDS = ("request", "response", "stdout", "stderr", "credentials", "status")


class WorkerDied(RuntimeError):
    """The worker process ended (crash, memory limit, ``os._exit``) or broke the protocol."""


class WorkerTimeout(TimeoutError):
    """The worker did not answer in time; it has been killed.

    ``limit`` is ``"cpu"`` (it computed for longer than its CPU-time limit) or ``"wall"`` (it was still not done
    at the wall-clock backstop, typically because it waited: ``sleep``, a lock, a pipe); ``seconds`` the limit.
    """

    def __init__(self, message: str, limit: str = "cpu", seconds: float = 0.0) -> None:
        super().__init__(message)
        self.limit, self.seconds = limit, seconds


class SandboxError(RuntimeError):
    """The zygote or a learner process could not be started (a fault of this machine, not of the submission)."""


class _Drain(threading.Thread):
    """Read a stream to its end, keeping at most ``cap`` bytes."""

    def __init__(self, stream: Any, cap: int) -> None:
        super().__init__(daemon=True)
        self.stream, self.cap = stream, cap
        self.data = bytearray()
        self.dropped = 0

    def run(self) -> None:
        try:
            while True:
                chunk = self.stream.read1(65536) if hasattr(self.stream, "read1") else self.stream.read(65536)
                if not chunk:
                    break
                room = self.cap - len(self.data)
                if room > 0:
                    self.data += chunk[:room]
                self.dropped += max(0, len(chunk) - max(room, 0))
        except (OSError, ValueError):
            pass

    def text(self) -> str:
        out = self.data.decode("utf-8", "replace")
        return out + (f"\n[... {self.dropped} more bytes not kept]" if self.dropped else "")


def undumpable() -> None:
    """Make this (grading) process non-dumpable (Linux): processes of the same user can then no longer open
    its ``/proc/<pid>/fd`` (its stdout, the gradebook), ``mem`` or ``root``. Learner processes run as the
    grading user when it is not root; this keeps them from writing a fake report into the grader's stdout.
    Calling it again does nothing more; the process keeps working as before (only other processes of the
    same user lose access to it).

    Examples
    --------
    >>> undumpable()
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def _environment() -> dict[str, str]:
    """The learner's environment: nothing that names the grader (HOME and TMPDIR are set per process)."""
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "HOME": "/tmp", "TMPDIR": "/tmp",
            "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Zygote:
    """The pre-imported parent of one grader's learner processes (see :mod:`gausslearn.grading.student.zygote`).

    One per grader process and sandbox configuration (:func:`zygote_for`); started on first use, ended when
    the grader exits (or with :meth:`close`).
    """

    def __init__(self, box: Sandbox) -> None:
        self.box = box
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None
        self.lock = threading.Lock()
        self.folder = ""  # made at each start, outside bubblewrap: its /etc/passwd and /etc/group
        self.stderr: _Drain | None = None
        self._ready = False
        self._cmd: list[str] = []
        self._stop = threading.Event()

    def _launch(self) -> None:
        """Start the zygote's process (returns at once; :meth:`_wait_ready` waits for its imports). Under the lock.

        The process is started from a thread of its own that lives as long as the zygote: bubblewrap's
        ``--die-with-parent`` (``PR_SET_PDEATHSIG``) fires when the *thread* that started it ends, so starting it
        from a short-lived thread (a thread pool's, a background start) would kill it.
        """
        if not self.folder or not os.path.isdir(self.folder):
            self.folder = tempfile.mkdtemp()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        later = [m for m in (*WARM_LATER, *template_imports()) if m not in PREIMPORT]
        config = {"preimport": list(PREIMPORT), "warm_later": list(dict.fromkeys(later)),
                  "namespaces": self.box.namespaces}
        argv = [sys.executable, "-I", "-c", _BOOT, str(self.box.root), str(theirs.fileno()), json.dumps(config)]
        env = _environment()
        self._cmd = cmd = self.box.command(argv, env, Path(self.folder))
        started: dict[str, Any] = {}
        launched = threading.Event()
        stop = self._stop = threading.Event()

        def parent() -> None:
            try:
                started["proc"] = subprocess.Popen(cmd, cwd=self.folder, env=env, stdin=subprocess.DEVNULL,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                                   pass_fds=(theirs.fileno(),), start_new_session=True)
            except OSError as exc:
                started["error"] = exc
            launched.set()
            stop.wait()

        threading.Thread(target=parent, name="gausslearn-zygote", daemon=True).start()
        launched.wait()
        theirs.close()
        if "error" in started:
            ours.close()
            raise SandboxError(f"the sandbox for learner processes did not start: {started['error']}")
        self.proc, self.sock, self._ready = started["proc"], ours, False
        self.stderr = _Drain(self.proc.stderr, 20_000)
        self.stderr.start()

    def _wait_ready(self) -> None:
        assert self.sock is not None and self.stderr is not None
        ready, _, _ = select.select([self.sock], [], [], START_TIMEOUT)
        reply = self.sock.recv(65536) if ready else b""
        if not reply:
            drain = self.stderr
            self.close()
            drain.join(timeout=2)
            raise SandboxError("the sandbox for learner processes did not start: "
                               + (drain.text().strip()[-800:] or f"no answer within {START_TIMEOUT:g} s")
                               + f" (command: {' '.join(self._cmd[:3])} ...)")
        self._ready = True
        # bubblewrap has bound /etc/passwd and /etc/group by now (a bind keeps the file): nothing is left behind
        # even where the grader ends without running atexit hooks (a process pool's workers).
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = ""

    def start(self) -> None:
        """Start the zygote and wait until it has imported the libraries."""
        with self.lock:
            if not self.alive:
                self._launch()
            if not self._ready:
                self._wait_ready()

    def start_in_background(self) -> None:
        """Start the zygote's process and return at once; the first :meth:`spawn` waits until it is ready."""
        with self.lock:
            if not self.alive:
                self._launch()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.sock is not None

    def spawn(self, payload: dict[str, Any], fds: list[int]) -> None:
        with self.lock:
            if not self.alive:
                self._launch()
            if not self._ready:
                self._wait_ready()
            assert self.sock is not None
            try:
                socket.send_fds(self.sock, [json.dumps(payload).encode()], fds)
            except OSError as exc:
                self.close()
                raise SandboxError(f"the sandbox for learner processes stopped ({exc})") from None

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=10)
            if self.proc.stderr is not None:
                self.proc.stderr.close()
            self.proc = None
        self._ready = False
        self._stop.set()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


_ZYGOTES: dict[tuple[Any, ...], Zygote] = {}
_ZYGOTES_LOCK = threading.Lock()


def zygote_for(box: Sandbox) -> Zygote:
    """The zygote of this grader process for ``box``'s configuration (started and kept on first use)."""
    key = (str(box.root), tuple(map(str, box.covered())), box.bwrap, box.namespaces, os.getpid())
    with _ZYGOTES_LOCK:
        z = _ZYGOTES.get(key)
        if z is None:
            z = _ZYGOTES[key] = Zygote(box)
        return z


def prestart(limits: Limits | None = None, hide: tuple[str | Path, ...] = ()) -> None:
    """Start this grader process's zygote now, in the background, so that its start (an interpreter and the
    learner's libraries, about half a second) overlaps the grader's own imports and reading of the notebook.

    Call it first thing when grading is about to begin (``gausslearn grade``); grading works without it.
    """
    zygote_for(Sandbox(project_root(), Limits() if limits is None else limits,
                       tuple(Path(p) for p in hide))).start_in_background()


@atexit.register
def close_zygotes() -> None:
    """End every zygote of this grader process (also run when the grader exits)."""
    with _ZYGOTES_LOCK:
        for z in _ZYGOTES.values():
            z.close()
        _ZYGOTES.clear()


def _receive_pid(sock: socket.socket, deadline: float) -> int | None:
    """The process id that the peer's kernel credentials name (None when the peer closed or time ran out)."""
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([sock], [], [], left)[0]:
        return None
    try:
        data, ancillary, _, _ = sock.recvmsg(9, socket.CMSG_SPACE(12))
    except OSError:
        return None
    if len(data) != 9 or data[:1] != b"p":
        return None
    credentials = getattr(socket, "SCM_CREDENTIALS", None)
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == credentials:
            return struct.unpack("iii", payload[:12])[0]
    if credentials is None:  # not Linux: no PID namespaces, the process's own word is its id here
        return struct.unpack("q", data[1:])[0]
    return None


class Runner:
    """One learner process: :meth:`start`, :meth:`request` (with CPU-time and wall-clock limits), :meth:`close`.

    Parameters
    ----------
    limits : Limits, optional
        Resource limits of the learner's process (default: ``Limits()``).
    output_cap : int
        Bytes of stdout and of stderr kept.
    isolate : bool or None
        Use the sandbox's layers (None: every layer this machine allows; False: none, only the limits).
    hide : tuple of paths
        Folders to cover as well where they lie inside the sandbox's allow-list.

    Examples
    --------
    >>> with Runner() as runner:
    ...     runner.request({"op": "load", "cells": ["def add(a, b): return a + b"]}, timeout=30)["defined"]
    ...     runner.request({"op": "call", "name": "add", "args": [2, 3], "kwargs": {}}, timeout=10)["result"]
    ['add']
    5
    """

    def __init__(self, limits: Limits | None = None, output_cap: int = OUTPUT_CAP, *,
                 isolate: bool | None = None, hide: tuple[str | Path, ...] = ()) -> None:
        self.limits = Limits() if limits is None else limits
        self.isolate = isolate
        self.hide = tuple(Path(p) for p in hide)
        self.box: Sandbox | None = None
        self.output_cap = output_cap
        self.pid: int | None = None       # the learner's init (process 1 of its namespaces), as this process sees it
        self.pidfd: int | None = None
        self.group: ControlGroup | None = None
        self.workdir: str | None = None   # only without namespaces: a folder made here, removed at close
        self.cpu_used = 0.0               # CPU seconds of the learner's processes, as last measured
        self._fds: dict[str, int] = {}
        self._cred: socket.socket | None = None
        self._drains: list[_Drain] = []
        self._status = ""
        self._started = 0.0

    # -- lifecycle -------------------------------------------------------------------------------------
    def start(self) -> None:
        undumpable()
        self.box = Sandbox(project_root(), self.limits, self.hide, self.isolate)
        zygote = zygote_for(self.box)
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        status_r, status_w = os.pipe()
        cred, cred_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        if hasattr(socket, "SO_PASSCRED"):
            cred.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        payload: dict[str, Any] = {"rlimits": self.limits.rlimits(), "tmp_bytes": self.limits.tmp_bytes,
                                   "keep_under_tmp": [str(p) for p in self.box.under_tmp()]}
        if not self.box.namespaces:
            self.workdir = tempfile.mkdtemp()  # a neutral name: nothing says "being graded"
            payload["workdir"] = self.workdir
        try:
            self.group = ControlGroup.create(self.limits) if self.box.cgroups else None
            zygote.spawn(payload, [req_r, resp_w, out_w, err_w, cred_theirs.fileno(), status_w])
        finally:
            for fd in (req_r, resp_w, out_w, err_w, status_w):
                os.close(fd)
            cred_theirs.close()
        self._fds = {"request": req_w, "response": resp_r, "status": status_r}
        self._cred = cred
        os.set_blocking(resp_r, False)
        self._drains = [_Drain(os.fdopen(out_r, "rb"), self.output_cap), _Drain(os.fdopen(err_r, "rb"), self.output_cap)]
        for d in self._drains:
            d.start()
        pid = _receive_pid(cred, time.monotonic() + START_TIMEOUT)
        if pid is None:
            for d in self._drains:
                d.join(timeout=2)
            text = self.stderr().strip()[-600:] or "it ended before it was ready"
            self.close()
            raise SandboxError(f"a learner process could not be started: {text}")
        self.pid, self._started = pid, time.monotonic()
        with contextlib.suppress(OSError, AttributeError):
            self.pidfd = os.pidfd_open(pid)
        if self.group is not None:
            self.group.add(pid)
        cred.sendall(b"g")
        cred.close()
        self._cred = None

    @property
    def alive(self) -> bool:
        if self.pid is None or "response" not in self._fds:
            return False
        if self.pidfd is not None:
            return not select.select([self.pidfd], [], [], 0)[0]
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True

    def stdout(self) -> str:
        return self._drains[0].text() if self._drains else ""

    def stderr(self) -> str:
        return self._drains[1].text() if self._drains else ""

    def cpu_seconds(self) -> float:
        """CPU seconds the learner's processes have used so far (all of them, also those already gone)."""
        if self.pid is not None:
            now = self.group.cpu_seconds() if self.group is not None else None
            if now is None and HAVE_PROC:
                now = tree_cpu_seconds(self.pid)
            if now is None:  # no /proc (not Linux): wall-clock time since the start stands in for CPU time
                now = time.monotonic() - self._started
            self.cpu_used = max(self.cpu_used, now)
        return self.cpu_used

    def _kill(self) -> None:
        """Kill the learner's init: the kernel then kills everything in its PID namespace."""
        if self.pid is None:
            return
        self.cpu_seconds()
        if self.pidfd is not None:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        if self.box is not None and not self.box.namespaces:  # no namespace to end: the tree, then the group
            _kill_tree(self.pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
        if self.pidfd is not None:
            select.select([self.pidfd], [], [], 10)
        if self.group is not None:
            self.group.kill_all()

    def close(self) -> None:
        """Kill the learner's processes (all of them), read how it ended, and clean up."""
        self._kill()
        status = self._fds.pop("status", -1)
        if status >= 0:
            if select.select([status], [], [], 2)[0]:
                with contextlib.suppress(OSError):
                    self._status = os.read(status, 200).decode(errors="replace").strip() or self._status
            os.close(status)
        for name in ("request", "response"):
            fd = self._fds.pop(name, -1)
            if fd >= 0:
                os.close(fd)
        for d in self._drains:
            d.join(timeout=2)
            with contextlib.suppress(OSError):
                d.stream.close()
        if self._cred is not None:
            self._cred.close()
            self._cred = None
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        if self.group is not None:
            self.group.remove()
            self.group = None
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        self.pid = None

    def __enter__(self) -> Runner:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- talking ---------------------------------------------------------------------------------------
    def death_reason(self) -> str:
        """A sentence on why the process ended (signal or exit code, and the end of its stderr)."""
        if self.pid is None and not self._status:
            return "the process was not running"
        if "status" in self._fds and select.select([self._fds["status"]], [], [], 2)[0]:
            with contextlib.suppress(OSError):
                self._status = os.read(self._fds["status"], 200).decode(errors="replace").strip()
        kind, _, value = self._status.partition(" ")
        if kind == "signal" and value.isdigit():
            try:
                name = signal.Signals(int(value)).name
            except ValueError:
                name = f"signal {value}"
            what = {"SIGKILL": " (often: memory limit reached)", "SIGXCPU": " (CPU time limit)",
                    "SIGXFSZ": " (wrote too large a file)", "SIGSEGV": " (segmentation fault)"}.get(name, "")
            text = f"the process was killed by {name}{what}"
        elif kind == "exit":
            text = f"the process exited with code {value}"
        else:
            text = "the process stopped answering"
        for d in self._drains:
            d.join(timeout=1)
        tail = self.stderr().strip().splitlines()[-3:]
        return text + (f"; last lines of its error output: {' | '.join(tail)[:400]}" if tail else "")

    def request(self, message: dict[str, Any], timeout: float, wall: float | None = None) -> Any:
        """Send one request and wait for its answer.

        ``timeout`` is in CPU seconds of the learner's processes; ``wall`` the wall-clock backstop (default
        :func:`~gausslearn.grading.host.limits.wall_backstop` of ``timeout``). On either limit the process is
        killed and :class:`WorkerTimeout` says which limit was hit.
        """
        if not self.alive:
            reason = self.death_reason()
            raise WorkerDied(reason)
        wall = wall_backstop(timeout) if wall is None else float(wall)
        deadline = time.monotonic() + wall
        start_cpu = self.cpu_seconds()
        data = channel.encode(message)  # a PlainDataError here is the caller's bug: nothing was sent yet
        resp = self._fds["response"]
        try:
            channel.send_bytes(self._fds["request"], data, deadline)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise channel.ChannelTimeout("wall")
                if select.select([resp], [], [], min(POLL, left))[0]:
                    return channel.recv(resp, deadline)
                if self.cpu_seconds() - start_cpu > timeout:
                    self.close()
                    raise WorkerTimeout(f"no answer after {timeout:g} s of CPU time", "cpu", timeout)
        except channel.ChannelTimeout:
            self.close()
            raise WorkerTimeout(f"no answer within {wall:g} s (wall clock)", "wall", wall) from None
        except (channel.ChannelClosed, BrokenPipeError):
            reason = self.death_reason()
            self.close()
            raise WorkerDied(reason) from None
        except channel.PlainDataError as exc:
            self.close()
            raise WorkerDied(f"the process sent data the grader refuses ({exc})") from None


def _kill_tree(pid: int) -> None:
    """SIGKILL ``pid`` and its descendants (found through ``/proc/<pid>/task/*/children``)."""
    todo, seen = [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGSTOP)  # stop first, so nothing forks while the tree is walked
        for tid in _listdir(f"/proc/{p}/task"):
            with contextlib.suppress(OSError, ValueError):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{tid}/children").read_text().split()]
    for p in seen:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGKILL)


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []
