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


def child_is_infant(analysis) -> bool:
    """True when the note gives the named child an age under two (cached per note)."""
    cached = analysis.cache.get("child-is-infant")
    if cached is None:
        cached = False
        if analysis.child:
            name = re.escape(analysis.child)
            pattern = rf"\b{name}\b[^\S\n]*(?:\(\s*{_AGE}\s*\)|,?\s+(?:aged\s+)?{_AGE}\b)"
            cached = re.search(pattern, analysis.text, re.IGNORECASE) is not None
        analysis.cache["child-is-infant"] = cached
    return cached
