"""The shared per-note analysis: sentences, paragraphs, quotes, positions, the child's name."""

from __future__ import annotations

from recordlint.analysis import Analysis, count_words, find_child_name
from recordlint.model import Note


def analyse(text: str, **meta) -> Analysis:
    return Analysis(Note(text=text, **meta))


def test_sentences_split_at_punctuation_and_line_breaks_not_abbreviations():
    a = analyse("Dr. Okafor saw Ben. He was fine!\nPlan:\n1. Visit again. Is that OK?")
    assert [s.text(a.text) for s in a.sentences] == [
        "Dr. Okafor saw Ben.",
        "He was fine!",
        "Plan:",
        "1. Visit again.",
        "Is that OK?",
    ]


def test_paragraphs_split_at_blank_lines_including_crlf():
    a = analyse("One.\r\n\r\nTwo.\n\n\nThree.")
    assert [p.text(a.text) for p in a.paragraphs] == ["One.", "Two.", "Three."]


def test_quotes_straight_curly_and_not_apostrophes():
    a = analyse(
        "Mia said \"I hate it\" and \u201cgo away\u201d. Mum's car isn't here. 'fine' she said."
    )
    quoted = [q.text(a.text) for q in a.quotes]
    assert quoted == ['"I hate it"', "\u201cgo away\u201d", "'fine'"]
    assert a.in_quote(a.text.index("hate"), a.text.index("hate") + 4)
    assert not a.in_quote(a.text.index("car"), a.text.index("car") + 3)


def test_positions_are_one_based_and_handle_crlf_and_lone_cr():
    a = analyse("ab\r\ncd\ref")
    assert a.position(0) == (1, 1)
    assert a.position(4) == (2, 1)
    assert a.position(7) == (3, 1)
    assert a.position(9) == (3, 3)


def test_child_name_from_metadata_or_text():
    assert analyse("The child was seen.", child="Zoë").child == "Zoë"
    assert find_child_name("Visit to Łukasz at home.") == "Łukasz"
    assert find_child_name("Present: Amira (9), her mum Nadia.") == "Amira"
    assert find_child_name("Dear Maya, I came to see you today.") == "Maya"
    assert find_child_name("I rang the school about the trip.") is None


def test_word_count():
    assert count_words("Mum's car—it's 4.30pm, isn't it?") == 6
