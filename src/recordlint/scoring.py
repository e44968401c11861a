"""The note quality score, 0-100: 100 minus a capped penalty per category."""

from __future__ import annotations

from collections import Counter

from .model import Finding, Severity

#: category -> (penalty for the first finding, for each further one, cap for the category)
WEIGHTS: dict[str, tuple[float, float, float]] = {
    "rationale": (20, 5, 25),
    "child-voice": (20, 0, 20),
    "judgemental": (12, 4, 20),
    "passive": (6, 3, 15),
    "defensive": (8, 3, 15),
    "depersonalising": (8, 2, 12),
    "jargon": (4, 2, 12),
    "acronym": (3, 1, 8),
    "readability": (5, 3, 12),
}
#: Info findings weigh this much of a warning; errors weigh more.
SEVERITY_FACTOR = {Severity.INFO: 0.25, Severity.WARNING: 1.0, Severity.ERROR: 1.5}


def note_score(findings: list[Finding]) -> int:
    """Score a note from its findings (see the README's 'Quality score' section)."""
    score = Score()
    for finding in findings:
        score.add(finding)
    return score.value


class Score:
    """A note's score kept as its findings arrive, for a note checked piece by piece."""

    def __init__(self) -> None:
        self._weight: Counter[str] = Counter()
        self._count: Counter[str] = Counter()

    def add(self, finding: Finding) -> None:
        first, further, cap = WEIGHTS.get(finding.category, (5, 2, 10))
        step = first if self._count[finding.category] == 0 else further
        self._count[finding.category] += 1
        penalty = step * SEVERITY_FACTOR[finding.severity]
        self._weight[finding.category] = min(cap, self._weight[finding.category] + penalty)

    @property
    def value(self) -> int:
        return max(0, round(100 - sum(self._weight.values())))
