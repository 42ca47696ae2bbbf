"""Fixtures of the browser suite: an isolated JupyterLab server and a fresh headless Chromium per test.

The server serves a temporary copy of ``notebooks/`` and ``exercises/`` (JupyterLab never writes into the
repository), with its own Jupyter, IPython and matplotlib folders and settings that keep it quiet and
offline: no news fetch, no autosave, every cell rendered (``windowingMode: none``). Chromium is the system
binary (``/usr/bin/chromium`` or ``$GAUSSLEARN_CHROMIUM``) driven by the Python package playwright, with
every host except 127.0.0.1 unresolvable. Server and browser are always shut down, their process groups killed.

Outside CI a missing Chromium or playwright skips the suite with the command to install it; with CI=true
the suite fails instead (it must never be skipped there).

For the course website (test_site.py): ``serve_folder`` serves a built site on 127.0.0.1 (a thread of the test
process), ``browser`` is one fresh Chromium for the session with the same flags (no JupyterLab), and
``axe_violations`` runs axe-core (the copy shipped in axe-playwright-python) on a page.
"""

from __future__ import annotations

import ctypes
import functools
import http.server
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
MISSING_CHROMIUM = ("Chromium not found at {path}: run `make browser` (tools/install_browser.sh installs it with "
                    "apt-get on Debian/Ubuntu) or set GAUSSLEARN_CHROMIUM to a Chromium binary")
MISSING_AXE = ("the Python package axe-playwright-python is missing: run `.venv/bin/python -m pip install -e '.[dev]'`")
#: axe-core impacts that fail a page (WCAG 2.1 AA problems a reader cannot work around).
AXE_FAILING_IMPACTS = ("serious", "critical")
MISSING_PLAYWRIGHT = ("the Python package playwright is missing: run `.venv/bin/python -m pip install -e '.[dev]'` "
                      "(no `playwright install` needed: the tests drive the system Chromium)")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def chromium_path() -> Path:
    return Path(os.environ.get("GAUSSLEARN_CHROMIUM") or "/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def requirements() -> Path:
    """The Chromium binary; skips (locally) or fails (CI=true) when Chromium or playwright is missing."""
    problems = []
    if not (chromium_path().is_file() and os.access(chromium_path(), os.X_OK)):
        problems.append(MISSING_CHROMIUM.format(path=chromium_path()))
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append(MISSING_PLAYWRIGHT)
    if problems:
        if in_ci():
            pytest.fail("browser tests cannot run in CI: " + "; ".join(problems), pytrace=False)
        pytest.skip("; ".join(problems))
    return chromium_path()


def _new_group_dying_with_parent() -> None:
    """Run in the child before exec: own process group, and SIGTERM when the test process dies (Linux)."""
    os.setsid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process_group(process: subprocess.Popen[Any], grace: float = 10.0) -> None:
    """SIGTERM the process group of ``process`` (its own group), SIGKILL after ``grace`` s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    except ProcessLookupError:
        pass


@dataclass
class Lab:
    """A running JupyterLab: its base URL, token, served folder and log file."""

    url: str
    token: str
    root: Path
    log: Path

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        # `reset` starts from an empty workspace: no tabs restored from an earlier test
        return f"{self.url}/lab/tree/notebooks/{name}.ipynb?reset&token={self.token}"

    def shutdown_sessions(self) -> None:
        """Stop every kernel the tests opened (keeps the 2-core machine free for the next notebook)."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def write_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture(scope="session")
def lab(requirements: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 with a free port and a random token, serving a copy of the course."""
    base = tmp_path_factory.mktemp("lab")
    served = base / "course"
    shutil.copytree(ROOT / "notebooks", served / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "exercises").is_dir():
        shutil.copytree(ROOT / "exercises", served / "exercises")
    env = dict(os.environ)
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                     ("IPYTHONDIR", "ipython"), ("MPLCONFIGDIR", "matplotlib"), ("TMPDIR", "tmp")]:
        env[var] = str(base / sub)
        (base / sub).mkdir()
    env.update(PYTHONHASHSEED="0", JUPYTER_PLATFORM_DIRS="1")
    env.pop("JUPYTER_PATH", None)  # kernelspecs: only this environment's (a user's python3 could shadow it)
    env.pop("MPLBACKEND", None)  # the kernel then uses the inline backend, as in the stored notebooks
    write_settings(base / "settings")
    port, token = free_port(), secrets.token_hex(24)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={served}", "--ServerApp.terminals_enabled=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "server.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, cwd=served, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL,
                                   preexec_fn=_new_group_dying_with_parent)
    server = Lab(f"http://127.0.0.1:{port}", token, served, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with status {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on {server.url} within 90 s:\n{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        stop_process_group(process)


@pytest.fixture(scope="session")
def playwright_driver(requirements: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()


@pytest.fixture
def page(playwright_driver: Any, requirements: Path, lab: Lab, tmp_path: Path) -> Iterator[Any]:
    """A page of a fresh Chromium (new user-data dir); closes it and the kernels the test started."""
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"), executable_path=str(requirements), headless=True,
        args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 900})
    try:
        context.set_default_timeout(60_000)
        page = context.pages[0] if context.pages else context.new_page()
        yield page
    finally:
        try:
            context.close()
        finally:
            try:
                lab.shutdown_sessions()
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# ---------------------------------------------------------------------------------------------- course website
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@dataclass
class StaticServer:
    """A folder served over HTTP on 127.0.0.1 by a thread of the test process."""

    url: str
    root: Path
    server: http.server.ThreadingHTTPServer


@pytest.fixture(scope="session")
def serve_folder() -> Iterator[Callable[[Path], StaticServer]]:
    """Return ``serve(folder) -> StaticServer`` (a free port on 127.0.0.1); every server stops at session end."""
    servers: list[StaticServer] = []

    def serve(folder: Path) -> StaticServer:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True).start()
        served = StaticServer(f"http://127.0.0.1:{server.server_address[1]}", folder, server)
        servers.append(served)
        return served

    try:
        yield serve
    finally:
        for served in servers:
            served.server.shutdown()
            served.server.server_close()


@pytest.fixture(scope="session")
def browser(playwright_driver: Any, requirements: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One fresh Chromium (new user-data dir, the suite's offline flags) for the session, without JupyterLab."""
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(requirements), headless=True,
        args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 900})
    try:
        context.set_default_timeout(60_000)
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_violations(requirements: Path) -> Callable[..., list[str]]:
    """Return ``check(page, context=None, impacts=AXE_FAILING_IMPACTS, rules=())``: the axe-core violations on
    ``page`` (only inside the CSS selector ``context`` when given) whose impact is in ``impacts`` or whose rule id
    is in ``rules``, one line per rule with its impact, help text and up to five failing nodes.

    Text whose colour equals its background's is reported too: axe-core files it under "incomplete" (it may be
    text hidden on purpose), but on these pages it is text a reader cannot see (say, a dark-mode rule of the
    theme colouring a box's text like the box)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        if in_ci():
            pytest.fail(f"browser tests cannot run in CI: {MISSING_AXE}", pytrace=False)
        pytest.skip(MISSING_AXE)
    axe = Axe()

    def check(page: Any, context: str | None = None, impacts: tuple[str, ...] = AXE_FAILING_IMPACTS,
              rules: tuple[str, ...] = ()) -> list[str]:
        results = axe.run(page, context=context, options={"resultTypes": ["violations", "incomplete"]})
        found = []
        invisible = [dict(v, id="color-contrast (text in its background's colour)",
                          nodes=[n for n in v["nodes"] if "1:1 contrast ratio" in json.dumps(n)])
                     for v in results.response.get("incomplete", []) if v["id"] == "color-contrast"]
        for violation in results.response["violations"] + [v for v in invisible if v["nodes"]]:
            if violation.get("impact") in impacts or violation["id"] in rules:
                nodes = "; ".join(" ".join(map(str, n["target"])) + f" ({n.get('html', '')[:120]})"
                                  for n in violation["nodes"][:5])
                more = f" and {len(violation['nodes']) - 5} more" if len(violation["nodes"]) > 5 else ""
                found.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}: {nodes}{more}")
        return found

    return check
