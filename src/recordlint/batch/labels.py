"""Words and number formats shared by the terminal summary and the reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .summary import BatchSummary

#: What each category means, as a supervisor would say it.
CATEGORY_LABELS: dict[str, str] = {
    "jargon": "Jargon",
    "acronym": "Acronyms",
    "judgemental": "Blaming or labelling words",
    "depersonalising": "Role labels for the child",
    "passive": "Passives hiding who acted",
    "defensive": "Defensive stock phrases",
    "rationale": "Decisions without a reason",
    "child-voice": "Child's voice missing",
    "readability": "Hard to read",
}

#: Group tables: summary key -> heading.
GROUP_TITLES = {"teams": "Team", "authors": "Author", "types": "Note type", "months": "Month"}


def pct(value: float | None, digits: int = 0) -> str:
    """A 0-1 share as a percentage ("23%"), or an en dash when there is none."""
    return "\u2013" if value is None else f"{value * 100:.{digits}f}%"


def num(value: Any, digits: int = 1) -> str:
    """A number with thousands separators, or an en dash for None."""
    if value is None:
        return "\u2013"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 note', '2 notes' (with thousands separators)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def skipped_line(summary: BatchSummary) -> str:
    """'3 rows skipped (2 ragged row, 1 empty text)' or 'no rows skipped'."""
    if not summary.skipped:
        line = "no rows skipped"
    else:
        parts = ", ".join(
            f"{count:,} {reason}" for reason, count in summary.skipped_by_reason.items()
        )
        line = f"{plural(summary.skipped, 'row')} skipped ({parts})"
    if summary.unreadable_dates:
        line += (
            f"; {plural(summary.unreadable_dates, 'note')} with an unreadable date kept without "
            "a date"
        )
    return line


def rule_list(entry: dict[str, Any], limit: int = 3, *, names: bool = True) -> str:
    """'RL101 care-jargon ×3, RL401 ...' for a note entry (codes only with names=False)."""
    parts = [
        (f"{code} {name}" if names else code) + (f" \u00d7{count}" if count > 1 else "")
        for code, name, _category, count in entry.get("rules", [])[:limit]
    ]
    more = len(entry.get("rules", [])) - limit
    return ", ".join(parts) + (f" +{more} more" if more > 0 else "") if parts else "no findings"


def period_line(summary: BatchSummary) -> str:
    """'Notes dated 2024-01-03 to 2025-12-30 (24 months, 210.5 notes a month)' and filters."""
    period = summary.period
    if period.first:
        line = (
            f"Notes dated {period.first} to {period.last} "
            f"({plural(period.months, 'month')}, {num(period.notes_per_month)} notes a month"
        )
        if period.empty_months:
            line += f"; {plural(period.empty_months, 'month')} with no notes"
        if period.undated_notes:
            line += f"; {plural(period.undated_notes, 'note')} without a date"
        line += ")"
    elif summary.notes == 0:
        line = "No note to date"
    else:
        line = "No note has a readable date"
    if summary.filters:
        chosen = "no note matched" if summary.notes == 0 else "only notes"
        line += f"; {chosen} {'; '.join(summary.filters)} ({num(summary.filtered_out)} left out)"
    return line


def interval(measure: dict[str, Any]) -> str:
    """'41% (35–47%, n=312)', or an en dash when there is no base."""
    if measure.get("share") is None:
        return "\u2013"
    return (
        f"{pct(measure['share'])} ({pct(measure['low'])}\u2013{pct(measure['high'])}, "
        f"n={measure['base']:,})"
    )
