"""The ``scare-quote`` rule kind: an evaluative word the writer puts in quotation marks.

"Dad was his usual 'charming' self", "a 'difficult' parent": quotation marks with nobody
speaking do not make a label neutral; they add sarcasm to it. A short quotation (a few
words) that is not reported speech (see :mod:`recordlint.quotes`) and holds a strongly
evaluative word, rated either way in the VADER lexicon (:mod:`.lexicon`) or listed in the
pack's ``words``, is flagged. Titles and names of tools ("the 'three houses' tool") hold no
such word and are left alone, and so are titles in capitals ('Horrid Henry') and the
pack's ``describes`` words (feelings and states).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..analysis import WORD_RE
from ..model import Finding
from ..schema import Options
from .base import Rule, register_kind
from .lexicon import evaluative_words


@dataclass(frozen=True)
class ScareQuoteOptions(Options):
    """Keys of a ``scare-quote`` rule."""

    strength: float = 1.0  # how far from neutral a VADER rating must be
    max_words: int = 3  # longer quotations are someone's words, not a label
    words: tuple[str, ...] = ()
    describes: tuple[str, ...] = ()


@register_kind
class ScareQuoteRule(Rule):
    """Flags a short scare-quoted label holding an evaluative word."""

    kind = "scare-quote"
    options_type = ScareQuoteOptions
    options: ScareQuoteOptions

    def setup(self) -> None:
        describes = {w.lower() for w in self.options.describes}
        words = evaluative_words(self.options.strength)
        self.words = (words | {w.lower() for w in self.options.words}) - describes
        self.max_words = self.options.max_words

    def check(self, analysis) -> Iterable[Finding]:
        for quote in analysis.quotes:
            inner_start, inner_end = quote.start + 1, quote.end - 1
            if analysis.in_speech(inner_start, inner_end):
                continue
            words = WORD_RE.findall(analysis.text[inner_start:inner_end])
            if not words or len(words) > self.max_words:
                continue
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                continue  # a title: 'Horrid Henry', 'Mean Girls'
            if any(w.lower() in self.words for w in words):
                yield self.finding(analysis, inner_start, inner_end)
