"""The ``terms`` rule kind: literal phrases and regex patterns declared in YAML packs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..hints.describe import describe
from ..model import Finding, Severity
from ..schema import Options, entry_list, regex
from .base import Rule, register_kind
from .first_chars import first_chars
from .infant import child_is_infant
from .inflect import forms_pattern
from .regex_safety import (
    Matcher,
    compile_pattern,
    empty_reason,
    has_backreference,
    rule_where,
    unsafe_reason,
)

_LOOKBEHIND_CHARS = 100
_LOOKAHEAD_CHARS = 80


@dataclass
class Term:
    """One compiled term entry of a pack."""

    suggest: str | None
    safe: bool
    alternatives: list[str]
    message: str | None
    hint: str | None
    severity: Severity | None
    not_before: _LazyRegex | None
    not_after: _LazyRegex | None


def phrase_regex(phrase: str) -> str:
    """A regex for a literal phrase: spaces match any whitespace."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


class _LazyRegex:
    """A case-insensitive regex compiled the first time it is used (most never are)."""

    def __init__(self, pattern: str, trusted: bool = True, where: str = "") -> None:
        self.pattern = pattern
        self.trusted = trusted
        self.where = where
        self._regex: Matcher | None = None

    def _compiled(self) -> Matcher:
        if self._regex is None:
            self._regex = compile_pattern(
                self.pattern, re.IGNORECASE, trusted=self.trusted, where=self.where
            )
        return self._regex

    def search(self, text: str) -> re.Match[str] | None:
        return self._compiled().search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self._compiled().match(text)


def term_body(entry: dict[str, Any]) -> str:
    """The regex body of one YAML term entry (its ``match`` phrases or its ``pattern``)."""
    if "pattern" in entry:
        return entry["pattern"]
    if "forms" in entry:
        return forms_pattern(entry["forms"], entry.get("slots"))
    phrases = entry["match"]
    phrases = [phrases] if isinstance(phrases, str) else phrases
    return "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))


def compile_term(entry: dict[str, Any], meta: Any = None) -> Term:
    """Compile the metadata of one YAML term entry (``meta``: its rule, for regex safety)."""
    severity = entry.get("severity")
    trusted, where = _trust(meta)
    return Term(
        suggest=entry.get("suggest"),
        safe=bool(entry.get("safe", False)),
        alternatives=list(entry.get("alternatives", [])),
        message=entry.get("message"),
        hint=entry.get("hint"),
        severity=Severity(severity) if severity else None,
        not_before=(
            _LazyRegex(entry["not_before"], trusted, where) if entry.get("not_before") else None
        ),
        not_after=(
            _LazyRegex(entry["not_after"], trusted, where) if entry.get("not_after") else None
        ),
    )


def _trust(meta: Any) -> tuple[bool, str]:
    """Whether a rule's patterns are shipped ones, and how errors name the rule."""
    if meta is None:
        return True, ""
    return bool(getattr(meta, "builtin", False)), rule_where(meta)


def uses_backreference(entry: dict[str, Any]) -> bool:
    """Does a term's pattern refer to its own groups (so it cannot be merged with others)?"""
    return "pattern" in entry and has_backreference(str(entry["pattern"]))


def _group_regex(
    entries: list[tuple[int, dict[str, Any]]], case: bool, anchored: bool, meta: Any = None
) -> Matcher:
    groups = [f"(?P<t{index}>{term_body(entry)})" for index, entry in entries]
    flags = 0 if case else re.IGNORECASE
    start = "" if anchored else r"(?<![^\W_])"
    trusted, where = _trust(meta)
    pattern = rf"{start}(?:{'|'.join(groups)})(?![^\W_])"
    return compile_pattern(pattern, flags, trusted=trusted, where=where)


def _solo_regex(entry: dict[str, Any], case: bool, meta: Any) -> Matcher:
    """A term with a back-reference, compiled alone and with its own group numbers."""
    flags = 0 if case else re.IGNORECASE
    trusted, where = _trust(meta)
    pattern = rf"(?<![^\W_])(?:{term_body(entry)})(?![^\W_])"
    return compile_pattern(pattern, flags, trusted=trusted, where=where)


def entry_first_chars(entry: dict[str, Any]) -> set[str] | None:
    """Lower-case characters a match of a term entry can start with (None: any)."""
    if "match" in entry and "pattern" not in entry and "forms" not in entry:  # as term_body
        phrases = entry["match"]
        phrases = [phrases] if isinstance(phrases, str) else phrases
        chars = {p.strip()[:1].lower() for p in phrases}
        return chars if all(c.isalnum() for c in chars) else None
    return first_chars(term_body(entry))


@dataclass
class Scanner:
    """A rule's terms (of one case mode) as one regex, tried only where a match can start.

    A note is visited only at word starts whose first letter some term can begin with (or,
    when the engine shares a :class:`Prefilter`, only where some term of any rule matches), so
    most of the text costs nothing. Terms whose first character cannot be pinned down are
    scanned across the whole text.
    """

    regex: Matcher | None
    letters: dict[str, list[int]]  # letter -> indexes of the terms that can start with it
    anywhere: Matcher | None
    entries: dict[int, dict[str, Any]]
    case: bool
    singles: dict[int, Matcher] = field(default_factory=dict)
    solos: list[tuple[int, Matcher]] = field(default_factory=list)  # with back-references
    meta: Any = None

    @classmethod
    def build(
        cls, entries: list[tuple[int, dict[str, Any]]], case: bool, meta: Any = None
    ) -> Scanner | None:
        if not entries:
            return None
        letters: dict[str, list[int]] = {}
        anchored, loose, solos = [], [], []
        for index, entry in entries:
            if uses_backreference(entry):
                solos.append((index, _solo_regex(entry, case, meta)))
                continue
            chars = entry_first_chars(entry)
            if chars is None:
                loose.append((index, entry))
                continue
            anchored.append((index, entry))
            for char in chars:
                letters.setdefault(char, []).append(index)
        return cls(
            regex=_group_regex(anchored, case, anchored=True, meta=meta) if anchored else None,
            letters=letters,
            anywhere=_group_regex(loose, case, anchored=False, meta=meta) if loose else None,
            entries=dict(anchored),
            case=case,
            solos=solos,
            meta=meta,
        )

    def finditer(
        self, analysis, starts: dict[str, list[int]]
    ) -> Iterator[tuple[int, Any, str | None]]:
        """(term index, match, the letter it was found under; None: found by a full scan)."""
        text = analysis.text
        if self.regex is not None:
            for letter in self.letters:
                for position in starts.get(letter, ()):
                    match = self.regex.match(text, position)
                    if match:
                        yield int(match.lastgroup[1:]), match, letter
        if self.anywhere is not None:
            for match in self.anywhere.finditer(text):
                yield int(match.lastgroup[1:]), match, None
        for index, solo in self.solos:
            for match in solo.finditer(text):
                yield index, match, None

    def others_at(self, text: str, letter: str, position: int, tried: int):
        """The other terms that match at ``position``, in pack order, after one was refused."""
        for index in self.letters.get(letter, ()):
            if index == tried:
                continue
            if index not in self.singles:  # compiled on first need: refusals are rare
                self.singles[index] = _group_regex(
                    [(index, self.entries[index])], self.case, anchored=True, meta=self.meta
                )
            match = self.singles[index].match(text, position)
            if match:
                yield index, match


class Prefilter:
    """One cheap pass shared by all term rules: the word starts where any term could match.

    Built by the engine from every term rule it runs; each rule then tries its own terms only
    at those places, instead of at every word of the note. The regex for a letter is compiled
    the first time a note has a word starting with it.
    """

    def __init__(self, rules: list[TermsRule]) -> None:
        self.bodies: dict[str, list[str]] = {}
        for rule in rules:
            for scanner in rule.scanners:
                for letter, indexes in scanner.letters.items():
                    self.bodies.setdefault(letter, []).extend(
                        term_body(scanner.entries[i]) for i in indexes
                    )
        self.compiled: dict[str, re.Pattern[str] | None] = {}
        self.key = f"term-prefilter-{id(self)}"

    def _regex(self, letter: str) -> re.Pattern[str] | None:
        if letter not in self.compiled:
            bodies = self.bodies.get(letter)
            self.compiled[letter] = (
                re.compile("|".join(f"(?:{b})" for b in bodies), re.IGNORECASE) if bodies else None
            )
        return self.compiled[letter]

    def starts(self, analysis) -> dict[str, list[int]]:
        """Word starts, by letter, where some term matches (cached on the analysis)."""
        cached = analysis.cache.get(self.key)
        if cached is None:
            text = analysis.text
            cached = {}
            for letter, positions in analysis.word_starts.items():
                regex = self._regex(letter)
                if regex is not None:
                    hits = [p for p in positions if regex.match(text, p)]
                    if hits:
                        cached[letter] = hits
            analysis.cache[self.key] = cached
        return cached


def share_prefilter(rules: list) -> None:
    """Give every term rule in ``rules`` one shared :class:`Prefilter`."""
    # Only shipped rules: the shared regex runs on ``re``, without the time limit that your
    # own packs' patterns run under.
    term_rules = [r for r in rules if isinstance(r, TermsRule) and r.scanners and r.meta.builtin]
    if len(term_rules) > 1:
        prefilter = Prefilter(term_rules)
        for rule in term_rules:
            rule.prefilter = prefilter


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation of ``original`` (first letter only)."""
    if original[:1].isupper() and replacement[:1].islower() and not original.isupper():
        return replacement[:1].upper() + replacement[1:]
    if original.isupper() and len(original) > 1 and original.isalpha() and replacement.islower():
        return replacement  # an acronym's expansion stays in lower case
    return replacement


@dataclass(frozen=True)
class TermEntry(Options):
    """Keys of one entry of a ``terms`` list: ``match`` phrases or a ``pattern``, and more."""

    match: str | tuple[str, ...] | None = None
    pattern: str | None = regex(span=True)
    #: A template with slots (see :mod:`.inflect`), and the words of its named slots.
    forms: str | tuple[str, ...] | None = None
    slots: dict[str, tuple[str, ...]] | None = None
    suggest: str | None = None
    safe: bool = False
    alternatives: tuple[str, ...] = ()
    message: str | None = None
    hint: str | None = None
    severity: Literal["error", "warning", "info"] | None = None
    not_before: str | None = regex()
    not_after: str | None = regex()
    case: bool = False

    def check(self) -> str | None:
        if self.match is None and self.pattern is None and self.forms is None:
            return "each term needs 'match', 'pattern' or 'forms'"
        if self.forms is not None:
            try:
                self._forms_body()
            except ValueError as error:
                return f"'forms' {self.forms!r} refused: {error}"
        phrases = (self.match,) if isinstance(self.match, str) else self.match or ()
        if not all(p.strip() for p in phrases) or (self.match is not None and not phrases):
            return "'match' must be non-empty text or a list of it"
        if self.pattern is not None and not self.pattern.strip():
            return "'pattern' must be a non-empty regular expression"
        if not all(a.strip() for a in self.alternatives):
            return "'alternatives' must be a list of text"
        return None

    def check_regexes(self) -> str | None:
        """The regex built from ``forms`` is checked as a ``pattern`` would be."""
        if self.forms is None:
            return None
        body = self._forms_body()
        reason = unsafe_reason(body) or empty_reason(body, span=True)
        return f"'forms' {self.forms!r} refused: {reason}" if reason else None

    def _forms_body(self) -> str:
        templates = (self.forms,) if isinstance(self.forms, str) else self.forms
        return forms_pattern(list(templates or ()), self.slots)


@dataclass(frozen=True)
class TermsOptions(Options):
    """Keys of a ``terms`` rule. ``terms`` keeps each entry as the mapping it was."""

    terms: tuple[dict[str, Any], ...] = entry_list(TermEntry)
    requires_child: bool = False
    #: Only when the named child is a baby (the note gives an age under two).
    requires_infant: bool = False
    rewrite: Literal["describe"] | None = None
    config_terms: Literal["jargon"] | None = None


@register_kind
class TermsRule(Rule):
    """Flags every listed phrase or pattern outside quotation marks."""

    kind = "terms"
    fixable = True
    options_type = TermsOptions
    options: TermsOptions

    def setup(self) -> None:
        entries = list(self.options.terms)
        if self.options.config_terms == "jargon":
            entries += [
                {
                    "match": e["term"],
                    "suggest": e.get("suggest"),
                    "safe": e.get("safe", False),
                    "hint": e.get("hint"),
                    "alternatives": e.get("alternatives", []),
                }
                for e in self.config.jargon
            ]
        self.terms = [compile_term(e, self.meta) for e in entries]
        indexed = list(enumerate(entries))
        scanners = (
            Scanner.build([(i, e) for i, e in indexed if not e.get("case")], False, self.meta),
            Scanner.build([(i, e) for i, e in indexed if e.get("case")], True, self.meta),
        )
        self.scanners = [s for s in scanners if s is not None]
        self.requires_child = self.options.requires_child
        self.requires_infant = self.options.requires_infant
        self.prefilter: Prefilter | None = None
        self.rewrite = self.options.rewrite

    def check(self, analysis) -> Iterable[Finding]:
        for index, start, end in self._matches(analysis):
            yield self._finding(analysis, self.terms[index], start, end)

    def hint_parses(self, analysis) -> set[int]:
        """The sentences whose parse this rule's hints read: those with a match, when the
        hint describes the person the words are about (``rewrite: describe``)."""
        if self.rewrite != "describe":
            return set()
        return {analysis.sentence_index(start) for _, start, end in self._matches(analysis)}

    def _matches(self, analysis) -> list[tuple[int, int, int]]:
        """(term index, start, end) of each accepted match in the note, found once."""
        key = f"terms-matches-{id(self)}"
        found = analysis.cache.get(key)
        if found is None:
            found = analysis.cache[key] = list(self._scan(analysis))
        return found

    def _scan(self, analysis) -> Iterator[tuple[int, int, int]]:
        if self.requires_child and not analysis.child:
            return
        if self.requires_infant and not child_is_infant(analysis):
            return
        text = analysis.text
        starts = self.prefilter.starts(analysis) if self.prefilter else analysis.word_starts
        for scanner in self.scanners:
            for index, match, letter in scanner.finditer(analysis, starts):
                if self._accept(analysis, self.terms[index], *match.span()):
                    yield (index, *match.span())
                elif letter is not None:
                    for other, alternative in scanner.others_at(text, letter, match.start(), index):
                        if self._accept(analysis, self.terms[other], *alternative.span()):
                            yield (other, *alternative.span())
                            break

    def _accept(self, analysis, term: Term, start: int, end: int) -> bool:
        """Is a match outside reported speech and clear of the term's context exclusions?

        A label in quotation marks with nobody speaking (a scare quote) is still matched.
        """
        text = analysis.text
        if end <= start:  # an empty match is no finding (packs are refused it; this is a guard)
            return False
        if not self.meta.in_quotes and analysis.in_speech(start, end):
            return False
        if term.not_before and term.not_before.search(
            text[max(0, start - _LOOKBEHIND_CHARS) : start]
        ):
            return False
        return not (term.not_after and term.not_after.match(text[end : end + _LOOKAHEAD_CHARS]))

    def _finding(self, analysis, term: Term, start: int, end: int) -> Finding:
        matched = analysis.text[start:end]
        suggestion = None
        if term.suggest:
            suggestion = term.suggest.replace("{child}", analysis.child or "")
            suggestion = match_case(suggestion, matched) if suggestion.strip() else None
        sentence = analysis.sentences[analysis.sentence_index(start)]
        body = sentence.text(analysis.text)
        offset = max(0, start - sentence.start)
        template = rewritten = person = None
        if self.rewrite == "describe":
            doc = analysis.parser(body) if analysis.parser is not None else None
            template, who = describe(body, matched, analysis.child, start=offset, doc=doc)
            person = who.words
        if suggestion:
            rewritten = body[:offset] + suggestion + body[offset + len(matched) :]
        return self.finding(
            analysis,
            start,
            end,
            message=term.message,
            hint=term.hint,
            suggestion=suggestion,
            severity=term.severity,
            safe=term.safe and suggestion is not None,
            alternatives=" or ".join(f'"{a}"' for a in term.alternatives),
            sentence=body.strip(),
            template=template,
            rewritten=rewritten.strip() if rewritten else None,
            person=person,
            Person=person[:1].upper() + person[1:] if person else None,
        )
