"""Reading grade (Flesch-Kincaid), computed offline and fast.

The formula and the word and sentence counts are textstat's. Syllables come from the pyphen
hyphenation dictionary (textstat's own fallback for words outside the CMU dictionary), with a
vowel-group floor, rather than from the CMU dictionary itself: parsing that takes about 1.5 s,
longer than checking a note. On real case notes the result is within about half a grade of
``textstat.flesch_kincaid_grade`` (a test checks the agreement).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from functools import lru_cache
from types import ModuleType
from typing import Any

_WORD_RE = re.compile(r"[a-z0-9'’]+")
_VOWELS_RE = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Estimated syllables in a lower-case word."""
    by_hyphenation = len(_hyphenator().positions(word)) + 1
    vowel_groups = len(_VOWELS_RE.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and vowel_groups > 1:
        vowel_groups -= 1
    if len(word) <= 3:
        return max(1, min(by_hyphenation, vowel_groups or 1))
    return max(by_hyphenation, vowel_groups)


class _OnDemand(ModuleType):
    """Stands in for a module until one of its attributes is used, then imports it."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


@lru_cache(maxsize=1)
def _textstat() -> Any:
    """textstat, imported on first use. From 0.7.9 it imports nltk at once, though it needs
    it only for its own syllable counts (recordlint counts syllables itself): nltk, about a
    second to import on a busy machine, is imported only if one of its names is used."""
    if "nltk" not in sys.modules and importlib.util.find_spec("nltk") is not None:
        sys.modules["nltk"] = _OnDemand("nltk")
    import textstat

    return textstat


#: Texts longer than this are graded without caching, their counts taken paragraph by
#: paragraph: a cache (ours or textstat's) holding a long note's text would keep it alive.
LONG_TEXT_CHARS = 50_000
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")


def reading_grade(text: str) -> float | None:
    """Flesch-Kincaid grade of ``text``, or None for text with no words."""
    if len(text) <= LONG_TEXT_CHARS:
        return _cached_grade(text)
    return _grade(text, _chunks(text))


@lru_cache(maxsize=64)
def _cached_grade(text: str) -> float | None:
    return _grade(text, [text])


def _chunks(text: str) -> list[str]:
    """``text`` cut at paragraph breaks into pieces of about LONG_TEXT_CHARS // 10."""
    size = LONG_TEXT_CHARS // 10
    pieces, start = [], 0
    for match in _PARAGRAPH_RE.finditer(text):
        if match.end() - start >= size:
            pieces.append(text[start : match.end()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def _grade(text: str, chunks: list[str]) -> float | None:
    textstat = _textstat()

    words = _WORD_RE.findall(text.lower())
    if not words:
        return None
    sentences = max(1, sum(textstat.sentence_count(chunk) for chunk in chunks))
    per_sentence = sum(textstat.lexicon_count(chunk) for chunk in chunks) / sentences
    per_word = sum(syllables(w) for w in words) / len(words)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 2)
