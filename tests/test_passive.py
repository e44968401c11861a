"""Passives: note-style ones with the auxiliary dropped, contractions, naming and stative ones."""

from __future__ import annotations

import pytest

from recordlint.model import Note


def _passives(linter, text: str, child: str | None = "Tyler") -> list[str]:
    result = linter.lint(Note(text=text, child=child))
    return [f.excerpt for f in result.findings if f.category == "passive"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Plan agreed.", "Plan agreed"),
        ("Referral made to the youth service on Monday.", "Referral made"),
        ("- Early help referral sent.", "Early help referral sent"),
        ("Background: Strategy meeting held on 3 June.", "Strategy meeting held"),
        ("Next session booked for 14/11.", "Next session booked"),
        ("Tyler seen and spoken to alone.", "Tyler seen"),
        ("Worker advised to continue the visits.", "Worker advised"),
        ("- Home safety check done with dad.", "Home safety check done"),
        ("It's been decided that Tyler stays at his nan's.", "It's been decided"),
        ("It isn't written down anywhere.", "It isn't written"),
        ("Dad is known to have hit Tyler before.", "is known"),  # who knows it?
        ("The money was used to buy a phone.", "was used"),
        ("Tyler was made to leave the room.", "was made"),
    ],
)
def test_note_style_and_contracted_passives_are_flagged(linter, text, span):
    found = _passives(linter, text)
    assert len(found) == 1 and found[0].startswith(span), found


@pytest.mark.parametrize(
    "text",
    [
        "Mum agreed.",
        "Tyler agreed to the new bedtime.",
        "Dad rang the school after lunch.",
        "The panel met on Tuesday.",
        "No concerns noted.",  # a defensive stock phrase, not a hidden actor
        "Referral made by Ms Ahmed, the school nurse.",
        "Tyler's parents are separated.",
        "This meeting is called a child protection conference.",
        "The hamster is known as Biscuit.",
        "Tyler was born in Leeds.",
        "Tyler is used to the noise of the trains.",
        "The family has been known to the police since 2019.",  # a state, not an act
        "Professionals meeting about Tyler on Thursday.",
        'Dad said Tyler will be "made up" about the trip.',
        "Tyler can't be bothered with football any more, he told me.",
    ],
)
def test_active_naming_and_stative_forms_are_left_alone(linter, text):
    assert _passives(linter, text) == []
