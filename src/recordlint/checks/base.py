"""The rule interface: metadata every rule carries, and the base class for rule kinds.

A rule is declared in a YAML pack (``rules/*.yaml``). Its ``kind`` names the Python class
that does the checking; ``terms`` (phrase and pattern lists) is the default kind, and the
other kinds (``acronym``, ``passive``, ``rationale``, ``child-voice``, ``long-sentence`` ...)
are small classes registered with :func:`register_kind`.

The contract of a kind:

- ``options_type``: a frozen dataclass (subclass of :class:`~recordlint.schema.Options`)
  declaring the kind's YAML keys; the pack loader checks every rule against it and the rule
  reads ``self.options.<key>``;
- :meth:`Rule.check` (analysis in, findings out) or, for kinds that need a dependency parse,
  :class:`ParsedRule` with ``candidate`` and ``check_parsed``;
- ``fixable``: whether ``recordlint fix`` runs the kind (its safe suggestions are applied);
- ``note_level``: the kind judges the note as a whole (one finding at most).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..hints.text import fill
from ..model import Finding, Severity
from ..schema import Options, parse_options, required

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis
    from ..config import Config


@dataclass(frozen=True)
class BadExample(Options):
    """A ``bad`` example written as a mapping: the text, and what the rule must do with it.

    ``span``: the words the rule must flag in ``text``; ``fix``: the whole text after
    ``recordlint fix`` with this rule's safe fixes (the text itself when nothing is fixed).
    """

    text: str = required()
    span: str | None = None
    fix: str | None = None

    def check(self) -> str | None:
        if self.span is not None and self.span not in self.text:
            return f"span {self.span!r} is not in the example's text"
        return None


@dataclass
class Examples:
    """Text a rule must flag (``bad``) and must leave alone (``good``).

    ``checked`` holds the bad examples that also say the expected span or fix.
    """

    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    checked: list[BadExample] = field(default_factory=list)


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

    ``options`` is an instance of the kind's ``options_type``, built and checked when the
    pack loads (a plain mapping is accepted too, and checked here).
    """

    kind: ClassVar[str] = ""
    #: The kind's YAML keys, as a frozen dataclass.
    options_type: ClassVar[type[Options]] = Options
    #: ``recordlint fix`` runs rules of this kind and applies their safe suggestions.
    fixable: ClassVar[bool] = False
    #: Judges the note as a whole (at most one finding a note), not a place in it.
    note_level: ClassVar[bool] = False
    #: Set by :class:`ParsedRule`: the engine parses candidate sentences for this kind.
    needs_parse: ClassVar[bool] = False

    def __init__(
        self, meta: RuleMeta, options: Options | Mapping[str, Any], config: Config
    ) -> None:
        self.meta = meta
        if not isinstance(options, self.options_type):
            options = parse_options(self.options_type, dict(options), check_regex=False)
        self.options: Any = options
        self.config = config
        self.setup()

    def setup(self) -> None:
        """Compile patterns and read options once; called from ``__init__``."""

    def applies_to(self, note_type: str | None) -> bool:
        """Does this rule check notes of ``note_type``? (None: unknown, so yes.)"""
        return not self.meta.note_types or note_type is None or note_type in self.meta.note_types

    def check(self, analysis: Analysis) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

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


class ParsedRule(Rule):
    """A kind that reads the dependency parse of candidate sentences.

    The engine asks :meth:`candidate` of every sentence (cheap, on the text), parses the
    candidates in batches and hands each parse to :meth:`check_parsed`. :meth:`check`, on the
    text alone, finds nothing unless a kind overrides it.
    """

    needs_parse: ClassVar[bool] = True

    def candidate(self, sentence: str) -> bool:  # pragma: no cover
        """Could ``sentence`` hold a finding? Only sentences that could are parsed."""
        raise NotImplementedError

    def check_parsed(
        self, analysis: Analysis, index: int, doc: Any
    ) -> Iterable[Finding]:  # pragma: no cover
        """Findings in sentence ``index`` of ``analysis``, given its parse ``doc``."""
        raise NotImplementedError

    def check(self, analysis: Analysis) -> Iterable[Finding]:
        return ()


KINDS: dict[str, type[Rule]] = {}


def register_kind(cls: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule kind available to YAML packs by its ``kind`` name."""
    KINDS[cls.kind] = cls
    return cls
