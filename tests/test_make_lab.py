"""`make lab`, the README's first command, run the way a learner runs it.

The slow test starts the real Makefile target, ``make lab NO_BROWSER=1 PORT=<free port>`` (what the README
gives for a machine without a desktop), in its own process group, with HOME and every Jupyter, IPython,
matplotlib and XDG folder in a temporary folder, so it never reads or writes the developer's settings. It waits
(with a generous deadline, never a timing assertion) until JupyterLab prints the URL to open and answers on it,
then checks that this URL opens the course's first notebook: HTTP 200 for the page, and for the notebook through
the server's REST API (``/api/contents/...`` with the token taken from the printed URL), plus the notebooks the
first one links to (``../exercises/...``). The process group is killed afterwards, also when a check fails.
As root it also checks the one line saying that ``--allow-root`` was added.

The other tests are cheap: they read what ``make -n lab`` would run for the settings the README documents.
"""

from __future__ import annotations

import ctypes
import json
import os
import posixpath
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
#: How long `make lab` may take to answer: it may (re)install .venv first, and CI machines can be loaded.
#: A deadline against hanging, not a speed requirement; it stays under pytest-timeout's 600 s.
STARTUP_DEADLINE = 420.0
#: Per-request guard against a hung connection; not a speed requirement either.
REQUEST_TIMEOUT = 60.0
#: Settings of the user's environment that would change what `make lab` does; the tests give their own.
NOT_INHERITED = {
    "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "GNUMAKEFLAGS",  # set when pytest runs under `make test`
    "PORT", "IP", "NO_BROWSER", "LAB_ARGS", "DISPLAY", "WAYLAND_DISPLAY", "BROWSER",
    "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_TOKEN", "JUPYTER_PORT", "JUPYTER_PREFER_ENV_PATH",
    "XDG_RUNTIME_DIR",
}
#: Folders a user's JupyterLab reads or writes, each moved into the test's temporary folder.
PRIVATE_FOLDERS = {
    "HOME": "home", "JUPYTER_CONFIG_DIR": "jupyter-config", "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime", "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
    "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces", "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib",
    "XDG_CONFIG_HOME": "xdg-config", "XDG_DATA_HOME": "xdg-data", "XDG_CACHE_HOME": "xdg-cache", "TMPDIR": "tmp",
}


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def make_binary() -> str:
    make = shutil.which("make")
    if make is None:
        pytest.fail("`make` is not on PATH: the README's commands need GNU make", pytrace=False)
    return make


def base_env() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}


def isolated_env(base: Path) -> dict[str, str]:
    """The user's environment with every settings folder (and HOME) inside ``base``."""
    env = base_env()
    for name, sub in PRIVATE_FOLDERS.items():
        (base / sub).mkdir(parents=True)
        env[name] = str(base / sub)
    return env


def dry_run(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """The commands ``make -n lab ARGS`` would run (stdout lines); fails with make's output if make fails."""
    command = [make_binary(), "-n", "lab", *args]
    result = subprocess.run(command, cwd=ROOT, env=base_env() if env is None else env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, f"`{shlex.join(command[1:])}` failed:\n{result.stdout}{result.stderr}"
    return result.stdout.splitlines()


def jupyter_command(lines: list[str]) -> list[str]:
    """The words of the `jupyter lab` line among dry-run ``lines``."""
    found = [line for line in lines if re.search(r"(^|/)jupyter lab\b", line)]
    assert len(found) == 1, "`make -n lab` should print one `jupyter lab` command, got:\n" + "\n".join(lines)
    return shlex.split(found[0])


# --- what `make lab` would run ------------------------------------------------------------------------------


def test_make_lab_runs_jupyter_lab_on_the_first_notebook_with_the_project_as_root():
    words = jupyter_command(dry_run())
    assert words[0].endswith(".venv/bin/jupyter") and words[1] == "lab", words
    assert words[-1] == FIRST_NOTEBOOK, f"`make lab` should open {FIRST_NOTEBOOK}: {shlex.join(words)}"
    # The first notebook links to ../exercises/: the server must serve the project, not only notebooks/.
    assert "--ServerApp.root_dir=." in words, shlex.join(words)
    # The URL JupyterLab prints (and `/` redirects to) is the first notebook's.
    assert f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}" in words, shlex.join(words)


def test_make_lab_adds_allow_root_exactly_when_running_as_root():
    lines = dry_run()
    words = jupyter_command(lines)
    said = [line for line in lines if "running as root" in line]
    if is_root():
        assert "--allow-root" in words, f"as root, `make lab` needs --allow-root: {shlex.join(words)}"
        assert len(said) == 1, "as root, `make lab` should say so in one line:\n" + "\n".join(lines)
    else:
        assert "--allow-root" not in words and not said, "\n".join(lines)


def test_make_lab_settings_for_a_remote_machine_reach_jupyter():
    words = jupyter_command(dry_run("NO_BROWSER=1", "PORT=8765", "IP=0.0.0.0",
                                    "LAB_ARGS=--ServerApp.terminals_enabled=False"))
    for flag in ["--no-browser", "--ServerApp.port=8765", "--ServerApp.port_retries=0", "--ServerApp.ip=0.0.0.0",
                 "--ServerApp.terminals_enabled=False"]:
        assert flag in words, f"{flag} missing from: {shlex.join(words)}"


def test_make_lab_defaults_leave_port_and_address_to_jupyter():
    words = jupyter_command(dry_run())
    assert not any(word.startswith(("--ServerApp.port", "--ServerApp.ip")) for word in words), shlex.join(words)


@pytest.mark.parametrize(("settings", "desktop", "expect_no_browser"), [
    ((), {}, sys.platform.startswith("linux")),  # Linux without a desktop: print the URL only
    ((), {"DISPLAY": ":0"}, False),
    ((), {"WAYLAND_DISPLAY": "wayland-0"}, False),
    ((), {"BROWSER": "firefox"}, False),
    (("NO_BROWSER=1",), {"DISPLAY": ":0"}, True),
    (("NO_BROWSER=0",), {}, False),
], ids=["no-desktop", "x11", "wayland", "BROWSER-set", "NO_BROWSER=1", "NO_BROWSER=0"])
def test_make_lab_opens_a_browser_only_where_there_is_a_desktop(settings, desktop, expect_no_browser):
    lines = dry_run(*settings, env={**base_env(), **desktop})
    words = jupyter_command(lines)
    assert ("--no-browser" in words) == expect_no_browser, shlex.join(words)
    told = any("no browser is opened" in line for line in lines)
    assert told == expect_no_browser, "without a browser, `make lab` should say what to open:\n" + "\n".join(lines)


# --- `make lab` for real -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec (Linux): SIGTERM when the test process dies, so no server outlives a killed run."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_group(process: subprocess.Popen[bytes], grace: float = 60.0) -> None:
    """SIGTERM the process group of ``process`` (make and JupyterLab), then SIGKILL what is left after ``grace`` s."""
    pgid = process.pid  # the group leader: started with start_new_session=True
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + grace
    while group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def log_tail(log: Path, lines: int = 60) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


def get(url: str, token: str | None = None) -> tuple[int, str, bytes]:
    """GET ``url``: (status, content type, body); HTTP errors are returned, not raised."""
    headers = {"Authorization": f"token {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def wait_for_printed_url(process: subprocess.Popen[bytes], log: Path, port: int) -> str:
    """The URL `make lab` printed for 127.0.0.1:``port``, once the server answers on it."""
    pattern = re.compile(rf"http://127\.0\.0\.1:{port}/\S+")
    deadline = time.monotonic() + STARTUP_DEADLINE
    while True:
        if process.poll() is not None:
            pytest.fail(f"`make lab` exited with status {process.returncode} before serving:\n{log_tail(log)}",
                        pytrace=False)
        match = pattern.search(log.read_text(errors="replace"))
        if match:
            url = match.group(0)
            token = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("token", [None])[0]
            try:
                status, _, _ = get(f"http://127.0.0.1:{port}/api/status", token)
                if status == 200:
                    return url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
        if time.monotonic() > deadline:
            pytest.fail(f"`make lab` did not print a URL for port {port} and answer on it within "
                        f"{STARTUP_DEADLINE:.0f} s:\n{log_tail(log)}", pytrace=False)
        time.sleep(0.5)


@pytest.fixture
def make_lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Run ``make lab NO_BROWSER=1 PORT=<free>`` in an isolated environment; yield (printed URL, log file).

    The process group (make, JupyterLab and anything they started) is killed afterwards, whatever happened.
    """
    assert (ROOT / FIRST_NOTEBOOK).is_file(), f"{FIRST_NOTEBOOK} is missing: `make lab` opens it"
    env = isolated_env(tmp_path / "user")
    port = free_port()
    log = tmp_path / "make-lab.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([make_binary(), "lab", "NO_BROWSER=1", f"PORT={port}"], cwd=ROOT, env=env,
                                   stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=_die_with_parent)
    try:
        yield wait_for_printed_url(process, log, port), log
    finally:
        stop_group(process)


def notebook_links(notebook: dict[str, Any]) -> set[str]:
    """Relative links to other notebooks in the markdown cells, as paths from the project root."""
    folder = posixpath.dirname(FIRST_NOTEBOOK)
    links = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for target in re.findall(r"\]\(([^)\s#?]+\.ipynb)(?:#[^)]*)?\)", text):
            if "://" not in target and not target.startswith("/"):
                links.add(posixpath.normpath(posixpath.join(folder, target)))
    return links


@pytest.mark.slow
def test_make_lab_serves_the_first_notebook(make_lab):
    url, log = make_lab
    parts = urllib.parse.urlsplit(url)
    token = urllib.parse.parse_qs(parts.query).get("token", [""])[0]
    server = f"{parts.scheme}://{parts.netloc}"
    assert token, f"the printed URL has no token: {url}"
    assert parts.path == f"/lab/tree/{FIRST_NOTEBOOK}", f"the printed URL should open {FIRST_NOTEBOOK}: {url}"

    output = log.read_text(errors="replace")
    if is_root():
        assert "running as root" in output and "--allow-root" in output, output[:2000]
    assert "no browser is opened" in output, output[:2000]

    status, content_type, _ = get(url)
    assert (status, content_type.split(";")[0]) == (200, "text/html"), f"GET {url}: {status} {content_type}"

    api = f"{server}/api/contents/{urllib.parse.quote(FIRST_NOTEBOOK)}"
    status, _, body = get(api, token)
    assert status == 200, f"GET {api}: {status} {body[:500]!r}"
    model = json.loads(body)
    on_disk = json.loads((ROOT / FIRST_NOTEBOOK).read_text(encoding="utf-8"))
    assert (model["type"], model["path"]) == ("notebook", FIRST_NOTEBOOK), {k: model[k] for k in ("type", "path")}
    assert len(model["content"]["cells"]) == len(on_disk["cells"]) > 0

    status, _, _ = get(api)
    assert status in (401, 403), f"without the token the server must refuse the notebook, got HTTP {status}"

    missing = {}
    for path in sorted(notebook_links(on_disk)):
        status, _, _ = get(f"{server}/api/contents/{urllib.parse.quote(path)}?content=0", token)
        if status != 200:
            missing[path] = status
    assert not missing, f"notebooks linked from {FIRST_NOTEBOOK} that JupyterLab cannot open: {missing}"
