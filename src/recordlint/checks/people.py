"""Who a clause is about: the subject of a verb in the parse, and whether it is a person.

Shared by the parse rules that judge what is said of a family member (blaming
constructions, character judgements). A person is a pronoun (he, she, they), a family role
(mum, dad, nan, stepdad ...), or a name; organisations and professionals are not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PRONOUNS = frozenset(["he", "she", "they", "him", "her", "them"])
RELATIVES = frozenset(["who", "that"])


class People:
    """Decides whether a subject token names a family member (or the child)."""

    def __init__(self, roles: Iterable[str], not_people: Iterable[str]) -> None:
        self.roles = frozenset(r.lower() for r in roles)
        self.not_people = frozenset(w.lower() for w in not_people)

    def subject(self, verb: Any) -> Any | None:
        """The subject of ``verb``: its own, a conjoined verb's, or a relative clause's head."""
        seen = 0
        while verb is not None and seen < 6:
            seen += 1
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                        return verb.head
                    return child
            if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
                verb = verb.head
                continue
            return None
        return None

    def is_person(self, token: Any) -> bool:
        """A pronoun, a family role, or a name (not an organisation or a professional)."""
        word = token.lower_
        if word in PRONOUNS:
            return True
        words = {word} | {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
        if words & self.not_people:
            return False
        if word in self.roles:
            return True
        if token.tag_ == "NNP" and token.text[:1].isupper() and not token.text.isupper():
            return True
        return token.text.isupper() and 2 <= len(token.text) <= 3 and token.tag_ == "NNP"
