"""One line a finding: ``file:line:col: RL101 [category] message`` (for editors and grep).

A message quoting words that cross a line break has its whitespace joined into single
spaces, and any other control character is escaped, so each finding is exactly one line.
"""

from __future__ import annotations

from ..control_chars import printable
from ..model import NoteResult
from . import ReportContext


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    lines = []
    for result in results:
        where = result.note.path or result.note.id or "-"
        if result.note.path and result.note.id:
            where = f"{result.note.path}#{result.note.id}"
        where = printable(where, one_line=True)  # one line a finding, whatever the name
        for f in result.findings:
            message = printable(" ".join(f.message.split()), one_line=True)
            lines.append(f"{where}:{f.line}:{f.column}: {f.rule} [{f.category}] {message}")
    return "\n".join(lines)
