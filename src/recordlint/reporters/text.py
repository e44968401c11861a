"""The default terminal output: findings grouped by note, the span underlined, with hints."""

from __future__ import annotations

import io
import textwrap
from collections import Counter

from rich.console import Console
from rich.text import Text

from ..control_chars import printable
from ..model import CATEGORIES, Finding, NoteResult
from . import ReportContext
from .summary import plural, rule_statistics, statistics_lines, summarise

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: The narrowest output laid out for a terminal; anything narrower is laid out at this width.
MIN_WIDTH = 40
INDENT = "      "
GUTTER = "      │ "
HINT = "      hint: "


def _source_line(result: NoteResult, line_no: int) -> str:
    if "paragraph_starts" in result.note.extra:  # a Word document: line_no is the paragraph
        from ..sources.docx import paragraph_text

        return paragraph_text(result.note, line_no)
    lines = result.note.text.splitlines()
    return lines[line_no - 1] if 0 < line_no <= len(lines) else ""


def crop(line: str, start: int, end: int, room: int = 88) -> tuple[str, int, int]:
    """The part of ``line`` to show around ``[start, end)`` in ``room`` columns, where the span
    sits in it, and how many of its characters show (a long span is cut at the edge)."""
    end = max(end, start + 1)
    if len(line) <= room:
        return line, start, end - start
    budget = max(room - 2, 8)  # room for an ellipsis at each end
    span = end - start
    if span <= budget - 8:
        left = max(0, start - min(30, (budget - span) // 2))
    else:
        left = max(0, start - 2)  # a long span: start at its beginning, cut at the edge
    right = min(len(line), left + budget)
    if right == len(line):
        left = max(0, min(left, right - budget))
    shown = line[left:right]
    offset = start - left
    if left:
        shown, offset = "…" + shown, offset + 1
    if right < len(line):
        shown += "…"
    return shown, offset, max(1, min(end, right) - start)


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` wrapped to ``width`` columns: the first line after ``first``, the others
    indented by ``rest``. Words longer than a line are broken."""
    lines = textwrap.wrap(
        text,
        width=max(width, len(first) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


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
    given = ctx.extra.get("width")
    width = max(int(given), MIN_WIDTH) if given else None  # None: not a terminal, no wrapping
    console = Console(
        file=buffer,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        highlight=False,
        width=width or 100,
        soft_wrap=True,
    )
    for result in results:
        if not result.findings:
            continue
        if ctx.quiet:
            continue
        console.print(_note_header(result), soft_wrap=width is None)
        for f in result.findings:
            _print_finding(console, result, f, width)
        console.print()
    _print_summary(console, results, ctx, wrap=width is not None)
    return buffer.getvalue().rstrip("\n")


def _print_finding(console: Console, result: NoteResult, f: Finding, width: int | None) -> None:
    """One finding: where and what, the line with the words underlined, and the hint.

    With a ``width`` (a terminal's), everything fits in it: the message and hint are wrapped
    with an indent and the excerpt is cut; without one, each part stays on one line.
    """
    style = _STYLE[f.severity.value]
    rule = f"{f.rule} {f.name}" + (f" (also {', '.join(f.also)})" if f.also else "")
    where = "¶" if "paragraph_starts" in result.note.extra else ""  # a Word paragraph
    head = Text(f"  {where}{f.line}:{f.column}", style="bold")
    head.append(f"  {f.severity.value}", style=style)
    head.append(f"  {f.category}  ", style="magenta")
    head.append(rule, style="dim")
    message = printable(f.message, one_line=True)
    if width is None or head.cell_len + 2 + len(message) <= width:
        console.print(head + Text(f"  {message}"))
    else:
        console.print(head)
        for piece in wrap(message, width, INDENT, INDENT):
            console.print(Text(piece))
    source = _source_line(result, f.line)
    if source:
        end_col = f.end_column if f.end_line == f.line else len(source) + 1
        shown, start, marked = crop(
            source.expandtabs(1), f.column - 1, end_col - 1, room=(width or 96) - len(GUTTER)
        )
        console.print(Text(GUTTER, style="dim") + Text(printable(shown)))
        marks = Text(GUTTER, style="dim")
        marks.append(" " * start + "^" * marked, style=style)
        console.print(marks)
    hint = printable(f.hint, one_line=True)
    if width is None:
        console.print(Text(HINT, style="green") + Text(hint))
        return
    lines = wrap(hint, width, HINT, " " * len(HINT))
    console.print(Text(HINT, style="green") + Text(lines[0][len(HINT) :]))
    for piece in lines[1:]:
        console.print(Text(piece))


def _print_summary(
    console: Console, results: list[NoteResult], ctx: ReportContext, wrap: bool = False
) -> None:
    summary = summarise(results)
    if ctx.statistics and summary["findings"]:
        names = {r.code: r.name for r in ctx.rules}
        for line in statistics_lines(rule_statistics(results, names)):
            console.print(Text(printable(line)))
        console.print()
    if not summary["findings"]:
        line = Text("✔ No problems found", style="bold green")
        line.append(f" in {plural(summary['notes'], 'note')}")
        _append_grade(line, results)
        console.print(line + ".", soft_wrap=not wrap)
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
    console.print(line, soft_wrap=not wrap)


def _append_grade(line: Text, results: list[NoteResult]) -> None:
    grades = [r.grade for r in results if r.grade is not None]
    if len(results) == 1 and grades:
        line.append(f"; reading grade {grades[0]:.1f}")
    elif grades:
        line.append(f"; median reading grade {sorted(grades)[len(grades) // 2]:.1f}")
