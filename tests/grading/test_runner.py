"""The learner's process: captured output has a cap, timeouts kill it, a dead process is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from gausslearn.grading.host.runner import Runner, WorkerDied, WorkerTimeout

LOAD = {"op": "load", "forbidden": [], "labels": ["answer cell 1"]}


def ended(pid: int | None) -> bool:
    """True when the process is gone or has ended (a zombie its parent, outside the grader, has yet to reap)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def test_output_is_capped_and_the_channel_is_not_stdout() -> None:
    with Runner(output_cap=1000) as runner:
        reply = runner.request({**LOAD, "cells": ["print('x' * 200_000)\nimport sys\nsys.stderr.write('e' * 5000)\n"
                                                  "def f():\n    print('not an answer')\n    return 7\n"]}, 30)
        assert reply["status"] == "ok" and "f" in reply["defined"]
        assert runner.request({"op": "call", "name": "f", "args": [], "kwargs": {}}, 10)["result"] == 7
    assert runner.pid is None


def test_output_cap_keeps_the_start_and_counts_the_rest() -> None:
    runner = Runner(output_cap=1000)
    runner.start()
    try:
        runner.request({**LOAD, "cells": ["print('x' * 200_000)"]}, 30)
    finally:
        pid = runner.pid
        runner.close()
    assert pid is not None and ended(pid)
    text = runner.stdout()  # still readable after close
    assert text.startswith("x" * 1000) and "more bytes not kept" in text


def test_a_cpu_time_limit_kills_the_worker_and_says_so() -> None:
    runner = Runner()
    runner.start()
    pid = runner.pid
    with pytest.raises(WorkerTimeout, match="no answer after 0.5 s of CPU time") as caught:
        runner.request({**LOAD, "cells": ["while True:\n    pass\n"]}, 0.5)
    assert caught.value.limit == "cpu" and runner.cpu_used >= 0.5
    assert pid is not None and ended(pid)
    assert runner.pid is None


def test_code_that_waits_is_stopped_by_the_wall_clock_backstop() -> None:
    runner = Runner()
    runner.start()
    with pytest.raises(WorkerTimeout, match=r"no answer within 1 s \(wall clock\)") as caught:
        runner.request({**LOAD, "cells": ["import time\ntime.sleep(600)\n"]}, 30, wall=1)
    assert caught.value.limit == "wall" and runner.cpu_used < 30


def test_a_dying_worker_is_reported_with_its_exit_code() -> None:
    runner = Runner()
    runner.start()
    try:
        with pytest.raises(WorkerDied, match="exited with code 5"):
            runner.request({**LOAD, "cells": ["import os\nos._exit(5)\n"]}, 30)
    finally:
        runner.close()


def test_the_zygote_outlives_the_thread_that_started_it() -> None:
    """bubblewrap's --die-with-parent follows the starting *thread*: a zygote started from a worker thread (or by
    prestart) must survive that thread, or every later learner process would fail to start."""
    import threading
    import time

    from gausslearn.grading.host.runner import close_zygotes, prestart, zygote_for
    from gausslearn.grading.host.sandbox import for_grading

    close_zygotes()
    seen = {}

    def in_thread() -> None:
        with Runner() as runner:
            seen["defined"] = runner.request({**LOAD, "cells": ["def f(): return 1"]}, 30)["defined"]

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    zygote = zygote_for(for_grading())
    first = zygote.proc.pid if zygote.proc else None
    time.sleep(0.5)
    assert seen["defined"] == ["f"] and zygote.alive, "the zygote died with the thread that started it"
    with Runner() as runner:
        assert runner.request({**LOAD, "cells": ["def g(): return 2"]}, 30)["defined"] == ["g"]
    assert zygote.proc is not None and zygote.proc.pid == first
    close_zygotes()
    prestart()  # returns at once; the next learner process waits for the zygote's imports
    with Runner() as runner:
        assert runner.request({"op": "call", "name": "h", "args": [], "kwargs": {}}, 30) == {"status": "missing"}


def test_the_learner_process_starts_warm_and_the_templates_name_what_to_warm(tmp_path: Path) -> None:
    """The learner's libraries are already imported when its code runs (forked from the zygote), and the
    exercises' import cells (read as data) name what the zygote imports while idle."""
    import json

    from gausslearn.grading.host.runner import PREIMPORT, template_imports

    with Runner() as runner:
        runner.request({**LOAD, "cells": ["import sys\ndef loaded(): return sorted(m for m in "
                                          f"{list(PREIMPORT)!r} if m in sys.modules)"]}, 30)
        assert runner.request({"op": "call", "name": "loaded", "args": [], "kwargs": {}}, 30)["result"] == \
            sorted(PREIMPORT)
    cell = {"cell_type": "code", "metadata": {"tags": ["imports"]}, "outputs": [], "execution_count": None,
            "source": "import numpy as np\nimport dask.array as da\nfrom pkg.sub import name\nfrom . import rel\n"}
    other = {**cell, "metadata": {"tags": ["answer"]}, "source": "import never_warmed\n"}
    (tmp_path / "ex99_x.ipynb").write_text(json.dumps({"cells": [cell, other], "nbformat": 4}))
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert template_imports(tmp_path) == ("dask.array", "pkg.sub", "pkg.sub.name")
