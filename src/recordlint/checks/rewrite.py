"""Rewrite templates built from the writer's own sentence (used in hints).

- :func:`passive_template`: an agentless passive turned active with a ``[Who]`` slot.
- :func:`describe_template`: a label ("Mum refused to engage") turned into a prompt to describe
  what happened and what the person said.
- :func:`voice_prompt`: a short question about the child's own words.
"""

from __future__ import annotations

import re
from typing import Any

# -- verb forms ---------------------------------------------------------------------------

_IRREGULAR_PAST = {
    "seen": "saw", "taken": "took", "given": "gave", "written": "wrote", "done": "did",
    "known": "knew", "shown": "showed", "spoken": "spoke", "chosen": "chose", "driven": "drove",
    "begun": "began", "drawn": "drew", "grown": "grew", "thrown": "threw", "withdrawn": "withdrew",
    "stolen": "stole", "beaten": "beat", "bitten": "bit", "hidden": "hid", "forgotten": "forgot",
    "broken": "broke", "woken": "woke", "worn": "wore", "torn": "tore", "undertaken": "undertook",
    "overtaken": "overtook", "rung": "rang", "sung": "sang", "shaken": "shook", "gone": "went",
    "eaten": "ate", "fallen": "fell", "forbidden": "forbade", "frozen": "froze", "risen": "rose",
    "mistaken": "mistook", "arisen": "arose", "been": "was", "overseen": "oversaw",
    "forgiven": "forgave", "foreseen": "foresaw", "rewritten": "rewrote", "ridden": "rode",
    "flown": "flew", "blown": "blew", "sworn": "swore", "gotten": "got", "proven": "proved",
    "retaken": "retook", "overridden": "overrode", "shrunk": "shrank", "sunk": "sank",
}  # fmt: skip

_DOUBLE_FINAL = frozenset(
    {
        "refer", "prefer", "transfer", "admit", "commit", "permit", "omit", "submit", "occur",
        "control", "patrol", "compel", "expel", "propel", "equip", "regret", "forget", "begin",
        "upset", "cancel", "travel", "label", "signal", "model", "counsel", "fuel", "level",
        "total", "quarrel", "enrol", "instil", "fulfil",
    }
)  # fmt: skip
_IRREGULAR_PRESENT = {"have": "has", "do": "does", "go": "goes", "be": "is"}
_VOWELS = "aeiou"


def past_tense(participle: str) -> str:
    """The simple past of a past participle ('seen' -> 'saw', 'decided' -> 'decided')."""
    return _IRREGULAR_PAST.get(participle.lower(), participle.lower())


def third_person(lemma: str) -> str:
    """The present tense for he, she or it ('decide' -> 'decides', 'worry' -> 'worries')."""
    lemma = lemma.lower()
    if lemma in _IRREGULAR_PRESENT:
        return _IRREGULAR_PRESENT[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def present_participle(lemma: str) -> str:
    """The -ing form ('review' -> 'reviewing', 'move' -> 'moving', 'plan' -> 'planning')."""
    lemma = lemma.lower()
    if lemma in ("be", "see", "agree", "flee", "free", "guarantee", "referee"):
        return lemma + "ing"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    if lemma in _DOUBLE_FINAL or _short_cvc(lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def _short_cvc(word: str) -> bool:
    """One syllable ending consonant-vowel-consonant ('stop', 'plan'): double the last letter."""
    if len(word) < 3 or word[-1] in "wxy" + _VOWELS:
        return False
    vowels = sum(1 for c in word if c in _VOWELS)
    return vowels == 1 and word[-2] in _VOWELS and word[-3] not in _VOWELS


# -- passive -> active ----------------------------------------------------------------------

_OBJECT_PRONOUN = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_KIN = frozenset(
    {
        "mum", "mam", "mom", "mummy", "dad", "daddy", "nan", "nana", "nanna", "gran", "granny",
        "grandma", "grandad", "grandpa", "auntie", "aunty",
    }
)  # fmt: skip
_ROLE_LABELS = frozenset(
    {
        "the child", "this child", "the young person", "the yp", "the subject", "the lac",
        "the cla", "the cic",
    }
)  # fmt: skip
_RESULT_VERBS = frozenset(
    {
        "book", "arrange", "schedule", "plan", "allocate", "organise", "organize", "confirm",
        "complete", "close", "finish", "set", "fix", "place", "accommodate", "file", "send",
        "submit", "update",
    }
)  # fmt: skip
_BARE_AFTER = frozenset(
    {"will", "would", "can", "could", "shall", "should", "may", "might", "must", "to"}
)
_FULL_MODAL = {"wo": "will", "ca": "can", "sha": "shall"}
_SINGULAR = {"are": "is", "were": "was", "am": "is", "'re": "is", "’re": "is", "'m": "is"}
_STRANDED = frozenset({"to", "after", "for", "at", "with", "about", "on", "upon", "into", "of"})
_REASON_RE = re.compile(
    r"\b(?:because|due to|so that|as a result|given that|in order to|the reason)\b", re.I
)
_CLOSING = ('"', "”", "’", "'")
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubjpass", "csubj"})


def passive_template(doc: Any, verb: Any, child: str | None = None) -> str:
    """Turn an agentless passive sentence into an active one with a [Who] slot.

    "It was decided that Tom will stay with his aunt." becomes
    "[Who] decided that Tom will stay with his aunt, because [why]."
    """
    return _PassiveClause(doc, verb, child).rewrite()


class _PassiveClause:
    """The parts of a passive clause: subject, auxiliaries, adverbs, verb and the rest."""

    def __init__(self, doc: Any, verb: Any, child: str | None = None) -> None:
        self.doc, self.verb, self.child = doc, verb, child
        children = list(verb.children)
        self.group = [c for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        self.control: Any = None  # "Tom needs to be seen": the verb "needs"
        self.subject = self._subject(children)
        self.negated = any(t.lower_ in ("not", "n't", "n’t") for t in self.group)
        self.auxes = [t for t in self.group if t.dep_ != "neg"]
        self.question = doc.text.rstrip().endswith("?") and self._inverted()

    def _subject(self, children: list[Any]) -> Any | None:
        verb = self.verb
        subjects = [c for c in children if c.dep_ in ("nsubjpass", "nsubj")]
        if subjects:  # "Mum and I were told": both can hang from the verb
            first = min(s.left_edge.i for s in subjects)
            return self.doc[first : max(s.right_edge.i for s in subjects) + 1]
        head = verb.head
        if verb.dep_ == "xcomp" and head.i != verb.i:
            found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                self.control = head
                return self.doc[found.left_edge.i : found.right_edge.i + 1]
        if verb.dep_ == "acl" and head.i < verb.i:
            root = head.head
            if root.lemma_ in ("be", "have") and root.i < head.left_edge.i:
                self.group.insert(0, root)  # "Is the plan being reviewed?"
            return self.doc[head.left_edge.i : verb.left_edge.i]
        first = min([t.i for t in self.group] + [verb.i])
        before = self.doc[first - 1] if first > 0 else None
        if (
            before is not None
            and before.pos_ in ("NOUN", "PROPN", "PRON")
            and before.dep_ != "poss"
        ):
            return self.doc[min(before.left_edge.i, before.i) : before.i + 1]  # a loose parse
        return None

    def _inverted(self) -> bool:
        return bool(
            self.auxes and self.subject is not None and self.auxes[0].i < self.subject.start
        )

    # -- pieces -----------------------------------------------------------------------------
    def _expletive(self) -> bool:
        """'It' with a that- or to-clause ("It was agreed that ...") is dropped."""
        subject = self.subject
        return (
            subject is not None
            and len(subject) == 1
            and subject[0].lower_ == "it"
            and any(c.dep_ in _CLAUSE_DEPS for c in self.verb.children)
        )

    def _relative(self) -> bool:
        subject = self.subject
        return subject is not None and len(subject) == 1 and subject[0].lower_ in _RELATIVE

    def _object(self) -> str:
        """The passive subject as the object of the active verb."""
        subject = self.subject
        if subject is None:
            return ""
        words = []
        for token in subject:
            word = token.text
            if token.tag_ == "PRP" and token.lower_ in _OBJECT_PRONOUN:
                word = _OBJECT_PRONOUN[token.lower_]
            elif token.i == subject.start and not _letters_before(self.doc, token.i):
                word = _lower_first(token)
            words.append(word + token.whitespace_)
        text = "".join(words).strip()
        if self.child and text.lower() in _ROLE_LABELS:
            return self.child
        return text

    def _verb_group(self) -> tuple[list[str], str]:
        """Active auxiliaries (for a singular [Who]) and the form of the main verb to use."""
        passive = next(
            (t for t in reversed(self.auxes) if t.lemma_ in ("be", "get", "getting") or _pos(t)),
            None,
        )
        words = _aux_words(self.auxes)[: self.auxes.index(passive) if passive is not None else None]
        word = passive.lower_ if passive is not None else ""
        if word in ("being", "getting"):
            return words, "ing"  # no auxiliary: "homework not being handed in"
        if word in ("been", "gotten") or (word in ("got", "'s", "’s") and words):
            return (words or ["has"]), "participle"
        if words == ["to"] and self.control is None:
            return ["will"], "lemma"  # "Case to be closed." -> "[Who] will close the case"
        if words:
            return words, "lemma"
        if passive is not None and (passive.tag_ in ("VBZ", "VBP") or word in ("is", "are", "am")):
            if self.verb.lemma_.lower() in _RESULT_VERBS:
                return ["has"], "participle"  # "The review is booked" -> "[Who] has booked"
            return [], "present"
        return [], "past"

    def _form(self, token: Any, form: str) -> str:
        lemma = token.lemma_.lower()
        if form == "ing":
            return present_participle(lemma)
        if form == "participle":
            return token.lower_
        if form == "lemma":
            return lemma
        if form == "present":
            return third_person(lemma)
        return past_tense(token.text)

    def _adverbs(self, start: int) -> list[Any]:
        """Adverbs between the start of the clause and the verb ('quickly', 'never', 'yet')."""
        skip = {t.i for t in self.group if t.lower_ in ("not", "n't", "n’t") or t.dep_ != "neg"}
        if self.subject is not None:
            skip.update(range(self.subject.start, self.subject.end))
        if self.control is not None:
            skip.update(range(self.control.i, self.verb.i))
        return [t for t in self.doc[start : self.verb.i] if t.i not in skip and not t.is_punct]

    def _tail(self) -> tuple[list[str], int]:
        """Coordinated participles ('assessed and moved') and stranded prepositions ('to')."""
        doc, verb = self.doc, self.verb
        extra: list[Any] = []
        index = verb.i + 1
        if (
            index + 1 < len(doc)
            and doc[index].dep_ == "cc"
            and doc[index + 1].dep_ == "conj"
            and doc[index + 1].head.i == verb.i
            and doc[index + 1].tag_ == "VBN"
            and not any(c.dep_.startswith(("nsubj", "aux")) for c in doc[index + 1].children)
        ):
            extra = [doc[index], doc[index + 1]]
            index += 2
        stranded: list[str] = []
        if index < len(doc) and doc[index].lower_ in _STRANDED:
            following = doc[index + 1] if index + 1 < len(doc) else None
            has_object = any(c.dep_ == "pobj" for c in doc[index].children)
            if not has_object and (following is None or following.pos_ in ("ADV", "PUNCT")):
                stranded = [doc[index].lower_]
                index += 1
        return [*(t.text for t in extra), *stranded], index

    # -- assembly ---------------------------------------------------------------------------
    def rewrite(self) -> str:
        doc, verb = self.doc, self.verb
        starts = [t.i for t in self.group]
        if self.subject is not None:
            starts.append(self.subject.start)
        start = min([*starts, verb.i])
        relative = self._relative()
        prefix_end = self.subject.end if relative and self.subject is not None else start
        prefix = doc[:prefix_end].text
        if relative and self.subject is not None and self.subject[0].lower_ == "who":
            prefix = prefix[: -len("who")] + "whom"
        auxes, form = self._verb_group()
        tail, rest_start = self._tail()
        main = [self._form(verb, "lemma" if self._do_support(auxes, form) else form)]
        if tail and len(tail) >= 2 and doc[verb.i + 1].dep_ == "cc":
            conj = doc[verb.i + 2]
            main = [
                *main,
                tail[0],
                self._form(conj, "lemma" if self._do_support(auxes, form) else form),
            ]
            tail = tail[2:]
        main += tail
        adverbs = [t.text for t in self._adverbs(start)]
        group = self._arrange(auxes, form, adverbs, main)
        middle: list[str] = []
        if self.control is not None and self.subject is not None:
            middle = _singular_words(
                doc[self.subject.end : self.auxes[0].i if self.auxes else verb.i]
            )
        obj = "" if (self._expletive() or relative) else self._object()
        if auxes == ["will"] and self._headline():
            obj = f"the {obj}"  # "Case to be closed." -> "... close the case"
        rest = _strip_end(doc[rest_start:].text) if rest_start < len(doc) else ""
        if self.question:
            first, *others = group
            clause = [prefix, first, "[who]", *others, obj, rest]
        else:
            clause = [prefix, "[who]", *middle, *group, obj, rest]
        text = _capitalise(_join(clause))
        return text + self._ending(text)

    def _headline(self) -> bool:
        """A bare noun before 'to be' ("Case to be closed"), as in a heading or a list."""
        subject = self.subject
        return (
            subject is not None
            and len(subject) == 1
            and subject[0].tag_ == "NN"
            and any(t.lower_ == "to" for t in self.auxes)
        )

    def _do_support(self, auxes: list[str], form: str) -> bool:
        return not auxes and form in ("present", "past") and (self.negated or self.question)

    def _arrange(
        self, auxes: list[str], form: str, adverbs: list[str], main: list[str]
    ) -> list[str]:
        """Put auxiliaries, 'not', adverbs and the verb in order."""
        words = list(auxes)
        if self._do_support(auxes, form):
            words = ["does" if form == "present" else "did"]
        if not words:
            return [*(["not"] if self.negated else []), *adverbs, *main]
        first, others = words[0], words[1:]
        if self.negated:
            if first == "can":
                first = "cannot"
            else:
                others = ["not", *others]
        return [first, *adverbs, *others, *main] if not self.question else [first, *others, *main]

    def _ending(self, text: str) -> str:
        if self.question:
            return "?"
        if _REASON_RE.search(self.doc.text):
            return "."
        if text.endswith(_CLOSING) and text[:-1].endswith((".", "!", "?")):
            return " This was because [why]."
        return ", because [why]."


def _pos(token: Any) -> bool:
    """A passive auxiliary the lemmatiser missed ("Tom's been told": 's)."""
    return token.dep_ == "auxpass" and token.lower_ in ("'s", "’s")


def _aux_words(tokens: list[Any]) -> list[str]:
    """Auxiliary words spelled out and agreeing with a singular [Who]."""
    words: list[str] = []
    for index, token in enumerate(tokens):
        word = _FULL_MODAL.get(token.lower_, token.lower_)
        if word in ("'s", "’s"):
            following = tokens[index + 1].lower_ if index + 1 < len(tokens) else ""
            word = "has" if following in ("been", "got", "gotten") else "is"
        elif word in ("'ve", "’ve"):
            word = "have"
        if not words or words[-1] not in _BARE_AFTER:
            word = _SINGULAR.get(word, word)
            if word == "have" and token.tag_ != "VB":
                word = "has"
        words.append(word)
    return words


def _singular_words(span: Any) -> list[str]:
    """The control verb ('need', 'are') made to agree with a singular [Who]."""
    words = []
    for index, token in enumerate(span):
        word = token.text
        if index == 0 and token.tag_ == "VBP":
            word = _SINGULAR.get(token.lower_) or third_person(token.lemma_)
        elif index == 0 and token.lower_ in _SINGULAR:
            word = _SINGULAR[token.lower_]
        words.append(word)
    return words


def _letters_before(doc: Any, index: int) -> bool:
    return any(t.text[:1].isalnum() for t in doc[:index])


def _lower_first(token: Any) -> str:
    """Lower-case a sentence-initial word unless it is a name, 'I', 'Mum' or an acronym."""
    text = token.text
    if (
        token.pos_ == "PROPN"
        or text == "I"
        or text.lower() in _KIN
        or (len(text) > 1 and text.isupper())
    ):
        return text
    return text[:1].lower() + text[1:]


def _strip_end(text: str) -> str:
    """Drop the full stop; a closing quotation mark and what it holds stay as they are."""
    text = text.strip()
    return text if text.endswith(_CLOSING) else text.rstrip(" .!?;:,")


def _join(pieces: list[str]) -> str:
    text = " ".join(p for p in (p.strip() for p in pieces) if p)
    return re.sub(r"\s+([,;:])", r"\1", text)


def _capitalise(text: str) -> str:
    """Upper-case the first letter when nothing but punctuation comes before it."""
    for index, char in enumerate(text):
        if char.isalnum():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


# -- labels -> descriptions ---------------------------------------------------------------

_SHE = ("mum", "mam", "mom", "mother", "nan", "nana", "nanna", "gran", "granny", "grandma",
        "grandmother", "aunt", "auntie", "aunty", "sister", "stepmum", "step-mum", "stepmother",
        "girlfriend")  # fmt: skip
_HE = ("dad", "father", "grandad", "grandpa", "grandfather", "uncle", "brother", "stepdad",
       "step-dad", "stepfather", "boyfriend")  # fmt: skip
_ROLES: dict[str, str] = {
    **dict.fromkeys(_SHE, "she"),
    **dict.fromkeys(_HE, "he"),
    **dict.fromkeys(("carer", "partner", "parent"), "they"),
}
_PLURAL_ROLES = {
    "parents": "[parents' names]",
    "carers": "[carers' names]",
    "family": "[family members' names]",
    "grandparents": "[grandparents' names]",
}
_CHILD_LABELS = frozenset({"child", "yp", "lac", "cla", "cic", "subject", "young person", "minor"})
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})
_OBJECT = {"he": "him", "she": "her", "they": "them"}
_PRONOUNS = {
    **dict.fromkeys(("he", "him", "his"), ("he", "him")),
    **dict.fromkeys(("she", "her", "hers"), ("she", "her")),
    **dict.fromkeys(("they", "them", "their"), ("they", "them")),
}
_CLAUSE_RE = re.compile(
    r"[,;:()]|\b(?:because|when|which|who|whom|while|although|but|after|before|since)\b", re.I
)
_NOT_PERSON = frozenset(
    {
        "i", "me", "my", "we", "us", "our", "you", "your", "the", "a", "an", "it", "its",
        "this", "that", "these", "those", "there", "here", "today", "yesterday", "tomorrow",
        "when", "during", "on", "at", "in", "after", "before", "then", "also", "however",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "school",
        "home", "court", "police", "staff", "council", "team", "visit", "meeting", "tc", "re",
    }
)  # fmt: skip
_ENGAGE_RE = re.compile(
    r"engag|refus|co-?operat|complian|compl(?:y|ied)|resist|evasive|avoidan|hostil|obstruct"
    r"|disguised|uncooperative|dismissive|guarded",
    re.I,
)
_ATTEND_RE = re.compile(
    r"attend|\bDNA|no[- ]show|did\s+not\s+show|missed|failed\s+to\s+(?:come|turn)", re.I
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
_NOT_TOPICS = frozenset(
    {
        "me", "us", "him", "her", "them", "you", "professionals", "services", "the service",
        "the worker", "this worker", "social care", "social services", "children's services",
        "workers", "staff",
    }
)  # fmt: skip
_WORD_RE = re.compile(r"[A-Za-z][\w'’\-]*")


class _Person:
    """How to refer to the person a label is about: subject, object and pronoun."""

    def __init__(self, name: str, obj: str | None = None, pronoun: str | None = None) -> None:
        self.name = name
        self.obj = obj or name
        self.pronoun = pronoun or name

    @property
    def again(self) -> str:
        """The person mentioned a second time: 'her', 'him', 'them' or the name."""
        return _OBJECT.get(self.pronoun, self.obj)


def _person(before: str, child: str | None) -> _Person:
    """The person a label is about: the nearest one named before it in the same clause,
    else the nearest one before it in the sentence ('Mum refused', 'Leah is', 'he was')."""
    clauses = _CLAUSE_RE.split(before)
    for text in (clauses[-1], before):
        found = _nearest_person(_WORD_RE.findall(text), child)
        if found is not None:
            return found
    return _unknown()


def _nearest_person(words: list[str], child: str | None) -> _Person | None:
    """The last word that names a person, joined with one before it by 'and' ('Mum and Dad')."""
    for index in range(len(words) - 1, -1, -1):
        found = _as_person(words, index, child)
        if found is None:
            continue
        other = _as_person(words, index - 2, child) if index >= 2 else None
        if other is not None and words[index - 1].lower() == "and":
            return _Person(f"{other.name} and {found.name}", f"{other.obj} and {found.obj}", "they")
        return found
    return None


def _as_person(words: list[str], index: int, child: str | None) -> _Person | None:
    """``words[index]`` as a person (a pronoun, a role, a child label or a name), or None."""
    word = words[index]
    low = word.lower()
    if low.endswith(("'s", "’s")):
        word, low = word[:-2], low[:-2]
    previous = words[index - 1] if index else ""
    if low == "person" and previous.lower() == "young":
        low = "young person"
    if low in _PRONOUNS:
        subject, obj = _PRONOUNS[low]
        return _Person(subject, obj, subject)
    if low in _ROLES:
        label = f"[{low.capitalize()}'s name]"
        return _Person(label, label, _ROLES[low])
    if low in _PLURAL_ROLES:
        label = _PLURAL_ROLES[low]
        return _Person(label, label, "they")
    if low in _CHILD_LABELS:
        return _Person(child or "[child's name]")
    if word[:1].isupper() and low not in _NOT_PERSON and not word.isupper():
        if previous.rstrip(".") in _TITLES:
            return _Person(f"{previous} {word}")
        return _Person(word)
    return None


def _unknown() -> _Person:
    """No one is named before the label: it may be about anyone."""
    return _Person("[name]")


def describe_template(
    sentence: str, match: str, child: str | None = None, *, start: int | None = None
) -> str:
    """A prompt to describe what happened instead of a label.

    "Mum refused to engage." -> 'When I asked [Mum's name] about [topic], she said "..."'
    "Leah is manipulative." -> 'Describe what Leah did and said: "When ..., Leah ..."'
    """
    if start is None:
        found = sentence.lower().find(match.lower())
        start = max(found, 0)
    end = start + len(match)
    person = _person(sentence[:start], child)
    after = sentence[end:]
    if _ATTEND_RE.search(match):
        what = _WHAT_RE.match(after)
        thing = what.group("what") if what else "[appointment]"
        return (
            f"{_capitalise(person.name)} did not come to {thing}. When I asked {person.again} "
            f'why, {person.pronoun} said "..."'
        )
    if _ENGAGE_RE.search(match):
        topic = _TOPIC_RE.match(after)
        subject = topic.group("topic").strip() if topic else ""
        if not subject or subject.lower() in _NOT_TOPICS or len(subject.split()) > 6:
            subject = "[topic]"
        return f'When I asked {person.obj} about {subject}, {person.pronoun} said "..."'
    return f'Describe what {person.name} did and said: "When ..., {person.name} ..."'


# -- the child's voice --------------------------------------------------------------------


def voice_prompt(child: str | None) -> str:
    """A question that asks for the child's own words, actions and wishes."""
    return f"What did {child or '[name]'} say, show or want today?"
