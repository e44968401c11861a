"""Term templates with slots: every inflection of a lemma family from one entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recordlint.checks.inflect import expand, forms_pattern, inflections
from recordlint.checks.packs import load_rule_specs
from recordlint.errors import ConfigError


def _full(template: str, text: str, slots=None) -> bool:
    return re.fullmatch(expand(template, slots), text, re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("engage", ("engage", "engages", "engaged", "engaging")),
        ("prioritise", ("prioritise", "prioritises", "prioritised", "prioritising")),
        ("try", ("try", "tries", "tried", "trying")),
        ("stop", ("stop", "stops", "stopped", "stopping")),
        ("refer", ("refer", "refers", "referred", "referring")),
        ("choose", ("choose", "chooses", "chose", "chosen", "choosing")),
        ("turn up", ("turn up", "turns up", "turned up", "turning up")),
    ],
)
def test_inflections_of_regular_irregular_and_phrasal_verbs(lemma, forms):
    assert set(inflections(lemma)) == set(forms)


@pytest.mark.parametrize(
    "text",
    ["refused to engage", "refusing to engage", "fails to engage", "failed to engage",
     "refuses to engage", "failing to engagement"],
)  # fmt: skip
def test_one_template_covers_the_tenses(text):
    ok = text != "failing to engagement"
    assert _full("{refuse|fail} to {engage}", text) is ok


@pytest.mark.parametrize(
    "text", ["did not engage", "hasn't engaged", "won't engage", "never engaged", "not engaging"]
)
def test_negation_slot(text):
    assert _full("{not} {engage}", text)


def test_noun_forms_only_when_asked_for():
    assert _full("{engage+n}", "non-engagement")
    assert _full("{engage+n}", "engagement")
    assert not _full("{engage}", "engagement")


def test_named_slots_and_optional_determiner():
    slots = {"procedure": ["policy", "data sharing agreement"]}
    assert _full("per {det} <procedure>", "per the data sharing agreement", slots)
    assert _full("per {det} <procedure>", "per policy", slots)
    assert not _full("per {det} <procedure>", "per the plan", slots)
    assert _full("every <effort> {be} made", "every effort has been made", {"effort": ["effort"]})


def test_an_unknown_named_slot_is_an_error():
    with pytest.raises(ValueError, match="<procedure>"):
        forms_pattern("per <procedure>")


def test_a_pack_with_a_broken_template_names_the_file(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        "rules:\n  - code: RL291\n    name: mine\n    category: judgemental\n"
        "    severity: warning\n    summary: s\n    message: m\n    hint: h\n"
        "    terms:\n      - forms: 'as per <thing>'\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="mine.yaml"):
        load_rule_specs([tmp_path])


def test_optional_named_slots_at_the_end_middle_and_start():
    slots = {"what": ["session", "sessions"], "kind": ["reasonable", "possible"]}
    assert _full("direct work <what?>", "direct work", slots)
    assert _full("direct work <what?>", "direct work sessions", slots)
    assert _full("every <kind?> effort", "every effort", slots)
    assert _full("every <kind?> effort", "every reasonable effort", slots)
    assert _full("<kind?> effort", "effort", slots)
    assert not _full("every <kind?> effort", "every big effort", slots)


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [("agree", {"agrees", "agreed", "agreeing"}), ("dye", {"dyed", "dyeing"})],
)
def test_verbs_ending_in_ee_ye_or_oe_keep_their_e(lemma, forms):
    assert forms <= set(inflections(lemma))
    assert lemma + "ed" not in inflections(lemma)
