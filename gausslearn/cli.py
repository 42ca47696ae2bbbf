"""The ``gausslearn`` command.

Each subcommand lives beside the code it drives; this module only dispatches, so importing it stays cheap.

- ``gausslearn build-notebooks [NAMES...]``  re-execute the course notebooks from their text sources
- ``gausslearn build-exercises``             write exercises/ and solutions/ from exercises_src/
- ``gausslearn grade PATH [--json] [--seed N] [--out CSV] [-j N]``  grade one submission or a folder
- ``gausslearn release OUTDIR``              write the student bundle
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "build-notebooks": ("gausslearn.build", "Re-execute the course notebooks and store their outputs."),
    "build-exercises": ("gausslearn.grading.authoring.exercises", "Write exercises/ and solutions/ from exercises_src/."),
    "grade": ("gausslearn.grading.host.cli", "Grade one submitted notebook, or every notebook in a folder."),
    "release": ("gausslearn.grading.authoring.release", "Write the student bundle (no solutions, no hidden tests)."),
}


def _usage() -> str:
    lines = ["usage: gausslearn COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<16} {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "Run `gausslearn COMMAND --help` for the options of one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the ``gausslearn`` command line and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"gausslearn: unknown command {name!r}.\n\n{_usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
