"""Core data types: notes, findings, severities and the category contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

#: The fixed category contract, in contract order.
CATEGORIES: tuple[str, ...] = (
    "jargon",
    "acronym",
    "judgemental",
    "depersonalising",
    "passive",
    "defensive",
    "rationale",
    "child-voice",
    "readability",
)

#: Note types that record seeing the child (the child's voice is expected).
CHILD_SEEN_TYPES: frozenset[str] = frozenset({"visit", "meeting", "direct-work"})


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def reaches(self, fail_on: str) -> bool:
        """Is this severity at or above ``fail_on`` (error, warning or info; never: no)?"""
        return fail_on != "never" and self.rank >= Severity(fail_on).rank


@dataclass
class Note:
    """One case note: its text plus optional metadata."""

    text: str
    id: str | None = None
    path: str | None = None
    type: str | None = None
    child: str | None = None
    author: str | None = None
    team: str | None = None
    date: str | None = None
    child_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A short name for messages: the file, the id, or '<note>'."""
        if self.path and self.id:
            return f"{self.path}#{self.id}"
        return self.path or self.id or "<note>"


@dataclass
class Finding:
    """One problem found in a note, with 0-based offsets and 1-based positions."""

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    hint: str
    suggestion: str | None
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    excerpt: str = ""
    safe: bool = False
    #: The whole sentence rewritten, where the hint rewrites only the flagged clause.
    sentence_rewrite: str | None = None
    #: Codes of rules that found the same words and were folded into this finding.
    also: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The finding as a plain dict (every field holds a plain value: no deep copy)."""
        data = dict(self.__dict__)
        data["severity"] = self.severity.value
        return data


@dataclass
class Decision:
    """A decision recorded in a note: where it is, and whether a reason is given near it."""

    start: int
    end: int
    reasoned: bool


@dataclass
class NoteResult:
    """A note with its findings and measured facts (reading grade, words)."""

    note: Note
    findings: list[Finding]
    words: int = 0
    grade: float | None = None
    score: int = 100
    #: Decisions the rationale rule found (empty when that rule is not selected).
    decisions: list[Decision] = field(default_factory=list)
    #: Whether the child's-voice rule judged the child seen (their voice expected) in this
    #: note: by its ``note_types``, or its ``seen_cues`` when the note has no type. None when
    #: no such rule is selected.
    child_seen: bool | None = None
