"""The clause of a sentence that holds a finding, so a hint repeats that clause, not a
50-word sentence with all its other problems."""

from __future__ import annotations

import re
from typing import Any

from .active import passive_template
from .text import cap_words

#: The longest clause a hint repeats, in words.
MAX_WORDS = 18

# Where one clause ends and the next begins: ; : and dashes always; a comma or "and"/"but"/
# "so" only when what follows starts a new clause (a pronoun, a determiner, a name ...).
_NEW_CLAUSE = (
    r"(?:i|we|he|she|they|it|this|there|the|a|an|his|her|their|my|our|mum|dad|[A-Z][\w'’\-]*)"
)
_BOUNDARY_RE = re.compile(
    rf"\s*(?:[;:]|\s[–—-]\s|,?\s+(?:and|but|so|then|while|whereas)\s+(?={_NEW_CLAUSE}\b)"
    rf"|,\s+(?=(?-i:[A-Z])))\s*",
    re.IGNORECASE,
)
_END_RE = re.compile(r"[\s.;:,!?]+$")


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The ``[start, end)`` of the clause of ``sentence`` that holds ``sentence[start:end]``."""
    low, high = 0, len(sentence)
    for match in _BOUNDARY_RE.finditer(sentence):
        if match.end() <= start:
            low = match.end()
        elif match.start() >= end:
            high = match.start()
            break
    return low, high


def clause_at(sentence: str, start: int, end: int, limit: int = MAX_WORDS) -> str:
    """The clause holding ``sentence[start:end]``, without its closing punctuation, capped."""
    low, high = clause_span(sentence, start, end)
    text = _END_RE.sub("", sentence[low:high].strip())
    text = cap_words(text, limit)
    return text[:1].upper() + text[1:]


def active_clause(doc: Any, start: int, end: int, child: str | None = None) -> str | None:
    """The clause at ``[start, end)`` rewritten active, if it holds an agentless passive.

    "It was agreed that contact will reduce" -> "[Who] agreed that contact will reduce".
    """
    for token in doc:
        if token.tag_ != "VBN" or not (start <= token.idx < end):
            continue
        children = list(token.children)
        if not any(c.dep_ == "auxpass" for c in children):
            continue
        if any(c.dep_ == "agent" for c in children):
            return None
        return passive_template(doc, token, child, reason=False)
    return None
