"""Predict first, for real: no prompt of the course is answered before the learner chooses.

Every call of :func:`gausslearn.widgets.predict` in the course notebooks is read from the executed copy
(``executed/``) with :mod:`ast`; its arguments must be literals so the rules can be checked:

- at least three options, each with a one-line reason why it is tempting (shown after the choice);
- the text before the prompt does not give the answer away: neither the notebook's opening cell (title,
  questions, objectives) nor the markdown since the previous prompt names what only the right option says
  (its distinctive words: those no other option and not the question use), and no markdown before the prompt
  repeats a phrase of five words or more of the explanation;
- no output visible on opening gives it away: the learner copy (``notebooks/``) stores no outputs at all
  (tests/test_notebooks.py), and in the executed copy that the course website shows, outputs before the
  prompt (the prompt's own static form included) hold neither the explanation nor the answer, and every
  output after it that does sits in a cell tagged ``hide-output`` (folded on the website until opened).
"""

from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from gausslearn.paths import Course

COURSE = Course.here()
#: The cell tag that folds an output on the course website (myst-nb) until the reader opens it.
FOLD_TAG = "hide-output"
#: A shared run of this many words between the explanation and earlier text counts as giving it away.
PHRASE_WORDS = 5
#: Words too common to be distinctive of an answer.
COMMON = frozenset("""a an and are as at be but by can do does for from has have if in into is it its it's
more most no not of on one or same than that the them then there these they this those to two was were what
when where which while will with would you your all any each every only also just very much many other
about over under almost exactly nearly close little slightly half whole some same still like instead
image images pixel pixels value values""".split())


@dataclass(frozen=True)
class Prompt:
    notebook: str
    cell: int
    key: str
    question: str
    options: dict[str, str] | list[str]
    answer: str
    explanation: str

    @property
    def id(self) -> str:
        return f"{self.notebook}:{self.key}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "".join(value)


@functools.cache
def executed(name: str) -> dict[str, Any]:
    return json.loads((COURSE.executed / f"{name}.ipynb").read_text(encoding="utf-8"))


def notebook_names() -> list[str]:
    return sorted(p.stem for p in COURSE.executed.glob("[0-9][0-9]_*.ipynb"))


def _is_predict(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "predict") or (
        isinstance(func, ast.Attribute) and func.attr == "predict" and ast.unparse(func.value).endswith("widgets"))


def _literal(node: ast.AST, where: str, what: str) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise AssertionError(f"{where}: write the prompt's {what} as a literal (not {ast.unparse(node)[:60]!r}) so "
                             "tests/test_prompts.py can check that nothing gives it away") from None


def prompts_in(name: str) -> list[Prompt]:
    """Every predict() call of one executed notebook, with its arguments."""
    from IPython.core.inputtransformer2 import TransformerManager

    found = []
    for index, cell in enumerate(executed(name)["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(TransformerManager().transform_cell(_text(cell["source"])))
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_predict(n)]:
            where = f"{name} cell {index}"
            args = dict(zip(("question", "options", "answer", "explanation"), call.args, strict=False))
            args.update({k.arg: k.value for k in call.keywords if k.arg})
            missing = {"question", "options", "answer", "explanation", "key"} - set(args)
            assert not missing, f"{where}: predict() without {sorted(missing)}"
            values = {k: _literal(v, where, k) for k, v in args.items()
                      if k in {"question", "options", "answer", "explanation", "key"}}
            found.append(Prompt(name, index, **values))
    return found


def all_prompts() -> list[Prompt]:
    return [p for name in notebook_names() for p in prompts_in(name)]


PROMPTS = all_prompts()
by_prompt = pytest.mark.parametrize("prompt", PROMPTS, ids=[p.id for p in PROMPTS])


def words(text: str) -> list[str]:
    """Lower-case words and numbers of ``text`` (markdown and LaTeX punctuation dropped).

    >>> words("Sigma **5** (variances add: `sqrt(9 + 16)`)")
    ['sigma', '5', 'variances', 'add', 'sqrt', '9', '16']
    """
    return re.findall(r"[a-z0-9]+(?:[.'][a-z0-9]+)*", text.lower())


def distinctive(prompt: Prompt) -> set[str]:
    """Words of the right option that neither the question nor any other option uses (numbers of one digit
    and common words excluded: they appear everywhere)."""
    others = set(words(prompt.question))
    for option in prompt.options:
        if option != prompt.answer:
            others |= set(words(option))
    return {w for w in words(prompt.answer)
            if w not in others and w not in COMMON and (len(w) >= 4 or (w.isdigit() and len(w) >= 2))}


def phrases(text: str, n: int = PHRASE_WORDS) -> set[tuple[str, ...]]:
    """Runs of ``n`` uncommon words with at least three that are not numbers (numbers alone are data the
    learner may see before choosing, not an explanation)."""
    ws = [w for w in words(text) if w not in COMMON]
    runs = (tuple(ws[i:i + n]) for i in range(len(ws) - n + 1))
    return {run for run in runs if sum(not w.replace(".", "").isdigit() for w in run) >= 3}


def gives_away(prompt: Prompt, text: str, *, by_words: bool) -> str | None:
    """Why ``text`` gives the prompt's answer away (None when it does not)."""
    shared = phrases(prompt.explanation) & phrases(text)
    if shared:
        return f"it repeats the explanation ({' '.join(sorted(shared)[0])!r})"
    if by_words:
        hits = sorted(distinctive(prompt) & set(words(text)))
        if hits:
            return f"it names {hits}, which only the right option {prompt.answer!r} says"
    return None


def markdown_before(prompt: Prompt) -> tuple[str, str]:
    """(the opening markdown cell, the markdown since the previous prompt) of ``prompt``."""
    cells = executed(prompt.notebook)["cells"]
    opening = next(_text(c["source"]) for c in cells if c["cell_type"] == "markdown")
    earlier = [p.cell for p in prompts_in(prompt.notebook) if p.cell < prompt.cell]
    start = max(earlier) + 1 if earlier else 0
    local = "\n".join(_text(c["source"]) for c in cells[start:prompt.cell] if c["cell_type"] == "markdown")
    return opening, local


def output_text(cell: dict[str, Any]) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(_text(out["text"]))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                parts.append(_text(value))
    return "\n".join(parts)


def test_the_course_has_prompts() -> None:
    assert len(PROMPTS) >= 2 * len(notebook_names()), "every notebook needs at least two predict-first prompts"
    keys = [p.id for p in PROMPTS]
    assert len(keys) == len(set(keys)), "prompt keys must be unique within a notebook"


@by_prompt
def test_prompt_offers_three_options_each_with_a_reason(prompt: Prompt) -> None:
    where = f"{prompt.notebook} prompt {prompt.key!r}"
    assert isinstance(prompt.options, dict), (
        f"{where}: give options as {{option: why it is tempting}} so the learner sees after the choice why each "
        "one attracts (the right one included)")
    assert len(prompt.options) >= 3, f"{where}: offer at least three options, each a real misconception"
    assert prompt.answer in prompt.options, f"{where}: the answer {prompt.answer!r} is not one of the options"
    for option, reason in prompt.options.items():
        assert isinstance(reason, str) and len(reason.split()) >= 4, (
            f"{where}: option {option!r} needs a one-line reason why it is tempting, got {reason!r}")


@by_prompt
def test_text_before_the_prompt_does_not_give_the_answer(prompt: Prompt) -> None:
    opening, local = markdown_before(prompt)
    for label, text in (("the opening cell (title, questions, objectives)", opening),
                        ("the markdown since the previous prompt", local)):
        why = gives_away(prompt, text, by_words=True)
        assert why is None, f"{prompt.notebook} prompt {prompt.key!r}: {label} gives the answer away: {why}"
    cells = executed(prompt.notebook)["cells"]
    every = "\n".join(_text(c["source"]) for c in cells[:prompt.cell] if c["cell_type"] == "markdown")
    why = gives_away(prompt, every, by_words=False)
    assert why is None, f"{prompt.notebook} prompt {prompt.key!r}: the markdown before it gives the answer away: {why}"


@by_prompt
def test_no_visible_output_gives_the_answer(prompt: Prompt) -> None:
    cells = executed(prompt.notebook)["cells"]
    for index, cell in enumerate(cells[:prompt.cell + 1]):
        if cell["cell_type"] == "code":
            why = gives_away(prompt, output_text(cell), by_words=False)
            assert why is None, (f"{prompt.notebook} prompt {prompt.key!r}: the output of cell {index}, visible "
                                 f"before the choice, gives the answer away: {why}")
    later = [p.cell for p in prompts_in(prompt.notebook) if p.cell > prompt.cell]
    end = min(later) if later else len(cells)
    for index in range(prompt.cell + 1, end):
        cell = cells[index]
        if cell["cell_type"] != "code" or FOLD_TAG in cell["metadata"].get("tags", []):
            continue
        why = gives_away(prompt, output_text(cell), by_words=False)
        assert why is None, (f"{prompt.notebook} prompt {prompt.key!r}: cell {index} reveals the answer in an "
                             f"output shown without a click ({why}): tag the cell {FOLD_TAG!r}")
