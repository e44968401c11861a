"""The ``rationale`` rule kind: a decision recorded with no reason near it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..hints.clause import active_clause, clause_at, clause_span
from ..hints.text import capitalise
from ..model import Decision, Finding
from ..schema import Options, regex, regex_list
from .base import Rule, RuleMeta, register_kind
from .inflect import CHILD_MARK, mark_child
from .regex_safety import Matcher, for_rule

#: "Kobi agreed to the contract": assent to a plan someone made, still a recorded decision.
_AGREED_TO_A_PLAN = re.compile(r"\s+to\s+(?:the|this|a|an|his|her|their)\s+[a-z]", re.I)


#: A list item's number or bullet: "1.", "2)", "-", "*", "•".
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s*")


#: A short label before a colon: "Decision", "Outcome", "Agreed", "Plan for Harry".
_LABEL = re.compile(r"^[\W\d]*((?:[A-Za-z][\w'’\-]*\s+){0,2}[A-Za-z][\w'’\-]*)\s*:\s*(?=\S)")


def _after_label(body: str, start: int, end: int) -> tuple[str, int | None]:
    """The label, and where the decided words after it begin, when the decision cue is a
    label of a sentence ("Decision: Harry to remain at home."); else ("", None)."""
    match = _LABEL.match(body)
    if match is None or not (match.start(1) <= start and end <= match.end(1) + 1):
        return "", None
    if not body[match.end() :].strip(" .;:"):
        return "", None
    return match.group(1), match.end()


def _compile(patterns: Sequence[str], meta: RuleMeta) -> Matcher:
    return for_rule(patterns, re.IGNORECASE | re.MULTILINE, meta)


@dataclass(frozen=True)
class RationaleOptions(Options):
    """Keys of a ``rationale`` rule."""

    decision_cues: tuple[str, ...] = regex_list(required=True)
    reason_cues: tuple[str, ...] = regex_list(required=True)
    not_decision: tuple[str, ...] = regex_list()
    decision_keywords: tuple[str, ...] = regex_list()
    purpose_cues: tuple[str, ...] = regex_list()
    not_purpose_after: str | None = regex()
    own_choice: str | None = regex(slot="{child}")  # checked with a name for {child}
    window: int = 1
    #: Message and hint for a heading over a list of decisions ("Decisions:", "Agreed:"); the
    #: hint's ``{sentence}`` is the list's first item.
    list_message: str | None = None
    list_hint: str | None = None

    def check(self) -> str | None:
        if self.window < 0:
            return "'window' must be 0 or more"
        return None


@register_kind
class RationaleRule(Rule):
    """Flags sentences with a decision cue and no reason cue within ``window`` sentences.

    Options: ``decision_cues`` and ``reason_cues`` (regex lists), ``not_decision``
    (regexes that cancel a decision cue in the same sentence), ``own_choice`` (a regex for
    the subject just before "decided"/"agreed" when that is the child or family's own
    choice; ``{child}`` is the child's name), ``purpose_cues`` (purpose infinitives that
    count as a reason unless ``not_purpose_after`` matches just before them), ``window`` (default
    1), and ``decision_keywords``: plain fragments at least one of which every decision cue
    contains, a cheap first test that spares most sentences the full cue search.

    Every decision found, with or without a reason, is left in ``analysis.cache["decisions"]``
    for the note's result (``NoteResult.decisions``).
    """

    kind = "rationale"
    options_type = RationaleOptions
    options: RationaleOptions

    def setup(self) -> None:
        self.decision = _compile(self.options.decision_cues, self.meta)
        self.reason = _compile(self.options.reason_cues, self.meta)
        self.not_decision = _compile(self.options.not_decision or ["(?!x)x"], self.meta)
        self.window = self.options.window
        self.purpose = _compile(self.options.purpose_cues or ["(?!x)x"], self.meta)
        not_after = self.options.not_purpose_after
        self.not_purpose_after = _compile([not_after], self.meta) if not_after else None
        self.own_choice = self.options.own_choice
        self._own_cache: dict[str | None, Matcher] = {}
        keywords = self.options.decision_keywords
        self.keywords = for_rule(keywords, re.IGNORECASE, self.meta) if keywords else None

    def check(self, analysis) -> Iterable[Finding]:
        text = analysis.text
        sentences = analysis.sentences
        reasons: dict[int, bool] = {}  # filled lazily: only sentences near a decision

        def has_reason(index: int) -> bool:
            if index not in reasons:
                reasons[index] = self._reason_outside_quotes(analysis, sentences[index])
            return reasons[index]

        decisions: list[Decision] = []
        for index, sentence in enumerate(sentences):
            body = sentence.text(text)
            if self.keywords is not None and not self.keywords.search(body):
                continue
            cue = None if self.not_decision.search(body) else self._cue(analysis, sentence, body)
            if cue is None:
                continue
            low, high = max(0, index - self.window), min(len(sentences), index + self.window + 1)
            paragraph = analysis.paragraph_of(sentence.start)
            reasoned = any(
                has_reason(i)
                for i in range(low, high)
                if analysis.paragraph_of(sentences[i].start) == paragraph
            )
            decisions.append(Decision(sentence.start, sentence.end, reasoned))
            if not reasoned:
                following = sentences[index + 1] if index + 1 < len(sentences) else None
                if body.rstrip().endswith(":") and following is not None:
                    yield self._list_finding(analysis, sentence, following.text(text))
                else:
                    yield self._finding(analysis, sentence, body, cue.start(), cue.end())
        analysis.cache.setdefault("decisions", []).extend(decisions)

    def _finding(self, analysis, sentence, body: str, start: int, end: int) -> Finding:
        """The finding, its hint built on the clause that holds the decision (after a label
        such as "Decision:", the decided clause, with the label kept)."""
        clause = None
        label, decided = _after_label(body, start, end)
        if decided is not None:
            start = end = decided
        # Only a sentence already parsed can hold a passive to make active.
        doc = analysis.parser(body, cached_only=True) if analysis.parser is not None else None
        if doc is not None:
            low, high = clause_span(body, start, end)
            clause = active_clause(doc, low, high, analysis.child)
        if clause is None:
            clause = clause_at(body, start, end)
            if label and body[start : start + 1].islower():
                clause = clause[:1].lower() + clause[1:]  # "Agreed: case to step down"
        if label:
            clause = f"{capitalise(label)}: {clause}"
        return self.finding(
            analysis,
            sentence.start,
            sentence.end,
            sentence=clause,
            sentence_rewrite=body.rstrip(" .;:") + ", because [reason].",
        )

    def _list_finding(self, analysis, heading, first_item: str) -> Finding:
        """The finding on a heading over a list of decisions; the hint shows its first item."""
        item = _LIST_MARK.sub("", first_item).strip().rstrip(" .;:")
        return self.finding(
            analysis,
            heading.start,
            heading.end,
            message=self.options.list_message,
            hint=self.options.list_hint,
            sentence=item,
            sentence_rewrite=f"{item}, because [reason].",
        )

    def _is_decision(self, analysis, sentence, body: str) -> bool:
        """Is any decision cue here the service's decision (not quoted, not a family choice)?"""
        return self._cue(analysis, sentence, body) is not None

    def _cue(self, analysis, sentence, body: str) -> re.Match[str] | None:
        """The first decision cue that is the service's decision, or None."""
        own = self._own_choice_matcher(analysis.child)
        for cue in self.decision.finditer(body):
            if analysis.in_quote(sentence.start + cue.start(), sentence.start + cue.end()):
                continue
            verb = cue.group().lower()
            family = own is not None and verb.startswith(("decid", "agree"))
            accepted = _AGREED_TO_A_PLAN.match(body[cue.end() :])
            before = mark_child(body[: cue.start()], analysis.child)
            if family and not accepted and own.search(before):  # type: ignore[union-attr]
                continue  # "Rosa decided to ...", "Mum has agreed to go ...": their own choice
            return cue
        return None

    def _own_choice_matcher(self, child: str | None) -> Matcher | None:
        """The ``own_choice`` pattern, compiled once (the child's name is marked in the text)."""
        if self.own_choice is None:
            return None
        if None not in self._own_cache:
            pattern = self.own_choice.replace("{child}", CHILD_MARK)
            self._own_cache[None] = _compile([pattern], self.meta)
        return self._own_cache[None]

    def _reason_outside_quotes(self, analysis, sentence) -> bool:
        text = analysis.text
        for match in self.reason.finditer(text, sentence.start, sentence.end):
            if not analysis.in_quote(match.start(), match.end()):
                return True
        for match in self.purpose.finditer(text, sentence.start, sentence.end):
            before = text[max(sentence.start, match.start() - 60) : match.start()]
            if self.not_purpose_after is not None and self.not_purpose_after.search(before):
                continue  # "advised mum to keep ...": what was asked, not why
            if not analysis.in_quote(match.start(), match.end()):
                return True
        return False
