"""The learner's process: captured output has a cap, timeouts kill it, a dead process is reported."""

from __future__ import annotations

import pytest

from gausslearn.grading.host.runner import Runner, WorkerDied, WorkerTimeout

LOAD = {"op": "load", "forbidden": [], "labels": ["answer cell 1"]}


def test_output_is_capped_and_the_channel_is_not_stdout() -> None:
    with Runner(output_cap=1000) as runner:
        reply = runner.request({**LOAD, "cells": ["print('x' * 200_000)\nimport sys\nsys.stderr.write('e' * 5000)\n"
                                                  "def f():\n    print('not an answer')\n    return 7\n"]}, 30)
        assert reply["status"] == "ok" and "f" in reply["defined"]
        assert runner.request({"op": "call", "name": "f", "args": [], "kwargs": {}}, 10)["result"] == 7
    assert runner.proc is None


def test_output_cap_keeps_the_start_and_counts_the_rest() -> None:
    runner = Runner(output_cap=1000)
    runner.start()
    try:
        runner.request({**LOAD, "cells": ["print('x' * 200_000)"]}, 30)
    finally:
        proc = runner.proc
        runner.close()
    assert proc is not None and proc.returncode is not None
    text = runner.stdout()  # still readable after close
    assert text.startswith("x" * 1000) and "more bytes not kept" in text


def test_timeout_kills_the_worker() -> None:
    runner = Runner()
    runner.start()
    proc = runner.proc
    with pytest.raises(WorkerTimeout, match="no answer within 0.5 s"):
        runner.request({**LOAD, "cells": ["while True:\n    pass\n"]}, 0.5)
    assert proc is not None and proc.poll() is not None
    assert runner.proc is None


def test_a_dying_worker_is_reported_with_its_exit_code() -> None:
    runner = Runner()
    runner.start()
    try:
        with pytest.raises(WorkerDied, match="exited with code 5"):
            runner.request({**LOAD, "cells": ["import os\nos._exit(5)\n"]}, 30)
    finally:
        runner.close()
