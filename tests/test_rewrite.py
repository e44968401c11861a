"""Rewrite templates built from the writer's own sentence: exact output for varied sentences."""

from __future__ import annotations

import textwrap

import pytest

from recordlint.checks.packs import load_rule_specs
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.hints.active import passive_sentence
from recordlint.hints.describe import describe_template, voice_prompt
from recordlint.hints.inflect import past_tense, present_participle, third_person
from recordlint.model import Note


@pytest.fixture(scope="module")
def nlp(linter):
    """The parser the engine uses (loaded once, through the engine)."""
    return linter.nlp


def template(nlp, sentence: str, child: str | None = None, verb: str | None = None) -> str:
    """The passive template for the (first, or named) passive verb of ``sentence``."""
    doc = nlp(sentence)
    verbs = [t for t in doc if any(c.dep_ == "auxpass" for c in t.children)]
    chosen = next(t for t in verbs if verb is None or t.text == verb)
    return passive_sentence(doc, chosen, child)


PASSIVES = [
    # the and the rule's own examples
    ("It was decided that Tom will stay with his aunt.",
     "[Who] decided that Tom will stay with his aunt, because [why]."),
    ("It was decided that Harvey will stay with his grandad for now.",
     "[Who] decided that Harvey will stay with his grandad for now, because [why]."),
    ("Worries were raised about the bruise on Niamh's arm.",
     "[Who] raised worries about the bruise on Niamh's arm, because [why]."),
    ("A referral was made to the school nurse.",
     "[Who] made a referral to the school nurse, because [why]."),
    ("Bella should be offered a place at the holiday club.",
     "[Who] should offer Bella a place at the holiday club, because [why]."),
    ("Concerns were raised.", "[Who] raised concerns, because [why]."),
    ("A referral was made.", "[Who] made a referral, because [why]."),
    ("Leah was moved to her nan's house on Friday.",
     "[Who] moved Leah to her nan's house on Friday, because [why]."),
    ("It was agreed that Tom would say \"sorry\" to his sister.",
     "[Who] agreed that Tom would say \"sorry\" to his sister, because [why]."),
    # tenses, aspect and modal verbs
    ("The case will be closed.", "[Who] will close the case, because [why]."),
    ("She has been told about the move.", "[Who] has told her about the move, because [why]."),
    ("Concerns have been raised about Tom's weight.",
     "[Who] has raised concerns about Tom's weight, because [why]."),
    ("The sofa had been delivered.", "[Who] had delivered the sofa, because [why]."),
    ("Tom could have been seen earlier.", "[Who] could have seen Tom earlier, because [why]."),
    ("Tom might be moved.", "[Who] might move Tom, because [why]."),
    ("The children are being moved tomorrow.",
     "[Who] is moving the children tomorrow, because [why]."),
    ("It is felt that Mum cannot keep Tom safe.",
     "[Who] feels that Mum cannot keep Tom safe, because [why]."),
    ("Tom is expected to attend school.", "[Who] expects Tom to attend school, because [why]."),
    ("The review is arranged for next week.",
     "[Who] has arranged the review for next week, because [why]."),
    ("Tom's been told about the move.", "[Who] has told Tom about the move, because [why]."),
    # negation
    ("Mum and Dad were not told about the meeting.",
     "[Who] did not tell Mum and Dad about the meeting, because [why]."),
    ("They were not told.", "[Who] did not tell them, because [why]."),
    ("The plan wasn't shared with Mum.", "[Who] did not share the plan with Mum, because [why]."),
    ("Tom cannot be moved.", "[Who] cannot move Tom, because [why]."),
    ("The plan won't be changed.", "[Who] will not change the plan, because [why]."),
    ("Tom would not have been moved.", "[Who] would not have moved Tom, because [why]."),
    ("Tom has not been seen since March.", "[Who] has not seen Tom since March, because [why]."),
    ("Tom was never told.", "[Who] never told Tom, because [why]."),
    # subjects: plural, pronouns, coordinated, long
    ("The children were moved to a new home.",
     "[Who] moved the children to a new home, because [why]."),
    ("Tom and his sister were placed with foster carers.",
     "[Who] placed Tom and his sister with foster carers, because [why]."),
    ("Mum and I were told about the move.", "[Who] told Mum and me about the move, because [why]."),
    ("We were asked to leave the meeting.", "[Who] asked us to leave the meeting, because [why]."),
    ("He was admitted to hospital.", "[Who] admitted him to hospital, because [why]."),
    ("The decision to move Tom was made on Friday.",
     "[Who] made the decision to move Tom on Friday, because [why]."),
    ("It was thrown at the wall.", "[Who] threw it at the wall, because [why]."),
    # infinitives: "to be seen", headings
    ("Tom is to be seen weekly.", "[Who] is to see Tom weekly, because [why]."),
    ("The children need to be seen alone.",
     "[Who] needs to see the children alone, because [why]."),
    ("Case to be closed.", "[Who] will close the case, because [why]."),
    ("Decision: Tom to be seen weekly.", "Decision: [who] will see Tom weekly, because [why]."),
    # get-passives
    ("Tom got moved to a new school.", "[Who] moved Tom to a new school, because [why]."),
    ("Tom gets picked up at 3pm.", "[Who] picks Tom up at 3pm, because [why]."),
    ("Tom is getting moved next week.", "[Who] is moving Tom next week, because [why]."),
    # particles, stranded prepositions, coordination, adverbs, opening phrases
    ("Leah was picked up from school.", "[Who] picked Leah up from school, because [why]."),
    ("Tom was spoken to.", "[Who] spoke to Tom, because [why]."),
    ("Tom was seen and spoken to alone.", "[Who] saw and spoke to Tom alone, because [why]."),
    ("Tom was quickly moved to a foster home.",
     "[Who] quickly moved Tom to a foster home, because [why]."),
    ("On Monday, Leah was moved to her nan's.",
     "On Monday, [who] moved Leah to her nan's, because [why]."),
    ("- A referral was made to CAMHS.", "- [Who] made a referral to CAMHS, because [why]."),
    ("The plan that was agreed at the meeting is working.",
     "The plan that [who] agreed at the meeting is working, because [why]."),
    # questions
    ("Is the plan being reviewed?", "Is [who] reviewing the plan?"),
    ("Why was Tom moved?", "Why did [who] move Tom?"),
    ("When will the case be closed?", "When will [who] close the case?"),
    ("Has the referral been made yet?", "Has [who] made the referral yet?"),
    # quoted speech stays as it was; a reason already given is not asked for again
    ("Tom was told \"you cannot go home\".",
     "[Who] told Tom \"you cannot go home\", because [why]."),
    ("Tom was told \"you cannot go home.\"",
     "[Who] told Tom \"you cannot go home.\" This was because [why]."),
    ("The referral was made because Tom said he was scared.",
     "[Who] made the referral because Tom said he was scared."),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), PASSIVES, ids=[s for s, _ in PASSIVES])
def test_passive_template(nlp, sentence, expected):
    assert template(nlp, sentence) == expected


def test_passive_template_picks_the_verb_of_the_finding(nlp):
    sentence = "The children were seen, and their rooms were checked."
    assert template(nlp, sentence, verb="seen") == (
        "[Who] saw the children, and their rooms were checked, because [why]."
    )
    assert template(nlp, sentence, verb="checked") == (
        "The children were seen, and [who] checked their rooms, because [why]."
    )


def test_passive_template_uses_the_childs_name_for_a_role_label(nlp):
    assert template(nlp, "The child was seen alone.", child="Amira") == (
        "[Who] saw Amira alone, because [why]."
    )
    assert template(nlp, "The child was seen alone.") == "[Who] saw the child alone, because [why]."


def test_passive_hint_carries_the_template(linter):
    result = linter.lint(Note(text="It was decided that Tom will stay with his aunt."))
    hints = [f.hint for f in result.findings if f.category == "passive"]
    assert any("[Who] decided that Tom will stay with his aunt, because [why]." in h for h in hints)


def test_passive_rule_examples_give_active_templates(linter):
    """Every 'bad' example of the passive rules gets a template with [Who] and no passive."""
    for meta, _ in load_rule_specs():
        if meta.category != "passive":
            continue
        for text in meta.examples.bad:
            findings = [f for f in linter.lint(Note(text=text)).findings if f.rule == meta.code]
            for finding in findings:
                assert "[Who]" in finding.hint or "[who]" in finding.hint, finding.hint
                assert "{template}" not in finding.hint


DESCRIBES = [
    ("Mum refused to engage.", "refused to engage", None,
     'When I asked [Mum\'s name] about [topic], she said "..."'),
    ("Leah is manipulative.", "manipulative", None,
     'Describe what Leah did and said: "When ..., Leah ..."'),
    ("Mum refused to engage with the parenting course.", "refused to engage", None,
     'When I asked [Mum\'s name] about the parenting course, she said "..."'),
    ("Mum refused to engage with me.", "refused to engage", None,
     'When I asked [Mum\'s name] about [topic], she said "..."'),
    ("Dad failed to attend the core group meeting.", "failed to attend", None,
     '[Dad\'s name] did not come to the core group meeting. When I asked him why, he said "..."'),
    ("Failed to attend.", "Failed to attend", None,
     '[Name] did not come to [appointment]. When I asked [name] why, [name] said "..."'),
    ("Mr Dawson has been non-compliant with the safety plan.", "non-compliant", None,
     'When I asked Mr Dawson about the safety plan, Mr Dawson said "..."'),
    ("He kicked off.", "kicked off", None, 'Describe what he did and said: "When ..., he ..."'),
    ("His behaviour was aggressive.", "aggressive", None,
     'Describe what he did and said: "When ..., he ..."'),
    ("The child is attention-seeking.", "attention-seeking", "Leah",
     'Describe what Leah did and said: "When ..., Leah ..."'),
    ("The young person is manipulative.", "manipulative", None,
     'Describe what [the child\'s name] did and said: "When ..., [the child\'s name] ..."'),
    ("Mr Booth told me Sophie is attention-seeking and disruptive in class.", "disruptive", None,
     'Describe what Sophie did and said: "When ..., Sophie ..."'),
    ("Megan's mum did not come, which is typical of her chaotic lifestyle.", "chaotic", None,
     'Describe what she did and said: "When ..., she ..."'),
    ("The parents were uncooperative.", "uncooperative", None,
     'When I asked [parents\' names] about [topic], they said "..."'),
    ("Mum and Dad were hostile when I visited.", "hostile", None,
     'When I asked [Mum\'s name] and [Dad\'s name] about [topic], they said "..."'),
    ("Attention-seeking behaviour was seen.", "Attention-seeking", "Leah",
     'Describe what [name] did and said: "When ..., [name] ..."'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "match", "child", "expected"), DESCRIBES, ids=[d[0] for d in DESCRIBES]
)
def test_describe_template(sentence, match, child, expected):
    assert describe_template(sentence, match, child) == expected


def test_describe_template_uses_the_given_offset():
    sentence = "Leah said Mum was hostile, and Dad was hostile too."
    start = sentence.rindex("hostile")
    assert describe_template(sentence, "hostile", start=start).startswith(
        "When I asked [Dad's name] about"
    )


def test_voice_prompt():
    assert voice_prompt("Ellie") == "What did Ellie say, show or want today?"
    assert voice_prompt(None) == "What did [the child's name] say, show or want today?"


def test_voice_hint_carries_the_prompt(linter):
    note = Note(
        text="Home visit. I saw Ellie (7) in the living room with her foster carer Jo. "
        "The home was clean and warm. I will visit again in four weeks.",
        type="visit",
    )
    hints = [f.hint for f in linter.lint(note).findings if f.category == "child-voice"]
    assert hints and hints[0].startswith("What did Ellie say, show or want today?")


@pytest.mark.parametrize(
    ("lemma", "third", "ing"),
    [("decide", "decides", "deciding"), ("worry", "worries", "worrying"),
     ("see", "sees", "seeing"), ("plan", "plans", "planning"), ("refer", "refers", "referring"),
     ("review", "reviews", "reviewing"), ("visit", "visits", "visiting"),
     ("cancel", "cancels", "cancelling"), ("go", "goes", "going"), ("have", "has", "having"),
     ("agree", "agrees", "agreeing"), ("tie", "ties", "tying"), ("stay", "stays", "staying")],
)  # fmt: skip
def test_verb_forms(lemma, third, ing):
    assert third_person(lemma) == third
    assert present_participle(lemma) == ing


def test_past_tense_of_participles():
    assert [past_tense(p) for p in ("seen", "told", "decided", "given", "taken", "been")] == [
        "saw", "told", "decided", "gave", "took", "was",
    ]  # fmt: skip


# -- the terms rule's hooks: {sentence} and, with `rewrite: describe`, {template} ----------

PACK = """\
rules:
  - code: TRW201
    name: test-describe-label
    category: judgemental
    summary: Test labels.
    message: '"{match}" is a label.'
    hint: 'Describe it, e.g. {template} (you wrote: "{sentence}")'
    rewrite: describe
    terms:
      - match: [refused to engage, manipulative]
  - code: TRW202
    name: test-plain-label
    category: judgemental
    summary: Test labels without a template.
    message: '"{match}" is a label.'
    hint: 'You wrote: "{sentence}"'
    terms:
      - match: lazy
      - match: the child
        suggest: '{child}'
        hint: 'Use the name, e.g. "{rewritten}"'
"""


@pytest.fixture(scope="module")
def pack_linter(tmp_path_factory) -> Linter:
    folder = tmp_path_factory.mktemp("rewrite-pack")
    (folder / "test.yaml").write_text(textwrap.dedent(PACK), encoding="utf-8")
    return Linter(Config(rule_paths=[folder], select=["TRW"]))


def test_terms_hint_gets_sentence_and_describe_template(pack_linter):
    text = "Visit to Leah (9). Mum refused to engage.  Leah is manipulative."
    findings = pack_linter.lint(Note(text=text)).findings
    hints = {f.excerpt: f.hint for f in findings}
    assert hints["refused to engage"] == (
        'Describe it, e.g. When I asked [Mum\'s name] about [topic], she said "..." '
        '(you wrote: "Mum refused to engage.")'
    )
    assert hints["manipulative"] == (
        'Describe it, e.g. Describe what Leah did and said: "When ..., Leah ..." '
        '(you wrote: "Leah is manipulative.")'
    )


def test_terms_without_rewrite_leave_template_unset(pack_linter):
    findings = pack_linter.lint(Note(text="Wayne was lazy and unhelpful.")).findings
    assert [f.hint for f in findings] == ['You wrote: "Wayne was lazy and unhelpful."']


def test_terms_hint_gets_the_sentence_rewritten_with_the_suggestion(pack_linter):
    findings = pack_linter.lint(Note(text="I saw Amira (9). The child was  asleep.")).findings
    assert [f.hint for f in findings] == ['Use the name, e.g. "Amira was  asleep."']


def test_describe_rules_examples_get_a_template(linter):
    """Packs that ask for `rewrite: describe` get a filled template for each bad example."""
    specs = [(m, o) for m, o in load_rule_specs() if o.get("rewrite") == "describe"]
    if not specs:
        pytest.skip("no rule pack uses 'rewrite: describe' yet")
    full = Linter(Config(select=[m.code for m, _ in specs]))
    for meta, _ in specs:
        for text in meta.examples.bad:
            for finding in full.lint(Note(text=text)).findings:
                assert "{template}" not in finding.hint and "{sentence}" not in finding.hint
