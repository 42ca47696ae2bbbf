"""What the learner's process watches and refuses while it runs learner code.

- :class:`Tripwires` records calls of forbidden library functions however they are reached;
- :class:`RefusingIPython` stands in for ``get_ipython()``: magics and shell commands are refused and reported;
- :func:`exception_summary` names an exception of the learner's code in one sentence, with its cell and line.

Used by the worker (:mod:`gausslearn.grading.student.worker`) and by the public checks' in-process student
(:mod:`gausslearn.grading.student.local`). Nothing here decides a score: it only records.
"""

from __future__ import annotations

import functools
import importlib
import sys
import traceback
import types
from collections.abc import Sequence
from typing import Any

_CELL_PREFIXES = ("<answer cell", "<imports cell", "<cell")


def exception_summary(exc: BaseException, name: str | None = None, limit: int = 600) -> str:
    """One sentence naming an exception raised by the learner's code, and where (cell and line).

    Examples
    --------
    >>> try:
    ...     raise ValueError("shapes differ")
    ... except ValueError as e:
    ...     exception_summary(e, "mse")
    'mse raised ValueError: shapes differ'
    """
    text = str(exc).strip()
    if len(text) > limit:
        text = text[:limit] + " ..."
    where = ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(_CELL_PREFIXES)]
    if frames:
        f = frames[-1]
        where = f" ({f.filename.strip('<>')}, line {f.lineno})"
    who = f"{name} raised" if name else "raised"
    return f"{who} {type(exc).__name__}{': ' + text if text else ''}{where}"


class Tripwires:
    """Replace forbidden library functions by recording wrappers (and put the originals back on request).

    Every module attribute bound to the original function object is replaced, so ``scipy.ndimage.X``,
    ``scipy.ndimage._filters.X``, earlier ``from ... import X`` aliases and later imports, ``getattr`` and
    ``importlib`` look-ups all reach the wrapper. The wrapper records the dotted name, then calls the original.
    A function of the same name in a private submodule of the same package (``scipy.ndimage._nd_image.X``,
    compiled code doing the same work) is wrapped as well.

    Examples
    --------
    >>> import math
    >>> wires = Tripwires(["math.hypot"])
    >>> wires.install()
    >>> math.hypot(3, 4)
    5.0
    >>> wires.uninstall()
    >>> wires.calls, math.hypot.__name__
    (['math.hypot'], 'hypot')
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.calls: list[str] = []
        self._patched: list[tuple[Any, str, Any]] = []

    def _wrap(self, dotted: str, original: Any) -> Any:
        calls = self.calls

        def tripwire(*args: Any, **kwargs: Any) -> Any:
            calls.append(dotted)
            return original(*args, **kwargs)

        # name and docstring for help(); deliberately no __wrapped__, which would hand out the original
        functools.update_wrapper(tripwire, original, updated=())
        del tripwire.__wrapped__
        tripwire.__gausslearn_tripwire__ = dotted  # type: ignore[attr-defined]
        return tripwire

    def install(self) -> None:
        for dotted in self.names:
            module_name, _, attr = dotted.rpartition(".")
            try:
                module = importlib.import_module(module_name)
                original = getattr(module, attr)
            except (ImportError, AttributeError):
                continue  # not installed here: nobody can call it either
            self._replace(dotted, original)
            # The same name in a private submodule of the package is forbidden too: compiled routines such
            # as scipy.ndimage._nd_image.correlate1d do the same work under another object.
            for mod_name, mod in list(sys.modules.items()):
                if not mod_name.startswith(module_name + ".") or "._" not in mod_name[len(module_name):]:
                    continue
                other = getattr(mod, attr, None) if hasattr(mod, "__dict__") else None
                if isinstance(other, (types.FunctionType, types.BuiltinFunctionType)) and other is not original:
                    self._replace(f"{mod_name}.{attr}", other)

    def _replace(self, dotted: str, original: Any) -> None:
        """Bind a recording wrapper wherever a module attribute is ``original``."""
        if getattr(original, "__gausslearn_tripwire__", None):
            return
        wrapper = self._wrap(dotted, original)
        for mod in list(sys.modules.values()):
            try:
                namespace = vars(mod)
            except TypeError:
                continue
            for key, val in list(namespace.items()):
                if val is original:
                    setattr(mod, key, wrapper)
                    self._patched.append((mod, key, original))

    def uninstall(self) -> None:
        for mod, key, original in reversed(self._patched):
            setattr(mod, key, original)
        self._patched.clear()


class RefusingIPython:
    """A stand-in for ``get_ipython()``: magics and shell commands are refused and reported, never run."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def _refuse(self, what: str) -> None:
        note = f"{what} was ignored: magics and shell commands do not run while grading"
        if note not in self.notes:
            self.notes.append(note)

    def run_line_magic(self, name: str, line: str = "", *args: Any, **kwargs: Any) -> None:
        self._refuse(f"%{name}")

    def run_cell_magic(self, name: str, line: str = "", cell: str = "", *args: Any, **kwargs: Any) -> None:
        self._refuse(f"%%{name}")

    def system(self, cmd: str, *args: Any, **kwargs: Any) -> None:
        self._refuse(f"!{cmd.split()[0] if cmd.split() else ''}")

    def getoutput(self, cmd: str, *args: Any, **kwargs: Any) -> list[str]:
        self.system(cmd)
        return []

    def __getattr__(self, name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> None:
            self._refuse(f"get_ipython().{name}")

        return refuse
