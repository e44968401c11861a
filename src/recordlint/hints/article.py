"""'the' before a spelled-out acronym, where the grammar needs one.

"SW attended" spelled out is "The social worker (SW) attended", not "Social worker (SW)
attended"; "the SW", "our IRO", "a PEP meeting" or "CSE" (no article for a mass noun) are
left as they are.
"""

from __future__ import annotations

import re

_DETERMINERS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "my", "our",
        "your", "its", "each", "every", "any", "no", "which", "whose", "another", "other",
        "one", "new", "same", "former", "previous", "current", "allocated", "named", "both",
    }
)  # fmt: skip
# Words after the acronym that show it is used as a noun on its own ("SW attended", "to the
# TM about ..."), not as a modifier of the next word ("PEP meeting", "CP plan").
_AFTER_NOUN = frozenset(
    {
        "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
        "should", "may", "might", "must", "did", "does", "do", "said", "says", "told", "asked",
        "and", "or", "but", "to", "for", "with", "at", "on", "in", "about", "after", "before",
        "from", "of", "by", "that", "who", "which", "if", "because", "so", "then", "also",
        "not", "today", "yesterday", "tomorrow", "again", "too", "as", "when", "while",
    }
)  # fmt: skip
#: Verbs after a sentence-initial acronym that make it a sentence, not a heading.
_VERBS = frozenset(
    {
        "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
        "should", "may", "might", "must", "did", "does", "do", "said", "says", "told", "asked",
    }
)  # fmt: skip
_WORD_BEFORE_RE = re.compile(r"([\w'’\-]+)[ \t]*$")
_WORD_AFTER_RE = re.compile(r"^[ \t]*([\w'’\-]+|[^\w\s]|$)")


def needs_article(text: str, start: int, end: int) -> bool:
    """Does the acronym at ``text[start:end]`` stand alone as a noun with no article before it?"""
    window = text[max(0, start - 40) : start]
    before = _WORD_BEFORE_RE.search(window)
    heading = not window.strip() or window.rstrip()[-1] in ".!?:;\n"
    if before is not None:
        word = before.group(1)
        low = word.lower()
        if low in _DETERMINERS or low.endswith(("'s", "’s")) or word[:1].isdigit():
            return False
    after = _WORD_AFTER_RE.match(text[end : end + 40])
    following = after.group(1) if after else ""
    if not following or not following[:1].isalnum():
        return True  # "spoke to SW." / "SW, the school and I ..."
    low = following.lower()
    if heading and low not in _VERBS and not low.endswith("ed"):
        return False  # a heading or a list item: "ICPC on Friday."
    return low in _AFTER_NOUN or (low.endswith("ed") and following.islower())


def with_article(expansion: str, text: str, start: int, end: int) -> str:
    """``expansion`` with 'the' in front when the acronym it replaces needs one."""
    return f"the {expansion}" if needs_article(text, start, end) else expansion
