"""Quotation marks: reported speech is exempt, the writer's scare quotes are not."""

from __future__ import annotations

import pytest

from recordlint.analysis import Analysis
from recordlint.model import Note


def _speech(text: str, quoted: str) -> bool:
    analysis = Analysis(Note(text=text))
    start = text.index(quoted)
    return analysis.in_speech(start, start + len(quoted))


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Rhys said his brother is 'a pain' at bedtime.", "a pain"),
        ('Nana told me Ollie was "a nightmare" on Sunday.', "a nightmare"),
        ("Her words were: 'leave me alone'.", "leave me alone"),
        ('"Go away," she shouted, and shut the door.', "Go away"),
        ("Priya signed 'more' and pointed at the bubbles.", "more"),
        ('"I hate it when you shout." Then she went upstairs.', "I hate it"),
    ],
)
def test_reported_speech_is_exempt(text, quoted):
    assert _speech(text, quoted)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Dad was 'kicking off' again when I arrived.", "kicking off"),
        ("She is a 'difficult' parent to work with.", "difficult"),
        ("There were signs of 'disguised compliance' at the visit.", "disguised compliance"),
    ],
)
def test_a_label_in_quotes_with_no_speaker_is_not_speech(text, quoted):
    assert not _speech(text, quoted)


def test_term_rules_flag_scare_quotes_and_leave_reported_words(linter):
    flagged = linter.lint(Note(text="Mum was 'kicking off' on the doorstep when I arrived."))
    assert "judgemental" in {f.category for f in flagged.findings}
    reported = linter.lint(Note(text="Mum said Jordan was 'kicking off' all weekend."))
    assert "judgemental" not in {f.category for f in reported.findings}


def _scare(linter, text: str) -> list[str]:
    return [f.excerpt for f in linter.lint(Note(text=text)).findings if f.rule == "RL206"]


def test_a_scare_quoted_evaluative_word_is_flagged(linter):
    assert _scare(linter, "Dad was his usual 'charming' self at the review.") == ["charming"]
    assert _scare(linter, "Her mum was 'helpful' for once.") == ["helpful"]


@pytest.mark.parametrize(
    "text",
    [
        "Dad said the review was 'a joke' and walked out.",
        "We did the 'three houses' tool together.",
        "Isla pointed to 'happy' on the feelings board.",
        "Isla said school is 'fine' now.",
        "We read 'Horrid Henry' at bedtime.",
    ],
)
def test_reported_words_titles_and_feelings_are_not_scare_quotes(linter, text):
    assert _scare(linter, text) == []
