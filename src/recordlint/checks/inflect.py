"""Verb inflection for lemma lexicons (a pack lists lemmas, rules match every form), and
the child's name marked in a text for patterns with a ``{child}`` slot."""

from __future__ import annotations

import re

#: Stands for the child's name in patterns with a ``{child}`` slot: compiled once, not per name.
CHILD_MARK = "rlchildnamemark"


def mark_child(text: str, child: str | None) -> str:
    """``text`` with each whole-word mention of ``child`` replaced by :data:`CHILD_MARK`."""
    if not child:
        return text
    return re.sub(rf"(?<![\w]){re.escape(child)}(?![\w])", CHILD_MARK, text, flags=re.I)


_VOWELS = "aeiou"


def verb_forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Inflected forms of a verb: 'nod' -> nod, nods, nodded, nodding (plus irregular ones)."""
    forms = {lemma, *irregular.get(lemma, [])}
    stem = lemma
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        suffix = "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"
        if (
            len(lemma) <= 4
            and lemma[-1] not in _VOWELS + "wxy"
            and lemma[-2:-1] in tuple(_VOWELS)
            and lemma[-3:-2] not in tuple(_VOWELS)
        ):
            stem = lemma + lemma[-1]  # nod -> nodded, hug -> hugging
        forms |= {lemma + suffix, stem + "ed", stem + "ing"}
    return forms


def all_forms(lemmas: list[str] | tuple[str, ...], irregular: dict[str, list[str]]) -> set[str]:
    """Every form of every lemma."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= verb_forms(lemma.lower(), irregular)
    return forms
