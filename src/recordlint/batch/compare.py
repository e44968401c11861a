"""Compare two saved batch results: the change per category, team and author.

Shares are fractions (0-1), so a change of -0.05 is five percentage points fewer notes.
Teams and authors are matched by name; one found in only one run is shown as new or gone,
and one with fewer than the minimum notes (``--min-notes`` of the runs, 20 by default) in
either run gets no change: too few notes to tell a change from chance. Each run is labelled
by the period its notes cover and its file names; each change says "better" or "worse".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..control_chars import printable_tree
from ..model import CATEGORIES
from .labels import CATEGORY_LABELS, num, pct
from .support import MIN_NOTES

#: Group figures compared, and whether a rise is an improvement.
METRICS: dict[str, bool | None] = {
    "notes": None,
    "mean_score": True,
    "findings_per_note": False,
    "no_reason_share": False,
    "no_voice_share": False,
    "median_grade": False,
}
_SHARES = {"no_reason_share", "no_voice_share"}
LABELS = {
    "notes": "Notes",
    "mean_score": "Mean score",
    "findings_per_note": "Findings per note",
    "no_reason_share": "Decisions without a reason",
    "no_voice_share": "Child seen, no voice",
    "median_grade": "Median reading grade",
}


def _change(old: Any, new: Any) -> dict[str, Any]:
    delta = None
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        delta = round(new - old, 4)
    return {"old": old, "new": new, "change": delta}


def direction(metric: str, change: float | None) -> str | None:
    """'better', 'worse' or 'same' for a change (None when it has no direction)."""
    better = METRICS.get(metric)
    if change is None or better is None:
        return None
    if change == 0:
        return "same"
    return "better" if (change > 0) == better else "worse"


def _group(
    old: dict[str, Any] | None, new: dict[str, Any] | None, minimum: int = MIN_NOTES
) -> dict[str, Any]:
    status = "both" if old and new else ("new" if new else "gone")
    if status == "both" and min(old["notes"] or 0, new["notes"] or 0) < minimum:
        status = "too few notes"
    row: dict[str, Any] = {"status": status}
    for metric in METRICS:
        row[metric] = _change((old or {}).get(metric), (new or {}).get(metric))
        if status != "both" and metric != "notes":
            row[metric]["change"] = None
        row[metric]["direction"] = direction(metric, row[metric]["change"])
    return row


def _with_direction(metric: str, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    row = _change(old.get(metric), new.get(metric))
    row["direction"] = direction(metric, row["change"])
    return row


def run_label(data: dict[str, Any], *, files: bool = True) -> str:
    """'2025-01-02 to 2025-03-31, q1.csv' (the period its notes cover and its files)."""
    period = data.get("period") or {}
    names = ", ".join(Path(str(i.get("path", ""))).name for i in data.get("inputs", []))
    when = (
        f"{period['first']} to {period['last']}"
        if period.get("first")
        else f"made {data.get('created') or 'on an unknown date'}"
    )
    return f"{when}, {names}" if names and files else when


def compare_results(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The change from ``old`` to ``new`` as JSON values."""
    minimum = max(_minimum(old), _minimum(new))
    result: dict[str, Any] = {
        "old": _run(old),
        "new": _run(new),
        "min_notes": minimum,
        "overall": {m: _with_direction(m, old["overall"], new["overall"]) for m in METRICS},
        "categories": {
            c: _change(
                old["categories"].get(c, {}).get("share"),
                new["categories"].get(c, {}).get("share"),
            )
            for c in CATEGORIES
        },
    }
    for kind in ("teams", "authors"):
        names = list(old[kind]) + [n for n in new[kind] if n not in old[kind]]
        result[kind] = {n: _group(old[kind].get(n), new[kind].get(n), minimum) for n in names}
    return result


def _run(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "created": data.get("created"),
        "notes": data["notes"],
        "label": run_label(data),
        "period_label": run_label(data, files=False),
    }


def _minimum(data: dict[str, Any]) -> int:
    support = data.get("support")
    value = support.get("min_notes") if isinstance(support, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else MIN_NOTES


def redact_comparison(result: dict[str, Any]) -> dict[str, Any]:
    """The comparison with team and author names replaced by pseudonyms."""
    from .redact import Pseudonyms

    pseudonym = Pseudonyms()
    data = dict(result)
    data["teams"] = {pseudonym("team", k): v for k, v in result["teams"].items()}
    data["authors"] = {pseudonym("author", k): v for k, v in result["authors"].items()}
    for run in ("old", "new"):  # file names may name a child or family
        data[run] = {**result[run], "label": result[run].get("period_label")}
    data["redacted"] = True
    return data


def _show(metric: str, value: Any) -> str:
    if metric in _SHARES:
        return pct(value)
    return num(value, 2 if metric == "findings_per_note" else 1)


def _delta(metric: str, change: Any) -> tuple[str, str]:
    """The change as text, and its style: green when better, red when worse."""
    if change is None:
        return "\u2013", ""
    if metric in _SHARES:
        text = f"{change * 100:+.1f} pts"
    elif isinstance(change, int):
        text = f"{change:+,}"
    else:
        text = f"{change:+.{2 if metric == 'findings_per_note' else 1}f}"
    word = direction(metric, change)
    if word in (None, "same"):
        return text, ""
    return f"{text} {word}", "green" if word == "better" else "red"


def print_comparison(result: dict[str, Any], console: Any = None) -> None:
    """Print the comparison as Rich tables (plain when not a terminal)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .terminal import make_console

    out = console or make_console(sys.stdout)
    result = printable_tree(result)  # names cannot steer the terminal
    out.print(
        Text(
            f"recordlint compare: old {result['old'].get('label') or result['old']['created']} "
            f"({result['old']['notes']:,} notes) \u2192 new "
            f"{result['new'].get('label') or result['new']['created']} "
            f"({result['new']['notes']:,} notes)"
        ),
        soft_wrap=True,
    )
    out.print(
        Text(
            f"Teams and authors with fewer than {result.get('min_notes', MIN_NOTES)} notes in "
            "either run show no change: too few notes to tell."
        ),
        soft_wrap=True,
    )

    def table(title: str, first: str) -> Any:
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        t.add_column(first)
        return t

    overall = table("Overall", "Measure")
    for heading in ("Old", "New", "Change"):
        overall.add_column(heading, justify="right")
    for metric, row in result["overall"].items():
        text, style = _delta(metric, row["change"])
        overall.add_row(
            LABELS[metric],
            _show(metric, row["old"]),
            _show(metric, row["new"]),
            Text(text, style=style),
        )
    out.print(overall)

    categories = table("Share of notes flagged, by category", "Category")
    for heading in ("Old", "New", "Change"):
        categories.add_column(heading, justify="right")
    for category, row in result["categories"].items():
        change = row["change"]
        text, style = ("\u2013", "") if change is None else (f"{change * 100:+.1f} pts", "")
        if change:
            better = change < 0
            text += " better" if better else " worse"
            style = "green" if better else "red"
        categories.add_row(
            CATEGORY_LABELS[category], pct(row["old"]), pct(row["new"]), Text(text, style=style)
        )
    out.print(categories)

    for kind, first in (("teams", "Team"), ("authors", "Author")):
        groups = table(f"By {first.lower()}", first)
        for heading in ("Notes", "Mean score", "Change", "No reason", "No child's voice"):
            groups.add_column(heading, justify="right")
        for name, row in result[kind].items():
            score = row["mean_score"]
            text, style = _delta("mean_score", score["change"])
            if row["status"] != "both":
                text, style = row["status"], "yellow"
            groups.add_row(
                Text(name),
                f"{num(row['notes']['old'])} \u2192 {num(row['notes']['new'])}",
                f"{num(score['old'])} \u2192 {num(score['new'])}",
                Text(text, style=style),
                _arrow("no_reason_share", row),
                _arrow("no_voice_share", row),
            )
        out.print(groups)


def _arrow(metric: str, row: dict[str, Any]) -> Any:
    from rich.text import Text

    cell = row[metric]
    text, style = _delta(metric, cell["change"])
    change = f" ({text})" if cell["change"] is not None else ""
    return Text(f"{pct(cell['old'])} \u2192 {pct(cell['new'])}{change}", style=style)
