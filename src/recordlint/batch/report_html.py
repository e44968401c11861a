"""The batch report as one self-contained HTML file: inline CSS, inline SVG charts and one
small inline script (sortable tables; the page reads the same without it).

Everything taken from the export (note text, names, ids, headers, file names) goes through
:func:`html.escape`. Flagged spans are ``<mark>`` elements whose title gives the rule and
its hint. Nothing is loaded from anywhere else.
"""

from __future__ import annotations

import html
import math
from typing import Any

from ..model import CATEGORIES
from ..scoring import SEVERITY_FACTOR, WEIGHTS
from .charts import heatmap_svg, legend, trend_svg
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
from .report_assets import CSS, SCRIPT
from .spans import WHOLE_NOTE, segments
from .summary import BatchSummary, GroupFigures
from .support import MEASURES

#: A colour per category (colour-blind safe), for charts and highlights.
COLOURS: dict[str, str] = {
    "jargon": "#0072B2",
    "acronym": "#3A9AD9",
    "judgemental": "#D55E00",
    "depersonalising": "#CC79A7",
    "passive": "#E69F00",
    "defensive": "#8F8F2E",
    "rationale": "#882255",
    "child-voice": "#009E73",
    "readability": "#666666",
}


def esc(value: Any) -> str:
    """Text for HTML content or attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def render_html(summary: BatchSummary, *, top: int = 10) -> str:
    """The whole report as one HTML document."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Case recording quality: caseload summary</title>",
        f"<style>{CSS}</style></head><body>",
        _header(summary),
        _nav(),
        "<main>",
        _summary(summary),
        _actions(summary),
        _categories(summary),
        _support(summary, top),
        _rules(summary, top),
        _trend(summary),
        _group("teams", summary),
        _group("authors", summary),
        _group("types", summary),
        _notes("lowest", "Lowest-scoring notes", summary.lowest[:top], summary),
        _notes(
            "exemplars", "Exemplar notes to share for learning", summary.exemplars[:top], summary
        ),
        _about(summary),
        f"</main><script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(summary: BatchSummary) -> str:
    files = ", ".join(esc(i["path"]) for i in summary.inputs) or "no files"
    badge = ""
    if summary.redacted:
        badge = '<p><span class="badge">Redacted: pseudonyms, no note text</span></p>'
    return (
        "<header><h1>Case recording quality: caseload summary</h1>"
        f"<p>{plural(summary.notes, 'note')} from {files}</p>"
        f'<p id="period">{esc(period_line(summary))}.</p>'
        f"<p>Created {esc(summary.created)} by recordlint "
        f"{esc(summary.tool_version)}</p>{badge}</header>"
    )


def _nav() -> str:
    links = (
        ("summary", "Summary"),
        ("stop-start-continue", "Stop / start / continue"),
        ("categories", "Categories"),
        ("support", "Who needs support"),
        ("rules", "Rules"),
        ("trend", "Trend"),
        ("teams", "Teams"),
        ("authors", "Authors"),
        ("types", "Note types"),
        ("lowest", "Lowest-scoring"),
        ("exemplars", "Exemplars"),
        ("about-score", "About the score"),
    )
    return "<nav>" + "".join(f'<a href="#{a}">{t}</a>' for a, t in links) + "</nav>"


def _card(value: str, label: str) -> str:
    return (
        f'<div class="card"><div class="value">{esc(value)}</div>'
        f'<div class="label">{esc(label)}</div></div>'
    )


def _summary(summary: BatchSummary) -> str:
    overall = summary.overall
    cards = [
        _card(num(summary.notes), "notes checked"),
        _card(num(summary.skipped), "rows skipped"),
        _card(num(overall.mean_score), "mean score (0\u2013100)"),
        _card(num(overall.findings_per_note, 2), "findings per note"),
        _card(
            pct(overall.no_reason_share),
            f"of {plural(overall.decision_notes, 'note')} with a decision give no reason",
        ),
        _card(
            pct(overall.no_voice_share),
            f"of {plural(overall.seen_notes, 'child-seen note')} lack the child's voice",
        ),
        _card(num(overall.median_grade), "median reading grade"),
    ]
    rows = "".join(
        f"<tr><td>{esc(i['path'])}</td><td>{esc(i['format'])}</td><td>{esc(i['encoding'] or '')}"
        f'</td><td class="num">{i["notes"]:,}</td><td class="num">'
        f"{sum(s['count'] for s in i['skipped'].values()):,}</td><td>"
        + esc(", ".join(f"{k}: {v}" for k, v in i["columns"].items()))
        + "</td></tr>"
        for i in summary.inputs
    )
    problems = "".join(
        f"<li>{esc(i['path'])}: {esc(reason)}, {s['count']:,} rows (first rows: "
        f"{esc(', '.join(map(str, s['rows'])))})</li>"
        for i in summary.inputs
        for reason, s in i["skipped"].items()
    )
    problems += "".join(
        f"<li>{esc(i['path'])}: unreadable date, {i['unreadable_dates']['count']:,} notes kept "
        f"without a date (first rows: {esc(', '.join(map(str, i['unreadable_dates']['rows'])))})"
        "</li>"
        for i in summary.inputs
        if i["unreadable_dates"]["count"]
    )
    return (
        '<section id="summary"><h2>Summary</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f"<p>{esc(_sentence(skipped_line(summary)))}. Median score "
        f"{num(summary.median_score, 0)}.</p>"
        '<div class="wide"><table><tr><th>Export</th><th>Format</th><th>Encoding</th>'
        "<th class=num>Notes</th>"
        f"<th class=num>Skipped</th><th>Columns used</th></tr>{rows}</table></div>"
        + (f"<ul>{problems}</ul>" if problems else "")
        + "</section>"
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _actions(summary: BatchSummary) -> str:
    blocks = []
    for kind, title in (("stop", "Stop"), ("start", "Start"), ("continue", "Continue")):
        items = summary.actions.get(kind, [])
        body = "".join(f"<li><strong>{esc(i.title)}.</strong> {esc(i.detail)}</li>" for i in items)
        if not items:
            body = '<li class="muted">Nothing stands out.</li>'
        blocks.append(f'<div class="{kind}"><h3>{title}</h3><ul>{body}</ul></div>')
    return (
        '<section id="stop-start-continue"><h2>Stop, start, continue</h2>'
        '<p class="muted">Drawn from these notes: the most frequent problem patterns, the '
        "missing elements, and the strengths found.</p>"
        f'<div class="ssc">{"".join(blocks)}</div></section>'
    )


#: The notes a share is of, where it is not every note.
OF_NOTES = {"rationale": " (of decisions)", "child-voice": " (of child seen)"}


def _bar_chart(summary: BatchSummary) -> str:
    checked = summary.categories_checked or CATEGORIES
    rows = [(c, summary.categories[c].share or 0.0) for c in CATEGORIES]
    tick = 0.1 if max(s for _, s in rows) <= 0.5 else 0.2
    ticks = max(1, math.ceil(max(s for _, s in rows) / tick - 1e-9))
    scale = tick * ticks
    label_w, bar_w, row_h = 290, 400, 30
    height = row_h * len(rows) + 30
    out = [
        f'<svg id="category-chart" role="img" aria-label="Share of notes flagged by category" '
        f'width="{label_w + bar_w + 70}" height="{height}" viewBox="0 0 {label_w + bar_w + 70} '
        f'{height}">'
    ]
    for step in range(ticks + 1):
        x = label_w + bar_w * step / ticks
        out.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" stroke="#e3e6ec"/>'
            f'<text x="{x:.1f}" y="{height - 6}" font-size="11" text-anchor="middle" '
            f'fill="#5b6475">{tick * step * 100:.0f}%</text>'
        )
    for index, (category, value) in enumerate(rows):
        y = 6 + index * row_h
        width = bar_w * value / scale
        label = CATEGORY_LABELS[category] + ("" if category in checked else " (off)")
        label += OF_NOTES.get(category, "")
        out.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="13" text-anchor="end" '
            f'fill="#1d2433">{esc(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row_h - 10}" rx="3" '
            f'fill="{COLOURS[category]}"><title>{esc(label)}: {pct(value, 1)} of notes</title>'
            f"</rect>"
            f'<text x="{label_w + width + 6:.1f}" y="{y + 17}" font-size="12" fill="#1d2433">'
            f"{pct(value)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _histogram(summary: BatchSummary) -> str:
    bands = summary.score_histogram or [0] * 10
    top = max(bands + [1])
    width, height, base = 460, 190, 160
    step = (width - 40) / len(bands)
    out = [
        f'<svg id="score-chart" role="img" aria-label="Notes by score" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for index, count in enumerate(bands):
        bar = (base - 20) * count / top
        x = 30 + index * step
        label = f"{index * 10}\u2013{index * 10 + (10 if index == 9 else 9)}"
        colour = "#009E73" if index >= 9 else ("#D55E00" if index < 5 else "#8aa1c9")
        out.append(
            f'<rect x="{x + 3:.1f}" y="{base - bar:.1f}" width="{step - 6:.1f}" '
            f'height="{bar:.1f}" fill="{colour}"><title>score {label}: {count:,} notes</title>'
            f'</rect><text x="{x + step / 2:.1f}" y="{base + 16}" font-size="10" '
            f'text-anchor="middle" fill="#5b6475">{label}</text>'
            f'<text x="{x + step / 2:.1f}" y="{base - bar - 4:.1f}" font-size="10" '
            f'text-anchor="middle" fill="#1d2433">{count:,}</text>'
        )
    out.append(f'<line x1="30" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#9aa3b2"/></svg>')
    return "".join(out)


def _categories(summary: BatchSummary) -> str:
    rows = "".join(
        f"<tr><td>{esc(CATEGORY_LABELS[c])}</td><td>{esc(c)}</td>"
        f'<td class="num">{num(summary.categories[c].notes)}</td>'
        f'<td class="num">{pct(summary.categories[c].share, 1)}</td>'
        f'<td class="num">{num(summary.categories[c].findings)}</td></tr>'
        for c in CATEGORIES
    )
    return (
        '<section id="categories"><h2>Share of notes flagged, by category</h2>'
        f"{_bar_chart(summary)}"
        "<h3>Notes by score</h3>"
        f"{_histogram(summary)}"
        "<details><summary>Figures</summary><table><tr><th>Category</th><th>Code</th>"
        "<th class=num>Notes flagged</th><th class=num>Share</th><th class=num>Findings</th>"
        f"</tr>{rows}</table></details></section>"
    )


def _rules(summary: BatchSummary, top: int) -> str:
    rows = "".join(
        f"<tr><td>{esc(r.rule)}</td><td>{esc(r.name)}</td><td>{esc(r.category)}</td>"
        f'<td class="num">{num(r.notes)}</td><td class="num">{pct(r.share, 1)}</td>'
        f'<td class="num">{num(r.findings)}</td><td>{_phrases(summary, r.rule)}</td></tr>'
        for r in summary.rules[:top]
    )
    return (
        f'<section id="rules"><h2>Top {top} rules</h2><div class="wide"><table class="sortable">'
        "<tr><th>Rule</th><th>Name</th>"
        "<th>Category</th><th class=num>Notes</th><th class=num>Share of notes</th>"
        f"<th class=num>Findings</th><th>Most often</th></tr>{rows}</table></div></section>"
    )


def _phrases(summary: BatchSummary, rule: str) -> str:
    phrases = summary.phrases.get(rule) or []
    return esc(", ".join(f"\u201c{p}\u201d \u00d7{n:,}" for p, n in phrases[:4]))


def _trend(summary: BatchSummary) -> str:
    trend = summary.trend
    points, period = trend.points, trend.period
    head = f'<section id="trend"><h2>Trend by {esc(period)}</h2>'
    if not points:
        return head + '<p class="muted">The export has no readable dates.</p></section>'
    overall = trend.overall
    return (
        head + '<p class="muted">Each point is one period; a period with no notes is a gap. The '
        "grey bars give the number of notes behind each point.</p>"
        + legend()
        + trend_svg(points, overall, chart_id="trend-chart")
        + "<h3>Mean score by team and period</h3>"
        + _sheet(points, trend.teams, "Team")
        + "<details><summary>Mean score by worker and period</summary>"
        + _sheet(points, trend.authors, "Author")
        + "</details>"
        + "<details><summary>All figures by period</summary>"
        + _group_table("months", {p: g for p in points if (g := overall.get(p))}, "Period")
        + "</details></section>"
    )


def _sheet(points: list[str], groups: dict[str, dict[str, GroupFigures | None]], first: str) -> str:
    """Groups by period: mean score with the notes behind it; blank where there were none."""
    head = "".join(f"<th class=num>{esc(p)}</th>" for p in points)
    rows = []
    for name, series in groups.items():
        cells = "".join(
            f'<td class=num data-v="{g.mean_score}">{num(g.mean_score)}'
            f'<br><span class="muted">n={g.notes:,}</span></td>'
            if g
            else '<td class=num data-v=""></td>'
            for g in (series.get(p) for p in points)
        )
        rows.append(f"<tr><td>{esc(name)}</td>{cells}</tr>")
    return (
        f'<div class="wide"><table class="sortable sheet"><thead><tr><th>{esc(first)}</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _support(summary: BatchSummary, top: int) -> str:
    support = summary.support
    if not support:
        return ""
    service = support["service"]
    intro = (
        '<p class="muted">Ranked by what most needs attention: the number of measures clearly '
        "above the service's share (the lower end of the 95% Wilson interval is above it, "
        "marked \u25b2), then how far above. Each figure gives the notes it is of (n). "
        f"Teams and workers with fewer than {support['min_notes']} notes are shown, "
        "greyed, but not ranked or flagged: too few notes to judge.</p>"
        '<p class="sorthint muted" hidden>Select a column heading to sort the table.</p>'
    )
    blocks = []
    for kind in ("teams", "authors"):
        rows = []
        for row in support[kind]:
            cells = "".join(
                f'<td class=num data-v="{"" if m["share"] is None else m["share"]}">'
                f"{esc(interval(m))}{FLAG if m['flag'] else ''}"
                "</td>"
                for m in (row["measures"][k] for k in MEASURES)
            )
            rank = "" if row["rank"] is None else row["rank"]
            css = "" if row["judged"] else ' class="unranked"'
            rows.append(
                f'<tr{css}><td class=num data-v="{rank}">{rank or "not ranked"}</td>'
                f"<td>{esc(row['name'])}</td><td class=num>{row['notes']:,}</td>{cells}</tr>"
            )
        heads = "".join(f"<th class=num>{esc(m[0])}</th>" for m in MEASURES.values())
        service_row = "".join(f"<td class=num>{pct(service[k])}</td>" for k in MEASURES)
        blocks.append(
            f"<h3>By {GROUP_TITLES[kind].lower()}</h3>"
            f'<div class="wide"><table class="sortable support" id="support-{kind}"><thead><tr>'
            f"<th class=num>Rank</th><th>{GROUP_TITLES[kind]}</th><th class=num>Notes</th>"
            f"{heads}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"<tfoot><tr><td></td><td>Service</td><td></td>{service_row}</tr></tfoot>"
            "</table></div>"
        )
    teams = summary.teams
    heat = ""
    if teams:
        heat = (
            "<h3>Team by category</h3><p class=muted>The share of each team's notes flagged in "
            "each category (reasons: of notes with a decision; child's voice: of child-seen "
            'notes); darker is higher.</p><div class="wide">'
            + heatmap_svg(teams, summary.categories_checked or CATEGORIES)
            + "</div>"
        )
    body = "".join(blocks)
    return f'<section id="support"><h2>Who needs support</h2>{intro}{body}{heat}</section>'


FLAG = ' <span class="flag" title="clearly above the service">\u25b2</span>'
#: Mean-score bars start here (scores below it show no bar), so differences can be seen.
SCORE_BASELINE = 50


def _group_table(kind: str, groups: dict[str, GroupFigures], first: str | None = None) -> str:
    rows = []
    for name, g in groups.items():
        score = g.mean_score
        bar = ""
        if score is not None:
            width = max(0.0, score - SCORE_BASELINE) * 100 / (100 - SCORE_BASELINE)
            bar = f'<span class="scorebar" style="width:{width:.0f}px"></span>'
        rows.append(
            f"<tr><td>{esc(name)}</td><td class=num>{num(g.notes)}</td>"
            f"<td class=num>{num(g.findings_per_note, 2)}</td>"
            f"<td class=num>{pct(g.no_reason_share)}</td>"
            f"<td class=num>{pct(g.no_voice_share)}</td>"
            f"<td class=num>{num(g.median_grade)}</td>"
            f'<td class=num data-v="{"" if score is None else score}">{bar}{num(score)}</td></tr>'
        )  # fmt: skip
    return (
        f'<div class="wide"><table class="groups sortable"><thead><tr>'
        f"<th>{first or GROUP_TITLES[kind]}</th><th class=num>Notes</th>"
        "<th class=num>Findings per note</th><th class=num>Decisions without a reason</th>"
        "<th class=num>Child seen, no voice</th><th class=num>Median reading grade</th>"
        f"<th class=num>Mean score</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        f'<p class="muted">Mean-score bars start at {SCORE_BASELINE}.</p>'
    )


def _group(kind: str, summary: BatchSummary) -> str:
    title = {"teams": "By team", "authors": "By author", "types": "By note type"}[kind]
    table = _group_table(kind, getattr(summary, kind))
    return f'<section id="{kind}"><h2>{title}</h2>{table}</section>'


def _notes(anchor: str, title: str, entries: list[dict[str, Any]], summary: BatchSummary) -> str:
    out = [f'<section id="{anchor}"><h2>{title}</h2>']
    if anchor == "exemplars":
        rule = summary.exemplar_rule or {"score": 90, "words": 120}
        out.append(
            f'<p class="muted">Notes scoring {rule["score"]}+ with {rule["words"]}+ words, each '
            "with what makes it good: worth reading together in supervision or a team "
            "meeting.</p>"
        )
    else:
        out.append(
            '<p class="muted">Each note is folded: open it to read it with the flagged words '
            "highlighted and its findings grouped by category.</p>"
        )
    if not entries:
        out.append('<p class="muted">None this time.</p>')
    for entry in entries:
        out.append(_note(entry, folded=anchor == "lowest"))
    out.append("</section>")
    return "".join(out)


def _note(entry: dict[str, Any], *, folded: bool = False) -> str:
    facts = "".join(
        f"<span>{esc(label)}: {esc(value)}</span>"
        for label, value in (
            ("Author", entry["author"]),
            ("Team", entry["team"]),
            ("Type", entry["type"]),
            ("Date", entry["date"]),
            ("Words", entry["words"]),
            ("Reading grade", entry["grade"]),
        )
        if value is not None
    )
    head = f'<span class="score">{entry["score"]}</span><strong>{esc(entry["id"])}</strong>{facts}'
    why = ""
    if not folded and entry.get("strengths"):
        why = (
            '<p class="why"><strong>Why it is good:</strong> it '
            + esc("; it ".join(entry["strengths"]))
            + ".</p>"
        )
    text = entry.get("text")
    if text is None:
        body = f'<p class="text">{esc(rule_list(entry, limit=8))}</p>'
    else:
        marks = entry.get("marks", [])
        shown = [m for m in marks if m["end"] - m["start"] < WHOLE_NOTE * len(text)]
        body = (
            '<div class="text">'
            + "".join(_piece(piece, found) for piece, found in segments(text, shown))
            + "</div>"
            + _grouped(marks)
        )
    if folded:
        return f'<details class="note"><summary class="head">{head}</summary>{body}</details>'
    return f'<div class="note"><div class="head">{head}</div>{why}{body}</div>'


def _grouped(marks: list[dict[str, Any]]) -> str:
    """A note's findings under a heading per category, in the contract's order."""
    if not marks:
        return ""
    out = ['<div class="findings">']
    for category in CATEGORIES:
        found = [m for m in marks if m["category"] == category]
        if not found:
            continue
        items = "".join(
            f"<li><strong>{esc(m['rule'])} {esc(m['name'])}</strong>: {esc(m['message'])} "
            f"<em>{esc(m['hint'])}</em></li>"
            for m in found
        )
        out.append(
            f"<h4>{esc(CATEGORY_LABELS.get(category, category))} ({len(found)})</h4>"
            f"<ol>{items}</ol>"
        )
    return "".join(out) + "</div>"


def _piece(piece: str, marks: list[dict[str, Any]]) -> str:
    """A piece of note text, in a <mark> coloured by its narrowest finding when flagged."""
    if not marks:
        return esc(piece)
    first = min(marks, key=lambda m: m["end"] - m["start"])
    colour = COLOURS.get(first["category"], "#b58900")
    title = "\n".join(f"{m['rule']} {m['name']}: {m['hint']}" for m in marks)
    return (
        f'<mark class="c-{esc(first["category"])}" style="background:{colour}22;'
        f'border-bottom-color:{colour}" title="{esc(title)}">{esc(piece)}</mark>'
    )


def _about(summary: BatchSummary) -> str:
    rows = "".join(
        f"<tr><td>{esc(CATEGORY_LABELS.get(c, c))}</td><td class=num>{w[0]:g}</td>"
        f"<td class=num>{w[1]:g}</td><td class=num>{w[2]:g}</td></tr>"
        for c, w in WEIGHTS.items()
    )
    factors = ", ".join(f"{s.value} \u00d7{f:g}" for s, f in SEVERITY_FACTOR.items())
    return (
        '<section id="about-score"><h2>About the score</h2>'
        "<p>Each note starts at 100. Each category takes off points for its first finding and "
        "for each further one, up to a cap, so one kind of problem cannot sink a note alone. "
        f"Findings weigh by severity ({esc(factors)}).</p>"
        "<table><tr><th>Category</th><th class=num>First finding</th>"
        "<th class=num>Each further</th><th class=num>Cap</th></tr>"
        f"{rows}</table>"
        "<p><strong>Decisions without a reason</strong>: of the notes that record a decision, "
        "the share with a decision-without-reason finding. <strong>Child seen, no voice"
        "</strong>: of the notes where the child was seen (as the child's-voice rule judged: "
        "by the note's type, or its words when it has none), the share that do not record "
        "what the child said, showed, felt or wanted. <strong>Reading grade</strong>: "
        "Flesch-Kincaid, for notes of 50 words or more.</p></section>"
    )
