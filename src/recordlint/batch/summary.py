"""The result of a batch run as typed, versioned data: what every renderer reads.

:class:`BatchSummary` is built once at the end of a run and handed to the terminal
summary, the HTML and Markdown reports and the feedback pages; :meth:`BatchSummary.to_json`
is what ``--save`` writes (``version`` = :data:`SUMMARY_VERSION`) and
:meth:`BatchSummary.from_json` reads it back. Shares are fractions (0-1) or None when
there is nothing to divide by.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SUMMARY_KIND = "recordlint-batch-results"
#: 2: period, filters, trend, support, category bases, exemplar strengths.
SUMMARY_VERSION = 2

#: A note shown in a report (lowest-scoring or exemplar): id, metadata, rules, text.
NoteEntry = dict[str, Any]


@dataclass(frozen=True)
class GroupFigures:
    """The figures of one group of notes (everyone, a team, an author, a type, a period)."""

    notes: int
    findings: int
    findings_per_note: float | None
    mean_score: float | None
    mean_words: int | None
    median_grade: float | None
    decision_notes: int
    no_reason: int
    no_reason_share: float | None
    seen_notes: int
    no_voice: int
    no_voice_share: float | None
    blaming: int = 0
    categories: dict[str, float | None] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GroupFigures:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class CategoryFigures:
    """One category: notes flagged, the notes its share is of, the share, findings."""

    notes: int
    share: float | None
    findings: int
    base: int = 0


@dataclass(frozen=True)
class RuleFigures:
    """One rule: notes flagged, share of notes, findings."""

    rule: str
    name: str
    category: str
    findings: int
    notes: int
    share: float | None


@dataclass(frozen=True)
class Period:
    """The dates the notes cover."""

    first: str | None = None
    last: str | None = None
    dated_notes: int = 0
    undated_notes: int = 0
    months: int = 0
    notes_per_month: float | None = None
    empty_months: int = 0


@dataclass(frozen=True)
class Trend:
    """Figures per period (None: no notes in that period), overall, per team and author."""

    period: str = "month"
    points: list[str] = field(default_factory=list)
    overall: dict[str, GroupFigures | None] = field(default_factory=dict)
    teams: dict[str, dict[str, GroupFigures | None]] = field(default_factory=dict)
    authors: dict[str, dict[str, GroupFigures | None]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trend:
        def series(points: dict[str, Any]) -> dict[str, GroupFigures | None]:
            return {k: GroupFigures.from_json(v) if v else None for k, v in points.items()}

        return cls(
            period=data.get("period", "month"),
            points=list(data.get("points", [])),
            overall=series(data.get("overall", {})),
            teams={k: series(v) for k, v in data.get("teams", {}).items()},
            authors={k: series(v) for k, v in data.get("authors", {}).items()},
        )


@dataclass(frozen=True)
class Action:
    """One stop / start / continue item."""

    title: str
    detail: str


@dataclass
class BatchSummary:
    """Everything a batch run found, for the reports and ``--save``."""

    notes: int
    findings: int
    overall: GroupFigures
    severities: dict[str, int]
    median_score: float | None
    score_histogram: list[int]
    categories_checked: list[str]
    categories: dict[str, CategoryFigures]
    rules: list[RuleFigures]
    phrases: dict[str, list[tuple[str, int]]]
    lowest: list[NoteEntry]
    exemplars: list[NoteEntry]
    teams: dict[str, GroupFigures]
    authors: dict[str, GroupFigures]
    types: dict[str, GroupFigures]
    months: dict[str, GroupFigures]
    period: Period
    trend: Trend
    #: Who needs support: "min_notes", "service" shares, ranked "teams" and "authors" rows.
    support: dict[str, Any]
    actions: dict[str, list[Action]]
    kind: str = SUMMARY_KIND
    version: int = SUMMARY_VERSION
    tool_version: str | None = None
    created: str | None = None
    redacted: bool = False
    inputs: list[dict[str, Any]] = field(default_factory=list)
    exemplar_rule: dict[str, int] = field(default_factory=dict)
    rows_read: int = 0
    skipped: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    unreadable_dates: int = 0
    filters: list[str] = field(default_factory=list)
    filtered_out: int = 0
    run: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values (what ``--save`` writes)."""
        data = asdict(self)
        data["phrases"] = {k: [list(p) for p in v] for k, v in self.phrases.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BatchSummary:
        """Build from JSON values (a run's figures, or a results file read back)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}

        def groups(key: str) -> dict[str, GroupFigures]:
            return {k: GroupFigures.from_json(v) for k, v in data.get(key, {}).items()}

        values.update(
            overall=GroupFigures.from_json(data["overall"]),
            categories={
                k: CategoryFigures(
                    **{f: v.get(f, 0) for f in ("notes", "share", "findings", "base")}
                )
                for k, v in data.get("categories", {}).items()
            },
            rules=[
                RuleFigures(**{f.name: r[f.name] for f in fields(RuleFigures)})
                for r in data.get("rules", [])
            ],
            phrases={k: [(p, n) for p, n in v] for k, v in data.get("phrases", {}).items()},
            teams=groups("teams"),
            authors=groups("authors"),
            types=groups("types"),
            months=groups("months"),
            period=Period(**data.get("period") or {}),
            trend=Trend.from_json(data.get("trend") or {}),
            support=data.get("support") or {},
            actions={
                k: [Action(**item) for item in items]
                for k, items in (data.get("actions") or {}).items()
            },
        )
        defaults: dict[str, Any] = {
            "severities": {}, "median_score": None, "score_histogram": [],
            "categories_checked": [], "lowest": [], "exemplars": [],
        }  # fmt: skip
        for key, default in defaults.items():
            values.setdefault(key, default)
        return cls(**values)


def as_summary(value: BatchSummary | dict[str, Any]) -> BatchSummary:
    """A BatchSummary from either itself or its JSON values."""
    return value if isinstance(value, BatchSummary) else BatchSummary.from_json(value)
