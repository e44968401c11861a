"""The default terminal output: findings grouped by note, the span underlined, with hints."""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.text import Text

from ..control_chars import printable
from ..model import CATEGORIES, NoteResult
from . import ReportContext
from .summary import plural, summarise

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _source_line(result: NoteResult, line_no: int) -> str:
    if "paragraph_starts" in result.note.extra:  # a Word document: line_no is the paragraph
        from ..sources.docx import paragraph_text

        return paragraph_text(result.note, line_no)
    lines = result.note.text.splitlines()
    return lines[line_no - 1] if 0 < line_no <= len(lines) else ""


def crop(line: str, start: int, end: int, room: int = 88) -> tuple[str, int, int]:
    """The part of ``line`` to show around ``[start, end)``, and where the span sits in it."""
    end = max(end, start + 1)
    if len(line) <= room:
        return line, start, end - start
    left = max(0, start - 30)
    right = min(len(line), max(end + 30, left + room))
    left = max(0, min(left, right - room))
    shown = line[left:right]
    offset = start - left
    if left:
        shown, offset = "…" + shown, offset + 1
    if right < len(line):
        shown += "…"
    return shown, offset, min(end - start, len(shown) - offset)


def _note_header(result: NoteResult) -> Text:
    header = Text(printable(result.note.label, one_line=True), style="bold underline")
    facts = [plural(result.words, "word")]
    if result.grade is not None:
        facts.append(f"reading grade {result.grade:.1f}")
    facts.append(f"score {result.score}/100")
    header.append(f"  ({', '.join(facts)})", style="dim")
    return header


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        highlight=False,
        width=int(ctx.extra.get("width") or 100),
        soft_wrap=True,
    )
    for result in results:
        if not result.findings:
            continue
        if ctx.quiet:
            continue
        console.print(_note_header(result))
        for f in result.findings:
            where = "¶" if "paragraph_starts" in result.note.extra else ""
            line = Text(f"  {where}{f.line}:{f.column}", style="bold")
            line.append(f"  {f.severity.value}", style=_STYLE[f.severity.value])
            line.append(f"  {f.category}  ", style="magenta")
            line.append(f"{f.rule} {f.name}", style="dim")
            line.append(f"  {printable(f.message, one_line=True)}")
            console.print(line)
            source = _source_line(result, f.line)
            if source:
                end_col = f.end_column if f.end_line == f.line else len(source) + 1
                shown, start, width = crop(source.expandtabs(1), f.column - 1, end_col - 1)
                console.print(Text("      │ ", style="dim") + Text(printable(shown)))
                marks = Text("      │ ", style="dim")
                marks.append(" " * start + "^" * width, style=_STYLE[f.severity.value])
                console.print(marks)
            console.print(Text("      hint: ", style="green") + Text(printable(f.hint)))
        console.print()
    _print_summary(console, results, ctx)
    return buffer.getvalue().rstrip("\n")


def _print_summary(console: Console, results: list[NoteResult], ctx: ReportContext) -> None:
    summary = summarise(results)
    if ctx.statistics and summary["findings"]:
        names = {r.code: r.name for r in ctx.rules}
        for code, count in summary["by_rule"].items():
            console.print(f"{count:>5}  {code}  {names.get(code, '')}")
        console.print()
    if not summary["findings"]:
        line = Text("✔ No problems found", style="bold green")
        line.append(f" in {plural(summary['notes'], 'note')}")
        _append_grade(line, results)
        console.print(line + ".")
        return
    severity = summary["by_severity"]
    parts = [plural(severity[s], s) for s in ("error", "warning") if severity[s]]
    if severity["info"]:
        parts.append(f"{severity['info']} info")
    line = Text(f"✖ {plural(summary['findings'], 'problem')}", style="bold red")
    line.append(f" ({', '.join(parts)}) in {plural(summary['notes'], 'note')}")
    categories = Counter(summary["by_category"])
    line.append(": " + ", ".join(f"{c} {categories[c]}" for c in CATEGORIES if categories[c]))
    _append_grade(line, results)
    console.print(line)


def _append_grade(line: Text, results: list[NoteResult]) -> None:
    grades = [r.grade for r in results if r.grade is not None]
    if len(results) == 1 and grades:
        line.append(f"; reading grade {grades[0]:.1f}")
    elif grades:
        line.append(f"; median reading grade {sorted(grades)[len(grades) // 2]:.1f}")
