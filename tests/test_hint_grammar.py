# ruff: noqa: E501  (each case is kept on one line to be read)
"""Hints that read as English: articles for note-style nouns, particles, control verbs, people.

Each case is a sentence written for this test, the rule, and words the hint must (or must
not) hold.
"""

from __future__ import annotations

import pytest

from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.model import Note

CASES = [
    # a note-style passive drops the article with the auxiliary: the active object gets "the"
    ("Case discussed in supervision.", "RL320",
     '"[Who] discussed the case in supervision, because [why]."', "discussed case"),
    ("Statutory visit completed at the flat.", "RL320",
     '"[Who] completed the statutory visit at the flat', "completed statutory"),
    ("Plan agreed at the meeting.", "RL320", '"[Who] agreed the plan at the meeting', "agreed plan"),
    # ... but a bare noun the writer used in a full sentence is kept as written
    ("Contact with dad was cancelled again.", "RL320",
     '"[Who] cancelled contact with dad again', "the contact"),
    # a particle goes before a long object, after a name or pronoun
    ("Home visit carried out on Tuesday.", "RL320",
     '"[Who] carried out the home visit on Tuesday', "carried the home visit out"),
    ("Nia was picked up late from nursery.", "RL320",
     '"[Who] picked Nia up late from nursery', "picked up Nia"),
    # the control verb's own negation and adverbs are said once
    ("The advice does not yet seem to have been followed at home.", "RL320",
     '"[Who] does not yet seem to have followed the advice at home', "seem to does"),
    ("Dad never appears to be told about the meetings.", "RL320",
     '"[Who] never appears to tell Dad about the meetings', "to never"),
    # the person a label is about is the name, not the nouns before it
    ("School nurse Bethan is hostile with the family.", "RL202", "what Bethan said", "nurse Bethan"),
    ("Nursery report Ollie is attention-seeking at lunch.", "RL202", "what Ollie did", "report Ollie"),
    # the flagged clause stops before a verb that cannot be passive ("cried")
    ("He was told and cried.", "RL320", '"[Who] told him, because [why]."', "cried him"),
]  # fmt: skip

_LINTER: list[Linter] = []


def _linter() -> Linter:
    if not _LINTER:
        _LINTER.append(Linter(Config(select=["ALL"])))
    return _LINTER[0]


@pytest.mark.parametrize(("text", "rule", "wanted", "unwanted"), CASES, ids=[c[0] for c in CASES])
def test_hint_reads_as_english(text, rule, wanted, unwanted):
    findings = [f for f in _linter().lint(Note(text=text)).findings if f.rule == rule]
    assert findings, f"{rule} did not flag {text!r}"
    hint = findings[0].hint
    assert wanted in hint, hint
    assert unwanted not in hint, hint


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Jayden was seen and appeared well.",
         "[Who] saw Jayden, and Jayden appeared well, because [why]."),
        ("The carers were informed and seemed relieved.",
         "[Who] informed the carers, and the carers seemed relieved, because [why]."),
        ("Tom was seen and spoken to alone.", "[Who] saw and spoke to Tom alone, because [why]."),
        # a verb with no passive is the person's own act, even where the tagger reads a participle
        ("He was told and cried.", "[Who] told him, and he cried, because [why]."),
        ("Kai was told and laughed about it.", "[Who] told Kai, and Kai laughed about it, because [why]."),
    ],
)  # fmt: skip
def test_a_verb_that_shared_the_passive_subject_keeps_it_in_the_whole_sentence(text, rewrite):
    findings = [f for f in _linter().lint(Note(text=text)).findings if f.rule == "RL320"]
    assert findings and findings[0].sentence_rewrite == rewrite
