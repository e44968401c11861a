"""Acronyms: initials as names, all-capital headings, loose expansions, mixed case, titles."""

from __future__ import annotations

import pytest

from recordlint.model import Note


def _acronyms(linter, text: str) -> list[str]:
    result = linter.lint(Note(text=text))
    return [f.excerpt for f in result.findings if f.category == "acronym"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tc with SENCo about the reading plan.", ["SENCo"]),
        ("His ePEP targets are on track.", ["ePEP"]),
        ("Call from PC Dean about the bike.", ["PC"]),
        ("Gethin was accommodated under s.76 in 2021.", ["s.76"]),
        ("CP PLAN:\nThe RCPC is on Monday.", ["CP", "RCPC"]),
        ("CAMHS:\nappointment on Friday.", ["CAMHS"]),
    ],
)
def test_unexplained_acronyms_are_flagged(linter, text, expected):
    assert _acronyms(linter, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # initials used as a person's name
        "AB (9) told me about his new bike. AB wants to ride it to school.",
        "I spoke to Mr JT, Ruby's uncle, on the phone.",
        # all-capital headings and labels
        "ACTIONS:\nRing the school on Monday.\n\nNEXT STEPS\nVisit again in May.",
        "PLAN: visit again in two weeks.",
        # a loose expansion
        "Ruby's All About Me meeting (AAM) is on Friday. The AAM will be at school.",
        # everyday ones, and PC as a computer
        "Ruby uses the PC in the library to do her homework.",
    ],
)
def test_names_headings_and_loose_expansions_are_not_flagged(linter, text):
    assert _acronyms(linter, text) == []
