"""The ``rationale`` rule kind: a decision recorded with no reason near it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..hints.clause import active_clause, clause_at, clause_span
from ..hints.text import capitalise
from ..model import Decision, Finding
from ..schema import Options, regex, regex_list
from .base import Rule, RuleMeta, register_kind
from .inflect import CHILD_MARK, mark_child
from .regex_safety import Matcher, for_rule, sre_constants, sre_parse

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


# -- cue lists searched one pattern at a time, each only where its words are -----------------

#: Letters that ``re`` takes for an ASCII letter when ignoring case though ``str.lower`` does
#: not lower them to it ("ſ" matches "s", "İ" lowers to two characters): folded first.
_ODD_CASES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def fold(text: str) -> str:
    """``text`` lower-cased the way ``re`` compares ASCII letters when ignoring case (same
    length, so offsets into ``text`` hold)."""
    if any(odd in text for odd in "İıſK"):
        text = text.translate(_ODD_CASES)
    return text.lower()


_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def required_fragments(items: object) -> frozenset[str] | None:
    """Lower-case ASCII fragments one of which every match of the parsed pattern ``items``
    contains, or None when none is known. Of the candidates (runs of plain letters,
    required groups and alternatives), the one whose shortest fragment is longest."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:  # type: ignore[attr-defined]
        if op is sre_constants.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = None
        if op is sre_constants.SUBPATTERN:
            found = required_fragments(arg[-1])
        elif op in _REPEATS and arg[0] >= 1:
            found = required_fragments(arg[2])
        elif op is sre_constants.BRANCH:
            branches = [required_fragments(branch) for branch in arg[1]]
            if all(branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return max(candidates, key=lambda fragments: min(map(len, fragments)), default=None)


@dataclass(frozen=True)
class _Part:
    """One pattern of a cue list."""

    matcher: re.Pattern[str]
    #: One of these is in every match (lower-cased); empty when none is known.
    fragments: frozenset[str]
    #: The pattern is plain letters and spaces: finding its one fragment is finding a match.
    literal: bool


def _part(pattern: str, flags: int) -> _Part | None:
    """The pattern on its own, or None when it cannot stand in for its place in the
    alternation (it changes the flags of the whole, or can match empty text)."""
    compiled = re.compile(pattern, flags)
    if compiled.flags != flags:
        return None
    parsed = sre_parse.parse(pattern, flags)
    if parsed.getwidth()[0] == 0:
        return None
    literal = bool(flags & re.IGNORECASE) and all(
        op is sre_constants.LITERAL and arg < 128 for op, arg in parsed
    )
    return _Part(compiled, required_fragments(parsed) or frozenset(), literal)


class Cues:
    """A list of cue patterns that behaves as their one alternation (the same matches, in
    the same order) but tries each pattern only on text holding one of its fragments.

    Python's ``re`` tries every alternative at every character of a long alternation; most
    cues start with a word that is absent from most sentences, and a ``str`` search for it
    is far cheaper. Patterns of your own packs (time-limited), or any list this cannot
    split exactly, are searched as the alternation itself.
    """

    def __init__(self, patterns: Sequence[str], flags: int, meta: RuleMeta) -> None:
        self.joined = for_rule(patterns, flags, meta)
        self.parts: list[_Part] | None = None
        if isinstance(self.joined, re.Pattern) and patterns:
            parts = [_part(p, self.joined.flags) for p in patterns]
            if all(parts):
                self.parts = parts  # type: ignore[assignment]
        parts = self.parts or []
        #: The parts to try whatever the text (no fragment known).
        self._always = frozenset(i for i, part in enumerate(parts) if not part.fragments)
        #: Each fragment, and the parts (by index) it lets through.
        by_fragment: dict[str, list[int]] = {}
        for index, part in enumerate(parts):
            for fragment in part.fragments:
                by_fragment.setdefault(fragment, []).append(index)
        self._by_fragment = [(f, tuple(indices)) for f, indices in by_fragment.items()]

    def _possible(self, folded: str) -> list[_Part]:
        """The parts, in their order, that could match in text whose :func:`fold` is
        ``folded``."""
        found = set(self._always)
        for fragment, indices in self._by_fragment:
            if fragment in folded:
                found.update(indices)
        parts = self.parts or []
        return [parts[index] for index in sorted(found)]

    def search(self, text: str, folded: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Does any cue match in ``text[pos:endpos]``, whose :func:`fold` is ``folded``?"""
        end = len(text) if endpos is None else endpos
        if self.parts is None:
            return self.joined.search(text, pos, end) is not None
        parts = self.parts
        for index in self._always:
            if parts[index].matcher.search(text, pos, end):
                return True
        for fragment, indices in self._by_fragment:  # stops at the first match
            if fragment in folded:
                for index in indices:
                    if parts[index].literal or parts[index].matcher.search(text, pos, end):
                        return True
        return False

    def finditer(
        self, text: str, folded: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The alternation's matches in ``text[pos:endpos]`` (``folded`` as for :meth:`search`):
        each the leftmost, of the first pattern listed that matches there."""
        end = len(text) if endpos is None else endpos
        if self.parts is None:
            yield from self.joined.finditer(text, pos, end)
            return
        parts = [part.matcher for part in self._possible(folded)]
        while parts:
            found = None
            for matcher in parts:
                match = matcher.search(text, pos, end)
                if match is not None and (found is None or match.start() < found.start()):
                    found = match
            if found is None:
                return
            yield found
            pos = found.end()


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
        flags = re.IGNORECASE | re.MULTILINE
        self.decision = Cues(self.options.decision_cues, flags, self.meta)
        self.reason = Cues(self.options.reason_cues, flags, self.meta)
        self.not_decision = Cues(self.options.not_decision or ["(?!x)x"], flags, self.meta)
        self.window = self.options.window
        self.purpose = Cues(self.options.purpose_cues or ["(?!x)x"], flags, self.meta)
        not_after = self.options.not_purpose_after
        self.not_purpose_after = _compile([not_after], self.meta) if not_after else None
        self.own_choice = self.options.own_choice
        self._own_cache: dict[str | None, Matcher] = {}
        keywords = self.options.decision_keywords
        self.keywords = Cues(keywords, re.IGNORECASE, self.meta) if keywords else None

    def check(self, analysis) -> Iterable[Finding]:
        text = analysis.text
        sentences = analysis.sentences
        folded = fold(text)  # for the cues' cheap first test
        reasons: dict[int, bool] = {}  # filled lazily: only sentences near a decision

        def has_reason(index: int) -> bool:
            if index not in reasons:
                reasons[index] = self._reason_outside_quotes(analysis, sentences[index], folded)
            return reasons[index]

        decisions: list[Decision] = []
        for index, sentence in enumerate(sentences):
            body = sentence.text(text)
            folded_body = sentence.text(folded)
            if self.keywords is not None and not self.keywords.search(body, folded_body):
                continue
            if self.not_decision.search(body, folded_body):
                continue
            cue = self._cue(analysis, sentence, body, self.decision.finditer(body, folded_body))
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
        cues = self.decision.finditer(body, fold(body))
        return self._cue(analysis, sentence, body, cues) is not None

    def _cue(
        self, analysis, sentence, body: str, cues: Iterable[re.Match[str]]
    ) -> re.Match[str] | None:
        """The first of the decision ``cues`` found in ``body`` that is the service's
        decision, or None."""
        own = self._own_choice_matcher(analysis.child)
        for cue in cues:
            if analysis.in_quote(sentence.start + cue.start(), sentence.start + cue.end()):
                continue
            if own is not None and cue.group().lower().startswith(("decid", "agree")):
                accepted = _AGREED_TO_A_PLAN.match(body[cue.end() :])
                before = mark_child(body[: cue.start()], analysis.child)
                if not accepted and own.search(before):
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

    def _reason_outside_quotes(self, analysis, sentence, folded: str) -> bool:
        """Does ``sentence`` give a reason (or a purpose) outside quotation marks? ``folded``
        is the note's :func:`fold`."""
        text = analysis.text
        start, end = sentence.start, sentence.end
        window = folded[start:end]
        for match in self.reason.finditer(text, window, start, end):
            if not analysis.in_quote(match.start(), match.end()):
                return True
        for match in self.purpose.finditer(text, window, start, end):
            before = text[max(start, match.start() - 60) : match.start()]
            if self.not_purpose_after is not None and self.not_purpose_after.search(before):
                continue  # "advised mum to keep ...": what was asked, not why
            if not analysis.in_quote(match.start(), match.end()):
                return True
        return False
