"""Decisions and their reasons: purpose and condition reasons, generic talk, own choices."""

from __future__ import annotations

import re

import pytest

from recordlint.checks.rationale import Cues, fold
from recordlint.model import Note


def _rationale(linter, text: str, child: str | None = None, note_type: str = "supervision"):
    result = linter.lint(Note(text=text, type=note_type, child=child))
    return result, [f for f in result.findings if f.category == "rationale"]


@pytest.mark.parametrize(
    "text",
    [
        "We agreed that Kai will move to his aunt's house next month.",
        "The case has been closed.",
        "Decision: step down to early help.",
        "respite to stop after this weekend.",
        "annual review to be moved to November.",
        "We will ask the council's lawyers for advice on Monday.",
        "We will apply to court next week.",
        "Kobi agreed to the contract and signed it.",
        "Ahmed to attend the review on Friday.",
        "The plan is for Kai to stay with his aunt.",
    ],
)
def test_a_decision_with_no_reason_is_flagged(linter, text):
    _, found = _rationale(linter, text)
    assert len(found) == 1


@pytest.mark.parametrize(
    "text",
    [
        # purpose clauses
        "We agreed that Kai will stay with his aunt at weekends to keep him safe from the fights.",
        "I will keep the file open so Kai can finish his work with the school counsellor.",
        # conditions
        "We will apply to court if Kai's dad drinks again.",
        "Family time will stay at the centre until mum has finished her course.",
        # a reason in the next sentence
        "We agreed that Kai will stay with his aunt. This is because he feels safe there.",
    ],
)
def test_a_purpose_or_condition_counts_as_the_reason(linter, text):
    _, found = _rationale(linter, text)
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Lee asked me whether he could take the boys to the seaside, and I said whatever "
        "decision he makes I can help him explain it.",
        "The conference can decide that a plan is needed.",
        "Mum has agreed to go to the parenting group.",
        "Rosa decided to talk to the police on her own.",
        "School breaks up on Friday.",
        "Home visit to see Kai (9) at his aunt's house.",
        # a verb that takes "to" is what someone did or tried, not a plan
        "Kai's dad failed to attend.",
        "Mum forgot to bring the forms.",
        "Dad continued to visit on Sundays.",
        "Kai seemed to enjoy the session.",
        # how a plan is going is not a decision
        "Kai is doing well at school, and the plan is working.",
        "The plan is not working for Kai at the moment.",
    ],
)
def test_talk_about_decisions_and_family_choices_are_not_decisions(linter, text):
    result, found = _rationale(linter, text, child="Rosa")
    assert found == []
    assert result.decisions == []


def test_advice_to_a_parent_is_not_a_reason(linter):
    text = "I advised mum to keep Alfie in tonight. Plan is a referral to the youth service."
    _, found = _rationale(linter, text)
    assert [f.excerpt for f in found] == ["Plan is a referral to the youth service."]


def test_decisions_are_exposed_on_the_result_with_whether_they_are_reasoned(linter):
    text = (
        "We agreed Ava will see her dad every Saturday, because she asked for it.\n\n"
        "The case will be closed in March."
    )
    result, found = _rationale(linter, text)
    assert [(text[d.start : d.end], d.reasoned) for d in result.decisions] == [
        ("We agreed Ava will see her dad every Saturday, because she asked for it.", True),
        ("The case will be closed in March.", False),
    ]
    assert [f.start for f in found] == [d.start for d in result.decisions if not d.reasoned]


@pytest.mark.parametrize(
    ("heading", "items"),
    [
        ("Decisions:", ["1. Priya to stay with her grandad for now.", "2. Review in six weeks."]),
        ("Agreed:", ["- Respite to carry on every other weekend.", "- School to send updates."]),
    ],
)
def test_a_heading_over_decisions_gets_a_hint_built_on_its_first_item(linter, heading, items):
    text = "Meeting with Priya's grandad at home.\n\n" + heading + "\n" + "\n".join(items) + "\n"
    _, found = _rationale(linter, text, child="Priya")
    on_heading = [f for f in found if f.excerpt == heading]
    assert len(on_heading) == 1
    finding = on_heading[0]
    first = items[0].split(" ", 1)[1].rstrip(".")
    assert finding.message.startswith("This heads a list of decisions")
    assert f'"{first}, because [reason, in words Priya would understand]."' in finding.hint
    assert heading.rstrip(":") + ", because" not in finding.hint
    assert finding.sentence_rewrite == f"{first}, because [reason]."


@pytest.mark.parametrize(
    "text",
    [
        "Decision: case to be closed, because mum has agreed to the plan.",
        "The plan is for Kai to return home; NFA. Outcome: agreed.",
        "Mum decided to go. We will close the case since the risk is lower.",
        "DECIDED AND AGREED TO BE CLOSED",
        "The caſe was cloſed. Kai will ſtay.",  # "ſ" and the Kelvin sign match "s" and "k"
        "İ decİded; the plan İs to remain. Why? ",
    ],
)
def test_cue_lists_match_as_their_one_alternation(linter, text):
    """Cues tries each pattern only where its words are, yet finds what the alternation finds."""
    rule = next(r for r in linter.rules if r.kind == "rationale")
    for cues in (rule.decision, rule.reason, rule.not_decision, rule.purpose, rule.keywords):
        assert isinstance(cues, Cues) and cues.parts is not None  # the shipped lists split
        joined = cues.joined
        assert isinstance(joined, re.Pattern)
        want = [m.span() for m in joined.finditer(text)]
        assert [m.span() for m in cues.finditer(text, fold(text))] == want
        assert cues.search(text, fold(text)) == bool(want)
        inner = [m.span() for m in joined.finditer(text, 4, len(text) - 3)]
        got = cues.finditer(text, fold(text)[4 : len(text) - 3], 4, len(text) - 3)
        assert [m.span() for m in got] == inner
