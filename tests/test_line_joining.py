"""Line joining before sentence splitting: wrapped lines join, headings and lists stay apart."""

from __future__ import annotations

from recordlint.analysis import Analysis
from recordlint.layout import line_units
from recordlint.model import Note


def _units(text: str) -> list[str]:
    return [text[s:e] for s, e in line_units(text)]


def _sentences(text: str) -> list[str]:
    analysis = Analysis(Note(text=text))
    return [s.text(text) for s in analysis.sentences]


WRAPPED = (
    "I visited Marnie (8) at her grandad's house on Tuesday afternoon. We\n"
    "sat in the garden and Marnie told me that she has started swimming\n"
    "lessons with her cousin on Saturdays.\n"
)


def test_a_sentence_broken_across_lines_is_one_sentence():
    assert _sentences(WRAPPED) == [
        "I visited Marnie (8) at her grandad's house on Tuesday afternoon.",
        "We\nsat in the garden and Marnie told me that she has started swimming\n"
        "lessons with her cousin on Saturdays.",
    ]


def test_offsets_stay_exact_after_joining():
    analysis = Analysis(Note(text=WRAPPED))
    for span in analysis.sentences:
        assert WRAPPED[span.start : span.end] == span.text(WRAPPED)
    assert analysis.sentences[1].start == WRAPPED.index("We\n")


def test_headings_labels_and_list_items_stay_units():
    text = (
        "## Plan\n"
        "Present: Ollie, his dad Rob\n"
        "- Walk to the park with Ollie after school on\n"
        "  Friday\n"
        "- Ring the dentist about the missed\n"
        "appointment\n"
        "ACTIONS\n"
        "Dad to book the dentist."
    )
    assert _units(text) == [
        "## Plan",
        "Present: Ollie, his dad Rob",
        "- Walk to the park with Ollie after school on\n  Friday",
        "- Ring the dentist about the missed\nappointment",
        "ACTIONS",
        "Dad to book the dentist.",
    ]


def test_a_short_heading_line_does_not_swallow_the_next_sentence():
    text = "Visit to Priya (6)\nPriya showed me her new bike and said she rides it to school."
    assert _units(text) == ["Visit to Priya (6)", text.split("\n")[1]]


def test_log_lines_and_paragraphs_are_not_joined():
    text = "tc to school re Aaron\n14:20 tc back from the nurse\n\nnew paragraph here"
    assert _units(text) == [
        "tc to school re Aaron",
        "14:20 tc back from the nurse",
        "new paragraph here",
    ]


def test_a_wrapped_sentence_is_flagged_once(linter):
    text = (
        "Home visit to Nadia (9) at her mum's flat, where I saw her in her room. It\n"
        "was decided that Nadia will stay with her aunt at weekends until the summer.\n"
    )
    result = linter.lint(Note(text=text, type="visit", child="Nadia"))
    passive = [f for f in result.findings if f.category == "passive"]
    assert [f.excerpt for f in passive] == ["It\nwas decided"]
