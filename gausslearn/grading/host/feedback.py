"""One feedback file per student, in Markdown and in HTML (``gausslearn grade DIR --feedback FOLDER``).

Each file names the student, their total out of the maximum, and per exercise of the batch: the file that
counted, its score and status, every test with its points and its feedback, and the grader's notes; files
that could not be graded and exercises not handed in are listed too. Text that comes from a submission
(file names, exception messages, anything the learner printed into a message) is hostile: in Markdown it is
escaped or put in code blocks whose fence is longer than any run of backticks in it; in HTML every piece of
text is escaped with :func:`html.escape` and the page has no scripts and loads nothing.

File names are the student id made safe (letters, digits, ``.``, ``-``, ``_``; never a path, never hidden),
with a short hash added when two ids would give the same name.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import Any

from gausslearn.grading.host.exports import StudentRecord
from gausslearn.grading.host.gradebook import write_atomic

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>|~&!#])")


def md_text(text: object) -> str:
    """Inline Markdown for untrusted text: one line, every character with a Markdown or HTML meaning escaped.

    Examples
    --------
    >>> md_text("<script>alert(1)</script> *x* [a](http://e)")
    '\\\\<script\\\\>alert\\\\(1\\\\)\\\\</script\\\\> \\\\*x\\\\* \\\\[a\\\\]\\\\(http://e\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_block(text: object) -> str:
    """A fenced Markdown code block holding ``text`` literally (the fence outlasts any backtick run in it).

    Examples
    --------
    >>> print(md_block("a ``` b"))
    ````text
    a ``` b
    ````
    """
    body = str(text)
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", body)), default=0))
    return f"{fence}text\n{body}\n{fence}"


def safe_name(student: str, taken: set[str]) -> str:
    """A file name (without extension) for a student id, unique within ``taken`` (which it is added to).

    Examples
    --------
    >>> taken = set()
    >>> safe_name("../../etc/passwd", taken), safe_name("Ada Lovelace", taken), safe_name("Ada_Lovelace", taken)[:13]
    ('etc_passwd', 'Ada_Lovelace', 'Ada_Lovelace-')
    """
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", student).strip("._-")[:80] or "student"
    name = base
    if name.lower() in taken:
        name = f"{base}-{hashlib.sha256(student.encode()).hexdigest()[:8]}"
    taken.add(name.lower())
    return name


def _sections(rec: StudentRecord, exercises: list[str], maximum: dict[str, int | float],
              reports: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain data for one student's feedback: one section per exercise, then files without an exercise."""
    out = []
    for ex in exercises:
        row = rec.best.get(ex)
        if row is None or row["status"] == "missing":
            out.append({"title": ex, "score": 0, "max": maximum[ex], "status": "missing", "file": "",
                        "tests": [], "notes": [f"no file was found for {ex}"]})
            continue
        report = reports.get(row["file"]) or {}
        others = [r["file"] for r in rec.rows if r["exercise"] == ex and r["file"] != row["file"]]
        notes = list(report.get("notes", [])) + [f"also handed in (a lower score, not counted): {f}" for f in others]
        out.append({"title": ex, "score": rec.score(ex), "max": maximum[ex], "status": row["status"],
                    "file": row["file"], "tests": report.get("tests", []), "notes": notes})
    for r in rec.rows:
        if r["file"] and r["exercise"] not in exercises:
            report = reports.get(r["file"]) or {}
            out.append({"title": r["exercise"] or "a file that is not an exercise", "score": r["score"] or 0,
                        "max": r["max_score"] or 0, "status": r["status"], "file": r["file"],
                        "tests": report.get("tests", []), "notes": list(report.get("notes", []))})
    return out


def markdown(rec: StudentRecord, exercises: list[str], maximum: dict[str, int | float],
             reports: dict[str, dict[str, Any]]) -> str:
    """The Markdown feedback of one student."""
    total, top = rec.total(exercises), sum(maximum[ex] for ex in exercises)
    lines = [f"# Feedback for {md_text(rec.name or rec.id)} ({md_text(rec.id)})", "",
             f"**Total: {total} / {top}**", ""]
    for sec in _sections(rec, exercises, maximum, reports):
        lines += [f"## {md_text(sec['title'])}: {sec['score']} / {sec['max']} ({md_text(sec['status'])})", ""]
        if sec["file"]:
            lines += [f"File: {md_text(sec['file'])}", ""]
        for t in sec["tests"]:
            mark = "✓" if t["passed"] else "✗"
            lines.append(f"- {mark} **{t['points']} / {t['max_points']}** {md_text(t['title'] or t['name'])}")
            if not t["passed"] and t["feedback"]:
                lines += ["", *("  " + x for x in md_block(t["feedback"]).splitlines()), ""]
        if sec["tests"]:
            lines.append("")
        for note in sec["notes"]:
            lines.append(f"- note: {md_text(note)}")
        if sec["notes"]:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = ("body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;border-radius:4px}"
        ".pass{color:#1a7f37}.fail{color:#b42318}")


def html_page(rec: StudentRecord, exercises: list[str], maximum: dict[str, int | float],
              reports: dict[str, dict[str, Any]]) -> str:
    """The HTML feedback of one student: one self-contained page, every piece of text escaped."""
    e = html.escape
    total, top = rec.total(exercises), sum(maximum[ex] for ex in exercises)
    title = e(f"Feedback for {rec.name or rec.id} ({rec.id})")
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{title}</title><style>{_CSS}</style></head><body>", f"<h1>{title}</h1>",
             f"<p><strong>Total: {e(str(total))} / {e(str(top))}</strong></p>"]
    for sec in _sections(rec, exercises, maximum, reports):
        parts.append(f"<h2>{e(str(sec['title']))}: {e(str(sec['score']))} / {e(str(sec['max']))} "
                     f"({e(str(sec['status']))})</h2>")
        if sec["file"]:
            parts.append(f"<p>File: <code>{e(str(sec['file']))}</code></p>")
        if sec["tests"]:
            parts.append("<ul>")
            for t in sec["tests"]:
                cls, mark = ("pass", "✓") if t["passed"] else ("fail", "✗")
                item = (f'<li><span class="{cls}">{mark}</span> <strong>{e(str(t["points"]))} / '
                        f'{e(str(t["max_points"]))}</strong> {e(str(t["title"] or t["name"]))}')
                if not t["passed"] and t["feedback"]:
                    item += f"<pre>{e(str(t['feedback']))}</pre>"
                parts.append(item + "</li>")
            parts.append("</ul>")
        if sec["notes"]:
            parts.append("<ul>" + "".join(f"<li>note: {e(str(n))}</li>" for n in sec["notes"]) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_feedback(folder: Path, records: list[StudentRecord], exercises: list[str],
                   maximum: dict[str, int | float], reports: dict[str, dict[str, Any]]) -> list[Path]:
    """Write ``<student>.md`` and ``<student>.html`` for every student into ``folder``; return the paths.

    ``reports`` maps a gradebook row's file to its stored report (as ``gausslearn grade --json`` prints it).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = []
    for rec in records:
        name = safe_name(rec.id, taken)
        for suffix, text in ((".md", markdown(rec, exercises, maximum, reports)),
                             (".html", html_page(rec, exercises, maximum, reports))):
            write_atomic(folder / f"{name}{suffix}", text)
            written.append(folder / f"{name}{suffix}")
    return written
