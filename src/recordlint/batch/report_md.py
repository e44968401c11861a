"""The batch report as Markdown (``--report report.md``): the summary, tables and notes.

Everything taken from the export is escaped, so note text renders as text; flagged words
are shown in bold, and each note's findings are listed under it.
"""

from __future__ import annotations

import re
from typing import Any

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
from .spans import WHOLE_NOTE, segments
from .summary import Action, BatchSummary
from .support import MEASURES

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)
#: Control characters except the newline (kept in note text only).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def md(value: Any) -> str:
    """Escape text for Markdown (inline): punctuation and HTML; line breaks and other
    control characters become spaces, so a name cannot break the layout."""
    text = "" if value is None else str(value)
    return _escape(" ".join(_CONTROL.sub(" ", text).split()))


def md_lines(text: str) -> str:
    """Escape note text that starts lines: also list and heading markers at line starts."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _escape(text))


def _table(headings: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |"]
    lines.append(
        "|" + "|".join(":---" if i < right else "---:" for i in range(len(headings))) + "|"
    )
    for row in rows:
        cells = [cell.replace("\n", " ") for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def render_markdown(summary: BatchSummary, *, top: int = 10) -> str:
    """The whole report as one Markdown document."""
    overall = summary.overall
    files = ", ".join(md(i["path"]) for i in summary.inputs)
    out = [
        "# Case recording quality: caseload summary",
        "",
        f"Created {md(summary.created or '')} by recordlint "
        f"{md(summary.tool_version or '')} from {files or 'no files'}.",
        "",
        f"{md(period_line(summary))}.",
        "",
    ]
    if summary.redacted:
        out += ["**Redacted:** people and teams are pseudonyms; no note text is shown.", ""]
    out += [
        "## Summary",
        "",
        f"- {plural(summary.notes, 'note')} checked; {md(skipped_line(summary))}.",
        f"- Mean score **{num(overall.mean_score)}** out of 100 (median "
        f"{num(summary.median_score, 0)}); {num(overall.findings_per_note, 2)} findings "
        f"per note; median reading grade {num(overall.median_grade)}.",
        f"- Decisions without a reason: **{pct(overall.no_reason_share)}** of "
        f"{plural(overall.decision_notes, 'note')} that record a decision.",
        f"- Child seen but no voice recorded: **{pct(overall.no_voice_share)}** of "
        f"{plural(overall.seen_notes, 'note')} where the child was seen.",
        "",
        "## Stop / start / continue",
        "",
    ]
    for kind in ("stop", "start", "continue"):
        out.append(f"### {kind.capitalize()}")
        out.append("")
        items = summary.actions.get(kind) or [Action("Nothing stands out", "")]
        out += [f"- **{md(i.title)}**. {md(i.detail)}" for i in items]
        out.append("")
    out += ["## Share of notes flagged, by category", ""]
    checked = summary.categories_checked or CATEGORIES
    out += _table(
        ["Category", "Notes flagged", "Share", "Findings"],
        [
            [
                CATEGORY_LABELS[c],
                num(summary.categories[c].notes) if c in checked else "off",
                pct(summary.categories[c].share) if c in checked else "",
                num(summary.categories[c].findings) if c in checked else "",
            ]
            for c in CATEGORIES
        ],
    )
    out += [f"## Top {top} rules", ""]
    out += _table(
        ["Rule", "Name", "Category", "Notes", "Share", "Findings"],
        [
            [
                r.rule,
                r.name,
                r.category,
                num(r.notes),
                pct(r.share),
                num(r.findings),
            ]
            for r in summary.rules[:top]
        ],
        right=3,
    )
    out += _support(summary)
    out += _trend(summary)
    for kind in ("teams", "authors", "types", "months"):
        out += [f"## By {GROUP_TITLES[kind].lower()}", ""]
        out += _table(
            [GROUP_TITLES[kind], "Notes", "Findings/note", "No reason", "No child's voice",
             "Median grade", "Mean score"],
            [
                [md(name), num(g.notes), num(g.findings_per_note, 2),
                 pct(g.no_reason_share), pct(g.no_voice_share), num(g.median_grade),
                 num(g.mean_score)]
                for name, g in getattr(summary, kind).items()
            ],
        )  # fmt: skip
    out += ["## Lowest-scoring notes", ""]
    out += _notes(summary.lowest[:top])
    out += ["## Exemplar notes to share for learning", ""]
    rule = summary.exemplar_rule or {"score": 90, "words": 120}
    out += [f"Notes scoring {rule['score']}+ with {rule['words']}+ words.", ""]
    out += _notes(summary.exemplars[:top]) or ["None this time.", ""]
    return "\n".join(out).rstrip() + "\n"


def _trend(summary: BatchSummary) -> list[str]:
    """The trend by period; a period without notes is a row of dashes (a gap)."""
    trend = summary.trend
    if not trend.points:
        return []
    rows = [
        [md(point), num(g.notes), num(g.mean_score), pct(g.no_reason_share), pct(g.no_voice_share)]
        if g
        else [md(point), "0", "\u2013", "\u2013", "\u2013"]
        for point, g in ((p, trend.overall.get(p)) for p in trend.points)
    ]
    headings = ["Period", "Notes", "Mean score", "No reason", "No child's voice"]
    return [f"## Trend by {trend.period}", ""] + _table(headings, rows)


def _support(summary: BatchSummary) -> list[str]:
    """Who needs support: the ranked tables (▲ clearly above the service)."""
    support = summary.support
    if not support:
        return []
    out = [
        "## Who needs support",
        "",
        "Share (95% Wilson interval, n = the notes it is of); \u25b2: clearly above the "
        f"service's share. Fewer than {support['min_notes']} notes: shown, not ranked.",
        "",
    ]
    for kind in ("teams", "authors"):
        out += [f"### By {GROUP_TITLES[kind].lower()}", ""]
        rows = [
            [
                str(row["rank"] or "not ranked"),
                md(row["name"]),
                num(row["notes"]),
                *(
                    md(interval(row["measures"][k]))
                    + (" \u25b2" if row["measures"][k]["flag"] else "")
                    for k in MEASURES
                ),
            ]
            for row in support[kind]
        ]
        rows.append(["", "Service", "", *(pct(support["service"][k]) for k in MEASURES)])
        out += _table(
            ["Rank", GROUP_TITLES[kind], "Notes", *(m[0] for m in MEASURES.values())], rows
        )
    return out


def _notes(entries: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for entry in entries:
        facts = ", ".join(
            md(v) for v in (entry["author"], entry["team"], entry["type"], entry["date"]) if v
        )
        out += [f"### {md(entry['id'])}: score {entry['score']}", "", facts, ""]
        if entry.get("strengths") and entry["score"] >= 90:
            out += ["Why it is good: it " + md("; it ".join(entry["strengths"])) + ".", ""]
        text = entry.get("text")
        if text is None:
            out += [f"Findings: {md(rule_list(entry, limit=8))}.", ""]
            continue
        shown = [
            m for m in entry.get("marks", []) if m["end"] - m["start"] < WHOLE_NOTE * len(text)
        ]
        runs: list[list[Any]] = []
        for piece, marks in segments(text, shown):
            if runs and runs[-1][1] == bool(marks):
                runs[-1][0] += piece
            else:
                runs.append([piece, bool(marks)])
        marked = "".join(_bold(piece) if flagged else md_lines(piece) for piece, flagged in runs)
        out += ["> " + line if line.strip() else ">" for line in marked.splitlines()]
        out.append("")
        for number, mark in enumerate(entry.get("marks", []), 1):
            words = " ".join(text[mark["start"] : mark["end"]].split())
            if len(words) > 80:
                words = words[:77] + "..."
            out.append(
                f"{number}. **{md(mark['rule'])} {md(mark['name'])}** \u201c{md(words)}\u201d: "
                f"{md(mark['message'])} {md(mark['hint'])}"
            )
        out.append("")
    return out


def _bold(piece: str) -> str:
    """A flagged piece in bold, line by line, with its outer spaces kept outside the stars."""
    lines = []
    for line in piece.split("\n"):
        core = line.strip()
        if not core:
            lines.append(line)
            continue
        left = line[: len(line) - len(line.lstrip())]
        right = line[len(line.rstrip()) :]
        lines.append(f"{left}**{md_lines(core)}**{right}")
    return "\n".join(lines)
