"""Counts shared by reporters: by severity, category and rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import CATEGORIES, NoteResult


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
