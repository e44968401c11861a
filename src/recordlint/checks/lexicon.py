"""Negative evaluative words from the VADER sentiment lexicon, read from its installed package.

The ``vaderSentiment`` package ships ``vader_lexicon.txt``: about 7,500 English words and
their mean sentiment ratings by human judges, from -4 (most negative) to +4. recordlint reads
the file from the installed package (nothing is downloaded) and keeps the words at or below a
threshold. Which of them judge a person's character is decided by the rule using them, with
the parse and an allow-list of words that describe feelings or states.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..errors import ConfigError


def negative_words(threshold: float = -1.0) -> frozenset[str]:
    """Lower-case single words whose VADER rating is ``threshold`` or lower."""
    return frozenset(w for w, rating in ratings().items() if rating <= threshold)


def evaluative_words(strength: float = 1.0) -> frozenset[str]:
    """Words rated at least ``strength`` away from neutral, either way (evil, charming)."""
    return frozenset(w for w, rating in ratings().items() if abs(rating) >= strength)


@lru_cache(maxsize=1)
def ratings() -> dict[str, float]:
    """Every single lower-case word of the lexicon and its mean rating."""
    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as error:
        raise ConfigError(
            "vaderSentiment", f"the sentiment lexicon could not be read ({error}); "
            "install it with: pip install vaderSentiment",
        ) from None  # fmt: skip
    words: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].isalpha():
            continue
        try:
            rating = float(fields[1])
        except ValueError:
            continue
        words[fields[0].lower()] = rating
    return words
