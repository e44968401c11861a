"""The ``terms`` rule kind: literal phrases and regex patterns declared in YAML packs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Finding, Severity
from .base import Rule, register_kind

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


def compile_term(entry: dict[str, Any]) -> Term:
    """Compile one YAML term entry (``match`` phrases or a ``pattern``)."""
    flags = 0 if entry.get("case") else re.IGNORECASE
    if "pattern" in entry:
        body = entry["pattern"]
    else:
        phrases = entry["match"]
        phrases = [phrases] if isinstance(phrases, str) else phrases
        body = "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
    severity = entry.get("severity")
    return Term(
        regex=re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", flags),
        suggest=entry.get("suggest"),
        safe=bool(entry.get("safe", False)),
        alternatives=list(entry.get("alternatives", [])),
        message=entry.get("message"),
        hint=entry.get("hint"),
        severity=Severity(severity) if severity else None,
        not_before=re.compile(entry["not_before"], re.I) if entry.get("not_before") else None,
        not_after=re.compile(entry["not_after"], re.I) if entry.get("not_after") else None,
    )


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
        self.requires_child = bool(self.options.get("requires_child", False))

    def check(self, analysis) -> Iterable[Finding]:
        if self.requires_child and not analysis.child:
            return
        text = analysis.text
        for term in self.terms:
            for match in term.regex.finditer(text):
                start, end = match.span()
                if not self.meta.in_quotes and analysis.in_quote(start, end):
                    continue
                if term.not_before and term.not_before.search(
                    text[max(0, start - _LOOKBEHIND_CHARS) : start]
                ):
                    continue
                if term.not_after and term.not_after.match(text[end : end + _LOOKAHEAD_CHARS]):
                    continue
                yield self._finding(analysis, term, start, end)

    def _finding(self, analysis, term: Term, start: int, end: int) -> Finding:
        matched = analysis.text[start:end]
        suggestion = None
        if term.suggest:
            suggestion = term.suggest.replace("{child}", analysis.child or "")
            suggestion = match_case(suggestion, matched) if suggestion.strip() else None
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
        )
