"""The rule interface: metadata every rule carries, and the base class for rule kinds.

A rule is declared in a YAML pack (``rules/*.yaml``). Its ``kind`` names the Python class
that does the checking; ``terms`` (phrase and pattern lists) is the default kind, and the
other kinds (``acronym``, ``passive``, ``rationale``, ``child-voice``, ``long-sentence`` ...)
are small classes registered with :func:`register_kind`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..hints.text import fill
from ..model import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis
    from ..config import Config


@dataclass
class Examples:
    """Text a rule must flag (``bad``) and must leave alone (``good``)."""

    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)


@dataclass
class RuleMeta:
    """Everything about a rule except how it checks: the source of `rules` and `explain`."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    why: str
    message: str
    hint: str
    examples: Examples
    kind: str = "terms"
    enabled: bool = True
    in_quotes: bool = False
    pack: str = ""
    note_types: tuple[str, ...] = ()
    #: Shipped with recordlint (its patterns run without the regex time limit).
    builtin: bool = False


class Rule:
    """Base class of every rule kind. Subclasses implement :meth:`check`.

    ``options`` holds the kind-specific YAML keys (terms, thresholds, word lists).
    ``needs_parse`` asks the engine for a dependency parse of candidate sentences.
    """

    kind: ClassVar[str] = ""
    needs_parse: ClassVar[bool] = False
    #: Judges the note as a whole (at most one finding a note), not a place in it.
    note_level: ClassVar[bool] = False

    def __init__(self, meta: RuleMeta, options: dict[str, Any], config: Config) -> None:
        self.meta = meta
        self.options = options
        self.config = config
        self.setup()

    def setup(self) -> None:
        """Compile patterns and read options once; called from ``__init__``."""

    def check(self, analysis: Analysis) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    # Rules with ``needs_parse`` also implement:
    #   candidate(sentence: str) -> bool: a cheap test; only candidate sentences are parsed;
    #   check_parsed(analysis, index, doc) -> findings for one parsed sentence.

    # -- helpers shared by every kind -------------------------------------------------
    def finding(
        self,
        analysis: Analysis,
        start: int,
        end: int,
        *,
        message: str | None = None,
        hint: str | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        safe: bool = False,
        sentence_rewrite: str | None = None,
        **fmt: str | None,
    ) -> Finding:
        """Build a finding for ``text[start:end]`` with messages formatted for this note."""
        values = analysis.template_values(start, end, suggestion=suggestion, **fmt)
        line, column = analysis.position(start)
        end_line, end_column = analysis.position(end)
        return Finding(
            rule=self.meta.code,
            name=self.meta.name,
            category=self.meta.category,
            severity=severity or self.meta.severity,
            message=fill(message or self.meta.message, values),
            hint=fill(hint or self.meta.hint, values),
            suggestion=suggestion,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            excerpt=analysis.text[start:end],
            safe=safe,
            sentence_rewrite=sentence_rewrite,
        )


KINDS: dict[str, type[Rule]] = {}


def register_kind(cls: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule kind available to YAML packs by its ``kind`` name."""
    KINDS[cls.kind] = cls
    return cls
