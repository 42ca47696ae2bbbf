"""The README's `make` commands checked against the Makefile.

Every ``make ...`` command README.md shows, in a code block or in inline code, is found by reading the README,
so a command added later (say ``make site``) is checked without editing this file:

- each target it names is a rule of the Makefile (not merely a file or folder of that name: ``make notebooks``
  would otherwise "succeed" on the ``notebooks/`` folder with nothing to do);
- each ``VAR=value`` it passes is read by the Makefile (a misspelt setting would be silently ignored);
- ``make -n`` with the same arguments succeeds and prints a recipe (nothing is run);
- where the README says in words what a command runs, the recipe says the same (``DOCUMENTED``).

And the other way round: every setting the Makefile lets the user choose (``NAME ?= ...``) is shown in the
README.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"

#: What the README says a target runs, as patterns that must each match a line of its `make -n` recipe.
DOCUMENTED = {
    "lab": [r"(^|/)jupyter lab\b.* notebooks/00_start_here\.ipynb$"],
    "test": [r"(^|/)ruff check\b", r"\bpytest\b", r"tools/install_browser\.sh"],
    "lint": [r"(^|/)ruff check\b"],
    "benchmark": [r"\bbenchmarks/run\.py\b"],
    "notebooks": [r"\bgausslearn\b.*\bbuild"],
    "browser": [r"tools/install_browser\.sh"],
}
#: Make's own environment when pytest runs under `make test`, and settings that would change the dry runs.
NOT_INHERITED = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "GNUMAKEFLAGS",
                 "PORT", "IP", "NO_BROWSER", "LAB_ARGS", "PYTHON"}


def readme_commands(text: str) -> list[list[str]]:
    """The words of every ``make`` command in ``text`` (fenced code blocks, then inline code), each once.

    In inline code a bare `make` names the tool, not a command, so there a command needs an argument.
    """
    fences = re.compile(r"^(`{3,}|~{3,})[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
    snippets = [(line, 1) for block in fences.finditer(text) for line in block.group(2).splitlines()]
    snippets += [(span, 2) for span in re.findall(r"`([^`\n]+)`", fences.sub("", text))]
    commands: dict[tuple[str, ...], None] = {}
    for snippet, shortest in snippets:
        try:
            words = shlex.split(snippet, comments=True)
        except ValueError:  # an unbalanced quote: not a command line
            continue
        command: list[str] = []
        for word in [*words, ";"]:
            if word in {";", "&&", "||", "|"}:
                if command[:1] == ["make"] and len(command) >= shortest:
                    commands[tuple(command)] = None
                command = []
            else:
                command.append(word)
    return [list(command) for command in commands]


def split_command(words: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """(targets, VAR=value settings, options) of a ``make`` command line."""
    targets, settings, options = [], {}, []
    for word in words[1:]:
        if word.startswith("-"):
            options.append(word)
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", word):
            name, value = word.split("=", 1)
            settings[name] = value
        else:
            targets.append(word)
    return targets, settings, options


def makefile_targets(text: str) -> set[str]:
    """Names with an explicit rule (``name: ...``), without special (``.PHONY``) and computed (``$(X)``) ones."""
    targets = set()
    for line in text.splitlines():
        match = re.match(r"([^\s#:=][^#:=]*?)\s*::?(?!=)", line)
        if match:
            targets.update(name for name in match.group(1).split() if not name.startswith((".", "$")))
    return targets


def makefile_settings(text: str) -> set[str]:
    """Variables the user is meant to set: those given a default with ``?=``."""
    return set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\?=", text, re.M))


README_COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_shows_the_two_main_commands():
    shown = {target for words in README_COMMANDS for target in split_command(words)[0]}
    assert {"lab", "test"} <= shown, f"README.md should show `make lab` and `make test`; it shows {sorted(shown)}"


def test_the_command_reader_finds_blocks_inline_code_and_settings():
    text = ("```bash\nmake a B=1   # comment `make no`\ncd x && make -n b\nmake\n```\n"
            "Run `make c` or `make c D='x y'` (again: `make c`); `echo make` and `make` are not commands.\n")
    assert readme_commands(text) == [["make", "a", "B=1"], ["make", "-n", "b"], ["make"], ["make", "c"],
                                     ["make", "c", "D=x y"]]
    assert split_command(["make", "-n", "b", "B=1", "c"]) == (["b", "c"], {"B": "1"}, ["-n"])
    assert makefile_targets("X ?= 1\n.PHONY: a b\n$(S): f\na b: c\nd:: e\nF := g:h\n\tr: s\n") == {"a", "b", "d"}


@pytest.mark.parametrize("words", README_COMMANDS, ids=shlex.join)
def test_readme_command_matches_the_makefile(words):
    makefile = MAKEFILE.read_text(encoding="utf-8")
    targets, settings, options = split_command(words)
    shown = f"`{shlex.join(words)}` (README.md)"

    missing = sorted(set(targets) - makefile_targets(makefile))
    assert not missing, f"{shown} names targets the Makefile has no rule for: {missing}"
    unread = sorted(name for name in settings if not re.search(rf"\$[({{]{name}[)}}]", makefile))
    assert not unread, f"{shown} sets variables the Makefile never reads: {unread}"

    make = shutil.which("make")
    assert make, "`make` is not on PATH: the README's commands need GNU make"
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    # -B: print the recipe even when the target is up to date (after `make test`, `make setup` has nothing to do)
    dry = [make, "-n", "-B", *[word for word in words[1:] if word not in ("-n", "-B")]]
    result = subprocess.run(dry, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"`{shlex.join(dry)}` failed:\n{result.stdout}{result.stderr}"
    recipe = [line.strip() for line in result.stdout.splitlines() if not line.startswith(("make:", "make["))]
    assert recipe, f"`{shlex.join(dry)}` runs nothing:\n{result.stdout}{result.stderr}"

    for target in targets:
        for pattern in DOCUMENTED.get(target, []):
            assert any(re.search(pattern, line) for line in recipe), (
                f"{shown}: the README says `make {target}` runs {pattern!r}, but `make -n` prints:\n"
                + "\n".join(recipe))


def test_every_makefile_setting_is_shown_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    hidden = sorted(name for name in makefile_settings(MAKEFILE.read_text(encoding="utf-8"))
                    if not re.search(rf"\b{name}=", readme))
    assert not hidden, f"Makefile settings (NAME ?= ...) that README.md never shows as NAME=...: {hidden}"
