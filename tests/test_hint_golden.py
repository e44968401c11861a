# ruff: noqa: E501  (the expected hints are long sentences, kept whole to be read)
"""Thirty hand-written sentences and the hint (or, for acronyms, the fix) each should get.

Each case is the note, the child's name given by the user (or None), the rule, the message
and the hint. The hints are what a practitioner would copy: grammatical, about the note's
own people, the flagged clause only.
"""

from __future__ import annotations

import pytest

from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.model import Note

CASES = [
    ('Visit to Kezia (6). Nan kicked off when I asked about the school run.',
     None, 'RL202',
     '"kicked off" labels the person instead of describing what happened.',
     'Say what Nan did and said, and what happened just before, e.g. "When [what happened], Nan [what they did and said]".'),
    ('Mum kicked off in the car park.',
     'Jayden', 'RL202',
     '"kicked off" labels the person instead of describing what happened.',
     'Say what Mum did and said, and what happened just before, e.g. "When [what happened], Mum [what they did and said]".'),
    ('Session with Bilal (12). Bilal is manipulative with his younger sister.',
     None, 'RL202',
     '"manipulative" labels the person instead of describing what happened.',
     'Describe what Bilal did and said, and what they may have needed.'),
    ('Visit to Ffion (8). Her dad was hostile at the door.',
     None, 'RL202',
     '"hostile" labels the person instead of describing what happened.',
     'Describe what her dad said and did, in their words if you can, e.g. "Her dad told me ...".'),
    ('Mum refused to engage with the parenting course.',
     None, 'RL201',
     '"refused to engage" blames the person without saying what happened.',
     'Say what you asked, what the person said and why, e.g. When I asked [Mum\'s name] about the parenting course, she said "..."'),
    ('Dad refused to engage with the family support worker.',
     None, 'RL201',
     '"refused to engage" blames the person without saying what happened.',
     'Say what you asked, what the person said and why, e.g. When I asked [Dad\'s name] about working with the family support worker, he said "..."'),
    ('It was decided that Rowan will stay with her aunt.',
     None, 'RL320',
     '"It was decided" does not say who decided it.',
     'Name who acted and why, e.g. "[Who] decided that Rowan will stay with her aunt, because [why]."'),
    ('The carers were informed of the change by letter.',
     None, 'RL320',
     '"were informed" does not say who informed them.',
     'Name who acted and why, e.g. "[Who] informed the carers of the change by letter, because [why]."'),
    ('He was excluded from school on Tuesday.',
     None, 'RL320',
     '"was excluded" does not say who excluded him.',
     'Name who acted and why, e.g. "[Who] excluded him from school on Tuesday, because [why]."'),
    ('Her lateness was discussed with her at the meeting.',
     None, 'RL320',
     '"was discussed" does not say who discussed it.',
     'Name who acted and why, e.g. "[Who] discussed her lateness with her at the meeting, because [why]."'),
    ('Tia was seen alone in her bedroom and the plan was shared with her mum.',
     None, 'RL320',
     '"was seen" does not say who saw Tia.',
     'Name who acted and why, e.g. "[Who] saw Tia alone in her bedroom, because [why]."'),
    ('The referral was made and the outcome was sent to the school.',
     None, 'RL320',
     '"was made" does not say who made it.',
     'Name who acted and why, e.g. "[Who] made the referral, because [why]."'),
    ("Concerns have been raised about Milo's weight.",
     None, 'RL320',
     '"have been raised" does not say who raised them.',
     'Name who acted and why, e.g. "[Who] has raised concerns about Milo\'s weight, because [why]."'),
    ('The plan which was agreed at the meeting has not started.',
     None, 'RL320',
     '"was agreed" does not say who agreed it.',
     'Name who acted and why, e.g. "[Who] agreed the plan at the meeting, because [why]."'),
    ('Mum and Dad were not told about the conference.',
     None, 'RL320',
     '"were not told" does not say who told them.',
     'Name who acted and why, e.g. "[Who] did not tell Mum and Dad about the conference, because [why]."'),
    ('Contact with dad was reviewed at the meeting as per procedure and the carers were informed of the outcome straight after it.',
     None, 'RL320',
     '"was reviewed" does not say who reviewed it.',
     'Name who acted and why, e.g. "[Who] reviewed contact with dad at the meeting as per procedure, because [why]."'),
    ('Case to be closed.',
     None, 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "[Who] will close the case, because [reason, in words the child would understand]."'),
    ('It was agreed that contact will move to Saturdays.',
     'Lola', 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "[Who] agreed that contact will move to Saturdays, because [reason, in words Lola would understand]."'),
    ('I spoke to the school on Monday; it was agreed that Ellis will stay in his class.',
     None, 'RL401',
     'This records a decision but not the reason for it.',
     'Add the reason, e.g. "[Who] agreed that Ellis will stay in his class, because [reason, in words the child would understand]."'),
    ('SW attended the school.',
     None, 'RL111',
     '"SW" is an acronym that has not been spelled out in this note.',
     'the social worker (SW)'),
    ('I spoke to TM after the visit.',
     None, 'RL111',
     '"TM" is an acronym that has not been spelled out in this note.',
     'the team manager (TM)'),
    ('The IRO will chair it. IRO said the review went well.',
     None, 'RL111',
     '"IRO" is an acronym that has not been spelled out in this note.',
     'independent reviewing officer (IRO)'),
    ('Tom has ADHD and sees a nurse.',
     None, 'RL111',
     '"ADHD" is an acronym that has not been spelled out in this note.',
     'attention deficit hyperactivity disorder (ADHD)'),
    ('We are now in the PLO.',
     None, 'RL111',
     '"PLO" is an acronym that has not been spelled out in this note.',
     'Public Law Outline (PLO)'),
    ('It is believed that Noor is settled at home.',
     None, 'RL303',
     '"It is believed that" hides whose opinion this is.',
     'Own the view and give the evidence, e.g. "I think ... because I saw ...".'),
    ('Visit to Dexter (10). The child was watching cartoons.',
     None, 'RL211',
     '"The child" is a role label; the child\'s name is known.',
     'Use Dexter\'s name, e.g. "Dexter was watching cartoons."'),
    ('Visit to Sami (11). Mum said the YP has been missing school.',
     None, 'RL212',
     '"the YP" turns the child into an acronym.',
     'Use Sami\'s name, e.g. "Mum said Sami has been missing school."'),
    ('Visit to Priya (7). Contact with mum went well.',
     None, 'RL101',
     '"Contact" is care-system jargon.',
     'Call it what it is for Priya: family time, or say who they see, e.g. "time with mum".'),
    ('Saw Jude (9) at his foster placement.',
     None, 'RL101',
     '"placement" is care-system jargon.',
     'Say whose home it is, e.g. "at [the carers\' names]\' home".'),
    ('Visit to Ivy (9). Ivy was in the garden when I arrived. The flat was warm and tidy.',
     None, 'RL411',
     'This visit note records that Ivy was seen, but not what Ivy said, showed or felt.',
     'What did Ivy say, show or want today? Add it in Ivy\'s own words where you can, e.g. "Ivy told me ..." or "Ivy showed me ...".'),
]  # fmt: skip

_LINTERS: dict[str | None, Linter] = {}


def _linter(child: str | None) -> Linter:
    if child not in _LINTERS:
        _LINTERS[child] = Linter(Config(select=["ALL"], child=child))
    return _LINTERS[child]


def test_there_are_thirty_cases():
    assert len(CASES) == 30
    assert len({text for text, *_ in CASES}) == 30


@pytest.mark.parametrize(("text", "child", "rule", "message", "expected"), CASES)
def test_hint(text, child, rule, message, expected):
    note = Note(text=text, type="visit" if rule == "RL411" else None)
    findings = [f for f in _linter(child).lint(note).findings if f.rule == rule]
    assert findings, f"{rule} did not flag {text!r}"
    finding = findings[-1] if rule == "RL111" and "IRO" in text else findings[0]
    assert finding.message == message
    got = finding.suggestion if rule == "RL111" else finding.hint
    assert got == expected
