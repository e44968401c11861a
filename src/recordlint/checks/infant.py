"""Is the child a baby? Read from the age the note gives for the child's name.

"Ruby (7 weeks)", "Amelia (10 weeks)", "Leo, aged 9 months", "Noah (1)": when the named
child is under two, "the baby" in the note is the child, and a role label like any other.
In a note about an older child, "the baby" is usually a younger brother or sister.
"""

from __future__ import annotations

import re

_AGE = (
    r"(?:\d{1,2}\s*(?:days?|weeks?|wks?|months?|mths?)(?:\s+old)?"
    r"|newborn|[01](?:\s*(?:years?|yrs?)(?:\s+old)?)?)"
)


#: The age just after a name: "(7 weeks)", ", aged 9 months", " (1)". Compiled once; the
#: name is found with a plain search, so no pattern is built for each child.
_AGE_AFTER = re.compile(rf"[^\S\n]*(?:\(\s*{_AGE}\s*\)|,?\s+(?:aged\s+)?{_AGE}\b)", re.IGNORECASE)


def child_is_infant(analysis) -> bool:
    """True when the note gives the named child an age under two (cached per note)."""
    cached = analysis.cache.get("child-is-infant")
    if cached is None:
        cached = bool(analysis.child) and _aged_under_two(analysis.text, analysis.child)
        analysis.cache["child-is-infant"] = cached
    return cached


def _aged_under_two(text: str, child: str) -> bool:
    folded, name = text.lower(), child.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer: search the text
        folded, name = text, child
    start = folded.find(name)
    while start != -1:
        end = start + len(name)
        whole = (start == 0 or not _word(text[start - 1])) and (
            end == len(text) or not _word(text[end])
        )
        if whole and _AGE_AFTER.match(text, end):
            return True
        start = folded.find(name, start + 1)
    return False


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"
