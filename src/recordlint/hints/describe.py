"""A label ("Mum refused to engage", "Leah is manipulative") turned into a prompt to describe
what happened and what the person said, about the person the label is about.

That person is the subject of the flagged words, taken from the dependency parse when one is
given ("Mum kicked off" -> Mum), else the nearest person named before the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .text import capitalise
from .words import vocabulary

_OBJECT = {"he": "him", "she": "her", "they": "them"}
_PRONOUNS = {
    **dict.fromkeys(("he", "him", "his"), ("he", "him")),
    **dict.fromkeys(("she", "her", "hers"), ("she", "her")),
    **dict.fromkeys(("they", "them", "their"), ("they", "them")),
}
_CLAUSE_RE = re.compile(
    r"[,;:()]|\b(?:because|when|which|who|whom|while|although|but|after|before|since)\b", re.I
)
_TOPIC_RE = re.compile(
    r"^\s*(?:with|in|about|regarding|around|over|on)\s+(?P<topic>[^,.;:!?\"“”()]{1,60}?)"
    r"\s*(?=[,.;:!?()]|$|\b(?:and|but|because|when|as|so)\b)",
    re.I,
)
_WHAT_RE = re.compile(
    r"^\s*(?P<what>(?:the|his|her|their|a|an|my|our)\s+[^,.;:!?\"“”()]{1,50}?)"
    r"\s*(?=[,.;:!?()]|$|\b(?:and|but|because|on|at|in|this|today|yesterday)\b)",
    re.I,
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’\-]*")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "our", "your", "this"})
#: Links from the flagged words up to the verb whose subject the label is about.
_UP_DEPS = frozenset({"xcomp", "acomp", "attr", "ccomp", "prep", "pobj", "dobj", "advmod", "prt"})


@dataclass(frozen=True)
class Person:
    """The person a label is about.

    ``words``: as the note calls them ("Mum", "his dad", "Leah", "she"), for "Say what
    {person} did". ``name``: for an example sentence, a name from the note or a placeholder
    ("[Mum's name]"). ``obj``: the name as an object. ``pronoun``: he, she, they or the name.
    """

    words: str
    name: str
    obj: str
    pronoun: str

    @property
    def again(self) -> str:
        """The person mentioned a second time: 'her', 'him', 'them' or the name."""
        return _OBJECT.get(self.pronoun, self.obj)


UNKNOWN = Person("the person", "[name]", "[name]", "[name]")


def _person_for(word: str, previous: str, child: str | None) -> Person | None:
    """One word (with the word before it) as a person, or None."""
    vocab = vocabulary()
    low = word.lower()
    if low.endswith(("'s", "’s")):
        word, low = word[:-2], low[:-2]
    if low == "person" and previous.lower() == "young":
        low = "young person"
    if low in _PRONOUNS:
        subject, obj = _PRONOUNS[low]
        return Person(subject, subject, obj, subject)
    if low in vocab.kin:
        label = f"[{low.capitalize()}'s name]"
        return Person(word, label, label, vocab.kin[low])
    if low in vocab.groups:
        label = vocab.groups[low]
        return Person(f"the {low}", label, label, "they")
    if low in vocab.child_labels or vocab.is_child_label(f"{previous} {low}"):
        name = child or "[the child's name]"
        return Person(child or "the child", name, name, name)
    if word[:1].isupper() and low not in vocab.not_people and not word.isupper():
        if previous.rstrip(".") in vocab.titles:
            word = f"{previous} {word}"
        return Person(word, word, word, word)
    return None


def _nearest_person(words: list[str], child: str | None) -> Person | None:
    """The last word that names a person, joined with one before it by 'and' ('Mum and Dad')."""
    for index in range(len(words) - 1, -1, -1):
        found = _person_for(words[index], words[index - 1] if index else "", child)
        if found is None:
            continue
        if index >= 2 and words[index - 1].lower() == "and":
            other = _person_for(words[index - 2], words[index - 3] if index >= 3 else "", child)
            if other is not None:
                return Person(
                    f"{other.words} and {found.words}",
                    f"{other.name} and {found.name}",
                    f"{other.obj} and {found.obj}",
                    "they",
                )
        return found
    return None


def person_before(before: str, child: str | None) -> Person:
    """The nearest person named before a label, in its clause, else in its sentence."""
    for text in (_CLAUSE_RE.split(before)[-1], before):
        found = _nearest_person(_WORD_RE.findall(text), child)
        if found is not None:
            return found
    return UNKNOWN


def subject_of(doc: Any, start: int, end: int) -> Any | None:
    """The subject (a span) of the words at characters ``[start, end)`` of a parsed sentence."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    token = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            return doc[subject.left_edge.i : subject.right_edge.i + 1]
        if token.dep_ in _SUBJECT_DEPS:
            return doc[token.left_edge.i : token.right_edge.i + 1]  # "the parents were hostile"
        if (token.dep_ in _UP_DEPS or token.dep_ == "conj") and token.head.i != token.i:
            token = token.head
            continue
        break
    return None


def person_in_parse(doc: Any, start: int, end: int, child: str | None) -> Person | None:
    """The person who is the subject of the flagged words, from the parse (None: not found)."""
    subject = subject_of(doc, start, end)
    if subject is None:
        return None
    tokens = [t for t in subject if not t.is_punct]
    root = subject.root
    named = [c for c in root.children if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS")]
    if named and root.tag_ in ("NN", "NNS") and root.lower_ not in vocabulary().kin:
        # "Nursery report Ollie" read as "report, Ollie": the name is the person
        appos = named[0]
        tokens = [t for t in subject.doc[appos.left_edge.i : appos.right_edge.i + 1]]
        tokens = [t for t in tokens if not t.is_punct]
    elif root.tag_ in ("NNP", "NNPS"):  # "School nurse Kelly": Kelly (tags, not POS:
        # the attribute ruler that maps them does not always run)
        while len(tokens) > 1 and tokens[0].tag_ in ("NN", "NNS") and tokens[0].dep_ == "compound":
            tokens.pop(0)
    words = [t.text for t in tokens]
    if not words or subject.root.lower_ in ("i", "we", "it", "this", "that", "there"):
        return None
    found = _nearest_person(words, child)
    if found is None:
        return None
    pronoun = subject.root.tag_.startswith("PRP")
    label = vocabulary().is_child_label(" ".join(words))
    if len(words) <= 3 and not pronoun and not label and not found.words.startswith("the "):
        if subject[0].lower_ in _DETERMINERS:
            words[0] = words[0][:1].lower() + words[0][1:]  # "His dad" -> "his dad"
        found = Person(" ".join(words), found.name, found.obj, found.pronoun)
    return found


def find_person(
    sentence: str, start: int, end: int, child: str | None = None, doc: Any = None
) -> Person:
    """The person the words at ``sentence[start:end]`` are about (parse first, then words)."""
    if doc is not None:
        found = person_in_parse(doc, start, end, child)
        if found is not None:
            return found
    return person_before(sentence[:start], child)


def describe_template(
    sentence: str, match: str, child: str | None = None, *, start: int | None = None
) -> str:
    """The prompt of :func:`describe` on its own."""
    return describe(sentence, match, child, start=start)[0]


def describe(
    sentence: str,
    match: str,
    child: str | None = None,
    *,
    start: int | None = None,
    doc: Any = None,
) -> tuple[str, Person]:
    """A prompt to describe what happened instead of a label, and who it is about.

    "Mum refused to engage." -> 'When I asked [Mum's name] about [topic], she said "..."'
    "Leah is manipulative." -> 'Describe what Leah did and said: "When ..., Leah ..."'
    """
    if start is None:
        found = sentence.lower().find(match.lower())
        start = max(found, 0)
    end = start + len(match)
    person = find_person(sentence, start, end, child, doc)
    vocab = vocabulary()
    after = sentence[end:]
    if vocab.attendance.search(match):
        what = _WHAT_RE.match(after)
        thing = what.group("what") if what else "[appointment]"
        return (
            f"{capitalise(person.name)} did not come to {thing}. When I asked {person.again} "
            f'why, {person.pronoun} said "..."',
            person,
        )
    if vocab.engagement.search(match):
        topic = _TOPIC_RE.match(after)
        subject = topic.group("topic").strip() if topic else ""
        if not subject or subject.lower() in vocab.not_topics or len(subject.split()) > 6:
            subject = "[topic]"
        elif subject.split()[-1].lower().rstrip("s") in vocab.helpers:
            subject = f"working with {subject}"  # "engage with the family support worker"
        return f'When I asked {person.obj} about {subject}, {person.pronoun} said "..."', person
    return f'Describe what {person.name} did and said: "When ..., {person.name} ..."', person


def describe_fields(
    sentence: str, start: int, end: int, child: str | None = None, doc: Any = None
) -> dict[str, str]:
    """The ``{template}``, ``{person}`` and ``{Person}`` of a label at ``sentence[start:end]``."""
    template, person = describe(sentence, sentence[start:end], child, start=start, doc=doc)
    return {"template": template, "person": person.words, "Person": capitalise(person.words)}


def voice_prompt(child: str | None) -> str:
    """A question that asks for the child's own words, actions and wishes."""
    name = child or "[the child's name]"
    return f"What did {name} say, show or want today?"
