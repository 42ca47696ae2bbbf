"""Benchmarks for gausslearn: every figure is a ratio measured in this one run (the machines are noisy).

Usage::

    python benchmarks/run.py            # the full run (several minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, one repeat: checks that the benchmark still works
    python benchmarks/run.py --only filters,widgets --json out.json

Sections
--------
filters    reference implementations against ``scipy.ndimage.gaussian_filter`` (and scikit-image, and OpenCV if
           installed), as time ratios and as multiples of a plain array copy of the same size (the memory-bandwidth
           floor); peak extra memory as a multiple of the image size.
widgets    latency of the sigma-slider callback (the computation behind one slider move, without the browser).
grading    each exercise's solution end to end (median) and where its time goes (learner start and answer cells,
           calls, learner CPU, the grader's own work such as oracles, input sizes); start-up costs; a class of 300
           students x every exercise (solutions, untouched exercises, wrong answers) with -j 2 (`--class-size N`
           grades N students and scales the time to 300).
notebooks  seconds and peak memory per course notebook (30 s each, 60 s for 11; 2 GiB), and for the whole course.
chunks     chunked filtering (gausslearn.chunks.filter_chunked, dask) on 1 and 2 worker threads against
           ``scipy.ndimage.gaussian_filter`` on the same in-memory image, as time ratios; and peak memory against
           the image size: SciPy on the whole image versus chunk by chunk from a Zarr store to a Zarr store.

The targets are stated beside the measured values; a missed target is printed as MISSED, never hidden.
No test asserts a time: the test suite only runs ``--quick`` to make sure this script keeps working.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("filters", "widgets", "grading", "notebooks", "chunks")


# ----------------------------------------------------------------------------------------------- measuring
def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Smallest wall time of ``repeat`` calls (the least disturbed by other processes)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated through Python/NumPy while ``fn`` runs (NumPy reports to tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def machine_cpu_seconds() -> float | None:
    """CPU seconds every core of this machine has spent busy since boot (Linux ``/proc/stat``; None elsewhere).

    The difference over a run, divided by its wall time, is how many cores the run kept busy, counting every
    process (the learner's, which the grader's own rusage misses, and anything else running: measure idle).
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def target(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n## {title}\n")
    for k, row in enumerate(cells):
        print("  ".join(c.rjust(w) if k and i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    sys.stdout.flush()


# ----------------------------------------------------------------------------------------------- filters
def filter_methods(image: np.ndarray, sigma: float, radius: int, skf, cv2) -> dict[str, Callable[[], object]]:
    """The Gaussian filters compared, each as a call without arguments on ``image``."""
    from scipy import ndimage

    from gausslearn import filters

    methods: dict[str, Callable[[], object]] = {
        "scipy": partial(ndimage.gaussian_filter, image, sigma),
        "separable": partial(filters.gaussian_filter, image, sigma),
        "fft": partial(filters.gaussian_filter_fft, image, sigma),
        "box x3": partial(filters.gaussian_filter_box, image, sigma, passes=3),
    }
    if skf is not None:
        methods["skimage"] = partial(skf.gaussian, image, sigma=sigma, mode="reflect", preserve_range=True,
                                     truncate=4.0)
    if cv2 is not None:
        methods["opencv"] = partial(cv2.GaussianBlur, image, (2 * radius + 1, 2 * radius + 1), sigma,
                                    borderType=cv2.BORDER_REFLECT)
    return methods


def bench_filters(quick: bool) -> dict:
    from gausslearn import filters

    try:
        import skimage.filters as skf
    except ImportError:  # pragma: no cover - scikit-image is a dependency
        skf = None
    try:
        import cv2  # optional extra
    except ImportError:
        cv2 = None

    sizes = [128] if quick else [512, 2048]
    sigmas = [1.0, 3.0] if quick else [1.0, 3.0, 10.0, 30.0]
    dtypes = ["float32", "float64", "uint8"]
    repeat = 1 if quick else 3
    direct_budget = 0.5 if quick else 5.0     # seconds: longer direct runs are extrapolated, not measured
    rng = np.random.default_rng(0)
    results = []
    rows = []
    for n in sizes:
        for dt in dtypes:
            if dt == "uint8":
                image = rng.integers(0, 256, size=(n, n), dtype=np.uint8)
            else:
                image = rng.random((n, n)).astype(dt)
            copy_t = best_time(lambda image=image: image.copy(), max(repeat, 3))
            for sigma in sigmas:
                radius = int(4.0 * sigma + 0.5)
                methods = filter_methods(image, sigma, radius, skf, cv2)
                times = {name: best_time(fn, repeat) for name, fn in methods.items()}
                mem = {name: peak_memory(methods[name]) / image.nbytes for name in ("scipy", "separable")}
                # The direct 2-D correlation costs (2r+1)^2 taps per pixel: time a crop, extrapolate per tap-pixel.
                taps = (2 * radius + 1) ** 2
                crop = image[: min(n, 256), : min(n, 256)]
                est_full = None
                t_crop = best_time(partial(filters.gaussian_filter_direct, crop, sigma), 1) \
                    if taps * crop.size * 9e-9 < direct_budget else None
                if t_crop is not None:
                    est_full = t_crop * image.size / crop.size
                else:
                    small = image[:32, :32]
                    t_small = best_time(partial(filters.gaussian_filter_direct, small, sigma), 1)
                    est_full = t_small * image.size / small.size
                direct_measured = t_crop is not None and crop.size == image.size
                times["direct 2-D"] = est_full
                entry = {"size": n, "dtype": dt, "sigma": sigma, "radius": radius, "copy_s": copy_t,
                         "seconds": times, "ratio_to_scipy": {k: v / times["scipy"] for k, v in times.items()},
                         "multiple_of_copy": {k: v / copy_t for k, v in times.items()},
                         "peak_memory_over_image": mem,
                         "direct_measured": direct_measured}
                results.append(entry)
                r = entry["ratio_to_scipy"]
                rows.append([f"{n}²", dt, sigma, f"{times['scipy'] * 1e3:.1f}",
                             *(f"{r[k]:.2f}" for k in methods if k != "scipy"),
                             f"{r['direct 2-D']:.1f}" + ("" if direct_measured else " (extrap.)"),
                             f"{entry['multiple_of_copy']['separable']:.0f}",
                             f"{mem['separable']:.1f}"])
    header = ["size", "dtype", "sigma", "scipy ms", *(k + " ×" for k in methods if k != "scipy"),
              "direct 2-D ×", "sep./copy", "sep. mem/img"]
    print_table("Reference filters: time as a multiple of scipy.ndimage.gaussian_filter (same run)", header, rows)

    # Targets: the separable reference no slower than SciPy on float32, within 2x on float64, sigma 1..30.
    big = max(sizes)
    f32 = [e["ratio_to_scipy"]["separable"] for e in results if e["size"] == big and e["dtype"] == "float32"]
    f64 = [e["ratio_to_scipy"]["separable"] for e in results if e["size"] == big and e["dtype"] == "float64"]
    targets = {
        f"separable float32 <= 1.0x scipy at {big}² (worst {max(f32):.2f}x)": max(f32) <= 1.0,
        f"separable float64 <= 2.0x scipy at {big}² (worst {max(f64):.2f}x)": max(f64) <= 2.0,
    }
    for text, ok in targets.items():
        verdict = "not judged (--quick measures 128² only; the targets are for 2048²)" if quick else target(ok)
        print(f"target: {text}: {verdict}")
    return {"cases": results, "targets": {} if quick else targets}


# ----------------------------------------------------------------------------------------------- widgets
def bench_widgets(quick: bool) -> dict:
    from gausslearn import widgets
    from gausslearn.images import sample
    from gausslearn.plotting import plot_sigma_view

    image = sample("camera")
    if quick:
        image = image[:128, :128]
    else:
        image = image[:512, :512]
    sigmas = [0.5, 1.0, 2.0, 4.0, 8.0] * (1 if quick else 4)
    times = []
    for s in sigmas:
        t0 = time.perf_counter()
        widgets.sigma_view(image, s)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    render = []
    for s in sigmas[:5]:
        t0 = time.perf_counter()
        widgets.figure_png(plot_sigma_view(widgets.sigma_view(image, s)))
        render.append(time.perf_counter() - t0)
    ok = med < 0.1
    rows = [[f"{image.shape[0]}²", f"{med * 1e3:.1f}", f"{statistics.median(render) * 1e3:.1f}", target(ok)]]
    print_table("Sigma-slider callback latency (median, without the browser)",
                ["image", "callback ms", "callback+figure ms", "target < 100 ms"], rows)
    return {"callback_median_s": med, "with_figure_median_s": statistics.median(render), "target_met": ok}


# ----------------------------------------------------------------------------------------------- grading
def _gausslearn(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    exe = shutil.which("gausslearn", path=str(Path(sys.executable).parent)) or "gausslearn"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def _grading_phases(path: Path) -> dict:
    """Grade one notebook in this process and split its time: learner start and answer cells, calls, the rest.

    The rest is the grader's own work between calls: the hidden tests' inputs and oracles, comparisons, decoding.
    Learner CPU seconds are measured by the runner (control group or /proc), not by the wall clock.
    """
    from gausslearn.grading.host import judge, remote

    stats = {"start_and_load_s": 0.0, "calls_s": 0.0, "calls": 0, "largest_argument_bytes": 0, "students": []}
    orig_init, orig_ensure, orig_call = remote.RemoteStudent.__init__, remote.RemoteStudent._ensure, remote.RemoteStudent.call

    def init(self, *a, **k):
        orig_init(self, *a, **k)
        stats["students"].append(self)

    def ensure(self):
        fresh = self.runner is None or not self.runner.alive
        t0 = time.perf_counter()
        try:
            return orig_ensure(self)
        finally:
            if fresh:
                stats["start_and_load_s"] += time.perf_counter() - t0

    def call(self, name, *args, **kwargs):
        stats["calls"] += 1
        sizes = [v.nbytes for v in (*args, *kwargs.values()) if isinstance(v, np.ndarray)]
        stats["largest_argument_bytes"] = max([stats["largest_argument_bytes"], *sizes])
        t0 = time.perf_counter()
        try:
            return orig_call(self, name, *args, **kwargs)
        finally:
            stats["calls_s"] += time.perf_counter() - t0

    remote.RemoteStudent.__init__, remote.RemoteStudent._ensure, remote.RemoteStudent.call = init, ensure, call
    try:
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = judge.grade_notebook(path)
        total, grader_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    finally:
        remote.RemoteStudent.__init__, remote.RemoteStudent._ensure, remote.RemoteStudent.call = \
            orig_init, orig_ensure, orig_call
    learner_cpu = sum(s.used for s in stats.pop("students"))
    calls_only = max(stats["calls_s"] - stats["start_and_load_s"], 0.0)  # the first call started the process
    return {"exercise": report.exercise, "score": report.score, "max_score": report.max_score,
            "in_process_s": total, "start_and_load_s": stats["start_and_load_s"], "calls_s": calls_only,
            "grader_own_s": max(total - stats["calls_s"], 0.0), "grader_cpu_s": grader_cpu,
            "learner_cpu_s": learner_cpu, "calls": stats["calls"],
            "largest_argument_bytes": stats["largest_argument_bytes"]}


def _startup_costs(repeat: int) -> dict:
    """Seconds to start a bare interpreter, the grader's imports, and the learner's libraries (what every
    submission paid before the warm zygote), each in a fresh process; and one zygote start and one fork."""
    from gausslearn.grading.host.runner import PREIMPORT, Runner, close_zygotes

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); {code}"],
                       check=True, capture_output=True, timeout=300)
        return time.perf_counter() - t0

    bare = statistics.median(run("pass") for _ in range(repeat))
    grader = statistics.median(run("import gausslearn.grading.host.cli, gausslearn.grading.host.judge")
                               for _ in range(repeat))
    learner = statistics.median(run("; ".join(f"import {m}" for m in PREIMPORT)) for _ in range(repeat))
    close_zygotes()
    t0 = time.perf_counter()
    with Runner():
        cold = time.perf_counter() - t0
    forks = []
    for _ in range(max(repeat, 3)):
        t0 = time.perf_counter()
        with Runner():
            forks.append(time.perf_counter() - t0)
    return {"interpreter_s": bare, "grader_imports_s": grader - bare, "learner_imports_s": learner - bare,
            "zygote_start_s": cold, "learner_fork_s": statistics.median(forks)}


def _wrong_variant(nb: dict) -> dict:
    """The solution with every answer function replaced by one that runs but is wrong (zeros of the input's shape)."""
    import copy
    import re

    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if "answer" not in cell.get("metadata", {}).get("tags", []):
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        names = re.findall(r"^def (\w+)\(", src, flags=re.M)
        cell["source"] = src + "".join(
            f"\n\ndef {n}(*args, **kwargs):\n    import numpy as _np\n"
            "    return _np.zeros(_np.shape(args[0])) if args else 0.0\n" for n in names)
    return nb


#: Exercises per student in the class benchmark (issue 12's target: 300 students x 8 exercises).
CLASS_EXERCISES = 8


def make_class(folder: Path, students: int) -> int:
    """A class folder ``student-NNN/<exercise>.ipynb`` of the first :data:`CLASS_EXERCISES` exercises: per student
    and exercise the solution (6 in 10), the untouched exercise (2 in 10) or a wrong answer that runs (2 in 10).
    Returns the number of notebooks."""
    solutions = sorted((ROOT / "solutions").glob("ex*.ipynb"))[:CLASS_EXERCISES]
    count = 0
    for i in range(students):
        who = folder / f"student-{i:03d}"
        who.mkdir(parents=True)
        for j, sol in enumerate(solutions):
            kind = (i + j) % 10
            if kind < 6:
                shutil.copy(sol, who / sol.name)
            elif kind < 8:
                shutil.copy(ROOT / "exercises" / sol.name, who / sol.name)
            else:
                nb = json.loads(sol.read_text(encoding="utf-8"))
                (who / sol.name).write_text(json.dumps(_wrong_variant(nb)), encoding="utf-8")
            count += 1
    return count


def bench_grading(quick: bool, class_size: int | None = None) -> dict:
    solutions = sorted((ROOT / "solutions").glob("ex*.ipynb"))
    if not solutions:
        raise SystemExit("no solutions/*.ipynb: run `make notebooks` first")
    runs = 1 if quick else 5
    per_exercise = []
    for sol in solutions:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            p = _gausslearn("grade", str(sol), "--json")
            times.append(time.perf_counter() - t0)
            if p.returncode != 0 or not p.stdout.strip():
                raise SystemExit(f"grading {sol.name} failed: {p.stderr[-500:]}")
        phases = _grading_phases(sol)
        per_exercise.append({**phases, "end_to_end_median_s": statistics.median(times), "runs": runs})
    startup = _startup_costs(1 if quick else 3)
    students = class_size if class_size is not None else (2 if quick else 300)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        n = make_class(folder, students)
        t0 = time.perf_counter()
        p = _gausslearn("grade", str(folder), "--out", str(Path(tmp) / "gradebook.csv"), "-j", "2", timeout=4 * 3600)
        class_s = time.perf_counter() - t0
        if not (Path(tmp) / "gradebook.csv").exists():
            raise SystemExit(f"class grading failed (exit {p.returncode}): {p.stderr[-500:]}")
    # Throughput from 1 to 2 workers, on a smaller class graded both ways (the same notebooks).
    small = 1 if quick else 20
    speed: dict[int, float] = {}
    busy: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        n_small = make_class(folder, small)
        for jobs in (1, 2):
            t0, cpu0 = time.perf_counter(), machine_cpu_seconds()
            _gausslearn("grade", str(folder), "--out", str(Path(tmp) / f"g{jobs}.csv"), "-j", str(jobs), timeout=3600)
            wall = time.perf_counter() - t0
            speed[jobs] = n_small / wall
            if cpu0 is not None:
                busy[jobs] = (machine_cpu_seconds() - cpu0) / wall
    speedup = speed[2] / speed[1]
    # What one worker already keeps busy bounds what a second can add: at most (cores / busy with -j 1)x.
    ceiling = (os.cpu_count() or 1) / busy[1] if busy.get(1) else None
    per_300 = class_s * 300 / students
    rows = [[e["exercise"], f"{e['end_to_end_median_s']:.2f}", target(e["end_to_end_median_s"] <= 1.5),
             f"{e['start_and_load_s']:.2f}", f"{e['calls_s']:.2f}", f"{e['learner_cpu_s']:.2f}",
             f"{e['grader_own_s']:.2f}", str(e["calls"]), f"{e['largest_argument_bytes'] / 1e6:.2f}"]
            for e in per_exercise]
    print_table("Grading: each exercise's solution (end to end = `gausslearn grade SOL --json`, median)",
                ["exercise", "end to end s", "target <= 1.5 s", "learner start+cells s", "calls s",
                 "learner CPU s", "grader's own s (oracles)", "calls", "largest input MB"], rows)
    print_table("Grading: start-up costs (fresh processes)", ["what", "seconds"],
                [["interpreter", f"{startup['interpreter_s']:.2f}"],
                 ["grader's imports", f"{startup['grader_imports_s']:.2f}"],
                 ["learner libraries (paid by every submission before the zygote)", f"{startup['learner_imports_s']:.2f}"],
                 ["zygote start (once per grader process)", f"{startup['zygote_start_s']:.2f}"],
                 ["learner process forked from the zygote (per submission)", f"{startup['learner_fork_s']:.3f}"]])
    ok = per_300 <= 12 * 60
    print_table(f"Grading a class ({students} students x {min(len(solutions), CLASS_EXERCISES)} exercises, -j 2)",
                ["notebooks", "seconds", "for 300 students", "target <= 12 min"],
                [[str(n), f"{class_s:.1f}", f"{per_300 / 60:.1f} min" + ("" if students == 300 else " (scaled)"),
                  "not judged (--quick)" if quick else target(ok)]])
    cores = {j: f"{busy[j]:.2f}" if j in busy else "n/a" for j in (1, 2)}
    print_table(f"Grading throughput ({n_small} notebooks graded with -j 1 and with -j 2; cores busy: the "
                "machine's CPU time over the wall time, everything that ran)",
                ["-j 1 notebooks/s", "-j 2 notebooks/s", "speed-up", "target >= 1.7x", "cores busy -j 1",
                 "cores busy -j 2", "ceiling (cores / busy -j 1)"],
                [[f"{speed[1]:.2f}", f"{speed[2]:.2f}", f"{speedup:.2f}x",
                  "not judged (--quick)" if quick else target(speedup >= 1.7), cores[1], cores[2],
                  f"{ceiling:.2f}x" if ceiling else "n/a"]])
    return {"per_exercise": per_exercise, "startup": startup, "throughput": {"j1": speed[1], "j2": speed[2],
                                                                              "speedup": speedup,
                                                                              "cores_busy": busy,
                                                                              "ceiling": ceiling},
            "single_median_s": statistics.median(e["end_to_end_median_s"] for e in per_exercise),
            "class": {"students": students, "notebooks": n, "seconds": class_s, "minutes_for_300": per_300 / 60},
            "targets": {"every solution <= 1.5 s": all(e["end_to_end_median_s"] <= 1.5 for e in per_exercise),
                        "class of 300 <= 12 min": ok, "speedup 2 workers >= 1.7": speedup >= 1.7}}


# ----------------------------------------------------------------------------------------------- notebooks
#: Seconds a notebook may take (kernel start included); 30 s unless its issue set another budget. Issue 16 gave
#: the chunked-filtering notebook 60 s on 2 cores.
NOTEBOOK_SECONDS = {"11_chunked": 60}
#: Peak memory of a notebook's kernel with every process it starts (issue 16: 2 GiB on a small machine).
NOTEBOOK_BYTES = 2 * 2**30


class PeakMemory:
    """Sample the resident memory of this process's descendants (a notebook's kernel and whatever it starts) every
    ``interval`` seconds while the ``with`` block runs; ``peak_bytes`` is the largest sum seen.

    A sum of resident sizes counts shared pages once per process, so it errs on the high side; a peak shorter than
    the interval can be missed (the notebooks hold their arrays for whole cells, far longer).
    """

    def __init__(self, interval: float = 0.05) -> None:
        if not interval > 0:
            raise ValueError(f"interval must be a positive number of seconds, got {interval!r}")
        self.interval, self.peak_bytes = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:  # ended between listing and reading
                    pass
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_notebooks(quick: bool) -> dict:
    from gausslearn import notebooks
    from gausslearn.paths import Course

    course = Course.here()
    paths = sorted(course.sources.glob("[0-9][0-9]_*.py"))
    if quick:
        paths = paths[:1]
    rows, seconds, peaks = [], {}, {}
    for path in paths:
        limit = NOTEBOOK_SECONDS.get(path.stem, 30)
        with PeakMemory() as memory:
            seconds[path.stem] = notebooks.execute(notebooks.read_source(path), course.learner)
        peaks[path.stem] = memory.peak_bytes / 2**20
        rows.append([path.stem, f"{seconds[path.stem]:.1f}", target(seconds[path.stem] < limit) + f" (< {limit} s)",
                     f"{peaks[path.stem]:.0f}", target(memory.peak_bytes < NOTEBOOK_BYTES) + " (< 2048 MiB)"])
    total = sum(seconds.values())
    rows.append(["whole course", f"{total:.1f}", ("" if quick else target(total < 180) + " (< 180 s)"), "", ""])
    print_table("Notebook execution (kernel start included; memory: the kernel and its processes, sampled)",
                ["notebook", "seconds", "target", "peak MiB", "target"], rows)
    return {"seconds": seconds, "total_s": total, "peak_mib": peaks}


# ----------------------------------------------------------------------------------------------- chunks
def bench_chunks(quick: bool) -> dict:
    """Chunked Gaussian filtering: throughput on 1 and 2 threads against SciPy, peak memory against image size."""
    print(f"\n(load average when the chunks section starts: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          "the 2-thread figures need an idle second core)")
    import dask.array as da
    from scipy import ndimage

    from gausslearn.chunks import filter_chunked, measure, synthetic_image, write_synthetic_image

    sigma = 4.0
    repeat = 1 if quick else 3
    sizes = [512] if quick else [2048, 4096]
    chunk_sides = [256] if quick else [512, 1024]
    throughput, rows = [], []
    for n in sizes:
        image = synthetic_image((n, n), seed=0)            # float32
        scipy_t = best_time(partial(ndimage.gaussian_filter, image, sigma), repeat)
        for side in chunk_sides:
            lazy = filter_chunked(image, sigma, chunks=side)
            lazy.compute(scheduler="threads", num_workers=2)  # warm up: thread pool, first-call imports
            t = {str(w): best_time(partial(lazy.compute, scheduler="threads", num_workers=w), repeat) for w in (1, 2)}
            entry = {"size": n, "chunk": side, "sigma": sigma, "scipy_s": scipy_t, "seconds": t,
                     "ratio_to_scipy": {w: t[w] / scipy_t for w in t}, "speedup_2_over_1": t["1"] / t["2"],
                     "megapixels_per_s": {"scipy": n * n / scipy_t / 1e6, **{w: n * n / t[w] / 1e6 for w in t}}}
            throughput.append(entry)
            mp, ratio = entry["megapixels_per_s"], entry["ratio_to_scipy"]
            rows.append([f"{n}²", f"{side}²", f"{scipy_t * 1e3:.0f}", f"{mp['scipy']:.0f}", f"{ratio['1']:.2f}",
                         f"{ratio['2']:.2f}", f"{mp['1']:.0f}", f"{mp['2']:.0f}", f"{entry['speedup_2_over_1']:.2f}"])
    print_table(f"Chunked filtering (sigma {sigma:g}, float32): time as a multiple of scipy.ndimage.gaussian_filter "
                "on the same image (same run)",
                ["size", "chunk", "scipy ms", "scipy MP/s", "1 thread ×", "2 threads ×", "1 thread MP/s",
                 "2 threads MP/s", "2 vs 1"], rows)

    # Peak memory: SciPy needs the image and its result in memory. Chunk by chunk from a Zarr store to a Zarr
    # store, dask-image (map_overlap: halo slivers keep their neighbours' chunks alive) and filter_chunked on
    # the stored array (every task reads its own halo) should not need the whole image.
    from dask_image.ndfilters import gaussian_filter as dask_image_gaussian

    mem_sizes = [512, 1024] if quick else [1024, 2048, 4096, 8192]
    side = 256 if quick else 512
    memory, rows = [], []
    with tempfile.TemporaryDirectory(prefix="gausslearn-bench-") as tmp:
        for n in mem_sizes:
            source = Path(tmp) / f"in{n}.zarr"
            stored = write_synthetic_image(source, (n, n), side, seed=0)
            image_bytes = n * n * 4
            out_a, out_b = Path(tmp) / f"out{n}-dask-image.zarr", Path(tmp) / f"out{n}-stored.zarr"
            # Read the whole image and filter it; only the result's size is kept (the peak counts both arrays).
            peaks = {
                "scipy": measure(lambda stored=stored: ndimage.gaussian_filter(stored[:], sigma).nbytes),
                "dask-image": measure(lambda source=source, out=out_a: dask_image_gaussian(
                    da.from_zarr(str(source)), sigma).to_zarr(str(out))),
                "stored reads": measure(lambda stored=stored, out=out_b: filter_chunked(
                    stored, sigma).to_zarr(str(out))),
            }
            entry = {"size": n, "chunk": side, "image_bytes": image_bytes,
                     "peak_bytes": {k: m.peak_bytes for k, m in peaks.items()},
                     "peak_over_image": {k: m.peak_bytes / image_bytes for k, m in peaks.items()}}
            memory.append(entry)
            rows.append([f"{n}²", f"{image_bytes / 2**20:.0f}",
                         *(f"{m.peak_bytes / 2**20:.0f} ({entry['peak_over_image'][k]:.2f})" for k, m in peaks.items())])
            for folder in (source, out_a, out_b):
                shutil.rmtree(folder)
    print_table(f"Peak traced memory against image size, MiB (multiple of the image): float32, sigma {sigma:g}, "
                f"Zarr to Zarr in chunks of {side}², default threads",
                ["size", "image MiB", "scipy (whole)", "dask-image", "filter_chunked on the store"], rows)

    big = max(sizes)
    speedups = [e["speedup_2_over_1"] for e in throughput if e["size"] == big]
    largest = memory[-1]["peak_over_image"]["stored reads"]
    targets = {
        f"2 threads >= 1.5x the throughput of 1 thread at {big}² (best {max(speedups):.2f}x)": max(speedups) >= 1.5,
        f"filter_chunked on the store: peak <= 0.25x the image at {memory[-1]['size']}² ({largest:.2f}x)":
            largest <= 0.25,
    }
    for text, ok in targets.items():
        verdict = "not judged (--quick measures small images only)" if quick else target(ok)
        print(f"target: {text}: {verdict}")
    return {"throughput": throughput, "memory": memory, "targets": {} if quick else targets}


# ----------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat (a smoke test)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run, from {', '.join(SECTIONS)}")
    parser.add_argument("--class-size", type=int, default=None,
                        help="students in the grading section's class (default 300; --quick: 2)")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the figures as JSON (default benchmarks/results/latest[-quick].json)")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(f"# gausslearn benchmarks ({'quick' if args.quick else 'full'}): Python {platform.python_version()}, "
          f"NumPy {np.__version__}, {os.cpu_count()} cores")
    report: dict = {"quick": args.quick, "python": platform.python_version(), "numpy": np.__version__}
    runners = {"filters": bench_filters, "widgets": bench_widgets, "grading": bench_grading,
               "notebooks": bench_notebooks, "chunks": bench_chunks}
    for name in chosen:
        report[name] = (bench_grading(args.quick, args.class_size) if name == "grading" else
                        runners[name](args.quick))
    out = args.json or ROOT / "benchmarks" / "results" / ("latest-quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
    print(f"\nfigures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
