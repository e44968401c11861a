"""The character-judgement rule (RL205) and the lexicon it reads from vaderSentiment."""

from __future__ import annotations

import pytest

from recordlint.checks.lexicon import evaluative_words, negative_words
from recordlint.model import Note


def _judged(linter, text: str) -> list[str]:
    return [f.excerpt for f in linter.lint(Note(text=text)).findings if f.rule == "RL205"]


def test_the_lexicon_is_read_from_the_installed_package():
    negative = negative_words(-1.0)
    assert {"arrogant", "selfish", "rude"} <= negative
    assert "happy" not in negative and "kind" not in negative
    assert "charming" in evaluative_words(1.5)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Mum was really arrogant with the nursery staff.", "arrogant"),
        ("Her father is selfish and thinks only of himself.", "selfish"),
        ("Dad has become quite spiteful towards the school.", "spiteful"),
        ("Nan, who was stubborn about the stair gate, refused a new one.", "stubborn"),
        ("Mr Lowe seemed evasive when I asked about the dog.", "evasive"),
        ("Mum is such a bully to the neighbours.", "bully"),
        ("Her stepdad was cruel and cold with me.", "cruel"),
    ],
)
def test_a_person_judged_through_a_copula_is_flagged(linter, text, word):
    assert word in _judged(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Mum was upset and anxious when the letter came.",
        "Dad was tired after a night shift and said he had not eaten.",
        "Mum was not rude at all; she asked me in and made tea.",
        "The house was dirty and the bins were full.",
        "Mum said the flat is awful and damp.",
        "It was a cruel winter for the family, with no heating.",
        'Nan told me Dad is "so selfish" with money.',
    ],
)
def test_feelings_states_things_and_reported_words_are_not_flagged(linter, text):
    assert _judged(linter, text) == []
