"""``batch --feedback DIR``: one page per worker for a supervision conversation.

Each worker gets a self-contained HTML page and a Markdown twin: what they do well (with an
exemplar of their own, when they have one), their three most frequent patterns, each with a
real example from their notes and the hint for it, their trend, and the service's figures
for comparison. With ``--redact`` names are pseudonyms and no note text is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RecordlintError
from .actions import CONTINUE_TEXT
from .aggregate import NOT_GIVEN, Aggregate
from .charts import esc, legend, trend_svg
from .labels import CATEGORY_LABELS, interval, num, pct, period_line, plural
from .report_md import md, md_lines
from .summary import BatchSummary, GroupFigures, NoteEntry
from .support import MEASURES

#: Marks a page as written by recordlint (any other file of the same name is backed up).
MARKER = '<meta name="generator" content="recordlint feedback">'
MD_MARKER = "<!-- recordlint feedback -->"
PATTERNS = 3

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1d2433; overflow-wrap: anywhere; }
header { background: #1F3B73; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; } header p { margin: 2px 0; color: #dfe6f5; }
main { padding: 8px 32px 32px; max-width: 980px; }
h2 { font-size: 19px; border-bottom: 2px solid #d9dde5; padding-bottom: 4px; margin-top: 28px; }
.pattern, .exemplar { border: 1px solid #d9dde5; border-radius: 8px; padding: 10px 16px;
  margin: 12px 0; }
.before { background: #fff6e0; border-left: 4px solid #E69F00; padding: 6px 10px; margin: 6px 0;
  overflow-wrap: anywhere; }
.hint { background: #e8f6ee; border-left: 4px solid #009E73; padding: 6px 10px; margin: 6px 0; }
.exemplar .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #d9dde5; text-align: left; }
th { background: #f5f7fa; } td.num, th.num { text-align: right; }
.wide { overflow-x: auto; } svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 14px; height: 4px; vertical-align: middle;
  margin-right: 5px; }
.muted { color: #5b6475; }
@media (max-width: 700px) { header, main { padding-left: 14px; padding-right: 14px; } }
@media print { h2 { break-after: avoid; } .pattern, .exemplar, tr { break-inside: avoid; } }
"""


def slug(name: str) -> str:
    """A file name for a worker: lower case letters, digits and hyphens."""
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return text[:60] or "worker"


@dataclass
class WorkerPage:
    """What one worker's page shows."""

    name: str
    figures: GroupFigures
    #: Their row in "who needs support" (measures with intervals), when there is one.
    support: dict[str, Any] | None
    patterns: list[dict[str, Any]]
    strengths: list[str]
    exemplar: NoteEntry | None
    points: list[str]
    trend: dict[str, GroupFigures | None]
    period: str


def worker_pages(summary: BatchSummary, aggregate: Aggregate) -> list[WorkerPage]:
    """What each worker's page shows, workers in name order."""
    ranked = {row["name"]: row for row in summary.support.get("authors", [])}
    pages = []
    for name, group in summary.authors.items():
        if name == NOT_GIVEN:
            continue
        exemplar = aggregate.exemplars.get(name)
        pages.append(
            WorkerPage(
                name=name,
                figures=group,
                support=ranked.get(name),
                patterns=aggregate.worker_patterns(name, PATTERNS),
                strengths=_strengths(group, summary.overall, summary.categories_checked),
                exemplar=exemplar.items()[0] if exemplar and exemplar.items() else None,
                points=summary.trend.points,
                trend=summary.trend.authors.get(name, {}),
                period=summary.trend.period,
            )
        )
    return pages


def _strengths(group: GroupFigures, service: GroupFigures, checked: list[str]) -> list[str]:
    """Up to three categories where the worker's share is lowest against the service's."""
    scored = []
    for category, share in group.categories.items():
        theirs, overall = share, service.categories.get(category)
        if category not in checked or theirs is None or overall is None or theirs > overall:
            continue
        scored.append((theirs - overall, theirs, category))
    scored.sort()
    return [
        f"{CONTINUE_TEXT[c][:1].upper()}{CONTINUE_TEXT[c][1:]}: {pct(theirs)} of your notes "
        f"were flagged for {CATEGORY_LABELS[c].lower()}, against {pct(service.categories[c])} "
        "across the service."
        for _, theirs, c in scored[:3]
    ]


def write_feedback(summary: BatchSummary, aggregate: Aggregate, folder: Path) -> int:
    """Write the pages into ``folder`` (made if missing); returns how many workers."""
    from ..safe_write import atomic_write_text, keep_backup

    if folder.exists() and not folder.is_dir():
        raise RecordlintError(f"{folder}: --feedback needs a folder, and this is a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RecordlintError(f"{folder}: cannot make the feedback folder: {exc}") from None
    used: set[str] = set()
    pages = worker_pages(summary, aggregate)
    for page in pages:
        base = slug(page.name)
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        for suffix, text, marker in (
            (".html", render_page_html(page, summary), MARKER),
            (".md", render_page_md(page, summary), MD_MARKER),
        ):
            path = folder / f"{name}{suffix}"
            if path.exists() and not path.is_file():  # a FIFO would block, a device not end
                raise RecordlintError(
                    f"{path}: is not a regular file; move it or give another --feedback folder"
                )
            if path.exists() and marker not in _head(path):
                keep_backup(path)  # not one of ours: never overwrite it without a copy
            atomic_write_text(path, text)
    return len(pages)


def _head(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read(600)
    except OSError:
        return ""


def _comparison_rows(page: WorkerPage, summary: BatchSummary) -> list[tuple[str, str, str]]:
    """(measure, theirs, the service's) for the figures table."""
    mine, service = page.figures, summary.overall
    rows = [
        ("Notes", num(mine.notes), num(service.notes)),
        ("Mean score (0-100)", num(mine.mean_score), num(service.mean_score)),
    ]
    support = page.support
    for key, (label, _, _) in MEASURES.items():
        theirs = interval(support["measures"][key]) if support else "\u2013"
        rows.append((label, theirs, pct(summary.support.get("service", {}).get(key))))
    rows.append(("Median reading grade", num(mine.median_grade), num(service.median_grade)))
    return rows


def _intro(page: WorkerPage, summary: BatchSummary) -> str:
    notes = page.figures.notes
    text = (
        f"This page looks at {plural(notes, 'note')} you wrote. It is a starting point for a "
        "supervision conversation about recording, not a judgement of your practice: the "
        "tool reads wording, it does not know the children and families you work with."
    )
    minimum = summary.support.get("min_notes", 0)
    if notes < minimum:
        text += (
            f" With fewer than {minimum} notes, the figures below are a guide only; they are "
            "not compared or ranked."
        )
    return text


def render_page_html(page: WorkerPage, summary: BatchSummary) -> str:
    """One worker's page as a self-contained HTML document (no script, nothing loaded)."""
    name = page.name
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        MARKER,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Recording feedback: {esc(name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>Recording feedback: {esc(name)}</h1>",
        f"<p>{esc(period_line(summary))}.</p>",
        f"<p>Prepared {esc(summary.created)} by recordlint "
        f"{esc(summary.tool_version)} for supervision.</p></header><main>",
        f"<p>{esc(_intro(page, summary))}</p>",
        "<h2>What you do well</h2>",
    ]
    strengths = page.strengths or ["Your notes are in line with the service's on most measures."]
    parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in strengths) + "</ul>")
    exemplar = page.exemplar
    if exemplar:
        why = "; it ".join(exemplar.get("strengths") or [])
        parts.append(
            f'<div class="exemplar"><p><strong>One of your notes to share</strong>: '
            f"{esc(exemplar['id'])} ({esc(exemplar['type'])}, {esc((exemplar['date'] or '')[:10])}"
            f", score {exemplar['score']}).</p>"
            + (f"<p>Why it is good: it {esc(why)}.</p>" if why else "")
            + (f'<div class="text">{esc(exemplar["text"])}</div>' if exemplar.get("text") else "")
            + "</div>"
        )
    parts.append("<h2>Three things to work on</h2>")
    if not page.patterns:
        parts.append("<p>Nothing was flagged in your notes this period.</p>")
    for number, pattern in enumerate(page.patterns, 1):
        before = pattern.get("before")
        parts.append(
            f'<div class="pattern"><h3>{number}. {esc(pattern["name"])} '
            f'<span class="muted">({esc(pattern["rule"])}, '
            f"{plural(pattern['findings'], 'time')})</span></h3>"
            f"<p>{esc(pattern['message'])}</p>"
            + (
                f'<p class="before"><strong>From your note {esc(pattern["note"])}:</strong> '
                f"{esc(before)}</p>"
                if before
                else ""
            )
            + f'<p class="hint"><strong>Something to try:</strong> {esc(pattern["hint"])}</p>'
            "</div>"
        )
    parts.append(f"<h2>Your trend by {esc(page.period)}</h2>")
    if page.points and any(page.trend.values()):
        parts.append(
            legend() + trend_svg(page.points, page.trend, chart_id="worker-trend")
            + '<p class="muted">A period with none of your notes is a gap.</p>'
        )  # fmt: skip
    else:
        parts.append('<p class="muted">Your notes have no readable dates.</p>')
    rows = "".join(
        f"<tr><td>{esc(label)}</td><td class=num>{esc(theirs)}</td>"
        f"<td class=num>{esc(service)}</td></tr>"
        for label, theirs, service in _comparison_rows(page, summary)
    )
    parts.append(
        "<h2>Your figures and the service's</h2>"
        '<div class="wide"><table><tr><th>Measure</th><th class=num>Yours (95% interval, n)</th>'
        f"<th class=num>Service</th></tr>{rows}</table></div>"
        "</main></body></html>"
    )
    return "\n".join(parts) + "\n"


def render_page_md(page: WorkerPage, summary: BatchSummary) -> str:
    """The same page as Markdown."""
    out = [
        MD_MARKER,
        f"# Recording feedback: {md(page.name)}",
        "",
        f"{md(period_line(summary))}.",
        "",
        md(_intro(page, summary)),
        "",
        "## What you do well",
        "",
    ]
    strengths = page.strengths or ["Your notes are in line with the service's on most measures."]
    out += [f"- {md(s)}" for s in strengths] + [""]
    exemplar = page.exemplar
    if exemplar:
        why = "; it ".join(exemplar.get("strengths") or [])
        out += [
            f"**One of your notes to share**: {md(exemplar['id'])} ({md(exemplar['type'])}, "
            f"{md((exemplar['date'] or '')[:10])}, score {exemplar['score']}).",
            "",
        ]
        if why:
            out += [f"Why it is good: it {md(why)}.", ""]
        if exemplar.get("text"):
            out += [
                "> " + line if line.strip() else ">"
                for line in md_lines(exemplar["text"]).splitlines()
            ]
            out.append("")
    out += ["## Three things to work on", ""]
    if not page.patterns:
        out += ["Nothing was flagged in your notes this period.", ""]
    for number, pattern in enumerate(page.patterns, 1):
        out += [
            f"### {number}. {md(pattern['name'])} ({md(pattern['rule'])}, "
            f"{plural(pattern['findings'], 'time')})",
            "",
            md(pattern["message"]),
            "",
        ]
        if pattern.get("before"):
            out += [f"- From your note {md(pattern['note'])}: {md(pattern['before'])}"]
        out += [f"- Something to try: {md(pattern['hint'])}", ""]
    out += [f"## Your trend by {page.period}", ""]
    rows = [(p, page.trend.get(p)) for p in page.points]
    if any(g for _, g in rows):
        out += [
            "| Period | Notes | Mean score | Decisions without a reason |",
            "|:---|---:|---:|---:|",
        ]
        out += [
            f"| {md(p)} | {g.notes:,} | {num(g.mean_score)} | {pct(g.no_reason_share)} |"
            if g
            else f"| {md(p)} | 0 | \u2013 | \u2013 |"
            for p, g in rows
        ]
        out.append("")
    else:
        out += ["Your notes have no readable dates.", ""]
    out += [
        "## Your figures and the service's",
        "",
        "| Measure | Yours | Service |",
        "|:---|---:|---:|",
    ]
    out += [
        f"| {md(label)} | {md(theirs)} | {md(service)} |"
        for label, theirs, service in _comparison_rows(page, summary)
    ]
    return "\n".join(out) + "\n"
