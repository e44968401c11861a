"""Inline SVG charts for the batch report and feedback pages: the trend with gaps and the
notes behind each point, and the team x category heat-map. Everything shown is escaped."""

from __future__ import annotations

import html
from typing import Any

from ..model import CATEGORIES
from .labels import CATEGORY_LABELS, num, pct
from .summary import GroupFigures

TREND_LINES = (
    ("mean_score", "Mean score", "#1F3B73", 1),
    ("no_reason_share", "Decisions without a reason (%)", "#882255", 100),
    ("no_voice_share", "Child seen, no voice (%)", "#009E73", 100),
)
#: Width of one axis label character in px at font-size 11 (generous, so labels never touch).
CHAR_PX = 7.0


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def label_every(count: int, longest: int, plot_w: float) -> int:
    """Show every n-th axis label so that labels never overlap (at least 12 px apart)."""
    if count <= 1:
        return 1
    step = plot_w / (count - 1)
    need = longest * CHAR_PX + 12
    return max(1, -(-int(need) // max(1, int(step))))


def trend_svg(
    points: list[str],
    series: dict[str, GroupFigures | None],
    *,
    chart_id: str,
    lines: tuple[tuple[str, str, str, int], ...] = TREND_LINES,
) -> str:
    """Lines per measure over ``points``; a period without notes is a gap (the line is not
    joined across it); grey bars at the foot give the notes behind each point."""
    width, height = 900, 320
    left, right, top_pad, bottom = 46, 20, 14, 78
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    count = len(points)
    step = plot_w / max(1, count - 1)

    def x_at(index: int) -> float:
        return left + (index * step if count > 1 else plot_w / 2)

    def y_at(value: float) -> float:
        return top_pad + plot_h * (1 - max(0.0, min(100.0, value)) / 100)

    out = [
        f'<svg id="{esc(chart_id)}" class="chart" role="img" aria-label="Trend by period" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for value in range(0, 101, 20):
        y = y_at(value)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e6ec"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#5b6475">{value}</text>'
        )
    every = label_every(count, max((len(p) for p in points), default=0), plot_w)
    base = height - bottom + 16
    for index, point in enumerate(points):
        if index % every == 0:
            out.append(
                f'<text class="axis" x="{x_at(index):.1f}" y="{base}" font-size="11" '
                f'text-anchor="middle" fill="#5b6475">{esc(point)}</text>'
            )
    most = max((g.notes for g in series.values() if g), default=1)
    bar_w = max(2.0, min(18.0, step * 0.6))
    for index, point in enumerate(points):
        group = series.get(point)
        n = group.notes if group else 0
        bar = 28 * n / most
        out.append(
            f'<rect class="n" x="{x_at(index) - bar_w / 2:.1f}" y="{height - 8 - bar:.1f}" '
            f'width="{bar_w:.1f}" height="{bar:.1f}" fill="#c5cbd6"><title>{esc(point)}: '
            f"{n:,} notes</title></rect>"
        )
    out.append(
        f'<text x="{left - 6}" y="{height - 10}" font-size="10" text-anchor="end" '
        'fill="#5b6475">notes</text>'
    )
    for key, label, colour, factor in lines:
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = [run]
        for index, point in enumerate(points):
            group = series.get(point)
            value = getattr(group, key) if group else None
            if value is None:
                if run:
                    run = []
                    runs.append(run)
                continue
            x, y = x_at(index), y_at(value * factor)
            run.append((x, y))
            shown = num(value) if factor == 1 else pct(value)
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{esc(point)}: '
                f"{esc(label)} {shown} ({group.notes:,} notes)</title></circle>"
            )
        for segment in runs:
            if len(segment) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                out.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.2"/>'
                )
    out.append("</svg>")
    return "".join(out)


def legend(lines: tuple[tuple[str, str, str, int], ...] = TREND_LINES) -> str:
    return (
        '<div class="legend">'
        + "".join(
            f'<span><i style="background:{colour}"></i>{esc(label)}</span>'
            for _, label, colour, _ in lines
        )
        + '<span><i style="background:#c5cbd6;height:10px"></i>notes per point</span></div>'
    )


def heatmap_svg(teams: dict[str, GroupFigures], checked: list[str]) -> str:
    """Teams (rows) by category (columns): the share flagged, darker when higher. The shares
    are of the same notes as everywhere else (decisions for reasons, child-seen notes for
    the child's voice)."""
    categories = [c for c in CATEGORIES if c in checked]
    names = list(teams)
    label_w = min(260, 20 + 7 * max((len(n) for n in names), default=4))
    cell_w, cell_h, head = 64, 26, 92
    width, height = label_w + cell_w * len(categories) + 4, head + cell_h * len(names) + 4
    out = [
        f'<svg id="heatmap" class="chart" role="img" aria-label="Share of notes flagged by team '
        f'and category" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for column, category in enumerate(categories):
        x = label_w + column * cell_w + cell_w / 2
        out.append(
            f'<text x="{x:.1f}" y="{head - 8}" font-size="11" fill="#1d2433" '
            f'transform="rotate(-35 {x:.1f} {head - 8})">{esc(CATEGORY_LABELS[category])}</text>'
        )
    for row, name in enumerate(names):
        y = head + row * cell_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end" '
            f'fill="#1d2433">{esc(name)}</text>'
        )
        for column, category in enumerate(categories):
            value = teams[name].categories.get(category)
            x = label_w + column * cell_w
            shade = 0 if value is None else min(1.0, value / 0.6)
            fill = "#f1f2f5" if value is None else _blend(shade)
            ink = "#ffffff" if shade > 0.55 else "#1d2433"
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{fill}"><title>{esc(name)}, {esc(CATEGORY_LABELS[category])}: '
                f"{pct(value, 1)}</title></rect>"
                f'<text x="{x + cell_w / 2:.1f}" y="{y + 17}" font-size="11" '
                f'text-anchor="middle" fill="{ink}">{pct(value)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _blend(shade: float) -> str:
    """White to deep red-brown."""
    low, high = (255, 247, 236), (127, 39, 4)
    r, g, b = (round(lo + (hi - lo) * shade) for lo, hi in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"
