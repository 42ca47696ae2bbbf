"""The course in a real JupyterLab and Chromium: every notebook runs, and the widgets answer the learner.

Run alone with ``.venv/bin/python -m pytest tests/browser``; the whole suite takes about 3 minutes on 2 cores.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from gausslearn.paths import Course

ROOT = Path(__file__).resolve().parents[2]
COURSE = tuple(sorted(p.stem for p in Course.here().learner.glob("[0-9][0-9]_*.ipynb")))
INTERACTIVE = ("00_start_here", "05_sigma", "06_borders")
NOTEBOOK_TIMEOUT_MS = 150_000

ALL_PROMPTS_DONE = """() => {
    const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:?$/.test(p.textContent.trim()));
}"""
NO_PROMPT_DONE = """() => {
    const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => !/^\\[\\d+\\]:?$/.test(p.textContent.trim()));
}"""
KERNEL_IDLE = """() => {
    const bar = document.querySelector('#jp-main-statusbar');
    return bar !== null && /\\|\\s*Idle/.test(bar.textContent);  // 'Python 3 (ipykernel) | Idle'
}"""
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
FIGURE = f"{PANEL} img.gl-figure, {PANEL} .gl-figure img"


def menu(page: Any, top: str, item: str, attempts: int = 20) -> None:
    """Click ``top`` > ``item`` in the menu bar once the item is enabled (it is disabled while JupyterLab
    has no active notebook, and a click on a disabled item does nothing)."""
    enabled = page.locator(f".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel:text-is('{item}')")
    for _ in range(attempts):
        page.locator(f".lm-MenuBar-itemLabel:text-is('{top}')").click()
        if enabled.count():
            enabled.first.click()
            return
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
    raise AssertionError(f"the menu item {top} > {item} stayed disabled")


def open_notebook(page: Any, lab: Any, name: str) -> None:
    """Open notebooks/<name>.ipynb and wait until its kernel is idle."""
    assert (lab.root / "notebooks" / f"{name}.ipynb").exists(), (
        f"notebooks/{name}.ipynb is missing: run `gausslearn build-notebooks {name[:2]}`")
    page.goto(lab.notebook_url(name))
    page.locator(f"{PANEL} .jp-Cell").first.wait_for(state="visible")
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current").first.click()  # the Edit and Run menus act on the active tab


def run_all(page: Any, stalled: float = 5.0) -> None:
    """Clear every output, run all cells, and wait until every prompt shows [n] and the kernel is idle.

    JupyterLab stops a run at the first error; when the kernel stays idle for ``stalled`` seconds with cells
    left unrun, the test fails at once and shows the errors instead of waiting for the timeout.
    """
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(NO_PROMPT_DONE)
    menu(page, "Run", "Run All Cells")
    deadline, idle_since = time.monotonic() + NOTEBOOK_TIMEOUT_MS / 1000, None
    while time.monotonic() < deadline:
        idle = page.evaluate(KERNEL_IDLE)
        if idle and page.evaluate(ALL_PROMPTS_DONE):
            return
        idle_since = (idle_since or time.monotonic()) if idle else None
        if idle_since is not None and time.monotonic() - idle_since > stalled:
            prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
            first = next(i for i, p in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:?", p.strip()))
            raise AssertionError(f"the run stopped before code cell {first}; errors shown:\n"
                                 + "\n---\n".join(error_outputs(page)))
        time.sleep(0.25)
    raise AssertionError(f"Run All Cells did not finish within {NOTEBOOK_TIMEOUT_MS / 1000:.0f} s")


def expected_errors(lab: Any, name: str) -> int:
    """Error outputs the executed notebook holds (cells tagged raises-exception); the learner copy has none."""
    nb = json.loads((Course.here().executed / f"{name}.ipynb").read_text(encoding="utf-8"))
    return sum(o["output_type"] == "error" for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"])


def error_outputs(page: Any) -> list[str]:
    """Texts of rendered outputs that show a traceback or a widget that failed to display."""
    texts = page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    errors = [t for t in texts if "Traceback" in t or re.search(r"^\w+(Error|Exception)\b", t, re.MULTILINE)]
    widget_failures = page.locator(f"{PANEL} .jp-OutputArea-output:has-text('Error displaying widget')").all_inner_texts()
    return errors + widget_failures


def stable_src(picture: Any, old: str | None = None, settle: float = 0.7, timeout: float = 60) -> str:
    """Wait until the ``picture`` locator's src differs from ``old`` and has stayed the same ``settle`` s.

    A change can replace the image several times; the last one is the one to compare.
    """
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        src = picture.get_attribute("src")
        if src != last:
            last, since = src, time.monotonic()
        elif src and src != old and time.monotonic() - since >= settle:
            return src
        time.sleep(0.1)
    raise AssertionError(f"the picture did not change (or did not settle) within {timeout} s")


def run_notebook(page: Any, lab: Any, screenshots: Path, name: str) -> None:
    """Open a notebook, save a screenshot of its first screen, run all cells, and check for errors."""
    open_notebook(page, lab, name)
    page.screenshot(path=str(screenshots / f"{name}.png"))
    run_all(page)
    errors = error_outputs(page)
    assert len(errors) == expected_errors(lab, name), f"{name} shows errors in JupyterLab:\n" + "\n---\n".join(errors)


# 00, 05 and 06 are run by the interaction tests below (one run-all per notebook keeps the suite short).
@pytest.mark.timeout(200)
@pytest.mark.parametrize("name", [n for n in COURSE if n not in INTERACTIVE])
def test_notebook_runs_in_jupyterlab(page: Any, lab: Any, screenshots: Path, name: str) -> None:
    run_notebook(page, lab, screenshots, name)


@pytest.mark.timeout(200)
def test_sigma_slider_redraws_the_figure(page: Any, lab: Any, screenshots: Path) -> None:
    run_notebook(page, lab, screenshots, "05_sigma")
    handle = page.locator(f"{PANEL} .gl-sigma-slider .noUi-handle").first
    handle.wait_for(state="visible")
    picture = page.locator(FIGURE).first
    value, before = handle.get_attribute("aria-valuenow"), stable_src(picture)
    handle.focus()
    handle.press("ArrowRight")
    after = stable_src(picture, old=before)
    assert after != before
    assert float(handle.get_attribute("aria-valuenow")) > float(value)
    page.locator(f"{PANEL} .gl-sigma-explorer").first.screenshot(path=str(screenshots / "05_sigma-explorer.png"))
    assert len(error_outputs(page)) == expected_errors(lab, "05_sigma")


@pytest.mark.timeout(200)
def test_border_explorer_mode_and_sigma_redraw_the_figure(page: Any, lab: Any, screenshots: Path) -> None:
    """The mode drop-down and, beside it, the sigma slider each redraw the picture; the slider keeps the mode."""
    run_notebook(page, lab, screenshots, "06_borders")
    explorer = page.locator(f"{PANEL} .gl-border-explorer").first
    select = explorer.locator(".gl-border-mode select")
    select.wait_for(state="visible")
    picture = explorer.locator(".gl-figure img, img.gl-figure").first
    description = explorer.locator(".gl-figure-alt")
    before, current = stable_src(picture), select.input_value()
    others = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v != current]
    assert others, "the border-mode dropdown offers a single mode"
    select.select_option(others[0])
    after_mode = stable_src(picture, old=before)
    assert after_mode != before
    handle = explorer.locator(".gl-border-sigma .noUi-handle")
    handle.wait_for(state="visible")
    sigma = float(handle.get_attribute("aria-valuenow"))
    handle.focus()
    handle.press("ArrowRight")
    after_sigma = stable_src(picture, old=after_mode)
    assert after_sigma != after_mode
    assert float(handle.get_attribute("aria-valuenow")) > sigma
    shown = " ".join(description.locator("p").first.text_content().split())  # the picture's text description
    assert f"border mode '{others[0]}' and sigma" in shown and f"sigma {sigma:g} px" not in shown, shown
    assert select.input_value() == others[0]
    explorer.screenshot(path=str(screenshots / "06_borders-explorer.png"))
    assert len(error_outputs(page)) == expected_errors(lab, "06_borders")


@pytest.mark.timeout(200)
def test_predict_prompt_reveals_the_answer(page: Any, lab: Any, screenshots: Path) -> None:
    run_notebook(page, lab, screenshots, "00_start_here")
    prompt = page.locator(f"{PANEL} .gl-predict").first
    prompt.wait_for(state="visible")
    reveal = prompt.locator(".gl-predict-reveal")
    assert reveal.count() == 0 or not reveal.is_visible(), "the answer shows before a choice"
    prompt.locator(".gl-predict-options button, .gl-predict-options input[type=radio]").first.click()
    reveal.wait_for(state="visible")
    assert len(reveal.inner_text().strip()) > 10, f"the reveal shows {reveal.inner_text()!r}"
