"""Term patterns with slots: one pack entry covers every inflection of a lemma family.

A ``forms`` entry in a pack is a phrase template. Words in braces are slots:

- ``{refuse|fail}``: a verb slot; each lemma matches every inflection (refuse, refuses,
  refused, refusing), and irregular verbs their own forms (choose, chose, chosen);
- ``{engage}`` as the last verb of a blaming phrase also matches its noun forms when the
  template asks for them with ``{engage+n}`` (engagement, non-engagement);
- ``{not}``: negation (not, never, n't, no longer, "did not", "won't" ...);
- ``{be}``: any form of *be* (is, was, has been, 's ...);
- ``{det}``: an optional determiner or possessive (the, a, his, her, their, our ...);
- ``<name>``: a named slot, filled from the entry's ``slots`` (a list of words or phrases),
  as in ``per the <procedure>`` with ``slots: {procedure: [policy, protocol]}``;
  ``<name?>`` may also be left out ("every <kind?> effort": every effort, every reasonable
  effort).

Everything else is literal; spaces match any whitespace. :func:`expand` returns the regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: Irregular verbs: lemma -> every form (the lemma itself included).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("be", "is", "are", "am", "was", "were", "been", "being"),
    "become": ("become", "becomes", "became", "becoming"),
    "choose": ("choose", "chooses", "chose", "chosen", "choosing"),
    "do": ("do", "does", "did", "done", "doing"),
    "get": ("get", "gets", "got", "gotten", "getting"),
    "go": ("go", "goes", "went", "gone", "going"),
    "have": ("have", "has", "had", "having"),
    "keep": ("keep", "keeps", "kept", "keeping"),
    "know": ("know", "knows", "knew", "known", "knowing"),
    "make": ("make", "makes", "made", "making"),
    "meet": ("meet", "meets", "met", "meeting"),
    "put": ("put", "puts", "putting"),
    "show": ("show", "shows", "showed", "shown", "showing"),
    "take": ("take", "takes", "took", "taken", "taking"),
    "think": ("think", "thinks", "thought", "thinking"),
    "turn up": ("turn up", "turns up", "turned up", "turning up"),
    "undertake": ("undertake", "undertakes", "undertook", "undertaken", "undertaking"),
    "bring": ("bring", "brings", "brought", "bringing"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "give": ("give", "gives", "gave", "given", "giving"),
    "see": ("see", "sees", "saw", "seen", "seeing"),
}

#: Noun forms of verbs, for ``{verb+n}`` slots (the prefixed "non-" forms are added).
NOUNS: dict[str, tuple[str, ...]] = {
    "engage": ("engagement",),
    "comply": ("compliance",),
    "cooperate": ("cooperation", "co-operation"),
    "co-operate": ("co-operation", "cooperation"),
    "attend": ("attendance",),
    "refuse": ("refusal",),
    "fail": ("failure",),
}

NEGATION = (
    r"(?:(?:did|does|do|will|would|could|can|has|have|had|is|are|was|were|should)\s*n[’']t"
    r"|won[’']t|can[’']t|ca\s*n[’']t|(?:(?:did|does|do|will|would|could|can|has|have|had|is|are"
    r"|was|were|should|has\s+still|have\s+still|still|continues\s+to|continued\s+to)\s+)?"
    r"(?:not|never|no\s+longer)|cannot)"
)
BE = (
    r"(?:(?:has|have|had)\s+been|(?:will|would|could|may|might|must|should)\s+be|is|are|am|was"
    r"|were|been|being|[’']s|[’']re)"
)
DETERMINER = r"(?:(?:the|a|an|his|her|their|our|its|this|that|these|those|all|every|any)\s+)?"

_SLOT_RE = re.compile(r"\{([^{}]+)\}|<([a-z_]+)(\??)>")


def inflections(lemma: str) -> tuple[str, ...]:
    """Every form of a verb lemma (regular English rules, irregular verbs from a table).

    Phrasal verbs inflect their first word: "turn up" -> "turned up".
    """
    lemma = lemma.lower().strip()
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    head, _, rest = lemma.partition(" ")
    if rest:
        return tuple(f"{form} {rest}" for form in inflections(head))
    if head in IRREGULAR:
        return IRREGULAR[head]
    if head.endswith("ie"):
        third, past, ing = head + "s", head + "d", head[:-2] + "ying"
    elif head.endswith(("ee", "ye", "oe")):
        third, past, ing = head + "s", head + "d", head + "ing"  # agree -> agreed, agreeing
    elif head.endswith("e"):
        third, past, ing = head + "s", head + "d", head[:-1] + "ing"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        third, past, ing = head[:-1] + "ies", head[:-1] + "ied", head + "ing"
    elif head.endswith(("s", "sh", "ch", "x", "z", "o")):
        third, past, ing = head + "es", head + "ed", head + "ing"
    elif _doubles(head):
        third, past, ing = head + "s", head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        third, past, ing = head + "s", head + "ed", head + "ing"
    return (head, third, past, ing)


#: Longer verbs stressed on the last syllable, which double it too (refer -> referred).
DOUBLING = frozenset(
    ["refer", "prefer", "admit", "commit", "omit", "permit", "regret", "occur", "control",
     "patrol", "submit", "transfer", "compel", "rebel", "upset", "forget"]
)  # fmt: skip


def _doubles(word: str) -> bool:
    """Short verbs ending consonant-vowel-consonant double it: stop -> stopped."""
    vowels = "aeiou"
    if word in DOUBLING:
        return True
    return (
        len(word) >= 3
        and len(word) <= 4
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    )


def noun_forms(lemma: str) -> tuple[str, ...]:
    """The noun forms of a verb, with their "non-" variants (engagement, non-engagement)."""
    nouns = NOUNS.get(lemma.lower(), ())
    return tuple(nouns) + tuple(f"non-{n}" for n in nouns) + tuple(f"non {n}" for n in nouns)


def _alternation(words: Iterable[str]) -> str:
    unique = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(_phrase(w) for w in unique) + ")"


def _phrase(words: str) -> str:
    """A literal phrase: spaces match any whitespace; a hyphen may also be a space or absent."""
    parts = []
    for word in words.split():
        parts.append(r"[\s-]?".join(re.escape(piece) for piece in word.split("-")))
    return r"\s+".join(parts)


def _slot(body: str) -> str:
    if body == "not":
        return NEGATION
    if body == "be":
        return BE
    if body == "det":
        return DETERMINER
    nouns = body.endswith("+n")
    lemmas = [lemma.strip() for lemma in body.removesuffix("+n").split("|")]
    forms: list[str] = []
    for lemma in lemmas:
        forms.extend(inflections(lemma))
        if nouns:
            forms.extend(noun_forms(lemma))
    return _alternation(forms)


def expand(template: str, slots: Mapping[str, Iterable[str]] | None = None) -> str:
    """The regex for a ``forms`` template (see the module docstring)."""
    slots = slots or {}
    pieces: list[str] = []
    cursor = 0
    optional = False  # the previous slot may be empty and carries its own trailing space
    for match in _SLOT_RE.finditer(template):
        before = template[cursor : match.start()]
        before = before.lstrip() if optional else before
        pieces.append(_literal(before))
        optional = False
        if match.group(1) is not None:
            pieces.append(_slot(match.group(1).strip()))
            optional = match.group(1).strip() == "det"
        else:
            name = match.group(2)
            if name not in slots:
                raise ValueError(f"the slot <{name}> has no words under 'slots'")
            if match.group(3) and before.strip():  # <name?>: optional, with its own space
                pieces[-1] = _literal(before.rstrip())
                pieces.append(f"(?:\\s+{_alternation(slots[name])})?")
            elif match.group(3):  # optional at the start: the space after it goes with it
                pieces.append(f"(?:{_alternation(slots[name])}\\s+)?")
                optional = True
            else:
                pieces.append(_alternation(slots[name]))
        cursor = match.end()
    rest = template[cursor:]
    pieces.append(_literal(rest.lstrip() if optional else rest))
    return "".join(pieces)


def _literal(text: str) -> str:
    """Literal template text: words escaped, whitespace runs become ``\\s+``."""
    out = []
    for index, chunk in enumerate(re.split(r"(\s+)", text)):
        if index % 2:
            out.append(r"\s+")
        elif chunk:
            out.append(re.escape(chunk))
    return "".join(out)


def forms_pattern(forms: str | list[str], slots: Mapping[str, Iterable[str]] | None = None) -> str:
    """The regex for a ``forms`` entry (one template or a list of them)."""
    templates = [forms] if isinstance(forms, str) else list(forms)
    return "|".join(f"(?:{expand(t, slots)})" for t in templates)


def verb_forms(lemma: str, irregular: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """Every form of one verb lemma, with any irregular forms a pack adds for it."""
    lemma = lemma.lower()
    return {*inflections(lemma), *(irregular or {}).get(lemma, ())}


def all_forms(
    lemmas: Iterable[str], irregular: Mapping[str, Iterable[str]] | None = None
) -> set[str]:
    """Every form of every lemma."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= verb_forms(lemma, irregular)
    return forms
