r"""Sphinx extension of the course website: the course map, figure alt texts, and maths as MathML.

Loaded by ``website/conf.py``. Everything here is small glue around what Sphinx, myst-nb and docutils already do:

``course-map`` directive
    The start page's table (notebook, topic, time, exercise), read from the notebooks themselves, so nothing is
    typed twice: the topic is the first heading (``# 05 · Sigma: how much to blur``), the time the
    ``**Time:** ...`` line of the first markdown cell, and the exercise the ``exercises/exNN_name.ipynb`` link in
    the last markdown cells; the exercise's title is its own first heading. :func:`course_map` is the same
    reading as plain data (the tests use it).

Alt texts of notebook figures
    The course's figures (``gausslearn.plotting``) and the explorers' static pictures are ``text/html`` outputs,
    an ``<img src="data:image/png;base64,..." alt="...">`` that myst-nb copies into the page as it is (raw HTML).
    On ``doctree-read`` this extension checks each such ``<img>``: one with no ``alt`` gets :data:`MISSING_ALT`
    and a warning; one whose ``alt`` was generated from the figure's labels (marked
    ``data-gl-alt-generated="true"``, :data:`GENERATED_ALT`) keeps it, with a warning: an author should write one.
    Warnings have type ``gausslearn``, subtype ``alt``.

    Other image outputs (``image/png`` and the like, from code outside the course's plotting module) become
    image nodes, which myst-nb 1.4 gives only the ``width`` and ``height`` of the output metadata (an ``alt``
    there is ignored) and docutils then the file name as ``alt``. Their ``alt`` is set from the output that made
    them, first found of: ``metadata["image/png"]["alt"]`` (the mime type of the image), ``metadata["alt"]``, and
    the output's ``text/plain`` when it is a description rather than a Python repr (``<Figure size 640x480 with 1
    Axes>``). The image is matched by content: myst-nb names an image file by the SHA-256 of its bytes. Without
    any of these it gets :data:`MISSING_ALT` and a warning; a metadata ``alt`` marked ``"alt_generated": true``
    is kept, with a warning.

Folded cells
    myst-nb writes ``<summary aria-label="Toggle hidden content">`` around "Show code cell output", so a screen
    reader announces "Toggle hidden content" instead of the visible words. The visitor is replaced by the same
    markup without that label, so the button's name is what it says (WCAG 2.5.3, label in name).

Maths as MathML
    The HTML math renderer ``mathml`` turns ``$...$`` and ``$$...$$`` into MathML with docutils' own LaTeX
    converter, at build time (amsmath's ``\dots`` family, which it lacks, becomes ``\ldots``/``\cdots``).
    Browsers render MathML natively and screen readers read it, and no MathJax is fetched from a CDN (the site
    works offline). TeX it cannot convert is shown as code, with a warning (type ``gausslearn``, subtype ``math``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import html.parser
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from docutils.utils.math import latex2mathml
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: ``alt`` of a notebook figure whose output carries no description (a warning names each one).
MISSING_ALT = "Figure (no text description yet)"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")
#: Python's default reprs: no description (``<Figure size 640x480 with 1 Axes>``, ``<... at 0x7f...>``).
REPR = re.compile(r"^<[^>]*(\bat 0x[0-9a-f]+|\bsize \d+x\d+ with \d+ Axes?)>$", re.IGNORECASE)
TITLE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
TIME = re.compile(r"\*\*Time:\*\*\s*(.+?)\.?\s*$", re.MULTILINE)
EXERCISE_LINK = re.compile(r"\]\((?:\.\./)?exercises/(ex\d\d_[a-z0-9_]+)\.ipynb\)")
#: How many markdown cells from the end are searched for the exercise link.
LAST_CELLS = 3


# ----------------------------------------------------------------------------------------------- course map
@dataclass(frozen=True)
class Lesson:
    """One row of the course map."""

    name: str           # file stem, e.g. "05_sigma"
    number: str         # "05"
    topic: str          # "Sigma: how much to blur"
    time: str           # "about 35 minutes" ("" when the notebook gives none)
    exercise: str       # "ex06_sigma" ("" when the notebook links none)
    exercise_title: str  # "Exercise 6: choose sigma from the noise"


def _cells(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _markdown(path: Path) -> list[str]:
    return [_source(c) for c in _cells(path) if c.get("cell_type") == "markdown"]


def first_heading(path: Path) -> str:
    """The text of the first ``# `` heading of a notebook ("" when it has none)."""
    for text in _markdown(path):
        match = TITLE.search(text)
        if match:
            return match.group(1)
    return ""


def lesson(path: Path, exercises: Path) -> Lesson:
    """Read one course notebook's row of the map (see the module docstring for the rules)."""
    markdown = _markdown(path)
    title = first_heading(path)
    number, _, topic = title.partition(" · ")
    if not topic:
        number, topic = path.stem[:2], title
    time = TIME.search(markdown[0]) if markdown else None
    exercise = ""
    for text in reversed(markdown[-LAST_CELLS:]):
        links = EXERCISE_LINK.findall(text)
        if links:
            exercise = links[0]
            break
    exercise_path = exercises / f"{exercise}.ipynb"
    exercise_title = first_heading(exercise_path) if exercise and exercise_path.is_file() else ""
    return Lesson(path.stem, number.strip(), topic.strip(), time.group(1) if time else "", exercise,
                  exercise_title or exercise)


def course_map(notebooks: Path, exercises: Path) -> list[Lesson]:
    """Every course notebook ``NN_name.ipynb`` in ``notebooks``, in file-name order, as a map row."""
    return [lesson(p, exercises) for p in sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))]


def _cell_text(text: str) -> str:
    """Markdown table cells: no pipes or line breaks."""
    return " ".join(text.replace("|", "\\|").split())


class CourseMap(SphinxDirective):
    """``course-map``: the table of notebooks (topic, time, exercise) read from ``notebooks/`` and ``exercises/``
    beside the page (in the site's source folder)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        rows = course_map(srcdir / "notebooks", srcdir / "exercises")
        for row in rows:
            self.env.note_dependency(str(srcdir / "notebooks" / f"{row.name}.ipynb"))
            if row.exercise:
                self.env.note_dependency(str(srcdir / "exercises" / f"{row.exercise}.ipynb"))
            for field, value in (("time", row.time), ("exercise", row.exercise)):
                if not value:
                    logger.warning(f"course map: notebook {row.name} gives no {field}", type="gausslearn",
                                   subtype="course-map", location=self.get_location())
        lines = ["| notebook | topic | time | exercise |", "| --- | --- | --- | --- |"]
        for row in rows:
            topic = f"[{_cell_text(row.topic)}](notebooks/{row.name}.ipynb)"
            exists = row.exercise and (srcdir / "exercises" / f"{row.exercise}.ipynb").is_file()
            if row.exercise and not exists:
                logger.warning(f"course map: notebook {row.name} links the exercise {row.exercise}, which does not "
                               "exist", type="gausslearn", subtype="course-map", location=self.get_location())
            exercise = (f"[{_cell_text(row.exercise_title)}](exercises/{row.exercise}.ipynb)" if exists
                        else _cell_text(row.exercise) or "none")
            lines.append(f"| {row.number} | {topic} | {_cell_text(row.time) or 'not given'} | {exercise} |")
        container = nodes.container(classes=["gl-course-map"])
        self.state.nested_parse(StringList(lines, source="course-map"), 0, container)
        return [container]


# ------------------------------------------------------------------------------------------------ alt texts
#: The attribute gausslearn.plotting.png_html sets on an ``<img>`` whose alt text was generated, not written.
GENERATED_ALT = "data-gl-alt-generated"
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Alt:
    """The text alternative an output gives its image: ``text`` ("" when none), and whether it was generated."""

    text: str
    generated: bool = False


def output_alt(output: dict[str, Any], mime: str) -> Alt:
    """The description an output gives of its image (see the module docstring)."""
    metadata = output.get("metadata") or {}
    own = metadata.get(mime) if isinstance(metadata.get(mime), dict) else {}
    for where in (own, metadata):
        candidate = where.get("alt")
        if isinstance(candidate, str) and candidate.strip():
            return Alt(" ".join(candidate.split()), bool(where.get("alt_generated")))
    plain = (output.get("data") or {}).get("text/plain", "")
    plain = " ".join(("".join(plain) if isinstance(plain, list) else plain).split())
    if plain and not REPR.match(plain) and not (plain.startswith("<") and plain.endswith(">")):
        return Alt(plain)
    return Alt("")


def _image_bytes(mime: str, content: Any) -> bytes:
    text = "".join(content) if isinstance(content, list) else content
    if mime == "image/svg+xml":
        # as myst-nb writes text outputs: lines joined with the platform's separator
        import os

        return os.linesep.join(text.splitlines()).encode("utf-8")
    return base64.b64decode(text)


def notebook_alts(path: Path) -> dict[str, Alt]:
    """SHA-256 hex digest of each image output's bytes -> its description."""
    alts: dict[str, Alt] = {}
    for cell in _cells(path):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            for mime in IMAGE_TYPES:
                content = (output.get("data") or {}).get(mime)
                if content:
                    digest = hashlib.sha256(_image_bytes(mime, content)).hexdigest()
                    if not (digest in alts and alts[digest].text):
                        alts[digest] = output_alt(output, mime)
    return alts


class _Attributes(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def img_attributes(tag: str) -> dict[str, str]:
    """The attributes of one ``<img ...>`` tag, entities decoded."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def check_html_images(markup: str) -> tuple[str, list[str]]:
    """``markup`` with every ``<img>`` given an ``alt`` (:data:`MISSING_ALT` where it had none), and one problem
    per ``<img>`` without a written alt text."""
    problems: list[str] = []

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = img_attributes(tag)
        if not attrs.get("alt", "").strip():
            problems.append("has no text alternative: give it one where it is made (plotting functions take "
                            "alt=...)")
            tag = re.sub(r"\s+alt\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*)", "", tag, flags=re.IGNORECASE)
            return tag[:4] + f' alt="{html.escape(MISSING_ALT)}"' + tag[4:]
        if attrs.get(GENERATED_ALT, "").lower() == "true":
            problems.append(f"has only a description generated from its labels ({attrs['alt'][:80]!r}): pass "
                            "alt=\"what the figure shows\" to the plotting function that made it")
        return tag

    return IMG_TAG.sub(fix, markup), problems


def set_figure_alts(app: Any, doctree: nodes.document) -> None:
    """``doctree-read``: check the alt text of every figure of a notebook page, and give each image the alt text of
    the output that made it (see the module docstring)."""
    docname = app.env.docname
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split() or "<img" not in raw.astext().lower():
            continue
        markup, problems = check_html_images(raw.astext())
        for problem in problems:
            logger.warning(f"a figure of {docname} {problem}", type="gausslearn", subtype="alt", location=raw)
        if markup != raw.astext():
            raw.replace_self(nodes.raw(raw.rawsource, markup, **raw.attributes))
    alts = notebook_alts(path)
    for image in doctree.findall(nodes.image):
        if image.get("alt"):
            continue
        digest = Path(image["uri"]).stem
        if digest not in alts:
            continue
        alt = alts[digest]
        image["alt"] = alt.text or MISSING_ALT
        if not alt.text or alt.generated:
            what = (f"has only a generated description ({alt.text[:80]!r})" if alt.text else
                    "has no text alternative")
            logger.warning(f"a figure of {docname} {what}: give it one where it is made (the image output's "
                           "metadata 'alt' or a text/plain description)", type="gausslearn", subtype="alt",
                           location=image)


# -------------------------------------------------------------------------------------------------- MathML
#: amsmath commands docutils' converter (0.22) does not know, and the plain LaTeX it does know that renders them.
TEX_ALIASES = {"dots": r"\ldots", "dotsc": r"\ldots", "dotso": r"\ldots", "dotsb": r"\cdots",
               "dotsm": r"\cdots", "dotsi": r"\cdots"}
TEX_ALIAS = re.compile(r"\\(" + "|".join(sorted(TEX_ALIASES, key=len, reverse=True)) + r")(?![A-Za-z])")


def _mathml(translator: Any, node: nodes.Element, block: bool) -> None:
    tex = TEX_ALIAS.sub(lambda m: TEX_ALIASES[m.group(1)], node.astext())
    try:
        try:
            markup = latex2mathml.tex2mathml(tex, as_block=block)
        except TypeError:  # docutils < 0.21 named the argument `inline`
            markup = latex2mathml.tex2mathml(tex, inline=not block)
    except Exception as exc:  # docutils raises SyntaxError and others for TeX it does not know
        logger.warning(f"cannot convert this LaTeX to MathML ({exc}): {tex!r}", type="gausslearn",
                       subtype="math", location=node)
        markup = f"<code>{translator.encode(tex)}</code>"
    if block:
        translator.body.append(translator.starttag(node, "div", CLASS="math gl-math") + markup + "</div>\n")
    else:
        translator.body.append(translator.starttag(node, "span", "", CLASS="math gl-math") + markup + "</span>")
    raise nodes.SkipNode


def visit_math(translator: Any, node: nodes.Element) -> None:
    _mathml(translator, node, block=False)


def visit_displaymath(translator: Any, node: nodes.Element) -> None:
    _mathml(translator, node, block=True)


# --------------------------------------------------------------------------------------------- folded cells
def visit_hidden_cell(translator: Any, node: nodes.Element) -> None:
    """myst-nb's visitor for a folded cell part, without the aria-label that hides the visible text."""
    escape = html.escape
    translator.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    translator.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    translator.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n</summary>\n')


def depart_hidden_cell(translator: Any, node: nodes.Element) -> None:
    translator.body.append("</details>\n")


def setup(app: Any) -> dict[str, Any]:
    from myst_nb.sphinx_ import HideCodeCellNode

    app.setup_extension("myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))
    app.add_directive("course-map", CourseMap)
    app.connect("doctree-read", set_figure_alts)
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
