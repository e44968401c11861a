"""A low-repetition variant of a generated export, for an honest speed benchmark.

The generated exports build notes from a bank of template sentences, so about half of their
sentences occur more than once, and a sentence cache exploits that. Real caseloads repeat far
less. :func:`vary` rewrites each note so that almost no sentence repeats while the kind of
text (and so the work of every rule) stays the same:

- people's names are swapped, per note, for other names from the generator's pools (the
  same new name for the same person throughout a note);
- dates and clock times get other values;
- word order changes: a closing "because ..." clause or a closing time phrase moves to
  the front;
- a sentence that still matches one seen before gets a short opening phrase with a time,
  a day or a date ("At 10.40,", "On Tuesday 3 May,", "Later that day,"), and a heading a
  date.

:func:`repeat_rate` measures the share of sentences (as recordlint splits them) that
already occurred earlier in the export.
"""

from __future__ import annotations

import importlib.util
import random
import re
from collections.abc import Iterable
from pathlib import Path

from recordlint.analysis import Analysis
from recordlint.model import Note

_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿłğřšžıŁ]+)(?=(?:['’]s)?\b)")
_ANY_WORD = re.compile(r"\b[a-z][a-zà-ÿłğřšžı'’-]+\b")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")
_TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})(?: ?(am|pm))?\b", re.IGNORECASE)
_BECAUSE = re.compile(r"^(?P<main>[^,;]{12,}?),? because (?P<why>[^,;]{8,})(?P<end>[.!?]?)$")
_TRAILING_WHEN = re.compile(
    r"^(?P<main>.{12,}?) (?P<when>(?:on|at|after|before|during|by|this|last|next) "
    r"[^,;\"“”]{3,40}?)(?P<end>[.!?]?)$"
)
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_KEEP = frozenset(
    _DAYS
    + _MONTHS
    + [
        "I",
        "Mum",
        "Dad",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "St",
        "Nan",
        "Nana",
        "Grandma",
        "Grandad",
        "Christmas",
        "Easter",
        "English",
    ]
)


def _common_words(texts: Iterable[str]) -> set[str]:
    """Words that occur in lower case somewhere."""
    common: set[str] = set()
    for text in texts:
        common.update(_ANY_WORD.findall(text))
    return common


def name_pools(generator: Path) -> dict[str, list[str]]:
    """The names the export generator draws people from, by kind (a boy's name is swapped
    for another boy's name, a surname for a surname)."""
    spec = importlib.util.spec_from_file_location("make_export", generator)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {
        "boy": sorted({*module.BOYS, *module.BOYS_NONASCII}),
        "girl": sorted({*module.GIRLS, *module.GIRLS_NONASCII}),
        "woman": sorted(set(module.WOMEN)),
        "man": sorted(set(module.MEN)),
        "surname": sorted(set(module.SURNAMES)),
    }


def _openers(rng: random.Random) -> str:
    day, month = rng.choice(_DAYS), rng.choice(_MONTHS)
    hour, minute = rng.randint(8, 18), rng.randrange(0, 60, 5)
    return rng.choice(
        [
            f"At {hour}.{minute:02d},",
            f"On {day} {rng.randint(1, 28)} {month},",
            f"On {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2025)},",
            f"At about {hour}.{minute:02d} on {day},",
            f"Later on {day},",
            f"By {hour}.{minute:02d} that day,",
            f"In the {rng.choice(['morning', 'afternoon', 'evening'])} of {day} {month} "
            f"{rng.randint(1, 28)},",
        ]
    )


def _lower_first(sentence: str, common: set[str]) -> str:
    """The sentence with its first word in lower case when that word is a common word."""
    first = sentence.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in common and first not in ("I", *_KEEP):
        return sentence[0].lower() + sentence[1:]
    return sentence


def _reorder(sentence: str, common: set[str]) -> str | None:
    """The sentence with a closing reason or time phrase moved to the front, if it has one."""
    match = _BECAUSE.match(sentence)
    if match:
        main = _lower_first(match["main"], common)
        return f"Because {match['why']}, {main}{match['end'] or '.'}"
    match = _TRAILING_WHEN.match(sentence)
    if match and not match["main"].endswith(("was", "were", "is", "be")):
        when = match["when"]
        main = _lower_first(match["main"], common)
        return f"{when[0].upper()}{when[1:]}, {main}{match['end'] or '.'}"
    return None


class Varier:
    """Rewrites notes one by one, remembering the sentences given out so far."""

    def __init__(self, texts: list[str], pools: dict[str, list[str]], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.common = _common_words(texts)
        self.pools = pools
        self.kind = {name: kind for kind, names in pools.items() for name in names}
        self.seen: set[str] = set()
        self.sentences = self.opened = self.reordered = 0

    def _names(self, text: str) -> str:
        mapping: dict[str, str] = {}

        def swap(match: re.Match[str]) -> str:
            word = match.group(1)
            kind = self.kind.get(word)
            if kind is None:
                return word
            if word not in mapping:
                mapping[word] = self.rng.choice(self.pools[kind])
            return mapping[word]

        return _WORD.sub(swap, text)

    def _numbers(self, text: str) -> str:
        rng = self.rng

        def date(match: re.Match[str]) -> str:
            year = match.group(3)
            new_year = str(rng.randint(2019, 2025))
            return (
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                f"{new_year if len(year) == 4 else new_year[2:]}"
            )

        def time(match: re.Match[str]) -> str:
            suffix = match.group(3)
            hour = rng.randint(1, 12) if suffix else rng.randint(8, 19)
            return f"{hour}.{rng.randrange(0, 60, 5):02d}{suffix or ''}"

        return _TIME.sub(time, _DATE.sub(date, text))

    def _sentence(self, sentence: str) -> str:
        self.sentences += 1
        if sentence in self.seen and self.rng.random() < 0.7:
            moved = _reorder(sentence, self.common)
            if moved:
                sentence = moved
                self.reordered += 1
        if sentence in self.seen:
            self.opened += 1
        for _ in range(6):
            if sentence not in self.seen:
                break
            if sentence.endswith(":"):
                sentence = f"{sentence[:-1]} ({self.rng.randint(1, 28)} "
                sentence += f"{self.rng.choice(_MONTHS)}):"
            else:
                base = _lower_first(sentence, self.common)
                sentence = f"{_openers(self.rng)} {base}"
        self.seen.add(sentence)
        return sentence

    def vary(self, text: str) -> str:
        """One note rewritten."""
        text = self._numbers(self._names(text))
        analysis = Analysis(Note(text=text))
        pieces, last = [], 0
        for span in analysis.sentences:
            body = span.text(text)
            stripped = body.rstrip()
            pieces.append(text[last : span.start])
            pieces.append(self._sentence(stripped) + body[len(stripped) :])
            last = span.end
        pieces.append(text[last:])
        return "".join(pieces)


def vary(texts: list[str], pools: dict[str, list[str]], seed: int = 7) -> tuple[list[str], Varier]:
    """The notes, each rewritten so that few sentences repeat across them (and the Varier,
    which counts the sentences it reordered or gave an opening phrase)."""
    varier = Varier(texts, pools, seed)
    return [varier.vary(text) for text in texts], varier


def repeat_rate(texts: Iterable[str]) -> float:
    """The share of sentences that already occurred earlier in ``texts``."""
    seen: set[str] = set()
    total = repeats = 0
    for text in texts:
        for span in Analysis(Note(text=text)).sentences:
            sentence = span.text(text).strip()
            total += 1
            if sentence in seen:
                repeats += 1
            seen.add(sentence)
    return repeats / total if total else 0.0
