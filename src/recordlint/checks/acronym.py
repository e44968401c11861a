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


def acronym_key(token: str) -> str | None:
    """The acronym a token stands for ('GCSEs' -> 'GCSE', 'CiC' -> 'CiC', 'SENCo', 'ePEP'),
    or None."""
    core = token[:-1] if token.endswith("s") and len(token) > 2 else token
    capitals = sum(c.isupper() for c in core)
    if not core[-1:].isupper() and core[-1:] != "&" and capitals < 3:
        return None
    upper = sum(c.isupper() for c in core)
    lower = sum(c.islower() for c in core)
    if upper < 2 or lower >= upper:
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

    def check(self, analysis) -> Iterable[Finding]:
        text = analysis.text
        shouted = [m.span() for m in _CAPS_RUN_RE.finditer(text)]
        shouted += self._headings(text)
        defined: dict[str, int] = self._definitions(text)
        names = self._initials_as_names(text)
        seen: set[str] = set()
        for match in _CANDIDATE_RE.finditer(text):
            key = acronym_key(match.group())
            if key is None or key in names:
                continue
            start, end = match.span()
            title = key in self.titles and re.match(r" [A-Z][a-z]", text[end : end + 3])
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

    def _initials_as_names(self, text: str) -> set[str]:
        """Initials used as a person's name in this note: 'AB (9)', 'Mr JT', 'Child FL'."""
        names: set[str] = set()
        for match in _CANDIDATE_RE.finditer(text):
            key = acronym_key(match.group())
            if key is None or key.upper() in self.known or len(key) > 3:
                continue
            if _NAME_AFTER.match(text[match.end() : match.end() + 20]) or _NAME_BEFORE.search(
                text[max(0, match.start() - 20) : match.start()]
            ):
                names.add(key)
        return names

    def _headings(self, text: str) -> list[tuple[int, int]]:
        """All-capital headings and labels ('ACTION:', 'PLAN', 'NEXT STEPS'): not acronyms,
        unless the word is a known acronym ('CAMHS:')."""
        spans = []
        for match in _HEADING_RE.finditer(text):
            for word in re.finditer(r"[A-Z&'’]+", match.group(1)):
                w = word.group()
                if len(w) >= 4 and any(c in "AEIOU" for c in w[1:]) and w not in self.known:
                    start = match.start(1) + word.start()
                    spans.append((start, start + len(w)))
        return spans

    def _definitions(self, text: str) -> dict[str, int]:
        """Acronyms spelled out as 'words (ACR)' or 'ACR (words)', with where that happens."""
        found: dict[str, int] = {}
        for match in re.finditer(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)", text):
            key = acronym_key(match.group(1))
            before = _WORDS_RE.findall(text[max(0, match.start() - 120) : match.start()])
            # A loose expansion counts: "All About Me meeting (AAM)" spells AAM with a word over.
            if key and any(
                spells_out(before[-10 - cut : len(before) - cut], key) for cut in (0, 1, 2)
            ):
                found.setdefault(key, match.start(1))
        for match in re.finditer(r"(?<![\w&])([A-Z][A-Za-z&]{1,9}) \(([^()]{4,120})\)", text):
            key = acronym_key(match.group(1))
            if key and spells_out(_WORDS_RE.findall(match.group(2)), key, anchor_end=False):
                found.setdefault(key, match.start(1))
        lowered = text.lower()
        for key, expansion in self.expansions.items():
            position = lowered.find(expansion.lower())
            if position >= 0:
                found.setdefault(key, position)
        return found

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
