"""What the learner's process watches and refuses while it runs learner code.

- :class:`Tripwires` records calls of forbidden library functions however they are reached;
- :class:`RefusingIPython` stands in for ``get_ipython()``: magics and shell commands are refused and reported;
- :func:`exception_summary` names an exception of the learner's code in one sentence, with its cell and line.

Used by the worker (:mod:`gausslearn.grading.student.worker`) and by the public checks' in-process student
(:mod:`gausslearn.grading.student.local`). Nothing here decides a score: it only records.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.abc
import sys
import threading
import traceback
import types
from collections.abc import Sequence
from typing import Any

from gausslearn.grading.api import private_helpers

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
    ``importlib`` look-ups all reach the wrapper. The wrapper records the dotted name, then calls the original;
    it hands out no ``__wrapped__``. Also wrapped:

    - a function of the same name in a private submodule of the same package (``scipy.ndimage._nd_image.X``,
      compiled code doing the same work), recorded under its own dotted name;
    - the private helpers of the same module a forbidden function calls, directly or through each other
      (``gausslearn.metrics._mse64`` behind ``mse``): recorded when code outside their package calls them, so
      a learner who calls the helper is seen, and the library's own functions that share it are not.

    Only what the learner called is recorded: a tripwire reached while another tripwired call is running in
    the same thread (the library's internal calls: ``psnr`` calling ``mse``) is not recorded again.

    A forbidden module that is not imported yet is not imported here (that can take a second): an import hook
    arms its tripwires the moment anything imports it. The same holds for a function a lazily loading package
    (scikit-image) has not loaded yet: it is armed when the submodule that defines it is imported.

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
        self._state = threading.local()
        self._pending: dict[str, list[str]] = {}
        self._lazy: dict[str, list[str]] = {}   # lazily loading package -> its forbidden names not loaded yet
        self._originals: dict[int, tuple[Any, Any]] = {}   # id(wrapper) -> (wrapper, original)
        self._hook: _ArmOnImport | None = None

    def install(self) -> None:
        by_module: dict[str, list[str]] = {}
        for dotted in self.names:
            by_module.setdefault(dotted.rpartition(".")[0], []).append(dotted)
        ready = []
        for module_name, names in by_module.items():
            if module_name in sys.modules:
                ready += names
            else:
                self._pending[module_name] = names
        self._arm(ready)
        self._hook_imports()

    def _hook_imports(self) -> None:
        if (self._pending or self._lazy) and self._hook is None:
            self._hook = _ArmOnImport(self)
            sys.meta_path.insert(0, self._hook)

    def _watches(self, module_name: str) -> bool:
        """True when importing ``module_name`` may bring a forbidden function that is not armed yet."""
        return module_name in self._pending or any(module_name.startswith(p + ".") for p in self._lazy)

    def uninstall(self) -> None:
        if self._hook is not None:
            with contextlib.suppress(ValueError):
                sys.meta_path.remove(self._hook)
            self._hook = None
        self._pending.clear()
        self._lazy.clear()
        for mod, key, original in reversed(self._patched):
            setattr(mod, key, original)
        self._patched.clear()
        # a wrapper may have been copied since (a lazy package caching it, `from ... import` in learner code)
        for mod in list(sys.modules.values()):
            for key, val in list(_namespace(mod).items()):
                hit = self._originals.get(id(val))
                if hit is not None and hit[0] is val:
                    setattr(mod, key, hit[1])
        self._originals.clear()

    def _imported(self, module_name: str) -> None:
        """The import hook's callback: ``module_name`` has just been imported."""
        names = self._pending.pop(module_name, None)
        if names:
            self._arm(names)
        module = sys.modules.get(module_name)
        for package, waiting in list(self._lazy.items()):
            if not module_name.startswith(package + "."):
                continue
            here = [d for d in waiting if _function(_namespace(module).get(d.rpartition(".")[2]))]
            if here:
                self._lazy[package] = [d for d in waiting if d not in here]
                self._arm(here)

    def _arm(self, names: Sequence[str]) -> None:
        """Wrap the functions ``names`` (their modules are imported), their twins and their private helpers."""
        targets: dict[int, tuple[Any, Any]] = {}   # id(original) -> (original, wrapper)

        def add(dotted: str, original: Any, home: str | None = None) -> None:
            if id(original) not in targets and not getattr(original, "__gausslearn_tripwire__", None):
                wrapper = self._wrap(dotted, original, home)
                targets[id(original)] = (original, wrapper)
                self._originals[id(wrapper)] = (wrapper, original)

        for dotted in names:
            module_name, _, attr = dotted.rpartition(".")
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue  # not installed here: nobody can call it either
            original = _namespace(module).get(attr)
            if original is None:
                original = _loaded_in_submodule(module_name, attr)
            if original is None and callable(_namespace(module).get("__getattr__")):
                # a lazily loading package: asking for the function would import its submodules now (a second
                # for skimage.metrics); arm it when the submodule that defines it is imported instead
                self._lazy.setdefault(module_name, []).append(dotted)
                self._hook_imports()
                continue
            if original is None:
                try:
                    original = getattr(module, attr)
                except AttributeError:
                    continue
            add(dotted, original)
            # The same name in a private submodule of the package is forbidden too: compiled routines such
            # as scipy.ndimage._nd_image.correlate1d do the same work under another object.
            for mod_name, mod in list(sys.modules.items()):
                if not mod_name.startswith(module_name + ".") or "._" not in mod_name[len(module_name):]:
                    continue
                other = _namespace(mod).get(attr)
                if isinstance(other, (types.FunctionType, types.BuiltinFunctionType)) and other is not original:
                    add(f"{mod_name}.{attr}", other)
            for helper_name, helper in private_helpers(original):
                add(helper_name, helper, home=helper_name.partition(".")[0])
        if not targets:
            return
        for mod in list(sys.modules.values()):
            namespace = _namespace(mod)
            for key, val in list(namespace.items()):
                hit = targets.get(id(val))
                if hit is not None and hit[0] is val:
                    setattr(mod, key, hit[1])
                    self._patched.append((mod, key, val))

    def _wrap(self, dotted: str, original: Any, home: str | None) -> Any:
        calls, state = self.calls, self._state

        def tripwire(*args: Any, **kwargs: Any) -> Any:
            if getattr(state, "active", False) or (home is not None and _caller_package() == home):
                return original(*args, **kwargs)   # the library's own call, not the learner's
            calls.append(dotted)
            state.active = True
            try:
                return original(*args, **kwargs)
            finally:
                state.active = False

        # name and docstring for help(); deliberately no __wrapped__, which would hand out the original
        functools.update_wrapper(tripwire, original, updated=())
        del tripwire.__wrapped__
        tripwire.__gausslearn_tripwire__ = dotted  # type: ignore[attr-defined]
        return tripwire


def _function(value: Any) -> bool:
    return isinstance(value, (types.FunctionType, types.BuiltinFunctionType))


def _loaded_in_submodule(package: str, attr: str) -> Any:
    """The function ``attr`` of an already imported submodule of ``package`` (None when there is none)."""
    for name, mod in list(sys.modules.items()):
        if name.startswith(package + ".") and _function(_namespace(mod).get(attr)):
            return _namespace(mod)[attr]
    return None


def _namespace(mod: Any) -> dict[str, Any]:
    try:
        return vars(mod)
    except TypeError:
        return {}


def _caller_package() -> str:
    """The top-level package of the code that called the tripwire (``__main__`` for the learner's cells)."""
    frame = sys._getframe(2)   # 0: here, 1: the tripwire, 2: its caller
    return str(frame.f_globals.get("__name__", "")).partition(".")[0]


class _ArmOnImport(importlib.abc.MetaPathFinder):
    """An import hook: when a module with pending tripwires has been imported, arm them."""

    def __init__(self, wires: Tripwires) -> None:
        self.wires = wires

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if not self.wires._watches(fullname):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _ThenArm(spec.loader, self.wires)
        return spec


class _ThenArm:
    """A loader that runs the real loader, leaves no trace of itself, then arms the module's tripwires."""

    def __init__(self, loader: Any, wires: Tripwires) -> None:
        self._loader, self._wires = loader, wires

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if getattr(module, "__loader__", None) is self:
            module.__loader__ = self._loader
        if module.__spec__ is not None and module.__spec__.loader is self:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._wires._imported(module.__name__)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


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
