"""Counts shared by reporters: by severity, category and rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import CATEGORIES, Finding, NoteResult


def summarise(results: list[NoteResult]) -> dict[str, Any]:
    """Totals for a run: notes, findings, and counts by severity, category and rule."""
    findings = [f for r in results for f in r.findings]
    by_category = Counter(f.category for f in findings)
    return {
        "notes": len(results),
        "findings": len(findings),
        "by_severity": {
            s: sum(f.severity.value == s for f in findings) for s in ("error", "warning", "info")
        },
        "by_category": {c: by_category[c] for c in CATEGORIES if by_category[c]},
        "by_rule": dict(Counter(f.rule for f in findings).most_common()),
    }


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rule_statistics(results: list[NoteResult], names: dict[str, str]) -> dict[str, Any]:
    """``--statistics``: rule code -> name, category and count, most frequent first."""
    tally = RuleTally()
    for finding in (f for r in results for f in r.findings):
        tally.add(finding)
    return tally.statistics(names)


class RuleTally:
    """Findings counted by rule, as they arrive."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._first: dict[str, Finding] = {}

    def add(self, finding: Finding) -> None:
        self.counts[finding.rule] += 1
        self._first.setdefault(finding.rule, finding)

    def statistics(self, names: dict[str, str]) -> dict[str, Any]:
        """Rule code -> name, category and count, most frequent first."""
        return {
            code: {
                "name": names.get(code) or self._first[code].name,
                "category": self._first[code].category,
                "count": count,
            }
            for code, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        }


def statistics_lines(statistics: dict[str, Any]) -> list[str]:
    """The statistics as aligned lines: count, code, name."""
    return [f"{s['count']:>5}  {code}  {s['name']}" for code, s in statistics.items()]
