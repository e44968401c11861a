"""The ``acronym`` rule kind: initialisms used without being spelled out first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..hints.article import with_article
from ..model import Finding
from ..schema import Options
from .base import Rule, register_kind
from .packs import matches

_CANDIDATE_RE = re.compile(r"(?<![\w&.])(?:[a-z](?=[A-Z]{2}))?[A-Z][A-Za-z&]{1,9}(?![\w&])")
#: Initials used as a person's name: "AB (9)", "Mr JT", "Child FL".
_NAME_AFTER = re.compile(r"^\s*\(\s*(?:aged?\s*)?\d{1,2}(?:\s*(?:years?|yrs?|months?))?\s*\)")
_NAME_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Child|Sibling|Baby|Young\s+person)\.?\s+)$", re.IGNORECASE
)
#: An all-capital heading or label: a word alone on its line, or opening it before a colon.
_HEADING_RE = re.compile(r"^[ \t#*>\-•]*([A-Z][A-Z&'’ ]*[A-Z])[ \t*]*(?::|[ \t*]*$)", re.M)
_CAPS_RUN_RE = re.compile(r"(?<![\w&])[A-Z][A-Z&'’\-]+(?:[ \t]+[A-Z][A-Z&'’\-]+){2,}(?![\w&])")


#: "words (ACR)" and "ACR (words)": where an acronym may be spelled out.
_DEFINED_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_DEFINED_BEFORE = re.compile(r"(?<![\w&])([A-Z][A-Za-z&]{1,9}) \(([^()]{4,120})\)")
_HEADING_WORD_RE = re.compile(r"[A-Z&'’]+")
_TITLE_NAME = re.compile(r" [A-Z][a-z]")


def acronym_key(token: str) -> str | None:
    """The acronym a token stands for ('GCSEs' -> 'GCSE', 'CiC' -> 'CiC', 'SENCo', 'ePEP'),
    or None."""
    if token[1:].islower():
        return None  # one capital at most ("Mum", "The"): most tokens, answered at once
    core = token[:-1] if token.endswith("s") and len(token) > 2 else token
    upper = sum(map(str.isupper, core))
    if not core[-1:].isupper() and core[-1:] != "&" and upper < 3:
        return None
    if upper < 2 or sum(map(str.islower, core)) >= upper:
        return None
    return core


_WORDS_RE = re.compile(r"[^\W\d_]+")
_LINKING_WORDS = frozenset({"and", "of", "for", "the", "in", "to", "on", "with", "at", "&"})


def spells_out(words: list[str], acronym: str, anchor_end: bool = True) -> bool:
    """Do ``words`` spell out ``acronym`` by their initials (a word may give 1-3 letters)?

    'initial child protection conference' spells ICPC; 'special educational needs
    coordinator' spells SENCO; 'Sarah Oduya' does not spell SW. With ``anchor_end`` the
    spelling must end at the last word (the words just before '(ACR)').
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    parts = [p.lower() for w in words for p in w.split("-") if p]
    if not letters or not parts:
        return False
    starts = range(len(parts)) if anchor_end else [0]
    return any(_consume(parts[start:], letters, anchor_end) for start in starts)


def _consume(parts: list[str], letters: list[str], anchor_end: bool) -> bool:
    if not letters:
        return not anchor_end or not parts
    if not parts:
        return False
    word, rest = parts[0], parts[1:]
    if word in _LINKING_WORDS and _consume(rest, letters, anchor_end):
        return True
    for take in range(1, min(3, len(letters), len(word)) + 1):
        if word[:take] == "".join(letters[:take]) and _consume(rest, letters[take:], anchor_end):
            return True
    return False


@dataclass(frozen=True)
class AcronymOptions(Options):
    """Keys of an ``acronym`` rule: everyday initialisms, expansions, and ones with two
    meanings."""

    allow: tuple[str, ...] = ()
    # Allowed ones that are titles before a name ("PC Dean" is a police constable).
    titles: tuple[str, ...] = ()
    expansions: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Acronyms whose words take no "the" when spelled out ("CSE", "ADHD").
    no_article: tuple[str, ...] = ()
    #: Report every use of an acronym, not only its first.
    repeat: bool = False


@register_kind
class AcronymRule(Rule):
    """Flags initialisms that are neither everyday nor spelled out earlier in the note."""

    kind = "acronym"
    fixable = True
    options_type = AcronymOptions
    options: AcronymOptions

    def setup(self) -> None:
        self.allow = set(self.options.allow) | set(self.config.allowed_acronyms)
        self.expansions: dict[str, str] = dict(self.options.expansions)
        self.expansions.update(self.config.acronyms)
        self.ambiguous: dict[str, tuple[str, ...]] = dict(self.options.ambiguous)
        #: Acronyms whose words take no article ("CSE", "ADHD", "Universal Credit").
        self.no_article = frozenset(self.options.no_article)
        #: Report every use of an acronym, not only the first (``repeat`` here or in the config).
        self.repeat = self.options.repeat or any(matches(s, self.meta) for s in self.config.repeat)
        self.titles = set(self.options.titles)
        self.known = {k.upper() for k in [*self.expansions, *self.ambiguous, *self.allow]}
        self._lowered_expansions = {k: v.lower() for k, v in self.expansions.items()}

    def check(self, analysis) -> Iterable[Finding]:
        text = analysis.text
        candidates = [
            (match.start(), match.end(), key)
            for match in _CANDIDATE_RE.finditer(text)
            if (key := acronym_key(match.group())) is not None
        ]
        if not candidates:
            return
        shouted = [m.span() for m in _CAPS_RUN_RE.finditer(text)]
        shouted += self._headings(text)
        defined: dict[str, int] = self._definitions(text, {key for _, _, key in candidates})
        names = self._initials_as_names(text, candidates)
        seen: set[str] = set()
        for start, end, key in candidates:
            if key in names:
                continue
            title = key in self.titles and _TITLE_NAME.match(text[end : end + 3])
            if (key in self.allow or key.upper() in self.allow) and not title:
                continue  # everyday, unless a title before a name ("PC Dean")
            if key in defined and defined[key] <= start:
                continue
            if any(s <= start and end <= e for s, e in shouted):
                continue
            if not self.meta.in_quotes and analysis.in_quote(start, end):
                continue
            if key in seen and not self.repeat:
                continue  # one finding an acronym: its first use
            yield self._finding(analysis, key, start, end, first=key not in seen)
            seen.add(key)

    def _initials_as_names(self, text: str, candidates: list[tuple[int, int, str]]) -> set[str]:
        """Initials used as a person's name in this note: 'AB (9)', 'Mr JT', 'Child FL'.
        ``candidates``: each acronym's start, end and key."""
        names: set[str] = set()
        for start, end, key in candidates:
            if key.upper() in self.known or len(key) > 3:
                continue
            if _NAME_AFTER.match(text[end : end + 20]) or _NAME_BEFORE.search(
                text[max(0, start - 20) : start]
            ):
                names.add(key)
        return names

    def _headings(self, text: str) -> list[tuple[int, int]]:
        """All-capital headings and labels ('ACTION:', 'PLAN', 'NEXT STEPS'): not acronyms,
        unless the word is a known acronym ('CAMHS:')."""
        spans = []
        for match in _HEADING_RE.finditer(text):
            for word in _HEADING_WORD_RE.finditer(match.group(1)):
                w = word.group()
                if len(w) >= 4 and any(c in "AEIOU" for c in w[1:]) and w not in self.known:
                    start = match.start(1) + word.start()
                    spans.append((start, start + len(w)))
        return spans

    def _definitions(self, text: str, keys: set[str]) -> dict[str, int]:
        """Where each of ``keys`` (the acronyms this note uses) is spelled out, as
        'words (ACR)', 'ACR (words)' or in the words of its expansion."""
        found: dict[str, int] = {}
        if "(" in text:
            self._spelled_in_brackets(text, keys, found)
        lowered = None
        for key in keys:
            expansion = self._lowered_expansions.get(key)
            if expansion is None or key in found:
                continue
            lowered = text.lower() if lowered is None else lowered
            position = lowered.find(expansion)
            if position >= 0:
                found[key] = position
        return found

    def _spelled_in_brackets(self, text: str, keys: set[str], found: dict[str, int]) -> None:
        """Add to ``found`` where each of ``keys`` is first spelled out as 'words (ACR)'
        (before) or 'ACR (words)' (after)."""
        for match in _DEFINED_AFTER.finditer(text):
            key = acronym_key(match.group(1))
            if key not in keys:
                continue
            before = _WORDS_RE.findall(text[max(0, match.start() - 120) : match.start()])
            # A loose expansion counts: "All About Me meeting (AAM)" spells AAM with a word over.
            if any(spells_out(before[-10 - cut : len(before) - cut], key) for cut in (0, 1, 2)):
                found.setdefault(key, match.start(1))
        for match in _DEFINED_BEFORE.finditer(text):
            key = acronym_key(match.group(1))
            if key in keys and spells_out(_WORDS_RE.findall(match.group(2)), key, anchor_end=False):
                found.setdefault(key, match.start(1))

    def _finding(self, analysis, key: str, start: int, end: int, *, first: bool) -> Finding:
        expansion = self.expansions.get(key)
        suggestion = None
        if expansion and first:
            words = expansion
            if key not in self.no_article:
                words = with_article(expansion, analysis.text, start, end)
            suggestion = f"{words} ({analysis.text[start:end]})"
        meanings = self.ambiguous.get(key)
        hint = None
        if meanings:
            options = " or ".join(f'"{m}"' for m in meanings)
            hint = f'"{key}" can mean {options}: write out the one you mean.'
        return self.finding(
            analysis,
            start,
            end,
            suggestion=suggestion,
            hint=hint,
            safe=suggestion is not None and not meanings,
            expansion=expansion or "the words in full",
        )
