"""One line a finding: ``file:line:col: RL101 [category] message`` (for editors and grep)."""

from __future__ import annotations

from ..model import NoteResult
from . import ReportContext


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    lines = []
    for result in results:
        where = result.note.path or result.note.id or "-"
        if result.note.path and result.note.id:
            where = f"{result.note.path}#{result.note.id}"
        for f in result.findings:
            lines.append(f"{where}:{f.line}:{f.column}: {f.rule} [{f.category}] {f.message}")
    return "\n".join(lines)
