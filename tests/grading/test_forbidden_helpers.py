"""Forbidden helpers: declared once per exercise, listed in its notebook, watched by the public checks and the
hidden tests; only what the learner called is recorded, however it was reached.

The routes through the real grader (a separate, limited learner process) are in
``test_forbidden_routes_score_zero_for_the_affected_tests``; the rest tests the pieces in this process.
"""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from gradinghelp import ROOT, by_name, grade, submission

from gausslearn import notebooks
from gausslearn.checks import check_results, run_checks
from gausslearn.grading.api import (
    FORBIDDEN_REGISTRY,
    StudentError,
    collect_tests,
    declared_for,
    explain_forbidden,
    forbidden_helpers,
    private_helpers,
)
from gausslearn.grading.authoring.exercises import (
    FORBIDDEN_TAG,
    SourceError,
    build_pair,
    forbidden_declaration,
    forbidden_markdown,
    registry_text,
    sources,
)
from gausslearn.grading.student.local import LocalStudent
from gausslearn.grading.student.tripwires import Tripwires

IDS = [p.stem for p in sources(ROOT / "exercises_src")]


# ------------------------------------------------------------------------------------------------------------
# one declaration, read by the notebook, the public checks and the hidden tests


def test_the_registry_is_the_sources_declarations() -> None:
    assert FORBIDDEN_REGISTRY.read_text(encoding="utf-8") == registry_text(ROOT / "exercises_src")
    registry = json.loads(FORBIDDEN_REGISTRY.read_text(encoding="utf-8"))
    assert sorted(registry) == sorted(IDS)


@pytest.mark.parametrize("ex", IDS)
def test_every_exercise_declares_its_answers_once_and_everyone_reads_that(ex: str) -> None:
    declared = forbidden_helpers(ex)
    assert declared, f"{ex} declares no forbidden helper"
    assert all(reason and "\n" not in reason for reason in declared.values())
    hidden = importlib.import_module(f"gausslearn.grading.authoring.hidden.{ex}")
    assert not hasattr(hidden, "FORBIDDEN"), "the judge passes the declaration to the hidden tests; they do not repeat it"
    checks = importlib.import_module(f"gausslearn.checks.{ex}")
    assert not hasattr(checks, "FORBIDDEN"), "the public checks read the declaration, they do not repeat it"
    nb = json.loads((ROOT / "exercises" / f"{ex}.ipynb").read_text(encoding="utf-8"))
    [cell] = [c for c in nb["cells"] if FORBIDDEN_TAG in c["metadata"].get("tags", [])]
    text = "".join(cell["source"])
    assert text == forbidden_markdown(declared)
    assert all(f"`{name}`" in text and declared[name] in text for name in declared)
    for name in declared:
        module, _, attr = name.rpartition(".")
        assert callable(getattr(importlib.import_module(module), attr)), name


def test_the_issues_answer_keys_are_declared() -> None:
    must = {"ex01_pixels": ["gausslearn.dtypes.to_float", "gausslearn.dtypes.to_uint8"],
            "ex02_noise": ["gausslearn.metrics.mse", "gausslearn.metrics.psnr", "skimage.metrics.mean_squared_error",
                           "skimage.metrics.peak_signal_noise_ratio"],
            "ex03_kernel": ["gausslearn.kernels.gaussian_kernel1d", "gausslearn.kernels.gaussian_kernel2d"],
            "ex05_sigma": ["gausslearn.metrics.sure_sigma", "gausslearn.metrics.best_sigma"],
            "ex06_borders": ["gausslearn.borders.pad"],
            "ex07_separable": ["scipy.ndimage.gaussian_filter", "gausslearn.filters.gaussian_filter"]}
    for ex, names in must.items():
        assert set(names) <= set(forbidden_helpers(ex)), ex


def test_a_declaration_must_be_well_formed(tmp_path: Path) -> None:
    def meta(forbidden: object) -> dict:
        return {"metadata": {"gausslearn": {"exercise": "ex09_demo", "forbidden": forbidden}}}

    for bad, words in ((["math.hypot"], "needs `functions`"),
                       ([{"functions": ["hypot"], "reason": "r"}], "not a dotted name"),
                       ([{"functions": ["math.hypot"], "reason": "two\nlines"}], "one line"),
                       ([{"functions": ["math.hypot"], "reason": "r"}, {"functions": ["math.hypot"], "reason": "s"}],
                        "twice")):
        with pytest.raises(SourceError, match=words):
            forbidden_declaration(meta(bad))
    header = ("# ---\n# jupyter:\n#   gausslearn:\n#     exercise: ex09_demo\n#     forbidden:\n"
              "#     - functions: [math.no_such_function]\n#       reason: r\n# ---\n\n")
    answer = '# %% tags=["answer"]\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n'
    src = tmp_path / "ex09_demo.py"
    src.write_text(header + answer)
    with pytest.raises(SourceError, match="does not exist here"):
        build_pair(src)
    src.write_text(header.replace("no_such_function", "hypot") + answer)
    with pytest.raises(SourceError, match="markdown cell tagged 'forbidden'"):
        build_pair(src)
    src.write_text(header.replace("no_such_function", "hypot") + '# %% [markdown] tags=["forbidden"]\n# x\n\n' + answer)
    exercise, solution = build_pair(src)
    for nb in (exercise, solution):
        assert nb.cells[0].source == forbidden_markdown({"math.hypot": "r"})
        assert nb.metadata["gausslearn"] == {"exercise": "ex09_demo"}
    assert notebooks.read_source(src).metadata["gausslearn"]["forbidden"]  # the source keeps it, once


def test_public_checks_warn_at_once_naming_the_helper(capsys: pytest.CaptureFixture[str]) -> None:
    from gausslearn import dtypes

    results = check_results("ex01_pixels", {"to_float": lambda image: dtypes.to_float(image)})
    assert results and all(r.kind == "forbidden" for r in results)
    assert all("gausslearn.dtypes.to_float" in r.feedback and "Task 1" in r.feedback for r in results)
    run_checks("ex01_pixels", to_float=lambda image: dtypes.to_float(image))
    out = capsys.readouterr().out
    assert out.startswith("⚠ NOT ALLOWED: <lambda> called gausslearn.dtypes.to_float") or \
        out.startswith("⚠ NOT ALLOWED: to_float called gausslearn.dtypes.to_float"), out
    assert not hasattr(dtypes.to_float, "__gausslearn_tripwire__")  # the checks put everything back


# ------------------------------------------------------------------------------------------------------------
# tripwires: what is recorded


def test_only_what_the_learner_called_is_recorded() -> None:
    from gausslearn import metrics

    a, b = np.zeros((8, 8)), np.full((8, 8), 0.1)
    wires = Tripwires(["gausslearn.metrics.mse", "gausslearn.metrics.psnr"])
    wires.install()
    try:
        metrics.psnr(a + 0.5, b)                 # psnr calls _mse64 inside: one record
        assert wires.calls == ["gausslearn.metrics.psnr"]
        metrics.ssim(a, b, data_range=1.0)       # an allowed function of the same module: nothing
        assert wires.calls == ["gausslearn.metrics.psnr"]
        metrics._mse64(a, b)                     # the learner reaching for the private helper: recorded
        assert wires.calls == ["gausslearn.metrics.psnr", "gausslearn.metrics._mse64"]
        assert not hasattr(metrics.mse, "__wrapped__")
    finally:
        wires.uninstall()
    assert not hasattr(metrics._mse64, "__gausslearn_tripwire__")


def test_a_module_imported_later_is_armed_by_the_import_hook() -> None:
    name = "gl_forbidden_demo_module"
    module_dir = Path(__file__).parent / "_tmp_import_hook"
    module_dir.mkdir(exist_ok=True)
    (module_dir / f"{name}.py").write_text("def answer(x):\n    return _work(x)\n\ndef _work(x):\n    return 2 * x\n")
    sys.path.insert(0, str(module_dir))
    wires = Tripwires([f"{name}.answer"])
    try:
        wires.install()
        assert name not in sys.modules
        module = importlib.import_module(name)
        assert module.__spec__.loader.__class__.__name__ == "SourceFileLoader"  # the hook leaves no trace
        assert module.answer(2) == 4 and module._work(1) == 2
        assert wires.calls == [f"{name}.answer", f"{name}._work"]
    finally:
        wires.uninstall()
        sys.path.remove(str(module_dir))
        sys.modules.pop(name, None)
        for p in module_dir.rglob("*"):
            if p.is_file():
                p.unlink()
        for p in sorted(module_dir.rglob("*"), reverse=True):
            p.rmdir()
        module_dir.rmdir()
    assert not any(type(f).__name__ == "_ArmOnImport" for f in sys.meta_path)


LAZY = """
import json, sys
import numpy as np
import skimage.metrics
from gausslearn.grading.student.tripwires import Tripwires
wires = Tripwires(["skimage.metrics.mean_squared_error"])
wires.install()
early = "skimage.metrics.simple_metrics" in sys.modules
import skimage.metrics as m
m.mean_squared_error(np.zeros(3), np.ones(3))
wires.uninstall()
left = [n for n, mod in list(sys.modules.items())
        if any(hasattr(v, "__gausslearn_tripwire__") for v in list(getattr(mod, "__dict__", {}).values()))]
print(json.dumps({"early": early, "calls": wires.calls, "left": left}))
"""


def test_a_function_of_a_lazy_package_is_armed_when_it_loads_and_nothing_is_left_behind() -> None:
    """Asking skimage.metrics for a function imports its submodules (scipy.stats: a second); the tripwire waits for
    the learner's code to load it instead, and uninstalling leaves no wrapper anywhere (the lazy package caches
    the functions it loaded)."""
    import subprocess

    proc = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, timeout=300, check=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out == {"early": False, "calls": ["skimage.metrics.mean_squared_error"], "left": []}


def test_the_host_names_the_declared_function_behind_a_recorded_one() -> None:
    declared = forbidden_helpers("ex02_noise")
    assert declared_for("gausslearn.metrics._mse64", list(declared)) == ["gausslearn.metrics.mse",
                                                                         "gausslearn.metrics.psnr"]
    assert declared_for("gausslearn.metrics._data_range", list(declared)) == ["gausslearn.metrics.psnr"]
    assert declared_for("skimage.metrics.peak_signal_noise_ratio", list(declared)) == \
        ["skimage.metrics.peak_signal_noise_ratio"]
    text = explain_forbidden("psnr", ["gausslearn.metrics._data_range"], declared)
    assert text.startswith("psnr called gausslearn.metrics._data_range (a private helper behind gausslearn.metrics.psnr)")
    assert declared["gausslearn.metrics.psnr"] in text
    assert ("gausslearn.metrics._default_data_range", ) in {(n,) for n, _ in private_helpers(
        importlib.import_module("gausslearn.metrics").psnr)}


# ------------------------------------------------------------------------------------------------------------
# run_tests: a test whose call reached a forbidden function earns nothing, whatever it made of the call


def _module(**tests: object) -> types.ModuleType:
    module = types.ModuleType("fake_hidden")
    for name, test in tests.items():
        setattr(module, name, test)
    return module


def test_a_test_that_swallows_the_forbidden_error_still_earns_nothing() -> None:
    from gausslearn.grading.api import points
    from gausslearn.grading.results import run_tests

    @points(1)
    def test_raises(student):
        """Raises a ValueError for bad shapes."""
        try:
            student.call("mse", np.zeros(2), np.zeros(3))
        except StudentError as exc:
            assert exc.kind in ("exception", "forbidden")

    from gausslearn import metrics

    student = LocalStudent({"mse": lambda a, b: metrics.mse(a, b)}, ["gausslearn.metrics.mse"])
    [result] = run_tests(_module(test_raises=test_raises), student, 0,
                         forbidden={"gausslearn.metrics.mse": "it is Task 1"})
    assert (result.status, result.kind) == ("failed", "forbidden")
    assert result.feedback.startswith("mse called gausslearn.metrics.mse, which this exercise does not allow "
                                      "(it is Task 1)")


def _forwarding_student(remote: bool) -> object:
    """A learner whose ``mse`` forwards to the forbidden gausslearn.metrics.mse, in this process or the grader's."""
    from gausslearn import metrics

    forbidden = ("gausslearn.metrics.mse",)
    if not remote:
        return LocalStudent({"mse": lambda a, b: metrics.mse(a, b)}, forbidden)
    from gausslearn.grading.host.remote import RemoteStudent

    return RemoteStudent(["from gausslearn import metrics\n\ndef mse(a, b):\n    return metrics.mse(a, b)\n"],
                         forbidden)


@pytest.mark.parametrize("remote", [False, True], ids=["local", "remote"])
def test_a_forbidden_call_that_then_raised_is_forbidden_every_time(remote: bool) -> None:
    """The forbidden function raising the error a test expects earns nothing, the second time as much as the first."""
    student = _forwarding_student(remote)
    try:
        for _ in range(2):
            with pytest.raises(StudentError) as caught:
                student.call("mse", np.zeros(2), np.zeros(3))   # metrics.mse raises ValueError for the shapes
            assert caught.value.kind == "forbidden", caught.value
            assert caught.value.message.startswith("mse called gausslearn.metrics.mse, which this exercise asks you "
                                                   "to write yourself")
        with pytest.raises(StudentError) as caught:
            student.call("mse", np.zeros(2), np.ones(2))       # and when it returned
        assert caught.value.kind == "forbidden"
        assert student.forbidden_calls() == ["gausslearn.metrics.mse"]
    finally:
        getattr(student, "close", lambda: None)()


# ------------------------------------------------------------------------------------------------------------
# through the real grader: every route scores zero for the tests that call the routed function

ROUTES = [
    # (exercise, function, answer cell, the helper the feedback must name); the tests affected are those that call
    # the function, or a function of the solution that calls it (AFFECTS)
    ("ex01_pixels", "to_float", "from gausslearn.dtypes import to_float\n", "gausslearn.dtypes.to_float"),
    ("ex01_pixels", "to_uint8", "import gausslearn.dtypes as d\n\ndef to_uint8(image):\n    return d.to_uint8(image)\n",
     "gausslearn.dtypes.to_uint8"),
    ("ex01_pixels", "to_float",
     "from gausslearn import dtypes\n\ndef to_float(image):\n"
     "    f = getattr(dtypes.to_float, '__wrapped__', dtypes.to_float)\n    return f(image)\n",
     "gausslearn.dtypes.to_float"),
    ("ex02_noise", "mse", "import importlib\n\ndef mse(a, b):\n"
     "    return importlib.import_module('gausslearn.' + 'metrics').mse(a, b)\n", "gausslearn.metrics.mse"),
    ("ex02_noise", "psnr", "from skimage.metrics import peak_signal_noise_ratio as _p\nimport numpy as np\n\n"
     "def psnr(reference, test, data_range=None):\n    reference = np.asarray(reference)\n"
     "    if data_range is None:\n"
     "        data_range = np.iinfo(reference.dtype).max if reference.dtype.kind in 'ui' else 1.0\n"
     "    return float(_p(reference, test, data_range=data_range))\n", "skimage.metrics.peak_signal_noise_ratio"),
    ("ex02_noise", "mse", "import numpy as np\nfrom gausslearn import metrics\n\ndef mse(a, b):\n"
     "    a, b = np.asarray(a, float), np.asarray(b, float)\n"
     "    if a.shape != b.shape:\n        raise ValueError('shapes')\n    return metrics._mse64(a, b)\n",
     "gausslearn.metrics._mse64"),
    ("ex03_kernel", "gaussian_kernel1d", "from gausslearn import kernels\n\n"
     "def gaussian_kernel1d(sigma, truncate=4.0):\n    return kernels.gaussian_kernel1d(sigma, truncate)\n",
     "gausslearn.kernels.gaussian_kernel1d"),
    ("ex03_kernel", "gaussian_kernel1d", "import numpy as np\nfrom scipy import ndimage\n\n"
     "def gaussian_kernel1d(sigma, truncate=4.0):\n    r = int(truncate * sigma + 0.5)\n"
     "    x = np.zeros(2 * r + 1)\n    x[r] = 1.0\n"
     "    return ndimage.gaussian_filter1d(x, sigma, truncate=truncate, mode='constant')\n",
     "scipy.ndimage.gaussian_filter1d"),
    ("ex05_sigma", "denoise", "import numpy as np\nfrom scipy import ndimage as ndi\nfrom gausslearn.metrics import sure_sigma\n\n"
     "def denoise(noisy, noise_std):\n    s, _ = sure_sigma(noisy, noise_std, np.arange(0, 6.05, 0.1))\n"
     "    return ndi.gaussian_filter(np.asarray(noisy, float), s)\n", "gausslearn.metrics.sure_sigma"),
    ("ex06_borders", "pad", "import importlib\n\ndef pad(image, radius, mode, cval=0.0):\n"
     "    return importlib.import_module('gausslearn.borders').pad(image, radius, mode, cval)\n",
     "gausslearn.borders.pad"),
]


#: In the solutions, psnr calls mse and gaussian_kernel2d calls gaussian_kernel1d.
AFFECTS = {"mse": ("mse", "psnr"), "gaussian_kernel1d": ("gaussian_kernel1d", "gaussian_kernel2d")}


@pytest.mark.slow
@pytest.mark.parametrize(("ex", "function", "code", "helper"), ROUTES,
                         ids=[f"{r[0]}-{r[1]}-{r[3].rpartition('.')[2]}-{k}" for k, r in enumerate(ROUTES)])
def test_forbidden_routes_score_zero_for_the_affected_tests(tmp_path: Path, ex: str, function: str, code: str,
                                                            helper: str) -> None:
    report = grade(submission(tmp_path, ex, {function: code}), seed=0)
    assert report["status"] == "graded", report["notes"]
    tests = by_name(report)
    module = importlib.import_module(f"gausslearn.grading.authoring.hidden.{ex}")
    affected = [t.__name__ for t in collect_tests(module) if any(_calls(t, f) for f in AFFECTS.get(function, (function,)))]
    assert affected
    for name in affected:
        t = tests[name]
        assert (t["points"], t["kind"]) == (0, "forbidden"), (name, t)
        assert helper in t["feedback"] and "does not allow" in t["feedback"], t["feedback"]
        assert forbidden_helpers(ex)[helper if helper in forbidden_helpers(ex) else
                                     declared_for(helper, list(forbidden_helpers(ex)))[0]] in t["feedback"]
    others = [t for name, t in tests.items() if name not in affected]
    assert all(t["passed"] for t in others), [t for t in others if not t["passed"]]


def _calls(test: object, function: str) -> bool:
    """True when the hidden test calls the learner's ``function`` (read from its source)."""
    import inspect

    source = inspect.getsource(test)
    module = sys.modules[test.__module__]
    helpers = [inspect.getsource(v) for k, v in vars(module).items()
               if callable(v) and not hasattr(v, "max_points") and getattr(v, "__module__", "") == module.__name__
               and k in source]
    return any(f'"{function}"' in text for text in [source, *helpers])
