"""Properties of `fix`: what must never change does not, and fixing twice equals fixing once."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.fix import fix_text
from recordlint.model import Note

# Sentences with safe fixes under the shipped packs (acronyms, statutory visits, plain English).
FIXABLE = [
    "Statutory visit completed.",
    "The ICPC is on Friday.",
    "An SGO was made.",
    "The IRO will chase the PEP.",
    "I visited prior to the meeting in order to see him.",
    "Counselling will commence once a number of forms are completed.",
    "At this juncture the plan is the same.",
    "stat visit done, PEP to follow.",
    "PLO letter sent.",
]
# Words that fixes would change if they were not quoted, names, dates or numbers.
TRIGGERS = [
    "contact",
    "prior to",
    "ICPC",
    "IRO",
    "statutory visit",
    "commence",
    "PEP",
    "in order to",
]
NAMES = ["Leah", "Tom", "Amira", "Jayden", "Mrs Prior", "Mr Statutory", "Kai-Ann", "Zoë"]
DATES = ["3 May 2024", "12/09/2024", "Monday", "14th March", "1 June", "Sept 5", "2024-10-03"]
NUMBERS = ["40", "3.5", "1,200", "7", "11", "9am", "2nd"]

PLAIN = st.sampled_from(["We met.", "It was sunny.", "I saw", "at home", "and", "then", ";"])
QUOTED = st.builds(
    lambda words, marks: f"{marks[0]}{' '.join(words)}{marks[1]}",
    st.lists(st.sampled_from(TRIGGERS + ["I", "am", "sad", "go", "home"]), min_size=1, max_size=5),
    st.sampled_from([('"', '"'), ("“", "”")]),
)
PIECES = st.one_of(
    st.sampled_from(FIXABLE).map(lambda s: ("fix", s)),
    QUOTED.map(lambda s: ("keep", s)),
    st.sampled_from(NAMES).map(lambda s: ("keep", s)),
    st.sampled_from(DATES).map(lambda s: ("keep", s)),
    st.sampled_from(NUMBERS).map(lambda s: ("keep", s)),
    PLAIN.map(lambda s: ("plain", s)),
)
SEPARATORS = st.sampled_from([" ", " ", "  ", "\n", ", "])


@pytest.fixture(scope="module")
def lint():
    linter = Linter(Config(select=["jargon", "acronym"]))

    def run(text: str):
        return linter.lint(Note(text=text)).findings

    return run


@st.composite
def notes(draw) -> tuple[str, list[str]]:
    """A note of fixable sentences mixed with quotations, names, dates and numbers."""
    pieces = draw(st.lists(PIECES, min_size=1, max_size=12))
    text, kept = "", []
    for kind, piece in pieces:
        if text:
            text += draw(SEPARATORS)
        text += piece
        if kind == "keep":
            kept.append(piece)
    return text, kept


def _occurrences(text: str, piece: str) -> int:
    return len(re.findall(rf"(?<![\w]){re.escape(piece)}(?![\w])", text))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=notes())
def test_quotes_names_dates_and_numbers_survive_and_fix_is_idempotent(lint, note):
    text, kept = note
    once = fix_text(text, lint).text
    for piece in kept:
        assert _occurrences(once, piece) == _occurrences(text, piece), piece
    assert fix_text(once, lint).text == once


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=notes())
def test_only_fixable_sentences_change(lint, note):
    """With no fixable sentence in the note, nothing changes at all."""
    text, _ = note
    if any(sentence in text for sentence in FIXABLE):
        return
    assert fix_text(text, lint).text == text


@pytest.mark.parametrize("sentence", FIXABLE)
def test_every_fixable_sentence_is_fixed(lint, sentence):
    assert fix_text(sentence, lint).text != sentence
