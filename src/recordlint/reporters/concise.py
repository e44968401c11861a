"""One line a finding: ``file:line:col: RL101 [category] message`` (for editors and grep).

A message quoting words that cross a line break has its whitespace joined into single
spaces, and any other control character is escaped, so each finding is exactly one line.
"""

from __future__ import annotations

from ..control_chars import printable
from ..model import Finding, Note, NoteResult
from . import ReportContext


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    lines = []
    for result in results:
        where = _where(result.note)
        lines += [_line(where, f) for f in result.findings]
    return "\n".join(lines)


def concise_line(note: Note, finding: Finding, ctx: ReportContext) -> str:
    """One line of ``concise`` output, for a note whose findings are written as found."""
    return _line(_where(note), finding)


def _where(note: Note) -> str:
    where = note.path or note.id or "-"
    if note.path and note.id:
        where = f"{note.path}#{note.id}"
    return printable(where, one_line=True)  # one line a finding, whatever the name


def _line(where: str, f: Finding) -> str:
    message = printable(" ".join(f.message.split()), one_line=True)
    return f"{where}:{f.line}:{f.column}: {f.rule} [{f.category}] {message}"
