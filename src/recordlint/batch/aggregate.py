"""Running statistics of a batch, kept in memory that does not grow with the number of notes.

Each note adds to counters: overall, per team, author, note type and month. Medians come from
counts of rounded values, and the lowest-scoring and exemplar notes are kept in bounded
heaps, so nothing holds every note or every finding.

Two shares need a definition:

- **Decisions without a reason**: of the notes with a decision (a decision cue of the
  ``rationale`` rule, or a ``rationale`` finding), the share with a ``rationale`` finding.
- **Child seen, no voice**: of the notes whose type is one where the child is seen
  (visit, meeting, direct work), the share with a ``child-voice`` finding.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import CATEGORIES, CHILD_SEEN_TYPES, Finding, Note
from .labels import CATEGORY_LABELS

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
            "categories": {c: share(self.flagged[c], self.notes) for c in CATEGORIES},
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

    def __init__(self, *, top: int = 10, keep_text: bool = True) -> None:
        self.keep_text = keep_text
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
        seen = note.type in CHILD_SEEN_TYPES
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
        self.scores[facts.score] += 1
        self._count_rules(facts.findings)
        self._rank(note, facts)
        self.seq += 1

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
            seen = note.type in CHILD_SEEN_TYPES
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
                    "share": share(self.overall.flagged[c], notes),
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
        data["actions"] = derive_actions(data)
        return data


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


# -- stop / start / continue ----------------------------------------------------------------

STOP_TEXT = {
    "jargon": "using care-system jargon",
    "acronym": "using acronyms the child and family may not know",
    "judgemental": "using blaming or labelling words",
    "depersonalising": "calling the child by a role label instead of their name",
    "passive": "hiding who acted behind passive verbs",
    "defensive": "writing defensive stock phrases",
    "readability": "writing long, hard-to-read sentences and paragraphs",
}
CONTINUE_TEXT = {
    "jargon": "writing in plain words",
    "acronym": "spelling out acronyms",
    "judgemental": "describing what happened without blaming or labelling",
    "depersonalising": "using the child's name",
    "passive": "saying who did what",
    "defensive": "recording what was done and why, not stock phrases",
    "rationale": "giving the reasons for decisions",
    "child-voice": "recording the child's own words, actions and wishes",
    "readability": "writing short, readable sentences",
}
#: A category flagged in at most this share of notes counts as a strength.
STRENGTH_SHARE = 0.10
#: A rule flagged in at least this share of notes is a pattern to stop.
PATTERN_SHARE = 0.02
ACTIONS_EACH = 4


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def derive_actions(data: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """What to stop, start and continue, from a batch summary."""
    return {"stop": _stop(data), "start": _start(data), "continue": _continue(data)}


def _item(title: str, detail: str) -> dict[str, str]:
    return {"title": title, "detail": detail}


def _stop(data: dict[str, Any]) -> list[dict[str, str]]:
    """The most frequent wording patterns, one item per category, most frequent first."""
    by_category: dict[str, list[str]] = {}
    for rule in data["rules"]:
        category = rule["category"]
        if category not in STOP_TEXT or (rule["share"] or 0) < PATTERN_SHARE:
            continue
        if category not in by_category and len(by_category) == ACTIONS_EACH:
            continue
        parts = by_category.setdefault(category, [])
        if len(parts) == 2:
            continue
        part = f"{rule['rule']} {rule['name']} in {_pct(rule['share'])} of notes"
        phrases = data.get("phrases", {}).get(rule["rule"])
        if phrases:
            shown = ", ".join(f"\u201c{p}\u201d ({n:,})" for p, n in phrases[:4])
            part += f", most often {shown}"
        parts.append(part)
    return [
        _item(f"Stop {STOP_TEXT[category]}", "; ".join(parts) + ".")
        for category, parts in by_category.items()
    ]


def _start(data: dict[str, Any]) -> list[dict[str, str]]:
    overall, checked = data["overall"], data["categories_checked"]
    items: list[tuple[float, dict[str, str]]] = []
    if "rationale" in checked and overall["no_reason"]:
        items.append(
            (
                overall["no_reason_share"],
                _item(
                    "Start giving the reason for every decision",
                    f"{_pct(overall['no_reason_share'])} of notes that record a decision "
                    f"({overall['no_reason']:,} of {overall['decision_notes']:,}) give no "
                    "reason. Add \u201cbecause ...\u201d in words the child would understand.",
                ),
            )
        )
    if "child-voice" in checked and overall["no_voice"]:
        items.append(
            (
                overall["no_voice_share"],
                _item(
                    "Start recording the child's own words, actions and wishes",
                    f"{_pct(overall['no_voice_share'])} of visit, meeting and direct-work "
                    f"notes ({overall['no_voice']:,} of {overall['seen_notes']:,}) do not "
                    "say what the child said, showed, felt or wanted.",
                ),
            )
        )
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items[:ACTIONS_EACH]]


def _continue(data: dict[str, Any]) -> list[dict[str, str]]:
    items = []
    checked, overall = data["categories_checked"], data["overall"]
    strengths = sorted(
        (c for c in checked if c in STOP_TEXT),
        key=lambda c: (data["categories"][c]["share"] or 0, c),
    )
    for category in strengths[:2]:
        value = data["categories"][category]["share"]
        if value is None or value > STRENGTH_SHARE:
            break
        label = CATEGORY_LABELS[category].lower()
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT[category]}",
                f"Only {_pct(value)} of notes were flagged for {label}.",
            )
        )
    voiced = overall["seen_notes"] - overall["no_voice"]
    if "child-voice" in checked and voiced:
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT['child-voice']}",
                f"{_pct(share(voiced, overall['seen_notes']))} of visit, meeting and "
                f"direct-work notes ({voiced:,}) record what the child said or wanted.",
            )
        )
    reasoned = overall["decision_notes"] - overall["no_reason"]
    if "rationale" in checked and reasoned and (overall["no_reason_share"] or 0) <= STRENGTH_SHARE:
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT['rationale']}",
                f"{_pct(share(reasoned, overall['decision_notes']))} of notes that record a "
                f"decision ({reasoned:,}) say why.",
            )
        )
    if data["exemplars"]:
        count = len(data["exemplars"])
        items.append(
            _item(
                "Continue sharing good recording",
                f"{count} exemplar note{'s' if count != 1 else ''} (score {EXEMPLAR_SCORE}+, "
                f"{EXEMPLAR_WORDS}+ words) {'are' if count != 1 else 'is'} listed in the "
                "report to discuss in supervision and team meetings.",
            )
        )
    teams = {k: v for k, v in data["teams"].items() if k != NOT_GIVEN and v["notes"] >= 10}
    if len(teams) >= 2:
        best = max(teams, key=lambda k: (teams[k]["mean_score"], k))
        items.append(
            _item(
                f"Continue learning from {best}",
                f"{best} has the highest mean score ({teams[best]['mean_score']}) over "
                f"{teams[best]['notes']:,} notes.",
            )
        )
    return items[:ACTIONS_EACH]
