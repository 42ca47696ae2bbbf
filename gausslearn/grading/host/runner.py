"""Start, limit, talk to and kill the process that runs a learner's code.

The process is ``python -I`` (no current directory, PYTHONPATH, user site-packages or PYTHON* variables
can change what it imports) running :mod:`gausslearn.grading.student.worker` in a fresh temporary directory, in
its own session (so the whole process group can be killed), with a minimal environment and the resource
limits of :class:`~gausslearn.grading.host.limits.Limits`, set by the sandbox in the child before the
interpreter starts. Requests and answers travel on a dedicated pipe
pair (not stdout); stdout and stderr are captured up to a byte cap and the rest is read and discarded.

Where :mod:`gausslearn.grading.host.sandbox` can isolate (root on Linux: namespaces and control groups), the
worker also runs without network, with the interpreter and project read-only, and with the solutions,
exercise sources and hidden tests hidden; elsewhere only the limits and the process group apply, and the
learner's code can read whatever the grading user can read.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from gausslearn.grading import channel, hidden_tests_folder
from gausslearn.grading.host.limits import Limits
from gausslearn.grading.host.sandbox import Sandbox
from gausslearn.paths import project_root

#: Bytes of stdout / stderr kept per stream; the rest is read and discarded.
OUTPUT_CAP = 1_000_000
#: Seconds allowed to start the interpreter and import NumPy.
START_TIMEOUT = 60.0

_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from gausslearn.grading.student.worker import main; main(sys.argv[2:])")


class WorkerDied(RuntimeError):
    """The worker process ended (crash, memory limit, ``os._exit``) or broke the protocol."""


class WorkerTimeout(TimeoutError):
    """The worker did not answer in time; it has been killed."""


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


def _descendants(pid: int) -> list[int]:
    """Process ids whose ancestry leads to ``pid`` (read from /proc; empty where /proc is missing)."""
    children: dict[int, list[int]] = {}
    try:
        for p in Path("/proc").iterdir():
            if not p.name.isdigit():
                continue
            try:
                stat = (p / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(p.name))
    except OSError:
        return []
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


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


def sandbox_for(root: Path, tmpdir: str, limits: Limits, isolate: bool | None,
                hide: tuple[Path, ...]) -> Sandbox:
    """The :class:`~gausslearn.grading.host.sandbox.Sandbox` of one learner process.

    Solutions, exercise sources, hidden tests and the given folders are hidden from the worker when mount
    namespaces are available, except folders the worker needs (the interpreter, the package, its tmpdir).
    """
    needed = [Path(p).resolve() for p in (sys.prefix, sys.base_prefix, root / "gausslearn", tmpdir)]

    def hideable(p: Path) -> bool:
        p = p.resolve()
        return p.exists() and not any(n == p or p in n.parents for n in needed)

    hidden = [p for p in (root / "solutions", root / "exercises_src", hidden_tests_folder(root),
                          root / "tests", root / ".git", *hide) if hideable(p)]
    readonly = [p for p in sorted({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), root.resolve()})
                if p.exists()]
    # A bind mount of a folder covers the mounts made earlier below it: a read-only bind of the project
    # would uncover the hidden solutions again. Such folders are read-only anyway (the sandbox makes every
    # mount read-only except the worker's own folder), so they are not bound again here.
    readonly = [p for p in readonly if not any(h.resolve() == p or p in h.resolve().parents for h in hidden)]
    return Sandbox(readonly=readonly, hidden=hidden, writable=[Path(tmpdir)], limits=limits, isolate=isolate)


class Runner:
    """One learner process: :meth:`start`, :meth:`request` (with a deadline), :meth:`close`.

    Parameters
    ----------
    limits : Limits, optional
        Resource limits of the learner's process (default: ``Limits()``).
    output_cap : int
        Bytes of stdout and of stderr kept.
    isolate : bool or None
        Use the namespaces and control groups of :mod:`gausslearn.grading.host.sandbox` (None: where available).
    hide : tuple of paths
        Folders to hide from the worker as well (when mount namespaces are available).

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
        self.proc: subprocess.Popen[bytes] | None = None
        self.tmpdir: str | None = None
        self._req_w = self._resp_r = -1
        self._drains: list[_Drain] = []

    # -- lifecycle -------------------------------------------------------------------------------------
    def start(self) -> None:
        root = str(project_root())
        self.tmpdir = tempfile.mkdtemp()  # a neutral name: nothing says "being graded"
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": self.tmpdir,
            "TMPDIR": self.tmpdir,
            "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": os.path.join(self.tmpdir, ".matplotlib"),
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            # PYTHONHASHSEED would be ignored: -I implies -E (no PYTHON* variables at all).
        }
        undumpable()
        self.box = sandbox_for(Path(root), self.tmpdir, self.limits, self.isolate, self.hide)
        self.box.prepare()
        cmd = self.box.wrap([sys.executable, "-I", "-c", _BOOT, root, str(req_r), str(resp_w), str(os.getpid())])
        env, preexec = self.box.env(env), self.box.preexec()  # preexec: the one place the limits are set
        try:
            self.proc = subprocess.Popen(cmd, cwd=self.tmpdir, env=env, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         pass_fds=(req_r, resp_w), start_new_session=True, preexec_fn=preexec)
        finally:
            os.close(req_r)
            os.close(resp_w)
        self._req_w, self._resp_r = req_w, resp_r
        os.set_blocking(self._resp_r, False)
        self._drains = [_Drain(self.proc.stdout, self.output_cap), _Drain(self.proc.stderr, self.output_cap)]
        for d in self._drains:
            d.start()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stdout(self) -> str:
        return self._drains[0].text() if self._drains else ""

    def stderr(self) -> str:
        return self._drains[1].text() if self._drains else ""

    def close(self) -> None:
        """Kill the worker's whole process group (and any descendants that left it), and clean up."""
        proc = self.proc
        if proc is not None:
            if proc.poll() is None:
                pids = _descendants(proc.pid)
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
            else:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # children left behind in the group
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            if self.box is not None:
                self.box.kill_all(proc.pid)  # also what left the process group, where a control group exists
            for d in self._drains:
                d.join(timeout=2)
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        for fd in (self._req_w, self._resp_r):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._req_w = self._resp_r = -1
        self.proc = None
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def __enter__(self) -> Runner:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- talking ---------------------------------------------------------------------------------------
    def death_reason(self) -> str:
        """A sentence on why the process ended (signal or exit code, and the end of its stderr)."""
        if self.proc is None:
            return "the process was not running"
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "the process stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            what = {"SIGKILL": " (often: memory limit reached)", "SIGXCPU": " (CPU time limit)",
                    "SIGXFSZ": " (wrote too large a file)", "SIGSEGV": " (segmentation fault)"}.get(name, "")
            text = f"the process was killed by {name}{what}"
        else:
            text = f"the process exited with code {code}"
        for d in self._drains:
            d.join(timeout=1)
        tail = self.stderr().strip().splitlines()[-3:]
        return text + (f"; last lines of its error output: {' | '.join(tail)[:400]}" if tail else "")

    def request(self, message: dict[str, Any], timeout: float) -> Any:
        """Send one request and wait for its answer; on timeout kill the worker and raise WorkerTimeout."""
        if not self.alive:
            raise WorkerDied(self.death_reason())
        deadline = time.monotonic() + timeout
        data = channel.encode(message)  # a PlainDataError here is the caller's bug: nothing was sent yet
        try:
            channel.send_bytes(self._req_w, data, deadline)
            return channel.recv(self._resp_r, deadline)
        except channel.ChannelTimeout:
            self.close()
            raise WorkerTimeout(f"no answer within {timeout:g} s") from None
        except (channel.ChannelClosed, BrokenPipeError):
            reason = self.death_reason()
            self.close()
            raise WorkerDied(reason) from None
        except channel.PlainDataError as exc:
            self.close()
            raise WorkerDied(f"the process sent data the grader refuses ({exc})") from None
