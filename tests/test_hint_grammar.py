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


#: Found by an audit of the hints: each message's pronoun agrees with the passive's subject
#: (a name stays a name, a person or plural is "them", a thing "it"), a name keeps its
#: capital and takes no article, a gerund or relative passive reads as English, a judgement
#: ("Threshold met") asks who decided it, and a decision after a label keeps its clause. The
#: ones that already worked ("Emma ...", "The report ...") must not regress.
AUDIT_CASES = [
    ('Grace was informed of the outcome.', 'RL320',
     '"was informed" does not say who informed Grace.',
     'Name who acted and why, e.g. "[Who] informed Grace of the outcome, because [why]."'),
    ('Emma was informed of the outcome.', 'RL320',
     '"was informed" does not say who informed Emma.',
     'Name who acted and why, e.g. "[Who] informed Emma of the outcome, because [why]."'),
    ('As per procedure, the school nurse has been informed.', 'RL320',
     '"has been informed" does not say who informed them.',
     'Name who acted and why, e.g. "[Who] has informed the school nurse, because [why]."'),
    ('The family were informed by letter.', 'RL320',
     '"were informed" does not say who informed them.',
     'Name who acted and why, e.g. "[Who] informed the family by letter, because [why]."'),
    ('The family have been informed.', 'RL320',
     '"have been informed" does not say who informed them.',
     'Name who acted and why, e.g. "[Who] has informed the family, because [why]."'),
    ('wes to be told in writing.', 'RL320',
     '"to be told" does not say who told wes.',
     'Name who acted and why, e.g. "[Who] will tell wes in writing, because [why]."'),
    ('Jayden thinks about being moved again.', 'RL320',
     '"being moved" does not say who would move Jayden.',
     'Name who acted and why, e.g. "Jayden thinks about [who] moving Jayden again, because [why]."'),
    ('He thinks about being moved again.', 'RL320',
     '"being moved" does not say who would move him.',
     'Name who acted and why, e.g. "He thinks about [who] moving him again, because [why]."'),
    ('The PEP is overdue, which has been flagged with the virtual school.', 'RL320',
     '"has been flagged" does not say who flagged it.',
     'Name who acted and why, e.g. "[Who] has flagged this with the virtual school, because [why]."'),
    ('Threshold met for section 47.', 'RL320',
     '"Threshold met" does not say who decided the threshold was met.',
     'Name who acted and why, e.g. "[Who] decided the threshold was met for section 47, because [why]."'),
    ('No change is needed to the plan.', 'RL320',
     '"is needed" does not say who decided no change is needed.',
     'Name who acted and why, e.g. "[Who] decided no change is needed to the plan, because [why]."'),
    ('The threshold for a strategy meeting is met.', 'RL320',
     '"is met" does not say who decided the threshold for a strategy meeting is met.',
     'Name who acted and why, e.g. "[Who] decided the threshold for a strategy meeting is met, because [why]."'),
    ('CP plan discussed.', 'RL320',
     '"CP plan discussed" does not say who discussed it.',
     'Name who acted and why, e.g. "[Who] discussed the CP plan, because [why]."'),
    ('CIN meeting held at school.', 'RL320',
     '"CIN meeting held" does not say who held it.',
     'Name who acted and why, e.g. "[Who] held the CIN meeting at school, because [why]."'),
    ('Next session was booked for Friday.', 'RL320',
     '"was booked" does not say who booked it.',
     'Name who acted and why, e.g. "[Who] booked the next session for Friday, because [why]."'),
    ('School were informed.', 'RL320',
     '"were informed" does not say who informed them.',
     'Name who acted and why, e.g. "[Who] informed school, because [why]."'),
    ('The report was sent to school.', 'RL320',
     '"was sent" does not say who sent it.',
     'Name who acted and why, e.g. "[Who] sent the report to school, because [why]."'),
    ("Referral made to the Children's Reporter.", 'RL320',
     '"Referral made" does not say who made it.',
     'Name who acted and why, e.g. "[Who] made the referral to the Children\'s Reporter, because [why]."'),
    ('- MACE referral sent.', 'RL320',
     '"MACE referral sent" does not say who sent it.',
     'Name who acted and why, e.g. "[Who] sent the MACE referral, because [why]."'),
    ('Decision: Harry to remain at home.', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "Decision: Harry to remain at home, because [reason, in words the child would understand]."'),
    ('Outcome: step down to early help.', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "Outcome: step down to early help, because [reason, in words the child would understand]."'),
    ('Agreed: case to step down.', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "Agreed: case to step down, because [reason, in words the child would understand]."'),
    ('Decision: case to be closed.', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "Decision: [Who] will close the case, because [reason, in words the child would understand]."'),
    ('1. Decision: Tom will return home on Friday.', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "Decision: Tom will return home on Friday, because [reason, in words the child would understand]."'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "rule", "message", "hint"), AUDIT_CASES, ids=[c[0] for c in AUDIT_CASES]
)
def test_audited_message_and_hint(text, rule, message, hint):
    findings = [f for f in _linter().lint(Note(text=text)).findings if f.rule == rule]
    assert findings, f"{rule} did not flag {text!r}"
    assert (findings[0].message, findings[0].hint) == (message, hint)


@pytest.mark.parametrize(
    ("text", "excerpts"),
    [
        # the second passive of a sentence gets its own hint, the first keeps the whole clause
        ("Concerns were raised regarding homework not being handed in.", ["were raised", "not being handed"]),
        # a judgement said to be someone's is not flagged; its hidden form is
        ("The team manager decided the threshold was met.", []),
        ("Parents were told that we will apply to court if the next test is missed.", ["were told", "is missed"]),
    ],
)  # fmt: skip
def test_which_passives_are_flagged(text, excerpts):
    findings = [f for f in _linter().lint(Note(text=text)).findings if f.rule == "RL320"]
    assert [f.excerpt for f in findings] == excerpts
