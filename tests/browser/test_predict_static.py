"""The static fallback of a predict-first prompt in a real browser, with gausslearn/static/predict.js.

What a reader of the course website gets: the question and the options as buttons, nothing revealed until
a click (or a key press), then the verdict, the reasons and the explanation in a live region; no request
leaves the page. Uses the suite's Chromium (see conftest.py) but no JupyterLab server.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gausslearn.widgets import PREDICT_JS, predict

# Offline on purpose: every host name fails to resolve, so a request from the page could not succeed either.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"]

REASONS = {"2": "one run per press, starting from 0", "4": "three presses, each adding 1 to 1",
           "3": "three presses, forgetting the first run set 1"}
EXPLANATION = "The earlier cell set 1; each of the three runs adds 1 to what the last left, so 4."


def _page_html() -> str:
    first = predict("counter starts at 1; you run `counter = counter + 1` three times. Now?", REASONS, "4",
                    EXPLANATION, key="counter")
    second = predict("Does a blur change the mean grey level?",
                     {"darker": "edges lose light to the black border", "brighter": "bright spots spread out",
                      "unchanged": "the weights sum to 1"}, "unchanged", "The kernel sums to 1.", key="mean")
    body = "\n".join(p._repr_mimebundle_()["text/html"] for p in (first, second))
    script = PREDICT_JS.read_text(encoding="utf-8")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prompts</title></head>'
            f"<body><main>{body}</main><script>{script}</script></body></html>")


@pytest.fixture
def static_page(playwright_driver: Any, requirements: Path, tmp_path: Path) -> Iterator[tuple[Any, list[str]]]:
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"), executable_path=str(requirements), headless=True, args=FLAGS)
    try:
        context.set_default_timeout(20_000)
        page = context.pages[0] if context.pages else context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.set_content(_page_html())
        yield page, requests
    finally:
        context.close()


@pytest.mark.timeout(120)
def test_options_become_buttons_and_nothing_is_revealed_before_a_choice(static_page) -> None:
    page, _ = static_page
    prompt = page.locator(".gl-predict-static[data-key='counter']")
    buttons = prompt.locator("button.gl-predict-option")
    assert buttons.all_inner_texts() == ["2", "4", "3"]
    assert [b.get_attribute("aria-pressed") for b in buttons.all()] == ["false"] * 3
    region = prompt.locator("[aria-live='polite']")
    assert region.get_attribute("role") == "status" and region.is_hidden()
    text = page.inner_text("body")
    assert EXPLANATION not in text and "Right" not in text and "tempting" not in text
    assert "Choose an option to see the answer." in prompt.inner_text()


@pytest.mark.timeout(120)
def test_keyboard_choice_reveals_verdict_reasons_and_explanation_and_locks(static_page) -> None:
    page, requests = static_page
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the second option of the first prompt: "4", the answer
    assert page.evaluate("document.activeElement.textContent") == "4"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # focus is on the answer now: pressing again does nothing
    prompt = page.locator(".gl-predict-static[data-key='counter']")
    region = prompt.locator(".gl-predict-reveal")
    region.wait_for(state="visible")
    assert "gl-predict-correct" in (region.get_attribute("class") or "")
    assert region.locator(".gl-predict-verdict").inner_text() == "Right: 4."
    assert region.locator(".gl-predict-why").inner_text() == f'Why "4" is right: {REASONS["4"]}'
    assert region.locator(".gl-predict-explanation").inner_text() == EXPLANATION
    assert region.locator(".gl-predict-others li").all_inner_texts() == [
        f'Why "2" is tempting: {REASONS["2"]}', f'Why "3" is tempting: {REASONS["3"]}']
    assert page.evaluate("document.activeElement.getAttribute('aria-live')") == "polite"  # focus moved to the answer
    buttons = prompt.locator("button.gl-predict-option").all()
    assert [b.get_attribute("aria-pressed") for b in buttons] == ["false", "true", "false"]
    assert [b.evaluate("b => b.disabled") for b in buttons] == [True, False, True]  # the choice stays readable
    assert buttons[1].get_attribute("aria-disabled") == "true"  # ...but is locked too
    buttons[0].click(force=True)
    assert region.locator(".gl-predict-verdict").inner_text() == "Right: 4."  # a second click changes nothing
    assert prompt.locator(".gl-predict-hint").is_hidden()
    # the other prompt is untouched, and a wrong click there says so
    other = page.locator(".gl-predict-static[data-key='mean']")
    assert other.locator(".gl-predict-reveal").count() == 0
    other.locator("button", has_text="darker").click()
    assert "gl-predict-wrong" in (other.locator(".gl-predict-reveal").get_attribute("class") or "")
    assert 'the answer is "unchanged"' in other.locator(".gl-predict-verdict").inner_text()
    assert html.unescape(other.locator(".gl-predict-why").inner_text()).startswith('Why "darker" is tempting')
    assert requests == [], f"the page made requests: {requests}"
