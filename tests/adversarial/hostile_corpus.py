"""A corpus of hostile submissions, each with the outcome the grader must produce.

Every case starts from a model solution (mostly ``solutions/ex01_pixels.ipynb`` or ``solutions/ex07_separable.ipynb``):
the generator copies it and replaces the source of its ``answer`` cells (or corrupts the file), then records
what grading must give: full marks or zero, which statuses are acceptable, and a pattern the report must
contain (so the learner is told what happened). Some cases also leave traces in a *witness* folder that the
tests inspect afterwards (processes that outlived grading, files written after grading, poisoned startup
files).

Attack code is written with three placeholders that :func:`write_corpus` fills in:

``@W@``  the case's witness folder (world-writable, so the grader's unprivileged worker can write there)
``@B@``  the base folder of the run (``single/``, ``batch/submissions``, ``batch/gradebook.csv`` live there)
``@R@``  the project root (where the solutions and hidden tests live)
``@H@``  the hidden tests' folder (:func:`gausslearn.grading.hidden_tests_folder`)
``@S@``  the folder the case is written to (its classmates' submissions)
``@M@``  a marker unique to the run (put into the command lines of processes the submission starts)
``@T@``  0.9 x the wall-clock backstop of one call (sleeping that long is in time for one call)

Usage from the command line, to look at the corpus by hand::

    python tests/adversarial/hostile_corpus.py OUTDIR
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.host.limits import wall_backstop
from gausslearn.paths import project_root

ROOT = project_root()
SOLUTIONS = ROOT / "solutions"
FULL = {"ex01_pixels": 16, "ex02_noise": 14, "ex03_kernel": 10, "ex05_sigma": 10, "ex06_borders": 10,
        "ex07_separable": 12}

#: A wrong answer per function, so that no test passes: wrong values, and for ex01 a wrong dtype and an extra axis
#: (its tests of one property each, such as "does not modify its input", pass for any result of the right shape).
WRONG = {
    "to_float": "return np.asarray(args[0], dtype=np.float32)[..., None] * 0.5 + 0.25",
    "to_uint8": "return np.zeros(np.shape(args[0]) + (1,), dtype=np.int16)",
    "gaussian_filter_separable": "return np.zeros(np.shape(args[0])) + 0.125",
}

Transform = Callable[[str, list[str]], str]  # (answer cell source, functions it defines) -> new source


@dataclass(frozen=True)
class Expect:
    """What grading one case must give.

    score
        ``"full"``, ``"zero"``, ``"partial"`` (strictly between; only for timing-dependent cases) or a number.
    statuses
        The acceptable values of the report's ``status``.
    text
        A regular expression that must match somewhere in the report's notes and test feedback.
    """

    score: str | int
    statuses: tuple[str, ...] = ("graded",)
    text: str | None = None


@dataclass(frozen=True)
class Case:
    """One hostile submission."""

    name: str
    group: str
    exercise: str
    expect: Expect
    make: Callable[[dict[str, Any]], bytes | dict[str, Any]]  # solution notebook (a copy) -> content
    slow: bool = False            # uses up a time limit on purpose
    deterministic: bool = True    # same report on every run (timing-independent)
    needs_isolation: bool = False  # the outcome holds only with the root sandbox (namespaces, other user)
    witness: tuple[str, ...] = field(default_factory=tuple)  # what the tests check afterwards, see WITNESS
    batch: bool = True            # include in the mixed batch
    solo: bool = False            # attacks other processes: grade it alone, never next to another submission

    @property
    def stem(self) -> str:
        """File name stem: ``<exercise>-<case>`` (students' files are named like ``ex01_pixels-alice``)."""
        return f"{self.exercise}-{self.name}"


# -------------------------------------------------------------------------------------------------------------
# building notebooks


def load_solution(exercise: str) -> dict[str, Any]:
    """The model solution notebook of an exercise as a JSON dict (a fresh copy every call)."""
    return json.loads((SOLUTIONS / f"{exercise}.ipynb").read_text(encoding="utf-8"))


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def answer_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    """The code cells tagged ``answer``."""
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "answer" in c.get("metadata", {}).get("tags", [])]


def functions_of(source: str) -> list[str]:
    """Top-level ``def`` names of a cell."""
    return re.findall(r"^def\s+([A-Za-z_]\w*)\s*\(", source, flags=re.M)


def edit_answers(transform: Transform) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A ``make`` function that rewrites every answer cell with ``transform``."""

    def make(nb: dict[str, Any]) -> dict[str, Any]:
        for cell in answer_cells(nb):
            src = _source(cell)
            cell["source"] = transform(src, functions_of(src))
            cell["outputs"] = []
        return nb

    return make


def _dedent(code: str) -> str:
    return textwrap.dedent(code).strip("\n")


def before(code: str) -> Transform:
    """Run ``code`` at the top of each answer cell, before its functions are defined."""
    return lambda src, fns: _dedent(code) + "\n\n" + src


def after(code: str) -> Transform:
    """Run ``code`` at the end of each answer cell, after its functions are defined."""
    return lambda src, fns: src + "\n\n" + _dedent(code) + "\n"


def inside(code: str) -> Transform:
    """Wrap each function so every call first runs ``code``, then the real function.

    ``code`` may use ``args`` and ``kwargs``; ``@F@`` in it is replaced by the function's name (so
    ``_real_@F@`` is the learner's real function).
    """

    def transform(src: str, fns: list[str]) -> str:
        parts = [src]
        for f in fns:
            body = textwrap.indent(_dedent(code).replace("@F@", f), "    ")
            parts.append(f"_real_{f} = {f}\n\n\ndef {f}(*args, **kwargs):\n{body}\n"
                         f"    return _real_{f}(*args, **kwargs)\n")
        return "\n\n".join(parts)

    return transform


def replace(code_for: Callable[[str], str], top: str = "") -> Transform:
    """Replace each function by ``def f(*args, **kwargs): <code_for(f)>`` (``top`` runs first, at top level)."""

    def transform(src: str, fns: list[str]) -> str:
        parts = [_dedent(top)] if top else []
        parts.append("import numpy as np")
        for f in fns:
            parts.append(f"def {f}(*args, **kwargs):\n{textwrap.indent(_dedent(code_for(f)), '    ')}\n")
        return "\n\n".join(parts)

    return transform


def wrong_answer(top: str = "") -> Transform:
    """Wrong answers (see :data:`WRONG`), after ``top`` has run (monkeypatching, fake output...)."""
    return replace(lambda f: WRONG[f], top)


def right_only_if(condition: str, setup: str = "") -> Transform:
    """Keep the real functions but make them return a wrong answer unless ``condition`` holds at call time.

    Used for leaks and detection: ``condition`` is true when the attack succeeded (a secret was read), so
    full marks mean the grader leaked, and zero means it held.
    """

    def transform(src: str, fns: list[str]) -> str:
        parts = [src, _dedent(setup)] if setup else [src]
        for f in fns:
            parts.append(f"_real_{f} = {f}\n\n\ndef {f}(*args, **kwargs):\n"
                         f"    if not ({condition}):\n        {WRONG[f]}\n"
                         f"    return _real_{f}(*args, **kwargs)\n")
        return "\n\n".join(parts)

    return transform


def raw(fn: Callable[[dict[str, Any]], bytes]) -> Callable[[dict[str, Any]], bytes]:
    """A ``make`` function that writes bytes instead of a notebook dict."""
    return fn


def nb_bytes(nb: dict[str, Any]) -> bytes:
    return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def edit_nb(fn: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def make(nb: dict[str, Any]) -> dict[str, Any]:
        fn(nb)
        return nb

    return make


# -------------------------------------------------------------------------------------------------------------
# attack code (placeholders @W@ witness folder, @R@ project root, @H@ hidden tests, @M@ run marker)

SPAWN_MARKED = """
import os as _os, subprocess as _sp, sys as _sys
_kids = 0
for _i in range(300):
    try:
        _sp.Popen([_sys.executable, "-c", "import time; time.sleep(600)", "@M@-bomb"], start_new_session=True,
                  stdin=_sp.DEVNULL, stdout=_sp.DEVNULL, stderr=_sp.DEVNULL)
        _kids += 1
    except OSError:
        break
for _i in range(50):
    try:
        if _os.fork() == 0:
            _os.setsid()
            try:
                _os.execv(_sys.executable, [_sys.executable, "-c", "import time; time.sleep(600)", "@M@-fork"])
            finally:
                _os._exit(0)
    except OSError:
        break
print("spawned", _kids)
"""

LATE_WRITER = """
import os as _os, subprocess as _sp, sys as _sys
_code = ("import time, sys; time.sleep(4); open(sys.argv[1] + '/late-child-' + sys.argv[2], 'w').write('late'); "
         "print('{\\"score\\": 999}')")
try:
    _sp.Popen([_sys.executable, "-c", _code, "@W@", "@M@-late"], start_new_session=True)
except OSError:
    pass
"""

THREAD_AND_ATEXIT = """
import atexit as _atexit, threading as _threading, time as _time

def _late(tag):
    open("@W@/late-" + tag, "w").write("acted after grading")
    print('{"exercise": "ex01_pixels", "score": 16, "max_score": 16, "status": "graded"}', flush=True)

def _later():
    _time.sleep(5)
    _late("thread")

_threading.Thread(target=_later, daemon=False).start()
_atexit.register(_late, "atexit")
"""

POOL = """
import multiprocessing as _mp, os as _os

def _note_pid():
    try:
        open("@W@/pool-" + str(_os.getpid()), "w").write(str(_os.getpid()))
    except OSError:
        pass

_pool = _mp.get_context("fork").Pool(2, initializer=_note_pid)
"""

POISON = """
import glob as _glob, os as _os, pwd as _pwd, site as _site, sys as _sys, sysconfig as _sc
_payload = "open('@W@/poison-ran', 'w').write('x')\\n"
_targets = []
for _d in {_sc.get_paths()["purelib"], _sc.get_paths()["platlib"], _site.getusersitepackages(),
           *_site.getsitepackages()}:
    _targets += [_os.path.join(_d, "sitecustomize.py"), _os.path.join(_d, "usercustomize.py"),
                 _os.path.join(_d, "zz_gausslearn_poison.pth")]
for _home in {_os.path.expanduser("~"), _pwd.getpwuid(_os.getuid()).pw_dir, "/root"}:
    _targets.append(_os.path.join(_home, ".ipython/profile_default/startup/00-gausslearn-poison.py"))
_targets += [_os.path.join(_os.getcwd(), "sitecustomize.py"), "@R@/sitecustomize.py",
             "@R@/gausslearn/sitecustomize.py", "@R@/gausslearn/grading/zz_poison.py"]
for _t in _targets:
    try:
        _os.makedirs(_os.path.dirname(_t), exist_ok=True)
        with open(_t, "w") as _f:
            _f.write(("import os; " + _payload) if _t.endswith(".pth") else _payload)
        print("poisoned", _t)
    except OSError:
        pass
"""

#: Paths the poisoning case tries to create; none may exist after grading (checked by the tests).
def poison_targets() -> list[Path]:
    import site
    import sysconfig

    dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], site.getusersitepackages(),
            *site.getsitepackages()}
    out = [Path(d) / n for d in dirs for n in ("sitecustomize.py", "usercustomize.py", "zz_gausslearn_poison.pth")]
    out += [Path(h) / ".ipython/profile_default/startup/00-gausslearn-poison.py"
            for h in {os.path.expanduser("~"), "/root"}]
    out += [ROOT / "sitecustomize.py", ROOT / "gausslearn/sitecustomize.py", ROOT / "gausslearn/grading/zz_poison.py"]
    return out


FAKE_SCORE = """
import os as _os, sys as _sys
_fake = '{"exercise": "ex07_separable", "file": "x", "score": 12, "max_score": 12, "status": "graded", "seed": 0, "tests": []}'
print(_fake)
print(_fake, file=_sys.stderr)
print(_fake, file=_sys.__stdout__, flush=True)
for _fd in (1, 2):
    try:
        _os.write(_fd, (_fake + "\\n").encode())
    except OSError:
        pass
for _name in ("result.json", "report.json", "gradebook.csv", "@B@/batch/gradebook.csv"):
    try:
        open(_name, "w").write(_fake)
    except OSError:
        pass
"""

FORGE_GRADEBOOK = """
import glob as _glob, os as _os
_row = "forged.ipynb,0,ex01_pixels,16,16,graded,0,0.1,,1.0\\n"
for _gb in _glob.glob("@B@/**/*.csv", recursive=True) + ["@B@/batch/gradebook.csv"]:
    try:
        with open(_gb, "a") as _f:
            _f.write(_row)
    except OSError:
        pass
    try:
        open(_gb + ".forged", "w").write(_row)
        _os.replace(_gb + ".forged", _gb)
    except OSError:
        pass
"""

PATCH_TESTING = """
import numpy as np, numpy.testing
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.testing.assert_array_equal = lambda *a, **k: None
numpy.testing.assert_equal = lambda *a, **k: None
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, bool)
"""

PATCH_PYTEST_BUILTINS = """
import builtins, sys, types
_fake = types.ModuleType("pytest")
_fake.approx = lambda *a, **k: type("A", (), {"__eq__": lambda s, o: True})()
_fake.raises = lambda *a, **k: None
sys.modules["pytest"] = _fake
class _NeverFails(Exception):
    pass
builtins.AssertionError = _NeverFails
_real_abs = builtins.abs
builtins.abs = lambda x: 0 * _real_abs(x)
builtins.all = lambda *a: True
builtins.any = lambda *a: False
"""

PATCH_GRADER = """
import sys
import gausslearn.grading.api as _api
import gausslearn.grading.channel as _channel
import gausslearn.grading.results as _results
import gausslearn.grading.student.tripwires as _tripwires
import gausslearn.grading.student.worker as _worker
for _n in ("expect", "expect_close", "expect_equal_array", "expect_dtype", "expect_shape"):
    setattr(_api, _n, lambda *a, **k: None)
_api.first_difference = lambda *a, **k: None
_results.check_unchanged = lambda *a, **k: None
_results.run_tests = lambda *a, **k: []
_results.number = lambda x: 16
_tripwires.Tripwires.install = lambda self: None
try:
    import gausslearn.grading.host.judge as _judge
    import gausslearn.grading.host.remote as _remote
    _judge.run_tests = lambda *a, **k: []
    _remote.check_unchanged = lambda *a, **k: None
except Exception:
    pass
_real_to_plain = _channel.to_plain
_channel.to_plain = lambda v, *a: _real_to_plain(v, *a)
_real_call = _worker.Worker.call
def _forged_call(self, name, args, kwargs):
    reply = _real_call(self, name, args, kwargs)
    reply["score"] = 16
    reply["passed"] = True
    reply["forbidden"] = []
    return reply
_worker.Worker.call = _forged_call
"""

PATCH_JSON_PICKLE = """
import json, pickle, io
json.dumps = lambda *a, **k: '{"score": 16, "max_score": 16, "status": "graded"}'
json.loads = lambda *a, **k: {"score": 16}
json.dump = lambda obj, fp, *a, **k: fp.write('{"score": 16}')
pickle.loads = lambda *a, **k: {"score": 16}
pickle.dumps = lambda *a, **k: b"forged"
"""

LIAR_SUBCLASS = """
class _Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), bool)
    __ne__ = lambda self, other: np.zeros(np.shape(self), bool)
    def __array__(self, *a, **k):
        return np.asarray(self.view(np.ndarray))
    def __array_finalize__(self, obj):
        pass
return (np.zeros(np.shape(args[0]) + (1,)) + 0.125).view(_Liar)
"""

LIAR_OBJECT = """
class _Liar:
    shape = property(lambda self: np.shape(args[0]))
    dtype = np.dtype("float64")
    def __eq__(self, other):
        return True
    def __array__(self, *a, **k):
        return np.full(np.shape(args[0]), 0.125)
    def __len__(self):
        return len(args[0])
    def __float__(self):
        return 0.0
return _Liar()
"""

LEAK_SOLUTION = """
def _leaked():
    import glob, json
    for path in glob.glob("@R@/solutions/*.ipynb") + glob.glob("@R@/exercises_src/*.py"):
        try:
            open(path).read(10)
            return True
        except OSError:
            pass
    return False
"""

LEAK_HIDDEN = """
def _leaked():
    import glob, importlib
    try:
        importlib.import_module("gausslearn.grading.authoring.hidden.ex01_pixels")
        return True
    except Exception:
        pass
    for path in glob.glob("@H@/*.py") + glob.glob("@H@/__pycache__/*"):
        try:
            open(path, "rb").read(10)
            return True
        except OSError:
            pass
    return False
"""

LEAK_PROC = """
def _leaked():
    import glob
    pattern = "/proc/*/root@R@/solutions/*.ipynb"
    for path in glob.glob(pattern) + glob.glob("/proc/*/cwd/solutions/*.ipynb"):
        try:
            open(path).read(10)
            return True
        except OSError:
            pass
    return False
"""

LEAK_GIT = """
def _leaked():
    import os
    try:
        return len(os.listdir("@R@/.git/objects")) > 0
    except OSError:
        return False
"""

LEAK_SUBMISSIONS = """
def _leaked():
    import glob
    for path in glob.glob("@S@/**/*.ipynb", recursive=True):
        try:
            open(path).read(10)
            return True
        except OSError:
            pass
    return False
"""

DETECT = """
def _detected():
    import os, sys
    words = ("grad", "gausslearn", "judge", "worker", "hidden")
    text = " ".join([os.getcwd(), *os.environ.keys(), *os.environ.values()]).lower()
    return any(w in text for w in words)
"""

KILL_GRADER = """
import os as _os, signal as _signal
for _pid in (_os.getppid(),):
    if _pid > 1:
        try:
            _os.kill(_pid, _signal.SIGKILL)
        except OSError:
            pass
for _pid in _os.listdir("/proc"):
    if not _pid.isdigit() or int(_pid) <= 1 or int(_pid) in (_os.getpid(), _os.getpgid(0)):
        continue
    try:
        _cmd = open(f"/proc/{_pid}/cmdline", "rb").read()
    except OSError:
        continue
    if b"gausslearn" in _cmd and b"grade" in _cmd:
        for _sig in (_signal.SIGSTOP, _signal.SIGKILL):
            try:
                _os.kill(int(_pid), _sig)
            except OSError:
                pass
"""


WRITE_GRADER_STDOUT = """
import os as _os

def _ancestors():
    pid, seen = _os.getppid(), []
    while pid > 1 and len(seen) < 6:
        seen.append(pid)
        try:
            stat = open(f"/proc/{pid}/stat").read()
            pid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return seen

_fake = '{"exercise": "ex01_pixels", "score": 16, "max_score": 16, "status": "graded", "seed": 0, "tests": []}'
for _pid in _ancestors():
    for _fd in (1, 2):
        try:
            with open(f"/proc/{_pid}/fd/{_fd}", "w") as _f:
                _f.write("\\n" + _fake + "\\n")
        except OSError:
            pass
"""


def _segfault() -> str:
    return "import ctypes\nctypes.string_at(0)"


def _correct_ex05_with(call: str) -> Callable[[str], str]:
    """ex05 answers computed by a forbidden SciPy function reached through ``call``."""
    return lambda f: f"""
import numpy as np
image, sigma = args[0], args[1]
mode = kwargs.get("mode", args[2] if len(args) > 2 else "reflect")
truncate = kwargs.get("truncate", args[3] if len(args) > 3 else 4.0)
{call}
return np.asarray(fn(np.asarray(image, dtype=np.float64), sigma, mode=mode, truncate=truncate), dtype=np.float64)
"""


def _answered_by(code_for: Callable[[str], str]) -> Transform:
    """Each answer cell defines its functions with ``code_for(function)``: a course helper that answers it."""
    return lambda src, fns: "\n\n".join(_dedent(code_for(f)) for f in fns) + "\n"


def _truncate_half(nb: dict[str, Any]) -> bytes:
    data = nb_bytes(nb)
    return data[: len(data) // 2]


def _nbformat3(nb: dict[str, Any]) -> bytes:
    cells = [{"cell_type": c["cell_type"], "input" if c["cell_type"] == "code" else "source": _source(c),
              "metadata": c.get("metadata", {}), "outputs": [], "language": "python"} for c in nb["cells"]]
    return nb_bytes({"nbformat": 3, "nbformat_minor": 0, "metadata": nb["metadata"],
                     "worksheets": [{"cells": cells, "metadata": {}}]})


def _dup_ids(nb: dict[str, Any]) -> None:
    for c in nb["cells"]:
        c["id"] = "same-id"


def _drop_answers(nb: dict[str, Any]) -> None:
    nb["cells"] = [c for c in nb["cells"] if c not in answer_cells(nb)]


def _answers_to_markdown(nb: dict[str, Any]) -> None:
    for c in answer_cells(nb):
        c["cell_type"] = "markdown"
        c.pop("outputs", None)
        c.pop("execution_count", None)


def _untag_answers(nb: dict[str, Any]) -> None:
    for c in answer_cells(nb):
        c["metadata"]["tags"] = []


def _kernel(name: str) -> Callable[[dict[str, Any]], None]:
    def set_kernel(nb: dict[str, Any]) -> None:
        nb["metadata"]["kernelspec"] = {"name": name, "display_name": name, "language": name}
        nb["metadata"]["language_info"] = {"name": name}

    return set_kernel


def _big_output(nb: dict[str, Any]) -> None:
    import base64

    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(24 * 2**20)).decode()
    cell = answer_cells(nb)[0]
    cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {"image/png": png, "text/plain": "<img>"}}]


def _nul_byte(nb: dict[str, Any]) -> None:
    cell = answer_cells(nb)[0]
    cell["source"] = _source(cell) + "\n# \x00 a NUL byte\n"


def _deep_nesting(nb: dict[str, Any]) -> bytes:
    return b'{"nbformat": 4, "cells": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"


def _metadata_lies(nb: dict[str, Any]) -> None:
    nb["metadata"]["gausslearn"] = {"exercise": "../../gausslearn/grading/authoring/hidden/ex07_separable"}


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


# -------------------------------------------------------------------------------------------------------------
# the corpus

E = Expect


def cases() -> list[Case]:
    """Every hostile case (names are unique and safe as file names)."""
    c: list[Case] = []

    def add(name: str, group: str, exercise: str, expect: Expect, make: Callable[..., Any], **kw: Any) -> None:
        c.append(Case(name, group, exercise, expect, make, **kw))

    zero, full = "zero", "full"
    # 1. ending the process
    add("exit_sys_before_defs", "01-exit", "ex01_pixels", E(zero, text="SystemExit"),
        edit_answers(before("import sys\nsys.exit()")))
    add("exit_sys_after_defs", "01-exit", "ex01_pixels", E(full, text="SystemExit"),
        edit_answers(after("import sys\nsys.exit(0)")))
    add("exit_raise_systemexit_inside", "01-exit", "ex01_pixels", E(zero, text="sys.exit"),
        edit_answers(inside("raise SystemExit(3)")))
    add("exit_builtin_exit_inside", "01-exit", "ex01_pixels", E(zero, text="SystemExit"),
        edit_answers(inside("exit()")))
    add("exit_keyboardinterrupt_inside", "01-exit", "ex01_pixels", E(zero, text="KeyboardInterrupt"),
        edit_answers(inside("raise KeyboardInterrupt")))
    add("exit_os_exit_top", "01-exit", "ex01_pixels", E(zero, ("crash",), text="exited with code 0|died"),
        edit_answers(after("import os\nos._exit(0)")))
    add("exit_os_exit_inside", "01-exit", "ex01_pixels", E(zero, ("graded", "crash", "timeout"), text="died|crash"),
        edit_answers(inside("import os\nos._exit(0)")))
    add("segfault_top", "01-exit", "ex01_pixels", E(zero, ("crash",), text="SIGSEGV|segmentation"),
        edit_answers(after(_segfault())))
    add("segfault_inside", "01-exit", "ex01_pixels", E(zero, ("graded", "crash", "timeout"),
                                                      text="SIGSEGV|segmentation"),
        edit_answers(inside(_segfault())))
    # 2. time
    add("loop_forever_inside", "02-time", "ex01_pixels", E(zero, ("timeout",), text="did not finish"),
        edit_answers(inside("while True:\n    pass")), slow=True)
    add("loop_forever_top", "02-time", "ex01_pixels", E(zero, ("timeout",), text="did not finish"),
        edit_answers(after("while True:\n    pass")), slow=True)
    # Sleeping uses no CPU time: each call sleeps just under its wall-clock backstop, so only the submission's
    # wall-clock backstop ends it.
    add("sleep_under_call_limit", "02-time", "ex01_pixels", E("partial", ("timeout",), text="time budget"),
        edit_answers(inside("import time\ntime.sleep(@T@)")), slow=True, deterministic=False, batch=False)
    add("ignore_signals_loop", "02-time", "ex01_pixels", E(zero, ("timeout",), text="did not finish"),
        edit_answers(inside("import signal, time\nfor _s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):\n"
                            "    signal.signal(_s, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.05)")), slow=True)
    add("ignore_signals_correct", "02-time", "ex01_pixels", E(full),
        edit_answers(before("import signal\nfor _s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):"
                            "\n    signal.signal(_s, signal.SIG_IGN)")))
    # 3. memory, processes, threads
    add("memory_bomb_inside", "03-resources", "ex01_pixels", E(zero, text="MemoryError"),
        edit_answers(inside("_hog = bytearray(50 * 1024**3)")))
    add("memory_bomb_top", "03-resources", "ex01_pixels", E(zero, text="MemoryError"),
        edit_answers(before("_hog = bytearray(50 * 1024**3)")))
    add("memory_grow_then_recover", "03-resources", "ex01_pixels", E(full),
        edit_answers(before("_hog = []\ntry:\n    while True:\n        _hog.append(np.ones(2**26))\n"
                            "except MemoryError:\n    pass\ndel _hog")))
    add("fork_bomb_and_spawn", "03-resources", "ex01_pixels", E(full), edit_answers(before(SPAWN_MARKED)),
        witness=("no-marked-processes",))
    add("late_child_process", "03-resources", "ex01_pixels", E(full), edit_answers(before(LATE_WRITER)),
        witness=("no-late-files", "no-marked-processes"))
    add("leftover_pool", "03-resources", "ex01_pixels", E(full),
        edit_answers(lambda src, fns: before(POOL)(inside("assert _pool.apply(sum, ([1, 2],)) == 3")(src, fns), fns)),
        witness=("pool-pids-dead",))
    add("thread_and_atexit_after_grading", "03-resources", "ex01_pixels", E(full),
        edit_answers(before(THREAD_AND_ATEXIT)), witness=("no-late-files",))
    # 4. output
    add("flood_stdout_top", "04-output", "ex01_pixels", E(full),
        edit_answers(after("print('x' * 10**9)\nimport sys\nsys.stderr.write('e' * 10**8)")))
    add("flood_every_call", "04-output", "ex01_pixels", E(full),
        edit_answers(inside("print('y' * 10**7)\nimport sys\nprint('z' * 10**6, file=sys.stderr)")))
    add("display_200mb_image", "04-output", "ex01_pixels", E(full),
        edit_answers(after("from IPython.display import Image, display\n"
                           "display(Image(data=b'\\x89PNG\\r\\n\\x1a\\n' + bytes(200 * 2**20), format='png'))")))
    add("stored_output_24mb", "04-output", "ex01_pixels", E(zero, ("invalid-notebook",), text="MB"),
        edit_nb(_big_output))
    # 5. monkeypatching with a wrong answer
    add("patch_numpy_testing_wrong_ex01", "05-patch", "ex01_pixels", E(zero), edit_answers(wrong_answer(PATCH_TESTING)))
    add("patch_pytest_builtins_wrong", "05-patch", "ex01_pixels", E(zero),
        edit_answers(wrong_answer(PATCH_PYTEST_BUILTINS)))
    add("patch_grader_modules_wrong", "05-patch", "ex01_pixels", E(zero, ("graded", "crash")), edit_answers(wrong_answer(PATCH_GRADER)))
    add("patch_json_pickle_wrong", "05-patch", "ex01_pixels", E(zero, ("graded", "crash")), edit_answers(wrong_answer(PATCH_JSON_PICKLE)))
    # 6. forged return values
    add("return_lying_subclass", "06-returns", "ex01_pixels", E(zero),
        edit_answers(replace(lambda f: LIAR_SUBCLASS)))
    add("return_lying_object", "06-returns", "ex01_pixels", E(zero, text="not plain data|_Liar|not numeric"),
        edit_answers(replace(lambda f: LIAR_OBJECT)))
    add("return_object_dtype", "06-returns", "ex01_pixels", E(zero, text="dtype object"),
        edit_answers(inside("return np.array(_real_@F@(*args, **kwargs), dtype=object)")))
    add("return_generator", "06-returns", "ex01_pixels", E(zero, text="generator"),
        edit_answers(replace(lambda f: "return (x for x in np.ravel(args[0]))")))
    add("return_huge_array", "06-returns", "ex01_pixels", E(zero, text="MB|MemoryError|large"),
        edit_answers(replace(lambda f: "return np.zeros(264 * 2**20 // 8)")))
    add("return_wrong_shape", "06-returns", "ex01_pixels", E(zero, text="shape"),
        edit_answers(inside("return _real_@F@(*args, **kwargs)[..., :-1]")))
    # NaN fails every test of the values; the tests of one other property (dtype, shape, a new array, the input
    # left alone: 4 points) do not look at values, and pass
    add("return_nans", "06-returns", "ex01_pixels", E(4, text="NaN"),
        edit_answers(inside("return _real_@F@(*args, **kwargs) * np.nan")))
    add("return_self_containing_list", "06-returns", "ex01_pixels", E(zero, text="nested|deep"),
        edit_answers(replace(lambda f: "x = []\nx.append(x)\nreturn x")))
    add("return_giant_int", "06-returns", "ex01_pixels", E(zero, text="digits|integer|not numeric|int"),
        edit_answers(replace(lambda f: "import sys\nsys.set_int_max_str_digits(0)\nreturn 10**20000")))
    add("return_modified_input", "06-returns", "ex01_pixels", E(zero, text="in place"),
        edit_answers(inside("args[0][...] = 0")))
    # 7. fake scores and files
    add("fake_score_output_wrong", "07-fake", "ex01_pixels", E(zero), edit_answers(wrong_answer(FAKE_SCORE)))
    add("fake_score_inside_calls_wrong", "07-fake", "ex01_pixels", E(zero),
        edit_answers(replace(lambda f: FAKE_SCORE + "\n" + WRONG[f])))
    add("write_grader_stdout_via_proc", "07-fake", "ex01_pixels", E(zero),
        edit_answers(wrong_answer(WRITE_GRADER_STDOUT)))
    add("forge_gradebook_wrong", "07-fake", "ex01_pixels", E(zero), edit_answers(wrong_answer(FORGE_GRADEBOOK)))
    # 8. secrets and detection
    add("leak_solution_files", "08-secrets", "ex01_pixels", E(zero),
        edit_answers(right_only_if("_leaked()", LEAK_SOLUTION)), needs_isolation=True)
    add("leak_hidden_tests", "08-secrets", "ex01_pixels", E(zero),
        edit_answers(right_only_if("_leaked()", LEAK_HIDDEN)), needs_isolation=True)
    add("leak_via_proc_root", "08-secrets", "ex01_pixels", E(zero),
        edit_answers(right_only_if("_leaked()", LEAK_PROC)), needs_isolation=True)
    add("leak_git_history", "08-secrets", "ex01_pixels", E(zero),
        edit_answers(right_only_if("_leaked()", LEAK_GIT)), needs_isolation=True)
    add("leak_other_submissions", "08-secrets", "ex01_pixels", E(zero),
        edit_answers(right_only_if("_leaked()", LEAK_SUBMISSIONS)), needs_isolation=True)
    add("detect_grading_env_cwd", "08-secrets", "ex01_pixels", E(full),
        edit_answers(right_only_if("not _detected()", DETECT)))
    add("kill_the_grader", "08-secrets", "ex01_pixels", E(full), edit_answers(before(KILL_GRADER)),
        needs_isolation=True, batch=False, solo=True)
    # 9. poisoning later submissions
    add("poison_startup_files", "09-poison", "ex01_pixels", E(full), edit_answers(before(POISON)),
        witness=("no-poison",), batch=False, solo=True, needs_isolation=True)
    # 10. malformed notebooks
    add("invalid_json", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="JSON"),
        raw(lambda nb: b'{"nbformat": 4, "cells": [,,]'))
    add("truncated_file", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="JSON"),
        raw(_truncate_half))
    add("nbformat3", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="nbformat 3"), raw(_nbformat3))
    add("duplicate_cell_ids", "10-malformed", "ex01_pixels", E(full), edit_nb(_dup_ids))
    add("answer_cells_deleted", "10-malformed", "ex01_pixels", E(zero, ("no-answers",), text="answer"),
        edit_nb(_drop_answers))
    add("answer_cells_markdown", "10-malformed", "ex01_pixels", E(zero, ("no-answers",), text="markdown"),
        edit_nb(_answers_to_markdown))
    add("answer_tags_removed", "10-malformed", "ex01_pixels", E(full, text="not tagged"), edit_nb(_untag_answers))
    add("kernelspec_bash", "10-malformed", "ex01_pixels", E(full), edit_nb(_kernel("bash")))
    add("kernelspec_missing", "10-malformed", "ex01_pixels", E(full), edit_nb(_kernel("no-such-kernel-xyz")))
    add("png_bytes", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="not text|JSON"),
        raw(lambda nb: PNG))
    add("empty_file", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="JSON"), raw(lambda nb: b""))
    add("json_list", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",), text="not a Jupyter notebook"),
        raw(lambda nb: b"[1, 2, 3]"))
    add("utf16_encoded", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",)),
        raw(lambda nb: nb_bytes(nb).decode("utf-8").encode("utf-16")))
    add("deeply_nested_json", "10-malformed", "ex01_pixels", E(zero, ("invalid-notebook",)), raw(_deep_nesting))
    add("nul_byte_in_answer", "10-malformed", "ex01_pixels", E(6, text="NUL|null"), edit_nb(_nul_byte))
    add("syntax_error_answer", "10-malformed", "ex01_pixels", E(zero, text="syntax error"),
        edit_answers(after("def broken(:\n    pass")))
    add("metadata_path_traversal", "10-malformed", "ex01_pixels", E(full, text="file name"), edit_nb(_metadata_lies))
    # 12. forbidden functions
    forbidden = E(zero, text=r"scipy\.ndimage\.gaussian_filter")
    add("forbidden_direct", "12-forbidden", "ex07_separable", forbidden, edit_answers(replace(
        _correct_ex05_with("import scipy.ndimage\nfn = scipy.ndimage.gaussian_filter"))))
    add("forbidden_alias", "12-forbidden", "ex07_separable", forbidden, edit_answers(replace(
        _correct_ex05_with("fn = _blur"), top="from scipy.ndimage import gaussian_filter as _blur")))
    add("forbidden_getattr", "12-forbidden", "ex07_separable", forbidden, edit_answers(replace(
        _correct_ex05_with("import scipy.ndimage\nfn = getattr(scipy.ndimage, 'gauss' + 'ian_filter')"))))
    add("forbidden_importlib", "12-forbidden", "ex07_separable", forbidden, edit_answers(replace(
        _correct_ex05_with("import importlib\nfn = importlib.import_module('scipy.ndi' + 'mage').gaussian_filter"))))
    add("forbidden_private_module", "12-forbidden", "ex07_separable", forbidden, edit_answers(replace(
        _correct_ex05_with("import importlib\nfn = importlib.import_module('scipy.ndimage._filters').gaussian_filter"))))
    add("forbidden_wrapped_attribute", "12-forbidden", "ex07_separable", E(zero), edit_answers(replace(
        _correct_ex05_with("import scipy.ndimage\nfn = scipy.ndimage.gaussian_filter\n"
                           "while hasattr(fn, '__wrapped__'):\n    fn = fn.__wrapped__"))))
    add("forbidden_compiled_routine", "12-forbidden", "ex07_separable", E(zero, text=r"_nd_image\.correlate1d"),
        edit_answers(replace(_correct_ex05_with(
            "from scipy.ndimage import _nd_image, _ni_support\n"
            "def fn(x, s, mode, truncate):\n"
            "    s = [s] * x.ndim if np.ndim(s) == 0 else list(s)\n"
            "    for axis, si in enumerate(s):\n"
            "        if si <= 1e-15:\n"
            "            continue\n"
            "        r = int(truncate * si + 0.5)\n"
            "        w = np.exp(-0.5 * (np.arange(-r, r + 1) / si) ** 2)\n"
            "        res = np.zeros_like(x)\n"
            "        _nd_image.correlate1d(x, w / w.sum(), axis, res, _ni_support._extend_mode_to_code(mode), 0.0, 0)\n"
            "        x = res\n"
            "    return x"))))
    # the helper package is the answer key: its answers, however reached, earn nothing
    add("forbidden_helper_import_ex01", "12-forbidden", "ex01_pixels", E(zero, text=r"gausslearn\.dtypes\.to_float"),
        edit_answers(_answered_by(lambda f: f"from gausslearn.dtypes import {f}")))
    add("forbidden_helper_wrapped_ex01", "12-forbidden", "ex01_pixels", E(zero, text=r"gausslearn\.dtypes\.to_uint8"),
        edit_answers(_answered_by(lambda f: f"""
            import gausslearn.dtypes

            def {f}(image):
                fn = gausslearn.dtypes.{f}
                while hasattr(fn, "__wrapped__"):
                    fn = fn.__wrapped__
                return fn(image)""")))
    add("forbidden_helper_import_ex02", "12-forbidden", "ex02_noise", E(zero, text=r"gausslearn\.metrics\.psnr"),
        edit_answers(_answered_by(lambda f: f"from gausslearn.metrics import {f}")))
    add("forbidden_helper_skimage_ex02", "12-forbidden", "ex02_noise",
        E(zero, text=r"skimage\.metrics\.peak_signal_noise_ratio"), edit_answers(_answered_by(lambda f: {
            "mse": "from skimage.metrics import mean_squared_error as mse",
            "psnr": """
                import numpy as np
                import skimage.metrics

                def psnr(reference, test, data_range=None):
                    reference = np.asarray(reference)
                    if data_range is None:
                        data_range = np.iinfo(reference.dtype).max if reference.dtype.kind in "ui" else 1.0
                    return float(skimage.metrics.peak_signal_noise_ratio(reference, test, data_range=data_range))"""}[f])))
    add("forbidden_helper_private_ex02", "12-forbidden", "ex02_noise", E(zero, text=r"gausslearn\.metrics\._mse64"),
        edit_answers(_answered_by(lambda f: {
            "mse": """
                import numpy as np
                from gausslearn import metrics

                def mse(a, b):
                    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
                    if a.shape != b.shape:
                        raise ValueError(f"shapes {a.shape} and {b.shape} differ")
                    return metrics._mse64(a, b)""",
            "psnr": """
                import numpy as np

                def psnr(reference, test, data_range=None):
                    reference = np.asarray(reference)
                    if data_range is None:
                        data_range = np.iinfo(reference.dtype).max if reference.dtype.kind in "ui" else 1.0
                    error = mse(reference, test)
                    return float("inf") if error == 0 else float(10 * np.log10(data_range ** 2 / error))"""}[f])))
    add("forbidden_helper_wrapper_ex03", "12-forbidden", "ex03_kernel",
        E(zero, text=r"gausslearn\.kernels\.gaussian_kernel1d"), edit_answers(_answered_by(lambda f: f"""
            from gausslearn import kernels

            def {f}(sigma, truncate=4.0):
                return kernels.{f}(sigma, truncate)""")))
    add("forbidden_helper_importlib_ex06", "12-forbidden", "ex06_borders", E(zero, text=r"gausslearn\.borders\.pad"),
        edit_answers(_answered_by(lambda f: """
            import importlib

            def pad(image, radius, mode, cval=0.0):
                return importlib.import_module("gausslearn." + "borders").pad(image, radius, mode, cval)""")))
    add("forbidden_helper_sure_ex05", "12-forbidden", "ex05_sigma", E(zero, text=r"gausslearn\.metrics\.sure_sigma"),
        edit_answers(_answered_by(lambda f: """
            import numpy as np
            from scipy import ndimage as ndi
            from gausslearn.metrics import sure_sigma as choose

            def denoise(noisy, noise_std):
                sigma, _ = choose(noisy, noise_std, np.arange(0.0, 6.05, 0.5))
                return ndi.gaussian_filter(np.asarray(noisy, dtype=np.float64), sigma)""")))
    # 13. network and shell
    add("network_urlopen_top", "13-network", "ex01_pixels", E(full, text="URLError|OSError|Error"),
        edit_answers(after("import urllib.request\nurllib.request.urlopen('https://pypi.org/simple/', timeout=3)")),
        needs_isolation=True)
    add("pip_install_shell", "13-network", "ex01_pixels", E(full, text="!pip"),
        edit_answers(after("!pip install --quiet requests\n%pip install requests")))
    return c


CORRECT = ("ex01_pixels", "ex07_separable")


def write_case(case: Case, folder: Path, subst: dict[str, str], stem: str | None = None) -> Path:
    """Write one case into ``folder`` as ``<stem>.ipynb`` (placeholders replaced); return its path."""
    nb = load_solution(case.exercise)
    made = case.make(copy.deepcopy(nb))
    data = made if isinstance(made, bytes) else nb_bytes(made)
    text = data.decode("utf-8", "surrogateescape")
    for key, value in subst.items():
        text = text.replace(key, json.dumps(value)[1:-1])
    path = folder / f"{stem or case.stem}.ipynb"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


def write_correct(exercise: str, folder: Path, stem: str) -> Path:
    """An unchanged copy of a model solution (outputs kept)."""
    path = folder / f"{stem}.ipynb"
    path.write_bytes((SOLUTIONS / f"{exercise}.ipynb").read_bytes())
    return path


def witness_dir(base: Path, case: Case) -> Path:
    """The world-writable folder where ``case`` may leave traces (created if needed)."""
    path = base / "witness" / case.name
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(base / "witness", 0o755)
    os.chmod(path, 0o1777)
    return path


def marker(base: Path, case: Case) -> str:
    """The command-line marker of processes started by ``case`` in the run rooted at ``base``."""
    return f"gl-hostile-{base.name}-{case.name}"


def write_corpus(base: Path, folder: Path, per_call: float = 2.0,
                 selected: list[Case] | None = None) -> dict[str, Path]:
    """Write every case (or ``selected``) into ``folder``; return the paths by case name.

    ``base`` is the run's base folder (witness folders go to ``base/witness/<case>``); it must be readable
    by every user, because the grader may run the learner's code as an unprivileged user.
    """
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o755)
    out = {}
    for case in selected or cases():
        subst = {"@W@": str(witness_dir(base, case)), "@B@": str(base), "@R@": str(ROOT), "@S@": str(folder),
                 "@H@": str(hidden_tests_folder(ROOT)),
                 "@M@": marker(base, case), "@T@": f"{wall_backstop(per_call) * 0.9:.3f}"}
        out[case.name] = write_case(case, folder, subst)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: hostile_corpus.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = write_corpus(out, out / "single")
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
