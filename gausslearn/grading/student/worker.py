"""The request loop that runs a learner's code, inside the learner process.

The learner process is forked from the grader's warm zygote (:mod:`gausslearn.grading.student.zygote`), which
sets up its sandbox and limits and then calls :meth:`Worker.serve`: requests are read from one file descriptor
and answered on another (the :mod:`gausslearn.grading.channel` format; stdout and stderr are only captured):

``{"op": "load", "cells": [...], "forbidden": [...]}``
    installs tripwires on the forbidden functions, then runs the cells (IPython magics and ``!cmd`` lines
    are converted and refused harmlessly) and answers which names are defined, plus notes.
``{"op": "call", "name": ..., "args": [...], "kwargs": {...}}``
    calls the function and answers ``status`` (ok, missing, exception, bad-return), the result as plain
    data, the arguments as they are after the call (the judge compares them with what it sent), whether
    the result shares memory with an argument, and the forbidden functions used during the call.

This process decides nothing: the judge, in the grader's own process, compares and scores.
"""

from __future__ import annotations

import builtins
from typing import Any

from gausslearn.grading.student.tripwires import RefusingIPython, Tripwires, exception_summary


def compile_cell(source: str, label: str) -> Any:
    """Compile one cell, converting IPython syntax (``%magic``, ``!cmd``) first when plain Python fails.

    ``label`` names the cell in tracebacks and feedback (e.g. ``"answer cell 1"``).
    """
    filename = f"<{label}>"
    try:
        return compile(source, filename, "exec")
    except SyntaxError:
        from IPython.core.inputtransformer2 import TransformerManager

        transformed = TransformerManager().transform_cell(source)
        return compile(transformed, filename, "exec")


class Worker:
    """The request loop. Kept as a class so tests can drive it without a pipe."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {}
        self.ipython = RefusingIPython()
        self.wires = Tripwires(())

    def load(self, cells: list[str], forbidden: list[str], labels: list[str] | None = None) -> dict[str, Any]:
        self.wires = Tripwires(forbidden)
        self.wires.install()
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "get_ipython": lambda: self.ipython}
        notes = []
        labels = list(labels or [])
        for i, source in enumerate(cells, start=1):
            label = labels[i - 1] if i <= len(labels) and isinstance(labels[i - 1], str) else f"cell {i}"
            try:
                code = compile_cell(source, label)
            except SyntaxError as exc:
                notes.append(f"{label} has a syntax error on line {exc.lineno}: {exc.msg}; nothing in it was run")
                continue
            try:
                exec(code, self.namespace)
            except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included on purpose
                notes.append(f"running {label}: {exception_summary(exc)}; the cell stopped there")
        notes += self.ipython.notes
        self.ipython.notes.clear()
        defined = sorted(k for k, v in self.namespace.items()
                         if callable(v) and not k.startswith("__") and k != "get_ipython")
        return {"status": "ok", "defined": defined, "notes": notes, "forbidden": list(self.wires.calls)}

    def call(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        from gausslearn.grading.channel import PlainDataError, to_plain

        func = self.namespace.get(name)
        if func is None or not callable(func) or name == "get_ipython":
            return {"status": "missing"}
        before = len(self.wires.calls)
        try:
            result = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - report SystemExit / KeyboardInterrupt as the learner's
            return {"status": "exception", "type": type(exc).__name__, "message": exception_summary(exc, name),
                    "forbidden": self.wires.calls[before:]}
        forbidden = self.wires.calls[before:]
        values = [*args, *kwargs.values()]
        try:
            shares = isinstance(result, np.ndarray) and any(
                isinstance(v, np.ndarray) and np.shares_memory(result, v) for v in values)
            plain = to_plain(result)
        except PlainDataError as exc:
            return {"status": "bad-return", "message": f"{name} {exc}", "forbidden": forbidden}
        except Exception as exc:  # noqa: BLE001 - e.g. a strange object whose conversion raises
            return {"status": "bad-return", "message": f"{name} returned a value that could not be read "
                    f"({type(exc).__name__})", "forbidden": forbidden}
        return {"status": "ok", "result": plain, "args_after": list(args), "kwargs_after": dict(kwargs),
                "shares_memory": bool(shares), "forbidden": forbidden}

    def serve(self, req_fd: int, resp_fd: int) -> None:
        from gausslearn.grading import channel

        while True:
            try:
                msg = channel.recv(req_fd)
            except channel.ChannelClosed:
                return
            op = msg.get("op") if isinstance(msg, dict) else None
            if op == "load":
                reply = self.load(list(msg["cells"]), list(msg.get("forbidden", [])), msg.get("labels"))
            elif op == "call":
                reply = self.call(msg["name"], list(msg.get("args", [])), dict(msg.get("kwargs", {})))
            elif op == "quit":
                return
            else:
                reply = {"status": "protocol-error", "message": f"unknown request {op!r}"}
            try:
                data = channel.encode(reply)
            except Exception as exc:  # noqa: BLE001 - e.g. an argument the learner replaced by something odd
                reason = exc if isinstance(exc, channel.PlainDataError) else "sent back data that cannot be encoded"
                data = channel.encode({"status": "bad-return", "message": f"{msg.get('name', '')} {reason}".strip()})
            channel.send_bytes(resp_fd, data)
