"""The child's voice: names and resolved pronouns as subjects of voice verbs, from the parse."""

from __future__ import annotations

import pytest

from recordlint.checks.inflect import verb_forms
from recordlint.checks.mentions import Mentions
from recordlint.model import Note

OPENING = "Home visit to Callum (9) at his grandad's house, 04/03/2025. "


def _flagged(linter, text: str, child: str = "Callum", note_type: str | None = "visit") -> bool:
    result = linter.lint(Note(text=text, type=note_type, child=child))
    return any(f.category == "child-voice" for f in result.findings)


@pytest.mark.parametrize(
    "body",
    [
        "He told me he wants a bike for his birthday.",
        "In the kitchen he said that school is boring on Mondays.",
        "Callum drew his family and put the dog in the middle.",
        "When his grandad left the room, Callum reached for my hand.",
        "He signed 'more' when the bubbles stopped.",
        "Callum was excited about the football match.",
        "Callum joined us for ten minutes and then showed me his new trainers.",
        "Grandad was in the garden. He is fixing the fence. Callum nodded when I asked about it.",
    ],
)
def test_the_childs_words_wishes_feelings_and_actions_count(linter, body):
    assert not _flagged(linter, OPENING + body)


@pytest.mark.parametrize(
    "body",
    [
        # what other people report about the child is their voice, not the child's
        "His grandad said Callum loves his new school and that he sleeps well.",
        "Grandad told me he wants Callum to join the cubs.",
        # an activity done with the child
        "Callum and I played cards at the kitchen table.",
        # done to the child
        "Callum seen and spoken to.",
        # another adult's absence says nothing about the child
        "Dad was not present. The house was warm and tidy.",
        # a pronoun that refers to an adult
        "I spoke to his grandad, Ray, in the kitchen. He said the boiler is fixed.",
    ],
)
def test_other_voices_and_activities_with_the_child_do_not_count(linter, body):
    assert _flagged(linter, OPENING + body)


def test_the_childs_absence_means_nothing_to_record(linter):
    text = "Review meeting for Callum (9). Callum did not come, because he had a school trip."
    assert not _flagged(linter, text, note_type="meeting")
    text = (
        "Core group meeting. Callum (9) was at school during the meeting. Grandad said he is well."
    )
    assert not _flagged(linter, text, note_type="meeting")


def test_notes_that_need_no_voice_are_left_alone(linter):
    text = "Phone call with Callum's school about the trip money. The office will ring grandad."
    assert not _flagged(linter, text, note_type="phone-call")


def test_pronouns_resolve_to_the_nearest_compatible_person():
    text = "Maya (6) was at home with her dad. She showed me her drawing. He said she sleeps well."
    spans = [(0, 41), (42, 71), (72, len(text))]
    mentions = Mentions(text, spans, "Maya", {"dad": "m", "mum": "f"}, frozenset())
    assert mentions.child_gender == "f"
    assert mentions.refers_to_child(text.index("She showed"), "She")
    assert not mentions.refers_to_child(text.index("He said"), "He")


def test_verb_forms_cover_every_inflection():
    assert {"nod", "nods", "nodded", "nodding"} <= verb_forms("nod", {})
    assert {"cry", "cries", "cried"} <= verb_forms("cry", {})
    assert {"smile", "smiles", "smiled", "smiling"} <= verb_forms("smile", {})
    assert {"reach", "reaches", "reached"} <= verb_forms("reach", {})
    assert "told" in verb_forms("tell", {"tell": ["told"]})


def test_family_words_come_from_the_one_people_vocabulary():
    """The child's-voice rule reads family words from rules/people.yaml, not a copy."""
    from recordlint.checks.packs import build_rules
    from recordlint.config import Config
    from recordlint.hints.words import vocabulary

    (rule,) = [r for r in build_rules(Config(select=["RL411"]))]
    kin = vocabulary().kin
    assert kin and all(word in rule.roles for word in kin)
    assert rule.roles["daddy"] == "m" and rule.roles["nain"] == "f" and rule.roles["parent"] is None
