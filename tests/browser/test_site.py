"""The course website (``make site``): built once per session into a temporary folder, served on 127.0.0.1 and
opened page by page in Chromium.

Checked on every page: it renders (no script error, no failed request, no request off 127.0.0.1), every image
loaded (``naturalWidth > 0``), every internal link and anchor resolves to a built file, and axe-core finds no
violation of impact "serious" or "critical" (nor of ``heading-order``). Checked on the built files: no external
script, stylesheet, image or font; the course map is the notebooks' own titles, times and exercise links;
previous/next follow the course; no solution line of exercises_src/ is anywhere in the site; every figure has
a text alternative; each predict-first prompt keeps its answer hidden until the reader chooses, and the cell
that reveals it is folded. The same axe-core check runs on JupyterLab's rendering of one notebook.

Run alone: ``.venv/bin/python -m pytest -p no:cacheprovider -o addopts= tests/browser/test_site.py`` (about
two minutes on 2 cores, most of it the JupyterLab notebook).
"""

from __future__ import annotations

import ast
import functools
import html
import html.parser
import importlib
import importlib.util
import json
import os
import posixpath
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gausslearn.paths import Course

ROOT = Path(__file__).resolve().parents[2]
COURSE = Course.here()
WEBSITE = ROOT / "website"
sys.path.insert(0, str(WEBSITE / "_ext"))
import gausslearn_site  # noqa: E402  (the site's Sphinx extension: the course map as data, MISSING_ALT)

NOTEBOOKS = sorted(p.stem for p in COURSE.executed.glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(p.stem for p in COURSE.exercises.glob("ex[0-9][0-9]_*.ipynb"))
#: The reading order of the site (index, notebooks, exercises: the toctrees of website/index.md).
ORDER = ["index.html"] + [f"notebooks/{n}.html" for n in NOTEBOOKS] + [f"exercises/{e}.html" for e in EXERCISES]
PAGES = [*ORDER, "search.html", "genindex.html"]
#: The notebook opened in JupyterLab for the axe check: figures, printed output and predict-first prompts.
LAB_NOTEBOOK = "01_pixel_grids"
#: Link texts that do not say where a link goes.
VAGUE_LINKS = {"here", "click here", "this", "link", "more", "read more", "this page", "this link"}
MISSING_SITE_PACKAGES = ("the site needs Sphinx, myst-nb and sphinx-book-theme: run "
                         "`.venv/bin/python -m pip install -e '.[dev]'`")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass
class BuiltSite:
    root: Path        # the built site (what `make site` writes to site/)
    source: Path      # the staged Sphinx sources (index.md, notebooks/, exercises/)
    log: str          # Sphinx's output

    @property
    def warnings(self) -> list[str]:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.log)
        return [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built by website/build_site.py (the command `make site` runs) into a temporary folder."""
    missing = [m for m in ("sphinx", "myst_nb", "sphinx_book_theme") if importlib.util.find_spec(m) is None]
    if missing:
        if in_ci():
            pytest.fail(f"the site cannot be built in CI ({', '.join(missing)} missing): {MISSING_SITE_PACKAGES}",
                        pytrace=False)
        pytest.skip(MISSING_SITE_PACKAGES)
    base = tmp_path_factory.mktemp("website")
    command = [sys.executable, str(WEBSITE / "build_site.py"), "--out", str(base / "site"), "--work", str(base / "work")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"the site did not build (exit {done.returncode}):\n{log[-6000:]}"
    return BuiltSite(base / "site", base / "work" / "src", log)


@pytest.fixture(scope="session")
def site_url(site: BuiltSite, serve_folder: Any) -> str:
    return serve_folder(site.root).url


# ----------------------------------------------------------------------------------------- reading built HTML
class _Parsed(html.parser.HTMLParser):
    """Tags with attributes, ids, and text lines of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


@functools.cache
def parse(path: Path) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def html_files(site: BuiltSite) -> list[str]:
    return sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html"))


def normalise(text: str) -> str:
    return " ".join(text.split())


SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


# ------------------------------------------------------------------------------------------- build and files
def test_site_builds_without_warnings_other_than_alt_texts(site: BuiltSite) -> None:
    """Broken cross-references, bad notebooks, unknown outputs: any Sphinx warning but the alt-text ones
    (test_every_figure_has_a_written_text_alternative reports those, by figure) fails."""
    other = [w for w in site.warnings if "[gausslearn.alt]" not in w]
    assert not other, "Sphinx warned:\n" + "\n".join(other)


def test_every_notebook_and_exercise_has_a_page_and_nothing_else_is_built(site: BuiltSite) -> None:
    assert NOTEBOOKS and EXERCISES, "no executed notebooks or exercises: run `make notebooks`"
    assert html_files(site) == sorted(PAGES), "pages built differ from the course's notebooks and exercises"
    assert not (site.root / "solutions").exists()


def test_no_external_scripts_styles_images_or_fonts(site: BuiltSite) -> None:
    """Offline at view time: nothing a page loads comes from another host. Plain hyperlinks are allowed."""
    external = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
    found = []
    for name in html_files(site):
        for tag, attrs in parse(site.root / name).tags:
            for attr in ("src", "href", "data", "srcset", "poster"):
                value = attrs.get(attr, "")
                if not value or (tag == "a" and attr == "href"):
                    continue
                if external.match(value):
                    found.append(f"{name}: <{tag} {attr}={value!r}>")
            if re.search(r"url\(\s*['\"]?(https?:)?//", attrs.get("style", ""), re.IGNORECASE):
                found.append(f"{name}: <{tag} style=...url(external)>")
        text = (site.root / name).read_text(encoding="utf-8")
        found += [f"{name}: <style> {m}" for m in re.findall(r"@import\s+url\(\s*['\"]?(?:https?:)?//[^)]*\)", text)]
    for css in site.root.rglob("*.css"):
        for match in re.findall(r"(?:url\(|@import\s+)\s*['\"]?((?:https?:)?//[^)'\"\s]+)", css.read_text(errors="replace")):
            found.append(f"{css.relative_to(site.root)}: {match}")
    assert not found, "the site loads resources from other hosts:\n" + "\n".join(found)


def test_course_map_is_read_from_the_notebooks(site: BuiltSite) -> None:
    """The start page's table has one row per notebook: number, first heading, time estimate and exercise link."""
    rows = gausslearn_site.course_map(COURSE.executed, COURSE.exercises)
    assert [r.name for r in rows] == NOTEBOOKS
    for row in rows:
        assert row.topic and row.time and row.exercise in EXERCISES, f"{row.name}: incomplete map row {row}"
    text = (site.root / "index.html").read_text(encoding="utf-8")
    table = text[text.index("gl-course-map"):]
    table = table[: table.index("</table>")]
    # Sphinx's smart quotes print an apostrophe as ’ (typography, not a different title)
    cells = [normalise(html.unescape(re.sub(r"<[^>]+>", " ", c))).translate(SMART_QUOTES)
             for c in re.findall(r"<td[^>]*>(.*?)</td>", table, flags=re.DOTALL)]
    expected = [[r.number, r.topic, r.time, r.exercise_title] for r in rows]
    assert [cells[i:i + 4] for i in range(0, len(cells), 4)] == expected
    links = re.findall(r'<a[^>]+href="([^"#]+)"', table)
    assert links == [link for r in rows for link in (f"notebooks/{r.name}.html", f"exercises/{r.exercise}.html")]


def _link_target(site: BuiltSite, name: str, cls: str) -> str | None:
    """The page (relative to the site) that the first link of CSS class ``cls`` on page ``name`` points to."""
    for tag, attrs in parse(site.root / name).tags:
        if tag == "a" and cls in attrs.get("class", "").split():
            return posixpath.normpath(posixpath.join(posixpath.dirname(name), attrs["href"]))
    return None


def test_previous_and_next_links_follow_the_course(site: BuiltSite) -> None:
    for i, name in enumerate(ORDER):
        assert _link_target(site, name, "left-prev") == (ORDER[i - 1] if i else None), f"{name}: previous link"
        assert _link_target(site, name, "right-next") == (ORDER[i + 1] if i + 1 < len(ORDER) else None), (
            f"{name}: next link")


def _solution_regions_function() -> Any:
    """``solution_regions`` of the grading package, wherever the reorganisation puts it (None if nowhere)."""
    for path in sorted((ROOT / "gausslearn" / "grading").rglob("exercises.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        try:
            function = getattr(importlib.import_module(module), "solution_regions", None)
        except Exception:  # a half-moved module must not hide the check: fall back to reading the markers
            continue
        if callable(function):
            return function
    return None


def _read_solution_regions(path: Path) -> list[list[str]]:
    """The code lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (the markers' own rule)."""
    regions: list[list[str]] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s == "### BEGIN SOLUTION":
            inside, regions = True, [*regions, []]
        elif s == "### END SOLUTION":
            inside = False
        elif inside and s and not s.startswith("#"):
            regions[-1].append(s)
    return regions


def _notebook_lines(path: Path) -> set[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {line.strip() for c in cells for line in gausslearn_site._source(c).splitlines()}


def _site_lines(path: Path) -> set[str]:
    """The text lines a reader (or a download) gets from one built file."""
    if path.suffix == ".html":
        return {line.strip() for line in "".join(parse(path).text).splitlines()}
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return {line.strip() for c in json.loads(text)["cells"] for line in gausslearn_site._source(c).splitlines()}
    except (ValueError, KeyError, TypeError):
        return {line.strip() for line in text.splitlines()}


def test_no_solution_line_is_anywhere_in_the_site(site: BuiltSite) -> None:
    """Every code line of every solution region must be absent from every built file (pages, downloads, search
    index), unless the same line is published anyway (it is in a blank exercise or a course notebook)."""
    finder = _solution_regions_function() or _read_solution_regions
    sources = sorted(COURSE.exercise_sources.glob("ex[0-9][0-9]_*.py"))
    assert sources, "no exercise sources found"
    published = set().union(*(_notebook_lines(p) for p in [*COURSE.executed.glob("*.ipynb"),
                                                             *COURSE.exercises.glob("*.ipynb")]))
    secret = {line: src.name for src in sources for region in finder(src) for line in region
              if line not in published and len(line) > 5}
    assert len(secret) > 50, f"only {len(secret)} solution lines found: is the marker format still the same?"
    leaks = []
    for path in sorted(p for p in site.root.rglob("*") if p.is_file() and p.suffix in {".html", ".txt", ".js", ".ipynb"}):
        for line in _site_lines(path) & secret.keys():
            leaks.append(f"{path.relative_to(site.root)}: {line!r} (solution of {secret[line]})")
    assert not leaks, "solution lines on the site:\n" + "\n".join(leaks[:40])


def test_every_figure_has_a_written_text_alternative(site: BuiltSite) -> None:
    """Every <img> has an alt text that is not a file name, not gausslearn_site.MISSING_ALT (a figure whose
    notebook output gives no description) and not one generated from the figure's labels (an <img> marked
    gausslearn_site.GENERATED_ALT); the build warned about none. The course's figures are <img> tags in their
    notebook's text/html output (gausslearn.plotting.png_html): each notebook page holds all of them."""
    bad, missing, generated = [], [], []
    for name in html_files(site):
        for tag, attrs in parse(site.root / name).tags:
            if tag != "img":
                continue
            alt = attrs.get("alt", "").strip()
            where = f"{name}: {attrs.get('src', '')[:60]}"
            if not alt or re.search(r"\.(png|jpe?g|gif|svg)$|_images/", alt, re.IGNORECASE):
                bad.append(f"{where} alt={alt!r}")
            elif alt == gausslearn_site.MISSING_ALT:
                missing.append(where)
            elif attrs.get(gausslearn_site.GENERATED_ALT) == "true":
                generated.append(f"{where} alt={alt!r}")
    assert not bad, "images without a real alt attribute:\n" + "\n".join(bad)
    assert not missing, "figures whose notebook output gives no description:\n" + "\n".join(missing)
    assert not generated, "figures with only a generated description:\n" + "\n".join(generated)
    warned = [w for w in site.warnings if "[gausslearn.alt]" in w]
    assert not warned, "the build warned about alt texts:\n" + "\n".join(warned)
    total = 0
    for name in NOTEBOOKS:
        cells = json.loads((COURSE.executed / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        stored = sum("".join(o.get("data", {}).get("text/html", "")).count('<img class="gl-plot"')
                     for c in cells if c["cell_type"] == "code" for o in c["outputs"])
        shown = sum(1 for tag, attrs in parse(site.root / "notebooks" / f"{name}.html").tags
                    if tag == "img" and "gl-plot" in attrs.get("class", "").split())
        assert shown == stored, f"{name}: {stored} figures in the notebook, {shown} on its page"
        total += shown
    assert total > 10, f"only {total} course figures on the site"


def _prompts(notebook: Path) -> list[tuple[str, str]]:
    """(key, explanation) of each predict(...) call in the notebook's code cells."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code" or "predict(" not in gausslearn_site._source(cell):
            continue
        for node in ast.walk(ast.parse(gausslearn_site._source(cell))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "predict":
                kwargs = {k.arg: k.value for k in node.keywords}
                explanation = kwargs.get("explanation", node.args[3] if len(node.args) > 3 else None)
                found.append((ast.literal_eval(kwargs["key"]), ast.literal_eval(explanation)))
    return found


def test_each_prompt_is_followed_by_a_folded_reveal(site: BuiltSite) -> None:
    """In the staged notebooks every prompt's code (it spells out the answer) is removed and a code cell tagged
    hide-output follows it (the author's tag or the build's default, website/build_site.py); on the page that
    cell's output sits in a closed <details>."""
    for name in NOTEBOOKS:
        cells = json.loads((site.source / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        starts = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and "predict(" in gausslearn_site._source(c)]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(cells)
            assert any("hide-output" in cells[i].get("metadata", {}).get("tags", []) for i in range(start + 1, end)), (
                f"{name}: no folded reveal after the prompt in cell {start}")
            assert "remove-input" in cells[start]["metadata"].get("tags", []), (
                f"{name}: the code of the prompt in cell {start} (which holds its answer) is shown")
        page = (site.root / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        folded = page.count('class="cell tag_hide-output')
        assert folded >= len(starts), f"{name}: {len(starts)} prompts but {folded} folded outputs"
        assert "<details open" not in page


# ------------------------------------------------------------------------------------------------ in a browser
@pytest.fixture
def site_page(browser: Any, site_url: str) -> Iterator[Any]:
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()


def _watch(page: Any, base: str) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"off-site": [], "failed": [], "errors": []}
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:"))
            else seen["off-site"].append(r.url))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: seen["failed"].append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _broken_links(site: BuiltSite, base: str, page_name: str, hrefs: list[str]) -> list[str]:
    broken = []
    for href in sorted(set(hrefs)):
        if not href.startswith(base + "/"):
            continue
        parts = urllib.parse.urlsplit(href)
        path = urllib.parse.unquote(parts.path).lstrip("/")
        target = site.root / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page_name}: {href} -> no file {target.relative_to(site.root)}")
        elif parts.fragment and target.suffix == ".html" and urllib.parse.unquote(parts.fragment) not in parse(target).ids:
            fragment = urllib.parse.unquote(parts.fragment)
            what = (f"a link to {fragment}, which is not in the course" if fragment.endswith(".ipynb")
                    else f"no anchor #{fragment} in {target.relative_to(site.root)}")  # MyST leaves a missing file as #name
            broken.append(f"{page_name}: {href} -> {what}")
    return broken


#: The theme fades colours when its mode changes: axe-core must not measure contrast half-way through a fade.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
ALL_IMAGES_SETTLED = "() => [...document.images].every(i => i.complete)"
BROKEN_IMAGES = "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => ({href: a.href,
    name: (a.getAttribute('aria-label') || a.innerText || a.title || '').trim()}))"""


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_with_images_links_and_no_serious_axe_violation(
        site: BuiltSite, site_url: str, site_page: Any, axe_violations: Any, name: str) -> None:
    seen = _watch(site_page, site_url)
    site_page.goto(f"{site_url}/{name}", wait_until="load")
    # folded outputs and prompts hold images too: open every <details> and check them all
    site_page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    site_page.wait_for_function(ALL_IMAGES_SETTLED, timeout=60_000)
    assert site_page.evaluate(BROKEN_IMAGES) == [], f"{name}: images that did not load"
    links = site_page.evaluate(LINKS)
    broken = _broken_links(site, site_url, name, [link["href"] for link in links])
    assert not broken, "\n".join(broken)
    vague = [f"{link['name']!r} -> {link['href']}" for link in links if link["name"].lower() in VAGUE_LINKS]
    assert not vague, f"{name}: links whose text does not say where they go: {vague}"
    site_page.wait_for_load_state("networkidle")
    # before axe runs: axe-core fetches stylesheets itself and resolves their @import against the page
    assert not seen["off-site"], f"{name} requested other hosts: {seen['off-site']}"
    assert not seen["failed"], f"{name}: requests that failed: {seen['failed']}"
    assert not seen["errors"], f"{name}: script errors: {seen['errors']}"
    assert site_page.locator("main h1:visible").count() == 1, f"{name}: not exactly one visible h1 in the content"
    # axe on the page with every <details> open (folded outputs included), then as a reader first gets it, in
    # the theme's light and dark modes (the theme follows the reader's system setting)
    problems = axe_violations(site_page, rules=("heading-order",))
    for scheme in ("light", "dark"):
        site_page.emulate_media(color_scheme=scheme)
        site_page.reload(wait_until="load")
        site_page.add_style_tag(content=NO_TRANSITIONS)
        site_page.wait_for_function(ALL_IMAGES_SETTLED, timeout=60_000)
        for button in site_page.locator(".gl-predict-static").all():  # the revealed verdict too
            option = button.locator("button.gl-predict-option")
            if option.count():
                option.first.click()
        problems += [f"({scheme}) {p}" for p in axe_violations(site_page, rules=("heading-order",))]
    assert not problems, f"axe-core on {name}:\n" + "\n".join(problems)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if _prompts(COURSE.executed / f"{n}.ipynb")])
def test_predict_prompts_keep_the_answer_until_the_reader_chooses(site_url: str, site_page: Any, name: str) -> None:
    """Before any action neither the prompt's explanation nor the folded reveal's output is visible; choosing an
    option (predict.js) or opening the prompt's answer shows the explanation, and the reveal opens on a click."""
    site_page.goto(f"{site_url}/notebooks/{name}.html", wait_until="load")
    prompts = _prompts(COURSE.executed / f"{name}.ipynb")
    shown = normalise(site_page.inner_text("main"))  # what a reader sees: not the prompt's code either
    assert not [key for key, explanation in prompts if normalise(explanation)[:60] in shown], (
        f"{name}: explanations visible before any choice")
    for key, explanation in prompts:
        prompt = site_page.locator(f".gl-predict-static[data-key='{key}']")
        assert prompt.count() == 1, f"{name}: prompt {key} not on the page"
        words = normalise(explanation)[:60]
        option = prompt.locator("button.gl-predict-option")
        assert option.count() >= 3, f"{name}: prompt {key} has no option buttons (predict.js did not run)"
        option.first.click()
        site_page.wait_for_function("([el, words]) => el.innerText.replace(/\\s+/g, ' ').includes(words)",
                                    arg=[prompt.element_handle(), words], timeout=30_000)
    reveals = site_page.locator(".cell.tag_hide-output")
    assert reveals.count() > 0
    for i in range(reveals.count()):
        reveal = reveals.nth(i)
        output = reveal.locator(".cell_output").first
        assert not output.is_visible(), f"{name}: a folded reveal shows its output before it is opened"
        reveal.locator("details > summary").first.click()
        output.wait_for(state="visible")


@pytest.mark.timeout(120)
def test_search_works_offline(site_url: str, site_page: Any) -> None:
    seen = _watch(site_page, site_url)
    site_page.goto(f"{site_url}/search.html?q=sigma", wait_until="load")
    results = site_page.locator("#search-results li")
    results.first.wait_for(state="visible", timeout=60_000)
    assert results.count() >= 3, "the search for 'sigma' finds fewer than 3 pages"
    assert any("05_sigma" in (a or "") for a in results.locator("a").evaluate_all("as => as.map(a => a.href)"))
    assert not seen["off-site"] and not seen["failed"], seen


# ------------------------------------------------------------------------------------------------- JupyterLab
@pytest.mark.timeout(300)
def test_jupyterlab_notebook_has_no_serious_axe_violation(page: Any, lab: Any, axe_violations: Any,
                                                          screenshots: Path) -> None:
    """axe-core on JupyterLab's rendering of one notebook after Run All: its rendered markdown and its outputs
    (figures, printed text, the predict-first widgets), which the course writes.

    Scoped to those: the rest of the notebook panel is JupyterLab's own and has violations the course cannot
    fix (JupyterLab 4.6): aria-allowed-attr on the debugger toolbar button, aria-input-field-name and
    scrollable-region-focusable on the CodeMirror cell editors, aria-required-children on the cell list
    (role="feed"), button-name on the collapse-heading buttons.

    Figures display as text/html, an <img> with its alt text (gausslearn.plotting.png_html): JupyterLab 4's
    renderer of image/png outputs would give them no alt at all."""
    from test_lab import PANEL, open_notebook, run_all  # the suite's JupyterLab helpers (same folder)

    open_notebook(page, lab, LAB_NOTEBOOK)
    run_all(page)
    page.wait_for_function(ALL_IMAGES_SETTLED, timeout=60_000)
    content = f"{PANEL} .jp-MarkdownOutput, {PANEL} .jp-OutputArea"
    assert page.locator(content).count() > 10, "the notebook's markdown and outputs did not render"
    figures = page.locator(f"{PANEL} .jp-OutputArea img")
    assert figures.count() > 0 and figures.count() == page.locator(f"{PANEL} .jp-OutputArea img.gl-plot").count(), (
        "the notebook's figures did not render as the course's <img> tags")
    alts = figures.evaluate_all("imgs => imgs.map(i => (i.getAttribute('alt') || '').trim())")
    assert all(len(alt) > 20 for alt in alts), f"figures without a real alt text: {alts}"
    sizes = figures.evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.clientWidth, i.clientHeight])")
    assert all(natural > 0 and 0 < shown <= natural and high > 0 for natural, shown, high in sizes), sizes
    figures.first.scroll_into_view_if_needed()
    page.locator(f"{PANEL} .jp-OutputArea-output:has(img.gl-plot)").first.screenshot(
        path=str(screenshots / f"{LAB_NOTEBOOK}-figure.png"))
    problems = axe_violations(page, context=content, rules=("heading-order",))
    assert not problems, f"axe-core on {LAB_NOTEBOOK} in JupyterLab:\n" + "\n".join(problems)
