"""One engine per process, shared by every request: check a note, or apply its safe fixes.

Offsets sent to the page are UTF-16 code units, as JavaScript strings count them, so that an
emoji or other character outside the Basic Multilingual Plane never shifts an underline.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from typing import Any

from ..config import Config
from ..engine import Linter
from ..fix import fix_text, plan_fixes
from ..model import Finding, Note

NOTE_TYPES = (
    "visit",
    "meeting",
    "direct-work",
    "phone-call",
    "closure",
    "supervision",
    "management-oversight",
    "assessment",
    "strategy-discussion",
    "review",
)
#: Checked at start-up, so that the first real request is already fast: long enough for the
#: reading grade (50 words), with a passive for the parser and a term for every term rule.
WARM_UP = (
    "Visit to Sam (9) at his foster placement. It was decided that contact will be reduced "
    "to fortnightly. The LAC review is booked and the PEP was completed by the school. Mum "
    "refused to engage and was aggressive on the phone. Sam said he wants to see his nan "
    "more often because she makes him laugh. I explained the plan to Sam in words he knows "
    "and he drew me a picture of his family."
)


class UTF16:
    """Code-point offsets of one text turned into UTF-16 offsets."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._wide, offset)


class Checker:
    """The engine behind the page. Requests are served one at a time (the parser and its
    cache are not thread-safe); a check of a few hundred words takes milliseconds."""

    def __init__(self, config: Config | None = None, *, linter: Linter | None = None) -> None:
        self.linter = linter or Linter(config or Config())
        self.config = self.linter.config
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model and run every rule once."""
        self.check(WARM_UP)

    def _note(self, text: str, child: str | None, note_type: str | None) -> Note:
        return Note(
            text=text,
            child=child or self.config.child,
            type=note_type if note_type in NOTE_TYPES else self.config.note_type,
        )

    def _findings(self, text: str, child: str | None, note_type: str | None) -> Any:
        with self._lock:
            return self.linter.lint(self._note(text, child, note_type))

    def check(
        self, text: str, child: str | None = None, note_type: str | None = None
    ) -> dict[str, Any]:
        """Findings, safe fixes, score and reading grade, as the page shows them."""
        result = self._findings(text, child, note_type)
        at = UTF16(text)
        names = [n for n in (child or self.config.child,) if n]
        edits = plan_fixes(text, result.findings, names=names)
        fixable = {(e.rule, e.start) for e in edits}
        return {
            "findings": [_finding(f, at) for f in result.findings],
            "fixes": [
                {
                    "start": at(e.start),
                    "end": at(e.end),
                    "old": e.old,
                    "new": e.new,
                    "rule": e.rule,
                    "name": e.name,
                }
                for e in edits
            ],
            "fixable": len(fixable),
            "score": result.score,
            "grade": result.grade,
            "words": result.words,
            "grade_min_words": self.config.thresholds.grade_min_words,
        }

    def fix_all(
        self, text: str, child: str | None = None, note_type: str | None = None
    ) -> dict[str, Any]:
        """The text with every safe fix applied (re-checked until none is left)."""
        names = [n for n in (child or self.config.child,) if n]

        def lint(current: str) -> list[Finding]:
            return self._findings(current, child, note_type).findings

        fixed = fix_text(text, lint, names=names)
        return {"text": fixed.text, "applied": len(fixed.edits)}


def _finding(finding: Finding, at: UTF16) -> dict[str, Any]:
    return {
        "start": at(finding.start),
        "end": at(finding.end),
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "hint": finding.hint,
        "suggestion": finding.suggestion,
        "safe": finding.safe,
        "line": finding.line,
        "column": finding.column,
    }
