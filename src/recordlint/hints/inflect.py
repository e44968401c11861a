"""Verb forms for rewriting a passive clause in the active voice."""

from __future__ import annotations

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
