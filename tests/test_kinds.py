"""Unit tests per rule kind (acronym, passive, rationale, child-voice): what each flags and
leaves alone, and how its typed options change that."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.model import Note, Severity


@pytest.fixture(scope="module")
def kinds() -> Linter:
    return Linter(Config(select=["RL111", "RL320", "RL401", "RL411"]))


def flagged(linter: Linter, text: str, code: str, **note: str) -> list[str]:
    return [f.excerpt for f in linter.lint(Note(text=text, **note)).findings if f.rule == code]


def user_rule(tmp_path: Path, body: str, category: str) -> Linter:
    """A linter with one rule of the user's own, ``TKD101``, of the kind in ``body``."""
    folder = tmp_path / "packs"
    folder.mkdir(exist_ok=True)
    (folder / "kinds.yaml").write_text(
        "rules:\n  - code: TKD101\n    name: kind-test\n    category: " + category + "\n"
        "    summary: s\n    message: m\n    hint: h\n" + body,
        encoding="utf-8",
    )
    return Linter(Config(rule_paths=[folder], select=["TKD"]))


# -- acronym ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The IRO will call; the IRO is Sam.", ["IRO"]),  # its first use only
        ("The initial child protection conference (ICPC) is on Monday. The ICPC chair rang.", []),
        ("Nathan sat his GCSEs.", ["GCSEs"]),
        ("SHE SAID NO TO THE PLAN AT ALL.", []),  # shouting, not acronyms
        ('Dad said "the IRO is rubbish" on the phone.', []),  # his words stay his
    ],
)
def test_acronym_flags_what_is_not_spelled_out(kinds, text, expected):
    assert flagged(kinds, text, "RL111") == expected


def test_acronym_expands_only_the_first_use():
    every_use = Linter(Config(select=["RL111"], repeat=["RL111"]))
    findings = every_use.lint(Note(text="The IRO will call; the IRO is Sam.")).findings
    assert [(f.suggestion, f.safe) for f in findings] == [
        ("independent reviewing officer (IRO)", True), (None, False),
    ]  # fmt: skip


def test_acronym_takes_allowed_ones_and_expansions_from_the_config():
    linter = Linter(
        Config(select=["RL111"], allowed_acronyms=["CP"], acronyms={"FH": "family hub"})
    )
    [finding] = linter.lint(Note(text="The CP plan continues. Mum goes to the FH.")).findings
    assert (finding.excerpt, finding.suggestion) == ("FH", "family hub (FH)")
    assert flagged(linter, "The family hub (FH) is open. Mum goes to the FH.", "RL111") == []


def test_an_ambiguous_acronym_is_never_fixed(kinds):
    [finding] = kinds.lint(Note(text="Ruby is LAC and settled.")).findings
    assert finding.rule == "RL111" and not finding.safe and "can mean" in finding.hint


def test_acronym_options_of_your_own_pack(tmp_path):
    linter = user_rule(
        tmp_path, "    kind: acronym\n    allow: [TAF]\n    expansions: {FGC: family group "
        "conference}\n    ambiguous: {PC: [police constable, personal computer]}\n", "acronym",
    )  # fmt: skip
    findings = linter.lint(Note(text="The TAF met. An FGC is booked. The PC was there.")).findings
    assert [(f.excerpt, f.suggestion) for f in findings] == [
        ("FGC", "family group conference (FGC)"), ("PC", None),
    ]  # fmt: skip


# -- passive ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A referral was made to the school nurse.", ["was made"]),
        ("The referral was made by the school nurse.", []),  # the agent is named
        ("The letter was sent by post.", ["was sent"]),  # 'by post' names nobody
        ("Leah was hit by her brother. Leah was worried about school.", []),
        ("Sam was not brought to the appointment.", []),  # 'was not brought': a known phrase
        ("The office was closed. The case will be closed.", ["will be closed"]),
        ('Dad told me "it was decided for us" and left.', []),  # inside his words
    ],
)
def test_passive_flags_agentless_passives(kinds, text, expected):
    assert flagged(kinds, text, "RL320") == expected


def test_passive_severity_follows_the_verb(kinds):
    decided = kinds.lint(Note(text="It was decided that Harvey will stay.")).findings
    incidental = kinds.lint(Note(text="The dinner was cooked at six.")).findings
    assert [f.severity for f in decided if f.rule == "RL320"] == [Severity.WARNING]
    assert [f.severity for f in incidental if f.rule == "RL320"] == [Severity.INFO]


def test_passive_options_of_your_own_pack(tmp_path):
    linter = user_rule(
        tmp_path, "    kind: passive\n    decision_verbs: [cook]\n    incidental_severity: error\n"
        "    adjectival: [worried]\n", "passive",
    )  # fmt: skip
    findings = linter.lint(Note(text="The dinner was cooked. The car was washed.")).findings
    assert [(f.excerpt, f.severity) for f in findings] == [
        ("was cooked", Severity.WARNING), ("was washed", Severity.ERROR),
    ]  # fmt: skip


# -- rationale ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will close the case.", ["We will close the case."]),
        ("We will close the case as Ruby is safe at home now.", []),
        ("We agreed that Mia will return home on Friday. This is because her mum is well.", []),
        ('We agreed that Mia will return home. Dad said "because I say so".',
         ["We agreed that Mia will return home."]),  # a reason in his quote is not ours
        ("It was agreed with her that she is happy at school.", []),  # not a decision
    ],
)  # fmt: skip
def test_rationale_flags_decisions_without_a_reason_nearby(kinds, text, expected):
    assert flagged(kinds, text, "RL401") == expected


RATIONALE = (
    "    kind: rationale\n    decision_cues: ['\\bdecided\\b']\n"
    "    reason_cues: ['\\bbecause\\b']\n"
)


@pytest.mark.parametrize(("window", "expected"), [(0, ["We decided."]), (1, [])])
def test_rationale_window_is_how_far_a_reason_may_be(tmp_path, window, expected):
    linter = user_rule(tmp_path, RATIONALE + f"    window: {window}\n", "rationale")
    assert flagged(linter, "We decided. It is because Tom asked.", "TKD101") == expected


def test_rationale_not_decision_cancels_a_cue(tmp_path):
    cancel = "    not_decision: ['\\bnot yet decided\\b']\n"
    linter = user_rule(tmp_path, RATIONALE + cancel, "rationale")
    assert flagged(linter, "Mum has not yet decided. We decided.", "TKD101") == ["We decided."]


# -- child-voice ---------------------------------------------------------------------------------

SEEN = "Home visit. I saw Tom in his room. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEEN + "The room was tidy.", ["I saw Tom in his room."]),
        (SEEN + 'Tom said "I like my new bed".', []),
        (SEEN + "He showed me his drawings.", []),  # 'he' is Tom: no one else was named
        ("Home visit. I saw Tom with his mum. She said he is fine.", ["I saw Tom with his mum."]),
        ("Home visit. Mum was in. Tom was not at home.", []),  # not seen: nothing to record
        ("Dear Tom, thank you for seeing me. You told me you like football.", []),
    ],
)
def test_voice_looks_for_the_childs_own_words(kinds, text, expected):
    assert flagged(kinds, text, "RL411", child="Tom", type="visit") == expected


def test_voice_needs_the_childs_name(kinds):
    """With no name known there is no one to ask about; with one, the same note is flagged."""
    text = "Home visit. I saw him in his room. The room was tidy."
    assert flagged(kinds, text, "RL411", type="visit") == []
    assert flagged(kinds, text, "RL411", type="visit", child="Kai") == ["Home visit."]


def test_voice_options_of_your_own_pack(tmp_path):
    linter = user_rule(
        tmp_path, "    kind: child-voice\n    voice_lemmas: {action: [sing]}\n"
        "    irregular_forms: {sing: [sang]}\n"
        "    not_seen_cues: ['\\bcancelled\\b']\n", "child-voice",
    )  # fmt: skip
    note = {"child": "Tom", "type": "visit"}
    assert flagged(linter, SEEN + "Tom said hello.", "TKD101", **note) == ["I saw Tom in his room."]
    assert flagged(linter, SEEN + "Tom sang a song.", "TKD101", **note) == []
    assert flagged(linter, SEEN + "The next visit is cancelled.", "TKD101", **note) == []
