"""The batch summary on the terminal: Rich tables, plain text when not a terminal."""

from __future__ import annotations

import sys
from typing import Any

from ..control_chars import printable_tree
from ..model import CATEGORIES
from .labels import (
    CATEGORY_LABELS,
    GROUP_TITLES,
    interval,
    num,
    pct,
    period_line,
    plural,
    rule_list,
    skipped_line,
)
from .summary import BatchSummary, GroupFigures, as_summary
from .support import MEASURES

PLAIN_WIDTH = 120


def make_console(file: Any = None) -> Any:
    """A Console on stdout; 120 columns and no colour when it is not a terminal."""
    from rich.console import Console

    stream = file or sys.stdout
    if stream.isatty():
        return Console(file=stream, highlight=False, emoji=False)
    return Console(file=stream, highlight=False, emoji=False, width=PLAIN_WIDTH, no_color=True)


def printable(summary: BatchSummary | dict[str, Any]) -> BatchSummary:
    """The summary with control characters in names and notes made visible."""
    return BatchSummary.from_json(printable_tree(as_summary(summary).to_json()))


def headline(summary: BatchSummary | dict[str, Any]) -> str:
    """One line: notes, skipped rows, mean score, findings per note."""
    summary = printable(summary)
    overall = summary.overall
    return (
        f"{plural(summary.notes, 'note')} checked from {plural(len(summary.inputs), 'export')}; "
        f"{skipped_line(summary)}. Mean score {num(overall.mean_score)}, "
        f"{num(overall.findings_per_note, 2)} findings per note."
    )


def print_summary(
    summary: BatchSummary | dict[str, Any], *, top: int = 10, console: Any = None
) -> None:
    """Print the whole summary."""
    from rich.markup import escape
    from rich.table import Table

    out = console or make_console()
    summary = printable(summary)  # names and notes cannot steer the terminal
    overall = summary.overall
    out.print(f"[bold]recordlint batch[/bold]: {escape(headline(summary))}", soft_wrap=True)
    for entry in summary.inputs:
        columns = ", ".join(f"{k}={v!r}" for k, v in entry["columns"].items())
        line = f"  {entry['path']}: {entry['notes']:,} notes; columns {columns}"
        out.print(escape(line), soft_wrap=True)
    out.print(escape(f"  {period_line(summary)}."), soft_wrap=True)
    out.print(
        f"  Median score {num(summary.median_score, 0)}; median reading grade "
        f"{num(overall.median_grade)}; decisions without a reason "
        f"{pct(overall.no_reason_share)} of {plural(overall.decision_notes, 'note')} "
        f"with a decision; child seen but no voice recorded {pct(overall.no_voice_share)} "
        f"of {plural(overall.seen_notes, 'note')} where the child was seen.",
        soft_wrap=True,
    )
    if summary.redacted:
        out.print("  Redacted: names are pseudonyms and no note text is shown.")

    table = _table("Share of notes flagged, by category", Table)
    for heading in ("Category", "Notes flagged", "Of notes", "Share", "Findings"):
        table.add_column(heading, justify="left" if heading == "Category" else "right")
    for category in CATEGORIES:
        row = summary.categories[category]
        checked = category in (summary.categories_checked or CATEGORIES)
        table.add_row(
            CATEGORY_LABELS[category],
            num(row.notes) if checked else "off",
            num(row.base) if checked else "",
            pct(row.share) if checked else "",
            num(row.findings) if checked else "",
        )
    out.print(table)

    table = _table(f"Top {top} rules", Table)
    for heading in ("Rule", "Name", "Category", "Notes", "Share", "Findings"):
        table.add_column(
            heading, justify="right" if heading in ("Notes", "Share", "Findings") else "left"
        )
    for rule in summary.rules[:top]:
        table.add_row(
            rule.rule,
            rule.name,
            rule.category,
            num(rule.notes),
            pct(rule.share),
            num(rule.findings),
        )
    out.print(table)

    for kind in ("teams", "authors", "types"):
        out.print(_group_table(kind, getattr(summary, kind), Table))
    if summary.support:
        out.print(
            "[bold]Who needs support[/bold]: share (95% interval, n = notes it is of); "
            "▲ clearly above the service's share; "
            f"fewer than {summary.support['min_notes']} notes: shown below, not ranked.",
            soft_wrap=True,
        )
        for kind in ("teams", "authors"):
            out.print(_support_table(kind, summary.support, Table, top))

    table = _table("Lowest-scoring notes", Table)
    for heading in ("Note", "Author", "Team", "Type", "Date", "Score", "Main findings"):
        table.add_column(heading, justify="right" if heading == "Score" else "left")
    for entry in summary.lowest[:top]:
        table.add_row(*_entry_cells(entry), rule_list(entry, limit=4, names=False))
    out.print(table)

    table = _table("Exemplar notes to share for learning", Table)
    for heading in ("Note", "Author", "Team", "Type", "Date", "Score", "Words"):
        table.add_column(heading, justify="right" if heading in ("Score", "Words") else "left")
    for entry in summary.exemplars[:top]:
        table.add_row(*_entry_cells(entry), num(entry["words"]))
    if not summary.exemplars:
        table.add_row("(none: no note scored 90+ with 120+ words)", "", "", "", "", "", "")
    out.print(table)
    for entry in summary.exemplars[:top]:
        if entry.get("strengths"):
            why = "; ".join(entry["strengths"])
            out.print(escape(f"  {entry['id'] or ''} is good because it {why}."), soft_wrap=True)

    out.print("[bold]Stop / start / continue[/bold]")
    for kind in ("stop", "start", "continue"):
        items = summary.actions.get(kind, [])
        out.print(f"  [bold]{kind.capitalize()}[/bold]")
        if not items:
            out.print("    - nothing stands out")
        for item in items:
            text = escape(f"{item.title}: {item.detail}")
            out.print(f"    - {text}", soft_wrap=True)


class _Table:
    """A Rich table whose cells are plain text (never read as markup)."""

    def __init__(self, title: str, table_class: Any) -> None:
        from rich import box

        self.table = table_class(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
        )

    def add_column(self, heading: str, justify: str = "left") -> None:
        self.table.add_column(heading, justify=justify)

    def add_row(self, *cells: str) -> None:
        from rich.text import Text

        self.table.add_row(*(Text(cell) for cell in cells))

    def __rich__(self) -> Any:
        return self.table


def _table(title: str, table_class: Any) -> _Table:
    return _Table(title, table_class)


def _group_table(kind: str, groups: dict[str, GroupFigures], table_class: Any) -> _Table:
    table = _table(f"By {GROUP_TITLES[kind].lower()}", table_class)
    headings = (
        GROUP_TITLES[kind],
        "Notes",
        "Findings/note",
        "No reason",
        "No child's voice",
        "Median grade",
        "Mean score",
    )
    for heading in headings:
        table.add_column(heading, justify="left" if heading == headings[0] else "right")
    for name, row in groups.items():
        table.add_row(
            name,
            num(row.notes),
            num(row.findings_per_note, 2),
            pct(row.no_reason_share),
            pct(row.no_voice_share),
            num(row.median_grade),
            num(row.mean_score),
        )
    return table


def _support_table(kind: str, support: dict[str, Any], table_class: Any, top: int) -> _Table:
    """Who needs support: the ranked rows (flagged measures marked ▲), then a count of the
    ones with too few notes to judge."""
    rows = support[kind]
    table = _table(f"Who needs support: by {GROUP_TITLES[kind].lower()}", table_class)
    for heading in ("Rank", GROUP_TITLES[kind], "Notes", *(m[0] for m in MEASURES.values())):
        table.add_column(heading, justify="right" if heading in ("Rank", "Notes") else "left")
    judged = [r for r in rows if r["judged"]]
    for row in judged[:top]:
        cells = [
            interval(row["measures"][k]) + (" ▲" if row["measures"][k]["flag"] else "")
            for k in MEASURES
        ]
        table.add_row(str(row["rank"]), row["name"], num(row["notes"]), *cells)
    unjudged = len(rows) - len(judged)
    if len(judged) > top:
        table.add_row("", f"... {len(judged) - top} more", "", "", "", "")
    if unjudged:
        table.add_row("", f"{unjudged} not ranked", f"<{support['min_notes']}", "", "", "")
    service = support["service"]
    table.add_row("", "Service", "", *(pct(service[k]) for k in MEASURES))
    return table


def _entry_cells(entry: dict[str, Any]) -> tuple[str, ...]:
    return (
        entry["id"] or "",
        entry["author"] or "",
        entry["team"] or "",
        entry["type"] or "",
        (entry["date"] or "")[:10],
        str(entry["score"]),
    )
