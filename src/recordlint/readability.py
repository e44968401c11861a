"""Reading grade (Flesch-Kincaid) computed offline with textstat."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def reading_grade(text: str) -> float | None:
    """Flesch-Kincaid grade of ``text``, or None for text with no words."""
    import textstat  # imported here: it is slow to import and not needed by every command

    if not any(ch.isalpha() for ch in text):
        return None
    return float(textstat.flesch_kincaid_grade(text))
