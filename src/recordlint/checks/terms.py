"""The ``terms`` rule kind: literal phrases and regex patterns declared in YAML packs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Finding, Severity
from .base import Rule, register_kind
from .first_chars import first_chars
from .rewrite import describe_template

_LOOKBEHIND_CHARS = 40
_LOOKAHEAD_CHARS = 80


@dataclass
class Term:
    """One compiled term entry of a pack."""

    regex: re.Pattern[str]
    suggest: str | None
    safe: bool
    alternatives: list[str]
    message: str | None
    hint: str | None
    severity: Severity | None
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None


def phrase_regex(phrase: str) -> str:
    """A regex for a literal phrase: spaces match any whitespace."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def term_body(entry: dict[str, Any]) -> str:
    """The regex body of one YAML term entry (its ``match`` phrases or its ``pattern``)."""
    if "pattern" in entry:
        return entry["pattern"]
    phrases = entry["match"]
    phrases = [phrases] if isinstance(phrases, str) else phrases
    return "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))


def compile_term(entry: dict[str, Any]) -> Term:
    """Compile the metadata of one YAML term entry."""
    severity = entry.get("severity")
    return Term(
        regex=re.compile(rf"(?<![^\W_])(?:{term_body(entry)})(?![^\W_])"),
        suggest=entry.get("suggest"),
        safe=bool(entry.get("safe", False)),
        alternatives=list(entry.get("alternatives", [])),
        message=entry.get("message"),
        hint=entry.get("hint"),
        severity=Severity(severity) if severity else None,
        not_before=re.compile(entry["not_before"], re.I) if entry.get("not_before") else None,
        not_after=re.compile(entry["not_after"], re.I) if entry.get("not_after") else None,
    )


def _group_regex(entries: list[tuple[int, dict[str, Any]]], case: bool, anchored: bool):
    groups = [f"(?P<t{index}>{term_body(entry)})" for index, entry in entries]
    flags = 0 if case else re.IGNORECASE
    start = "" if anchored else r"(?<![^\W_])"
    return re.compile(rf"{start}(?:{'|'.join(groups)})(?![^\W_])", flags)


@dataclass
class Scanner:
    """Term regexes indexed by the letter a match starts with.

    A note is visited only at the word starts whose first letter some term can begin with
    (see :attr:`Analysis.word_starts`), so most of the text costs nothing. Terms whose first
    character cannot be pinned down are scanned across the whole text.
    """

    by_letter: dict[str, re.Pattern[str]]
    anywhere: re.Pattern[str] | None
    singles: dict[str, list[tuple[int, re.Pattern[str]]]]

    @classmethod
    def build(cls, entries: list[tuple[int, dict[str, Any]]], case: bool) -> Scanner | None:
        if not entries:
            return None
        letters: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        loose = []
        for index, entry in entries:
            chars = first_chars(term_body(entry))
            if chars is None:
                loose.append((index, entry))
                continue
            for char in chars:
                letters.setdefault(char, []).append((index, entry))
        return cls(
            by_letter={c: _group_regex(e, case, anchored=True) for c, e in letters.items()},
            anywhere=_group_regex(loose, case, anchored=False) if loose else None,
            singles={
                c: [(i, _group_regex([(i, e)], case, anchored=True)) for i, e in group]
                for c, group in letters.items()
            },
        )

    def finditer(
        self, analysis, starts: dict[str, list[int]]
    ) -> Iterator[tuple[re.Match[str], str | None]]:
        """Matches with the letter they were found under (None: found by a full scan)."""
        text = analysis.text
        for letter, regex in self.by_letter.items():
            for position in starts.get(letter, ()):
                match = regex.match(text, position)
                if match:
                    yield match, letter
        if self.anywhere is not None:
            for match in self.anywhere.finditer(text):
                yield match, None

    def others_at(self, text: str, letter: str, position: int, tried: int):
        """The other terms that match at ``position``, in pack order, after one was refused."""
        for index, regex in self.singles.get(letter, ()):
            if index != tried:
                match = regex.match(text, position)
                if match:
                    yield index, match


class Prefilter:
    """One cheap pass shared by all term rules: the word starts where any term could match.

    Built by the engine from every term rule it runs; each rule then tries its own terms only
    at those places, instead of at every word of the note.
    """

    def __init__(self, rules: list[TermsRule]) -> None:
        letters: dict[str, list[str]] = {}
        for rule in rules:
            for scanner in rule.scanners:
                for letter, regex in scanner.by_letter.items():
                    letters.setdefault(letter, []).append(_strip_groups(regex.pattern))
        self.by_letter = {
            letter: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            for letter, patterns in letters.items()
        }
        self.key = f"term-prefilter-{id(self)}"

    def starts(self, analysis) -> dict[str, list[int]]:
        """Word starts, by letter, where some term matches (cached on the analysis)."""
        cached = analysis.cache.get(self.key)
        if cached is None:
            text = analysis.text
            cached = {}
            for letter, positions in analysis.word_starts.items():
                regex = self.by_letter.get(letter)
                if regex is not None:
                    hits = [p for p in positions if regex.match(text, p)]
                    if hits:
                        cached[letter] = hits
            analysis.cache[self.key] = cached
        return cached


def _strip_groups(pattern: str) -> str:
    """A term regex without its named groups, so that several can be joined."""
    return re.sub(r"\(\?P<t\d+>", "(?:", pattern)


def share_prefilter(rules: list) -> None:
    """Give every term rule in ``rules`` one shared :class:`Prefilter`."""
    term_rules = [r for r in rules if isinstance(r, TermsRule) and r.scanners]
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


@register_kind
class TermsRule(Rule):
    """Flags every listed phrase or pattern outside quotation marks."""

    kind = "terms"

    def setup(self) -> None:
        entries = list(self.options.get("terms", []))
        if self.options.get("config_terms") == "jargon":
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
        self.terms = [compile_term(e) for e in entries]
        indexed = list(enumerate(entries))
        scanners = (
            Scanner.build([(i, e) for i, e in indexed if not e.get("case")], case=False),
            Scanner.build([(i, e) for i, e in indexed if e.get("case")], case=True),
        )
        self.scanners = [s for s in scanners if s is not None]
        self.requires_child = bool(self.options.get("requires_child", False))
        self.prefilter: Prefilter | None = None
        self.rewrite = self.options.get("rewrite")

    def check(self, analysis) -> Iterable[Finding]:
        if self.requires_child and not analysis.child:
            return
        text = analysis.text
        starts = self.prefilter.starts(analysis) if self.prefilter else analysis.word_starts
        for scanner in self.scanners:
            for match, letter in scanner.finditer(analysis, starts):
                index = int(match.lastgroup[1:])  # type: ignore[index]
                if self._accept(analysis, self.terms[index], *match.span()):
                    yield self._finding(analysis, self.terms[index], *match.span())
                elif letter is not None:
                    for other, alternative in scanner.others_at(text, letter, match.start(), index):
                        if self._accept(analysis, self.terms[other], *alternative.span()):
                            yield self._finding(analysis, self.terms[other], *alternative.span())
                            break

    def _accept(self, analysis, term: Term, start: int, end: int) -> bool:
        """Is a match outside quotes and clear of the term's context exclusions?"""
        text = analysis.text
        if not self.meta.in_quotes and analysis.in_quote(start, end):
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
        template = rewritten = None
        if self.rewrite == "describe":
            template = describe_template(body, matched, analysis.child, start=offset)
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
        )
