"""The ``character`` rule kind: a negative judgement of a person's character.

"Mum was snappy", "Dad is so arrogant", "she has been confrontational with the school",
"he is such a liar": no word list holds every insult, so the rule looks for the shape. A
person (name, pronoun or family role) is the subject of a copula (be, become, seem, appear
...), and the complement is a negative evaluative adjective or noun: from the VADER
sentiment lexicon (:mod:`.lexicon`) or the pack's own ``words``. Words that describe a
feeling or a state rather than character (upset, tired, worried, angry, poorly ...) are on
the pack's ``describes`` allow-list and never flagged; neither is a negated copula ("Mum was
not rude").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..analysis import WORD_RE
from ..hints.describe import describe_fields
from ..hints.words import vocabulary
from ..model import Finding
from ..schema import Options
from .base import ParsedRule, register_kind
from .inflect import inflections
from .lexicon import negative_words
from .people import People

_COMPLEMENTS = ("acomp", "attr", "oprd")


@dataclass(frozen=True)
class CharacterOptions(Options):
    """Keys of a ``character`` rule: the lexicon threshold and the word lists."""

    threshold: float = -1.0
    words: tuple[str, ...] = ()
    describes: tuple[str, ...] = ()
    copulas: tuple[str, ...] = ("be", "become", "seem", "appear")
    roles: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()


@register_kind
class CharacterRule(ParsedRule):
    """Flags a person + copula + negative evaluative complement.

    Options: ``threshold`` (VADER rating at or below which a word is negative; default -1.0),
    ``words`` (more negative character words), ``describes`` (feeling and state words:
    never flagged), ``copulas`` (verb lemmas that link a subject to a description),
    ``roles`` and ``not_people`` (as for the ``blame`` kind).
    """

    kind = "character"
    options_type = CharacterOptions
    options: CharacterOptions

    def setup(self) -> None:
        lexicon = negative_words(self.options.threshold)
        # Plurals and third-person forms of another entry ("arguments", "frightens") are
        # never what a person *is*; leaving them out keeps the parsed sentences few.
        lexicon = frozenset(w for w in lexicon if not (w.endswith("s") and w[:-1] in lexicon))
        describes = {w.lower() for w in self.options.describes}
        self.words = (lexicon | {w.lower() for w in self.options.words}) - describes
        self.copulas = frozenset(
            form for lemma in self.options.copulas for form in inflections(lemma)
        ) | {"'s", "’s", "'re", "’re"}
        self.people = People(
            self.options.roles or vocabulary().family_words, self.options.not_people
        )

    def candidate(self, sentence: str) -> bool:
        """A cheap test: a copula and a negative word both occur. Only these are parsed."""
        words = {w.lower() for w in WORD_RE.findall(sentence)}
        return bool(words & self.words) and bool(words & self.copulas)

    def check_parsed(self, analysis, index: int, doc: Any) -> Iterable[Finding]:
        offset = analysis.sentences[index].start
        for token in doc:
            span = self._judgement(token)
            if span is None:
                continue
            start, end = offset + span[0].idx, offset + span[1].idx + len(span[1].text)
            if analysis.in_speech(start, end):
                continue
            body = analysis.sentences[index].text(analysis.text)
            yield self.finding(
                analysis,
                start,
                end,
                sentence=body.strip(),
                **describe_fields(body, start - offset, end - offset, analysis.child, doc),
            )

    def _judgement(self, token: Any) -> tuple[Any, Any] | None:
        """(first, last) token of a negative character complement, or None."""
        if token.dep_ not in _COMPLEMENTS and not (
            token.dep_ == "conj" and token.head.dep_ in _COMPLEMENTS
        ):
            return None
        if token.lower_ not in self.words or token.tag_ not in ("JJ", "JJR", "JJS", "NN"):
            return None
        head = token.head
        while head.dep_ == "conj" and head.head is not head and head.lower_ not in self.copulas:
            head = head.head
        if head.lower_ not in self.copulas:
            return None
        if any(c.dep_ == "neg" for c in head.children):
            return None
        subject = self.people.subject(head)
        if subject is None or not self.people.is_person(subject):
            return None
        first = min(
            [token, *[c for c in token.children if c.dep_ in ("compound", "amod")]],
            key=lambda t: t.i,
        )
        return first, token
