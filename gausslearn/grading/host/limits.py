"""The limits of the learner's process: one object, built in one place, enforced in the learner process and
by the grader.

- :class:`Limits` holds every limit; :meth:`Limits.for_submission` builds it from the options of
  ``gausslearn grade`` (``--budget``, ``--memory``), the only place that turns options into limits.
- :meth:`Limits.rlimits` computes, in the grader's process, the ``RLIMIT_*`` values the learner process sets
  on itself before any learner code runs (:func:`gausslearn.grading.student.zygote.apply_rlimits`); the process
  limit depends on how many processes the grading user already runs, which only the grader can count.
- Time is **CPU time** of the learner process and everything it starts (the grader measures it: see
  :func:`gausslearn.grading.host.sandbox.tree_cpu_seconds`), so a busy machine does not turn correct work into
  a timeout. Code that waits without computing (``sleep``, a lock) is stopped by a wall-clock backstop,
  :func:`wall_backstop`, several times longer.

As root the number of processes is capped by the sandbox's control group instead (``RLIMIT_NPROC`` does not
bind root), and ``memory`` caps the control group's memory.

Examples
--------
>>> limits = Limits.for_submission(budget=120, memory_mb=512)
>>> limits.cpu_seconds, limits.address_space == limits.memory == 512 * MiB
(150, True)
>>> values = Limits(processes=10).rlimits(uid=0)
>>> sorted(values), values["RLIMIT_CORE"]
(['RLIMIT_AS', 'RLIMIT_CORE', 'RLIMIT_CPU', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE'], 0)
>>> wall_backstop(10)
60.0
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WALL_FACTOR", "WALL_SLACK", "GiB", "MiB", "Limits", "user_tasks", "wall_backstop"]

GiB = 1024**3
MiB = 1024**2
#: A time limit in CPU seconds has a wall-clock backstop of ``WALL_FACTOR * limit + WALL_SLACK`` seconds: on a
#: machine whose cores are all busy, a learner process gets about a third to a half of a core (measured with two
#: busy processes on two cores while grading with -j 2; a fifth at load 9 on two cores), so correct code stays
#: below it.
WALL_FACTOR = 5.0
WALL_SLACK = 10.0


def wall_backstop(cpu_seconds: float) -> float:
    """Wall-clock seconds after which code that has not used ``cpu_seconds`` of CPU time is stopped anyway."""
    return WALL_FACTOR * float(cpu_seconds) + WALL_SLACK


@dataclass(frozen=True)
class Limits:
    """Resource limits for one learner process (and everything it starts).

    Attributes
    ----------
    address_space : int
        Bytes of virtual memory (``RLIMIT_AS``): a larger allocation raises ``MemoryError``.
    file_size : int
        Bytes one written file may reach (``RLIMIT_FSIZE``).
    open_files : int
        Open file descriptors (``RLIMIT_NOFILE``).
    processes : int
        The allowance of processes and threads: as a normal user, this many *more* than the user already runs
        (``RLIMIT_NPROC`` counts every process of the user, the grader's included); as root, the control
        group's ``pids.max``.
    cpu_seconds : int
        CPU time of one learner process (``RLIMIT_CPU``, a last resort: the grader's own CPU-time limits per
        call and per submission stop it first); the process is killed after it.
    memory : int
        Bytes of memory of the control group (as root).
    tmp_bytes : int
        Size of the learner's private ``/tmp`` (its working folder) and of its ``/dev/shm``.
    """

    address_space: int = 4 * GiB
    file_size: int = 64 * MiB
    open_files: int = 256
    processes: int = 64
    cpu_seconds: int = 600
    memory: int = 4 * GiB
    tmp_bytes: int = 512 * MiB

    @classmethod
    def for_submission(cls, *, budget: float, memory_mb: int | None = None) -> Limits:
        """The limits of one submission's learner process, from ``gausslearn grade``'s options.

        The CPU time is the time budget plus 30 s (starting the interpreter, imports); ``memory_mb`` caps both
        the address space and the control group's memory.
        """
        memory = {"address_space": int(memory_mb) * MiB, "memory": int(memory_mb) * MiB} if memory_mb else {}
        return cls(cpu_seconds=int(budget) + 30, **memory)

    def rlimits(self, uid: int | None = None) -> dict[str, int]:
        """The ``resource.RLIMIT_*`` values, by name, for a child run by user ``uid`` (default: this process's).

        Called in the parent: for a user other than root the process limit is the number of tasks (processes
        and threads) the user runs now plus :attr:`processes`. Where that number cannot be counted (no
        ``/proc``), no process limit is set rather than one that could stop the learner's process at once.

        Examples
        --------
        >>> unused = 2**31 - 7              # a user id that runs nothing
        >>> Limits(processes=5).rlimits(uid=unused)["RLIMIT_NPROC"]
        5
        """
        values = {"RLIMIT_AS": self.address_space, "RLIMIT_FSIZE": self.file_size, "RLIMIT_NOFILE": self.open_files,
                  "RLIMIT_CORE": 0, "RLIMIT_CPU": self.cpu_seconds}
        uid = os.getuid() if uid is None else uid
        running = user_tasks(uid) if uid != 0 else None
        if running is not None:
            values["RLIMIT_NPROC"] = running + self.processes
        return values

    def describe(self) -> dict[str, int]:
        """The limits as plain data (part of the report's ``sandbox`` entry).

        Examples
        --------
        >>> Limits().describe()["open_files"]
        256
        """
        return {"address_space_bytes": self.address_space, "file_size_bytes": self.file_size,
                "open_files": self.open_files, "processes": self.processes, "cpu_seconds_per_process": self.cpu_seconds,
                "memory_bytes": self.memory, "tmp_bytes": self.tmp_bytes}


def user_tasks(uid: int) -> int | None:
    """How many tasks (processes and their threads: what ``RLIMIT_NPROC`` counts on Linux) ``uid`` runs now.

    None where ``/proc`` cannot be read.

    Examples
    --------
    >>> user_tasks(os.getuid()) >= 1
    True
    """
    try:
        entries = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    except OSError:
        return None
    count = 0
    for p in entries:
        try:
            if p.stat().st_uid == uid:
                count += sum(1 for _ in (p / "task").iterdir())
        except OSError:
            continue  # the process ended meanwhile
    return count
