"""Running statistics of a batch, kept in memory that does not grow with the number of notes.

Each note adds to counters: overall, per team, author, note type and month. Medians come from
counts of rounded values, and the lowest-scoring and exemplar notes are kept in bounded
heaps, so nothing holds every note or every finding.

Two shares need a definition:

- **Decisions without a reason**: of the notes with a decision (one the ``rationale`` rule
  found, or a ``rationale`` finding), the share with a ``rationale`` finding.
- **Child seen, no voice**: of the notes where the child was seen, the share with a
  ``child-voice`` finding. Whether the child was seen is what the ``child-voice`` rule
  judged (``NoteResult.child_seen``: by its ``note_types``, or its ``seen_cues`` for a note
  with no type); only when that rule is not selected, the note's type (visit, meeting,
  direct work).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import CATEGORIES, CHILD_SEEN_TYPES, Finding, Note
from .filters import period_of, periods_between
from .support import MIN_NOTES

#: Exemplars: at least this score and this many words.
EXEMPLAR_SCORE = 90
EXEMPLAR_WORDS = 120
#: Categories that are missing elements of a note; the others are problems in the wording.
MISSING_CATEGORIES = ("rationale", "child-voice")
WORDING_CATEGORIES = tuple(c for c in CATEGORIES if c not in MISSING_CATEGORIES)
#: Categories whose flagged words are counted as phrases per rule (a bounded vocabulary).
PHRASE_CATEGORIES = frozenset({"jargon", "acronym", "judgemental", "depersonalising", "defensive"})
PHRASE_MAX_CHARS = 40
_PHRASES_KEPT = 2000
NOT_GIVEN = "(not given)"
NO_DATE = "(no date)"
_MONTH = re.compile(r"^\d{4}-\d{2}")


@dataclass
class NoteFacts:
    """What linting one note gives back: measured facts and its findings."""

    words: int
    grade: float | None
    score: int
    decision: bool
    findings: list[Finding]
    #: The child's-voice rule's verdict (None: the rule is not selected).
    child_seen: bool | None = None


def child_seen(note: Note, facts: NoteFacts) -> bool:
    """Was the child seen? The child's-voice rule's own verdict; by the note's type only when
    that rule is not selected."""
    if facts.child_seen is not None:
        return facts.child_seen
    return note.type in CHILD_SEEN_TYPES


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when ``whole`` is 0."""
    return round(part / whole, 4) if whole else None


def counter_median(counts: Counter[Any]) -> float | None:
    """The median of values given as value -> count."""
    total = sum(counts.values())
    if not total:
        return None
    low_at, high_at = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value, count in sorted(counts.items()):
        if low is None and seen + count > low_at:
            low = value
        if seen + count > high_at:
            high = value
            break
        seen += count
    assert low is not None and high is not None
    return round((low + high) / 2, 2)


@dataclass
class GroupStats:
    """Counts for one group of notes (everyone, a team, an author, a note type, a month)."""

    notes: int = 0
    findings: int = 0
    score_total: int = 0
    words_total: int = 0
    decision_notes: int = 0
    no_reason: int = 0
    seen_notes: int = 0
    no_voice: int = 0
    flagged: Counter[str] = field(default_factory=Counter)
    grades: Counter[float] = field(default_factory=Counter)

    def add(self, facts: NoteFacts, categories: set[str], seen: bool) -> None:
        self.notes += 1
        self.findings += len(facts.findings)
        self.score_total += facts.score
        self.words_total += facts.words
        self.flagged.update(categories)
        if facts.grade is not None:
            self.grades[round(facts.grade, 1)] += 1
        if facts.decision or "rationale" in categories:
            self.decision_notes += 1
            self.no_reason += "rationale" in categories
        if seen:
            self.seen_notes += 1
            self.no_voice += "child-voice" in categories

    def share_of(self, category: str) -> float | None:
        """The share flagged for a category: of the notes with a decision (``rationale``),
        of the notes where the child is seen (``child-voice``), else of all notes."""
        if category == "rationale":
            return share(self.no_reason, self.decision_notes)
        if category == "child-voice":
            return share(self.no_voice, self.seen_notes)
        return share(self.flagged[category], self.notes)

    def summary(self) -> dict[str, Any]:
        """The group's figures as plain JSON values (shares are fractions 0-1)."""
        return {
            "notes": self.notes,
            "findings": self.findings,
            "findings_per_note": round(self.findings / self.notes, 2) if self.notes else None,
            "mean_score": round(self.score_total / self.notes, 1) if self.notes else None,
            "mean_words": round(self.words_total / self.notes) if self.notes else None,
            "median_grade": counter_median(self.grades),
            "decision_notes": self.decision_notes,
            "no_reason": self.no_reason,
            "no_reason_share": share(self.no_reason, self.decision_notes),
            "seen_notes": self.seen_notes,
            "no_voice": self.no_voice,
            "no_voice_share": share(self.no_voice, self.seen_notes),
            "blaming": self.flagged["judgemental"],
            "categories": {c: self.share_of(c) for c in CATEGORIES},
        }


class Ranked:
    """The ``size`` items with the largest keys, in a bounded heap. Keys must be unique."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[tuple[Any, ...], Any]] = []

    def wants(self, key: tuple[Any, ...]) -> bool:
        return self.size > 0 and (len(self._heap) < self.size or key > self._heap[0][0])

    def offer(self, key: tuple[Any, ...], make: Callable[[], Any]) -> None:
        """Keep ``make()`` under ``key`` if it ranks; ``make`` runs only then."""
        if not self.wants(key):
            return
        item = (key, make())
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, item)
        else:
            heapq.heapreplace(self._heap, item)

    def pairs(self) -> list[tuple[tuple[Any, ...], Any]]:
        """(key, item), best first."""
        return sorted(self._heap, key=lambda pair: pair[0], reverse=True)

    def items(self) -> list[Any]:
        return [item for _, item in self.pairs()]


class Aggregate:
    """Adds notes one at a time; :meth:`summary` gives the batch result as JSON values.

    ``keep_text``: keep the text and flagged phrases of the notes shown in reports (off when
    redacting). ``top``: how many lowest-scoring and exemplar notes to keep. Exemplars are
    the best note of each author (so that the ones shown come from different people): the
    highest score, then the fewest findings, then a note where the child was seen.
    """

    def __init__(
        self,
        *,
        top: int = 10,
        keep_text: bool = True,
        period: str = "month",
        min_notes: int = MIN_NOTES,
    ) -> None:
        self.keep_text = keep_text
        self.period = period
        self.min_notes = min_notes
        self.first_date: str | None = None
        self.last_date: str | None = None
        #: Trend: period -> figures, overall and per team and author.
        self.trend: dict[str, dict[str, GroupStats]] = {}
        self.team_trend: dict[str, dict[str, GroupStats]] = {}
        self.author_trend: dict[str, dict[str, GroupStats]] = {}
        #: Per author: findings per rule, and one example (flagged words in context + hint).
        self.author_rules: dict[str, Counter[str]] = {}
        self.author_examples: dict[str, dict[str, dict[str, Any]]] = {}
        self.overall = GroupStats()
        self.groups: dict[str, dict[str, GroupStats]] = {
            "teams": {},
            "authors": {},
            "types": {},
            "months": {},
        }
        self.rules: dict[str, dict[str, Any]] = {}
        self.severities: Counter[str] = Counter()
        self.scores: Counter[int] = Counter()
        self.phrases: dict[str, Counter[str]] = {}
        self.top = top
        self.lowest = Ranked(top)
        self.exemplars: dict[str, Ranked] = {}
        self.seq = 0

    def add(self, note: Note, facts: NoteFacts) -> None:
        """Count one linted note (already redacted, if the run redacts)."""
        categories = {f.category for f in facts.findings}
        seen = child_seen(note, facts)
        self.overall.add(facts, categories, seen)
        month = note.date[:7] if note.date and _MONTH.match(note.date) else NO_DATE
        for kind, key in (
            ("teams", note.team),
            ("authors", note.author),
            ("types", note.type),
            ("months", month),
        ):
            group = self.groups[kind].get(key or NOT_GIVEN)
            if group is None:
                group = self.groups[kind][key or NOT_GIVEN] = GroupStats()
            group.add(facts, categories, seen)
        self._count_period(note, facts, categories, seen)
        self._count_author(note, facts)
        self.scores[facts.score] += 1
        self._count_rules(facts.findings)
        self._rank(note, facts)
        self.seq += 1

    def _count_period(self, note: Note, facts: NoteFacts, categories: set[str], seen: bool) -> None:
        key = period_of(note.date, self.period)
        if key is None:
            return
        day = (note.date or "")[:10]
        if self.first_date is None or day < self.first_date:
            self.first_date = day
        if self.last_date is None or day > self.last_date:
            self.last_date = day
        for table, name in (
            (None, None),
            (self.team_trend, note.team or NOT_GIVEN),
            (self.author_trend, note.author or NOT_GIVEN),
        ):
            periods = self.trend if table is None else table.setdefault(name, {})
            group = periods.get(key)
            if group is None:
                group = periods[key] = GroupStats()
            group.add(facts, categories, seen)

    def _count_author(self, note: Note, facts: NoteFacts) -> None:
        author = note.author or NOT_GIVEN
        counts = self.author_rules.setdefault(author, Counter())
        examples = self.author_examples.setdefault(author, {})
        for finding in facts.findings:
            counts[finding.rule] += 1
            if finding.rule not in examples:
                examples[finding.rule] = example_of(note, finding, self.keep_text)

    def _count_rules(self, findings: list[Finding]) -> None:
        noted: set[str] = set()
        for finding in findings:
            self.severities[finding.severity.value] += 1
            entry = self.rules.get(finding.rule)
            if entry is None:
                entry = self.rules[finding.rule] = {
                    "rule": finding.rule,
                    "name": finding.name,
                    "category": finding.category,
                    "findings": 0,
                    "notes": 0,
                }
            entry["findings"] += 1
            if finding.rule not in noted:
                entry["notes"] += 1
                noted.add(finding.rule)
            if self.keep_text and finding.category in PHRASE_CATEGORIES:
                self._count_phrase(finding)

    def _count_phrase(self, finding: Finding) -> None:
        phrase = " ".join(finding.excerpt.split())
        if not phrase or len(phrase) > PHRASE_MAX_CHARS:
            return
        counts = self.phrases.setdefault(finding.rule, Counter())
        counts[phrase if finding.category == "acronym" else phrase.lower()] += 1
        if len(counts) > 2 * _PHRASES_KEPT:
            kept = counts.most_common(_PHRASES_KEPT)
            counts.clear()
            counts.update(dict(kept))

    def _rank(self, note: Note, facts: NoteFacts) -> None:
        self.lowest.offer((-facts.score, -self.seq), lambda: self._entry(note, facts))
        if facts.score >= EXEMPLAR_SCORE and facts.words >= EXEMPLAR_WORDS:
            seen = child_seen(note, facts)
            key = (facts.score, -len(facts.findings), seen, -self.seq)
            best = self.exemplars.setdefault(note.author or NOT_GIVEN, Ranked(1))
            best.offer(key, lambda: self._entry(note, facts))

    def _entry(self, note: Note, facts: NoteFacts) -> dict[str, Any]:
        rules: Counter[tuple[str, str, str]] = Counter(
            (f.rule, f.name, f.category) for f in facts.findings
        )
        entry: dict[str, Any] = {
            "id": note.id,
            "child_id": note.child_id,
            "author": note.author,
            "team": note.team,
            "date": note.date,
            "type": note.type,
            "row": note.extra.get("row"),
            "score": facts.score,
            "words": facts.words,
            "grade": None if facts.grade is None else round(facts.grade, 1),
            "findings": len(facts.findings),
            "rules": [[*key, count] for key, count in rules.most_common()],
            "strengths": strengths_of(note, facts),
        }
        if self.keep_text:
            entry["text"] = note.text
            entry["marks"] = [
                {
                    "start": f.start,
                    "end": f.end,
                    "rule": f.rule,
                    "name": f.name,
                    "category": f.category,
                    "severity": f.severity.value,
                    "message": f.message,
                    "hint": f.hint,
                }
                for f in facts.findings
            ]
        return entry

    def _exemplars(self) -> list[dict[str, Any]]:
        pairs = [pair for ranked in self.exemplars.values() for pair in ranked.pairs()]
        pairs.sort(key=lambda pair: pair[0], reverse=True)
        return [item for _, item in pairs[: self.top]]

    def summary(self, checked: Iterable[str] = CATEGORIES) -> dict[str, Any]:
        """Everything the reports show, as JSON values. ``checked``: categories with rules on."""
        overall = self.overall.summary()
        notes = self.overall.notes
        rules = sorted(self.rules.values(), key=lambda r: (-r["findings"], r["rule"]))
        data: dict[str, Any] = {
            "notes": notes,
            "findings": self.overall.findings,
            "severities": {s: self.severities[s] for s in ("error", "warning", "info")},
            "overall": overall,
            "median_score": counter_median(self.scores),
            "score_histogram": _histogram(self.scores),
            "categories_checked": [c for c in CATEGORIES if c in set(checked)],
            "categories": {
                c: {
                    "notes": self.overall.flagged[c],
                    "base": _base(c, overall),
                    "share": self.overall.share_of(c),
                    "findings": sum(r["findings"] for r in rules if r["category"] == c),
                }
                for c in CATEGORIES
            },
            "rules": [{**r, "share": share(r["notes"], notes)} for r in rules],
            "phrases": {
                r["rule"]: self.phrases[r["rule"]].most_common(10)
                for r in rules
                if r["rule"] in self.phrases
            },
            "lowest": self.lowest.items(),
            "exemplars": self._exemplars(),
        }
        for kind, groups in self.groups.items():
            data[kind] = {name: groups[name].summary() for name in _ordered(kind, groups)}
        data["period"] = self._period(data["months"])
        data["trend"] = self._trend()
        data["support"] = self._support(data)
        from .actions import derive_actions

        data["actions"] = derive_actions(data)
        return data

    def _period(self, months: dict[str, Any]) -> dict[str, Any]:
        """First and last note date, and notes per month over the months they span."""
        dated = {m: g["notes"] for m, g in months.items() if m != NO_DATE}
        spanned = (
            periods_between(self.first_date[:7], self.last_date[:7])
            if self.first_date and self.last_date
            else []
        )
        return {
            "first": self.first_date,
            "last": self.last_date,
            "dated_notes": sum(dated.values()),
            "undated_notes": months.get(NO_DATE, {}).get("notes", 0),
            "months": len(spanned),
            "notes_per_month": round(sum(dated.values()) / len(spanned), 1) if spanned else None,
            "empty_months": len([m for m in spanned if m not in dated]),
        }

    def _trend(self) -> dict[str, Any]:
        """Figures per period, empty periods included as None (gaps, not joined)."""
        keys = sorted(self.trend)
        points = periods_between(keys[0], keys[-1], self.period) if keys else []

        def series(periods: dict[str, GroupStats]) -> dict[str, Any]:
            return {k: periods[k].summary() if k in periods else None for k in points}

        return {
            "period": self.period,
            "points": points,
            "overall": series(self.trend),
            "teams": {
                name: series(self.team_trend[name]) for name in _ordered("teams", self.team_trend)
            },
            "authors": {
                name: series(self.author_trend[name])
                for name in _ordered("authors", self.author_trend)
            },
        }

    def _support(self, data: dict[str, Any]) -> dict[str, Any]:
        from .support import MEASURES, rank_groups, service_share

        service = data["overall"]
        return {
            "min_notes": self.min_notes,
            "service": {key: service_share(service, key) for key in MEASURES},
            "teams": rank_groups(data["teams"], service, self.min_notes),
            "authors": rank_groups(data["authors"], service, self.min_notes),
        }

    def worker_patterns(self, author: str, limit: int = 3) -> list[dict[str, Any]]:
        """An author's most frequent rules, each with a real example from their notes."""
        counts = self.author_rules.get(author, Counter())
        examples = self.author_examples.get(author, {})
        return [
            {"rule": rule, "findings": count, **examples[rule]}
            for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        ]


#: What a good note shows, by the category whose absence shows it.
STRENGTH_REASONS = {
    "rationale": "gives the reason for each decision",
    "child-voice": "records the child's own words, actions or wishes",
    "jargon": "uses plain language, not care-system jargon",
    "passive": "says who did what",
    "judgemental": "describes what happened without blaming or labelling",
}
_QUOTE = re.compile(r"[\"\u201c\u2018][^\"\u201c\u201d\u2018\u2019]{3,}[\"\u201d\u2019]")


#: Words that show the child's voice was recorded (with no missing-voice finding).
_VOICE = re.compile(
    r"\b(?:said|says|told|asked|wants?|wanted|wished|felt|feels|showed|drew|chose)\b", re.I
)


def strengths_of(note: Note, facts: NoteFacts) -> list[str]:
    """Why a note is good, in words: the strengths its findings (or their absence) show."""
    flagged = {f.category for f in facts.findings}
    reasons = []
    if facts.decision and "rationale" not in flagged:
        reasons.append(STRENGTH_REASONS["rationale"])
    text = note.text or ""
    quoted = bool(_QUOTE.search(text))
    if child_seen(note, facts) and "child-voice" not in flagged and (quoted or _VOICE.search(text)):
        reasons.append(
            STRENGTH_REASONS["child-voice"] + (" (in their own words)" if quoted else "")
        )
    for category in ("jargon", "passive", "judgemental"):
        if category not in flagged and not (category == "jargon" and "acronym" in flagged):
            reasons.append(STRENGTH_REASONS[category])
    if facts.grade is not None and facts.grade <= 8:
        reasons.append(f"is easy to read (reading grade {facts.grade:.1f})")
    return reasons


EXAMPLE_CHARS = 200


def example_of(note: Note, finding: Finding, keep_text: bool) -> dict[str, Any]:
    """A finding as a before -> hint example: the sentence around it (when text is kept)."""
    example: dict[str, Any] = {
        "name": finding.name,
        "category": finding.category,
        "message": finding.message,
        "hint": finding.hint,
        "note": note.id,
        "date": note.date,
    }
    if keep_text and note.text:
        text = note.text
        start = max(text.rfind(".", 0, finding.start), text.rfind("\n", 0, finding.start)) + 1
        stops = [i for i in (text.find(".", finding.end), text.find("\n", finding.end)) if i >= 0]
        end = min(stops) + 1 if stops else len(text)
        if end - start > EXAMPLE_CHARS:
            start = max(start, finding.start - EXAMPLE_CHARS // 2)
            end = min(end, max(finding.end, start) + EXAMPLE_CHARS // 2)
        example["before"] = " ".join(text[start:end].split())
        example["excerpt"] = " ".join(text[finding.start : finding.end].split())
    return example


def _base(category: str, overall: dict[str, Any]) -> int:
    """The notes a category's share is of: notes with a decision for ``rationale``, notes
    where the child is seen for ``child-voice``, every note otherwise (one definition, used
    by every table, chart and comparison)."""
    if category == "rationale":
        return overall["decision_notes"]
    if category == "child-voice":
        return overall["seen_notes"]
    return overall["notes"]


def _ordered(kind: str, groups: dict[str, GroupStats]) -> list[str]:
    """Months in date order (undated last); other groups by name, "(not given)" last."""
    last = NO_DATE if kind == "months" else NOT_GIVEN
    return sorted(groups, key=lambda name: (name == last, name.casefold()))


def _histogram(scores: Counter[int]) -> list[int]:
    """Notes per score band: 0-9, 10-19, ..., 80-89, 90-100."""
    bands = [0] * 10
    for score, count in scores.items():
        bands[min(score // 10, 9)] += count
    return bands
