"""Who a sentence is about: mentions of the child and of other people, and pronouns resolved.

Lexical and cheap: the child's name (given, from metadata or inferred), people named by a
family or professional role ("mum", "her teacher", "Mrs Dale") and other capitalised names.
A pronoun (he, she, they) refers to the nearest compatible person mentioned before it in the
same sentence, else to the first compatible person of the nearest sentence before that
mentions one. "Compatible" means the pronoun's gender does not clash with what the note
tells us about that person (role words, titles, the pronouns used after the child's name).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?![\w])")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|them|their)\b", re.IGNORECASE)
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "they": None}


@dataclass(frozen=True)
class Mention:
    """A person mentioned at ``start``: the child or someone else, with a gender if known."""

    start: int
    end: int
    child: bool
    gender: str | None  # "m", "f" or None (not known)


def pronoun_gender(word: str) -> str | None:
    return _GENDER.get(word.lower())


def _compatible(mention: Mention, gender: str | None) -> bool:
    return gender is None or mention.gender is None or mention.gender == gender


class Mentions:
    """The people mentioned in one note, in order, and pronoun resolution over them."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        child: str | None,
        roles: dict[str, str | None],
        not_people: frozenset[str],
    ) -> None:
        self.text = text
        self.sentences = sentences
        self._sentence_starts = [s for s, _ in sentences]
        self.child = child
        self.child_re = (
            re.compile(rf"(?<![\w'’]){re.escape(child)}(?![\w])(?!['’]s\b)", re.IGNORECASE)
            if child
            else None
        )
        role_words = sorted(roles, key=len, reverse=True)
        self.role_re = re.compile(
            r"\b(?:" + "|".join(re.escape(r) for r in role_words) + r")\b", re.IGNORECASE
        )
        self.roles = {r.lower(): g for r, g in roles.items()}
        self.not_people = not_people
        self.list = self._find()
        self.child_gender = self._child_gender()
        if self.child_gender:
            self.list = [
                Mention(m.start, m.end, True, self.child_gender) if m.child else m
                for m in self.list
            ]
        self._starts = [m.start for m in self.list]

    def _find(self) -> list[Mention]:
        text = self.text
        found: dict[int, Mention] = {}
        names = self._names()
        if self.child_re:
            for m in self.child_re.finditer(text):
                found[m.start()] = Mention(m.start(), m.end(), True, None)
        for m in self.role_re.finditer(text):
            word = m.group().lower()
            found.setdefault(m.start(), Mention(m.start(), m.end(), False, self.roles.get(word)))
        for m in _CAPITALISED.finditer(text):
            if m.group() in names and m.start() not in found:
                found[m.start()] = Mention(m.start(), m.end(), False, None)
        return [found[k] for k in sorted(found)]

    def _names(self) -> set[str]:
        """Capitalised words used as names: seen at least once away from a sentence start."""
        names: set[str] = set()
        for start, end in self.sentences:
            for m in _CAPITALISED.finditer(self.text, start, end):
                word = m.group()
                if word in self.not_people or word.lower() in self.roles:
                    continue
                if self.child and word.lower() == self.child.lower():
                    continue
                if self.text[start : m.start()].strip(" \t*#-•:"):
                    names.add(word)
        return names

    def _child_gender(self) -> str | None:
        """The child's gender as the note's pronouns show it (his/her right after the name)."""
        votes = {"m": 0, "f": 0}
        for mention in self.list:
            if not mention.child:
                continue
            following = self.text[mention.end : mention.end + 60]
            stop = next((m for m in self.list if m.start > mention.start), None)
            if stop is not None and stop.start < mention.end + 60:
                following = self.text[mention.end : stop.start]
            pronoun = _PRONOUN.search(following)
            gender = pronoun_gender(pronoun.group()) if pronoun else None
            if gender:
                votes[gender] += 1
        if votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"

    def _sentence_of(self, offset: int) -> int:
        return max(0, bisect_left(self._sentence_starts, offset + 1) - 1)

    def refers_to_child(self, offset: int, pronoun: str) -> bool:
        """Does the pronoun at ``offset`` refer to the child?"""
        gender = pronoun_gender(pronoun)
        index = self._sentence_of(offset)
        start = self.sentences[index][0]
        position = bisect_left(self._starts, offset)
        for mention in reversed(self.list[:position]):
            if mention.start < start:
                break
            if _compatible(mention, gender):
                return mention.child  # the nearest person before it in the same sentence
        while index > 0:
            index -= 1
            s_start, s_end = self.sentences[index]
            low, high = bisect_left(self._starts, s_start), bisect_left(self._starts, s_end)
            candidates = [m for m in self.list[low:high] if _compatible(m, gender)]
            if candidates:
                return candidates[0].child  # the first person of the nearest sentence
        return False
