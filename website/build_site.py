"""Build the course website: ``python website/build_site.py [--out site]`` (what ``make site`` runs).

1. Stage the sources in a fresh folder (default ``build/website/src``, git-ignored): ``index.md`` from this
   folder, the executed course notebooks ``executed/NN_name.ipynb`` as ``notebooks/NN_name.ipynb`` (so the
   notebooks' links ``../exercises/...`` and the exercises' links ``../notebooks/...`` resolve as they do in
   JupyterLab), and the blank exercises ``exercises/exNN_name.ipynb``. Solutions are never staged; a staged
   exercise holding a solution marker stops the build.
2. Keep the answer of each predict-first prompt hidden: the prompt's own code (which spells out the answer and
   the explanation) gets myst-nb's ``remove-input`` tag, so the page shows only the rendered prompt; and the
   output of the cell that reveals the answer gets ``hide-output`` (folded under a "Show code cell output"
   button). Authors tag that cell ``hide-output`` in ``notebooks_src/``; for a prompt whose following cells
   carry no such tag, the first code cell with an output after the prompt (and before the next prompt) is taken
   as its reveal and tagged in the staged copy.
3. Run Sphinx (myst-nb, sphinx-book-theme; configuration in this folder) into ``--out``; nothing is executed and
   nothing is downloaded. Warnings are printed; ``--strict`` turns them into an error.

Open ``site/index.html`` in a browser, or serve it: ``python -m http.server -d site``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from gausslearn.paths import Course  # noqa: E402

HIDE = "hide-output"
REMOVE_INPUT = "remove-input"
#: Solution markers of exercises_src/ (gausslearn/grading/exercises.py): never on the site.
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def is_prompt(cell: dict[str, Any]) -> bool:
    """A code cell that shows a predict-first prompt (gausslearn.widgets.predict)."""
    if cell.get("cell_type") != "code":
        return False
    for output in cell.get("outputs", []):
        html = (output.get("data") or {}).get("text/html", "")
        if "gl-predict" in ("".join(html) if isinstance(html, list) else html):
            return True
    return "predict(" in _source(cell)


def _tag(cell: dict[str, Any], tag: str) -> None:
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def fold_reveals(notebook: dict[str, Any]) -> list[int]:
    """Tag each prompt ``remove-input`` and the reveal after each untagged prompt ``hide-output``; return the
    indices of the reveal cells tagged here."""
    cells = notebook["cells"]
    prompts = [i for i, c in enumerate(cells) if is_prompt(c)]
    for i in prompts:
        _tag(cells[i], REMOVE_INPUT)
    tagged = []
    for k, start in enumerate(prompts):
        end = prompts[k + 1] if k + 1 < len(prompts) else len(cells)
        following = [i for i in range(start + 1, end) if cells[i].get("cell_type") == "code"]
        if any(HIDE in cells[i].get("metadata", {}).get("tags", []) for i in following):
            continue  # the author chose the reveal
        reveal = next((i for i in following if cells[i].get("outputs")), None)
        if reveal is not None:
            _tag(cells[reveal], HIDE)
            tagged.append(reveal)
    return tagged


def stage(course: Course, folder: Path, *, quiet: bool = False) -> Path:
    """Fill ``folder`` (emptied first) with the site's sources; return it."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "notebooks").mkdir(parents=True)
    (folder / "exercises").mkdir()
    for page in sorted(HERE.glob("*.md")):
        shutil.copy2(page, folder / page.name)
    notebooks = sorted(course.executed.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit(f"build_site: no executed notebooks in {course.executed}: run `make notebooks` first")
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        tagged = fold_reveals(notebook)
        if tagged and not quiet:
            print(f"build_site: {path.name}: folded the reveal of {len(tagged)} predict-first prompt(s) "
                  f"(code cells {', '.join(map(str, tagged))}); tag them {HIDE} in notebooks_src/ to choose")
        target = folder / "notebooks" / path.name
        target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        shutil.copystat(path, target)  # unchanged notebooks keep their time: Sphinx rebuilds only what changed
    for path in sorted(course.exercises.glob("ex[0-9][0-9]_*.ipynb")):
        text = path.read_text(encoding="utf-8")
        leaked = [m for m in SOLUTION_MARKERS if m in text]
        if leaked:
            raise SystemExit(f"build_site: {path} holds {leaked[0]!r}: exercises on the site must not contain "
                             "solutions; rebuild them with `make notebooks`")
        shutil.copy2(path, folder / "exercises" / path.name)
    return folder


def build(out: Path, *, work: Path, strict: bool = False, quiet: bool = False) -> int:
    """Stage the sources under ``work`` and build the HTML site into ``out``; return Sphinx's exit status."""
    from sphinx.cmd.build import build_main

    source = stage(Course.here(), work / "src", quiet=quiet)
    args = ["-b", "html", "-c", str(HERE), "-d", str(work / "doctrees"), "-j", "1", "--keep-going"]
    if strict:
        args.append("-W")
    if quiet:
        args.append("-q")
    if not sys.stdout.isatty():
        args.append("--no-color")  # logs and test output get plain text
    # Sphinx writes into work/html (myst-nb keeps the notebooks' images in work/jupyter_execute, beside its
    # output folder), then the finished site replaces ``out``.
    html = work / "html"
    status = build_main([*args, str(source), str(html)])
    if status != 0:
        return status
    if out.exists():
        shutil.rmtree(out)
    # The themes leave their Jinja macro files (webpack-macros.html) in _static: templates, not pages.
    shutil.copytree(html, out, ignore=shutil.ignore_patterns(".buildinfo*", "*webpack-macros.html"))
    if not quiet:
        print(f"build_site: the site is in {out}: open {out / 'index.html'} or run "
              f"`python -m http.server -d {out}`")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Course.here().root
    parser.add_argument("--out", type=Path, default=root / "site", help="the built site (default: site/)")
    parser.add_argument("--work", type=Path, default=root / "build" / "website",
                        help="staged sources and Sphinx's cache (default: build/website/)")
    parser.add_argument("--strict", action="store_true", help="fail on any Sphinx warning")
    parser.add_argument("--quiet", action="store_true", help="print warnings and errors only")
    options = parser.parse_args(argv)
    return build(options.out.resolve(), work=options.work.resolve(), strict=options.strict, quiet=options.quiet)


if __name__ == "__main__":
    sys.exit(main())
