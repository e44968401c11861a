"""The blaming-construction rule (RL204): a family member as subject of refuse, fail, choose ..."""

from __future__ import annotations

import pytest

from recordlint.model import Note


def _blamed(linter, text: str, child: str | None = None) -> list[str]:
    result = linter.lint(Note(text=text, child=child))
    return [f.excerpt for f in result.findings if f.rule == "RL204"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Grandad failed to collect Tilly from nursery on Monday.", "failed to collect"),
        ("Her dad is refusing to let the health visitor in.", "is refusing to let"),
        ("Mrs Quinn has declined to sign the safety plan.", "has declined to sign"),
        ("Mum chose to stay at her friend's flat rather than come home.", "chose to stay"),
        ("Dad does not prioritise the school run.", "does not prioritise"),
        ("Mum won't let the nurse weigh the baby.", "wo"),
        ("Mr Fenn, who has failed to pay the rent, was not at home.", "has failed to pay"),
        ("Dad came late and then refused to sit down.", "refused to sit"),
    ],
)
def test_blaming_constructions_in_any_tense_are_flagged(linter, text, words):
    found = _blamed(linter, text)
    assert found and found[0].startswith(words), found


@pytest.mark.parametrize(
    "text",
    [
        "The landlord refused to repair the boiler.",
        "The court refused to adjourn the final hearing.",
        "I chose to see Tilly at school, so that she could talk away from home.",
        "We failed to send the letter on time, and I have apologised to mum.",
        "Mum chose not to come because she was in hospital with her back.",
        "Dad did not come to the review; he said his bus was cancelled.",
    ],
)
def test_organisations_the_writer_and_reasons_given_are_not_blamed(linter, text):
    assert _blamed(linter, text) == []


def test_the_childs_own_choice_is_not_blamed(linter):
    text = "I met Tilly at her nan's. She chose to show me her garden first."
    assert _blamed(linter, text, child="Tilly") == []


def test_an_adult_named_last_is_who_she_means(linter):
    text = "I met Tilly and her mum at home. Mum had a cold. She chose to miss the review."
    assert _blamed(linter, text, child="Tilly") == ["chose to miss"]


def test_reported_words_in_quotes_are_left_alone(linter):
    assert _blamed(linter, 'Tilly said, "Dad never bothered to come."', child="Tilly") == []
