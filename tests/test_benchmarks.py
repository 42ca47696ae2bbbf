"""The benchmark script must keep working; it is run once in its quick mode. No time is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmark_runs_and_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(out.read_text())
    assert set(report) >= {"filters", "widgets", "grading", "notebooks", "chunks"}
    case = report["filters"]["cases"][0]
    assert set(case["ratio_to_scipy"]) >= {"scipy", "separable", "fft", "box x3", "direct 2-D"}
    assert case["ratio_to_scipy"]["scipy"] == 1.0
    assert all(v > 0 for v in case["seconds"].values())
    assert report["grading"]["single_median_s"] > 0
    if sys.platform.startswith("linux"):   # cores kept busy by -j 1 and -j 2, read from /proc/stat
        busy = report["grading"]["throughput"]["cores_busy"]
        assert set(busy) == {"1", "2"} and all(0 < v <= (os.cpu_count() or 1) * 1.05 for v in busy.values()), busy
    # The sampler saw the notebook's kernel: a Python process with NumPy loaded holds tens of MiB at least.
    assert all(mib > 20 for mib in report["notebooks"]["peak_mib"].values()), report["notebooks"]
    chunked = report["chunks"]["throughput"][0]
    assert set(chunked["ratio_to_scipy"]) == {"1", "2"} and all(v > 0 for v in chunked["ratio_to_scipy"].values())
    for m in report["chunks"]["memory"]:
        assert set(m["peak_bytes"]) == {"scipy", "dask-image", "stored reads"}
        assert m["peak_bytes"]["scipy"] >= 2 * m["image_bytes"]   # the image and its result, traced exactly
    for heading in ("Reference filters", "Sigma-slider callback", "Grading", "Notebook execution",
                    "Chunked filtering", "Peak traced memory against image size"):
        assert heading in proc.stdout


def test_unknown_section_is_refused_with_the_valid_names() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "gpu"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert "unknown section(s) gpu; choose from filters, widgets, grading, notebooks, chunks" in proc.stderr
