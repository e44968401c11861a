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


@lru_cache(maxsize=64)
def reading_grade(text: str) -> float | None:
    """Flesch-Kincaid grade of ``text``, or None for text with no words."""
    textstat = _textstat()

    words = _WORD_RE.findall(text.lower())
    if not words:
        return None
    sentences = max(1, textstat.sentence_count(text))
    per_sentence = textstat.lexicon_count(text) / sentences
    per_word = sum(syllables(w) for w in words) / len(words)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 2)
