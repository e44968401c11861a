"""Every rule's own examples run as tests: 'bad' must be flagged by it, 'good' must not."""

from __future__ import annotations

import re

import pytest

from recordlint.checks.packs import load_rule_specs
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.model import CATEGORIES, Note

SPECS = load_rule_specs()
FAMILY = {
    "1": {"jargon", "acronym"},
    "2": {"judgemental", "depersonalising"},
    "3": {"passive", "defensive"},
    "4": {"rationale", "child-voice"},
    "5": {"readability"},
}
CONFIG_DRIVEN = {"local-jargon"}


@pytest.fixture(scope="module")
def all_rules_linter() -> Linter:
    return Linter(Config(select=["ALL"]))


def _cases(kind: str):
    for meta, _ in SPECS:
        for index, text in enumerate(getattr(meta.examples, kind)):
            yield pytest.param(meta.code, text, id=f"{meta.code}-{meta.name}-{kind}{index}")


@pytest.mark.parametrize(("code", "text"), list(_cases("bad")))
def test_bad_example_is_flagged(all_rules_linter, code, text):
    result = all_rules_linter.lint(Note(text=text))
    assert code in {f.rule for f in result.findings}, [f.rule for f in result.findings]


@pytest.mark.parametrize(("code", "text"), list(_cases("good")))
def test_good_example_is_not_flagged(all_rules_linter, code, text):
    result = all_rules_linter.lint(Note(text=text))
    flagged = [(f.rule, f.excerpt) for f in result.findings if f.rule == code]
    assert not flagged


def test_every_rule_has_examples_of_both_kinds():
    for meta, _ in SPECS:
        if meta.name in CONFIG_DRIVEN:
            continue
        assert meta.examples.bad, f"{meta.code} has no bad example"
        assert meta.examples.good, f"{meta.code} has no good example"


def test_codes_follow_their_family_and_the_category_contract():
    codes = [meta.code for meta, _ in SPECS]
    names = [meta.name for meta, _ in SPECS]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for meta, _ in SPECS:
        assert re.fullmatch(r"RL\d{3}", meta.code)
        assert meta.category in CATEGORIES
        assert meta.category in FAMILY[meta.code[2]], f"{meta.code} is {meta.category}"


def test_every_category_has_an_enabled_rule():
    covered = {meta.category for meta, _ in SPECS if meta.enabled}
    assert covered == set(CATEGORIES)


def test_shipped_patterns_are_valid_and_cannot_backtrack_for_ever():
    """The shipped packs' regexes pass the same checks as a user's pack (done here, once)."""
    specs = load_rule_specs(check_builtin=True)
    assert len(specs) == len(SPECS)


def _checked_cases():
    for meta, _ in SPECS:
        for index, example in enumerate(meta.examples.checked):
            yield pytest.param(meta.code, example, id=f"{meta.code}-{meta.name}-checked{index}")


CHECKED = list(_checked_cases())


def test_some_examples_say_their_span_and_fix():
    assert len(CHECKED) >= 5
    assert any(case.values[1].fix is not None for case in CHECKED)


@pytest.mark.parametrize(("code", "example"), CHECKED)
def test_a_checked_example_flags_its_span_and_fixes_as_written(all_rules_linter, code, example):
    """A bad example written as {text, span, fix}: the rule flags exactly ``span``, and
    `recordlint fix` with this rule's safe fixes turns ``text`` into ``fix``."""
    from recordlint.fix import fix_text

    def lint(text: str):
        return [f for f in all_rules_linter.lint(Note(text=text)).findings if f.rule == code]

    if example.span is not None:
        assert example.span in [f.excerpt for f in lint(example.text)]
    if example.fix is not None:
        assert fix_text(example.text, lint).text == example.fix


def test_a_bad_example_mapping_is_checked_when_the_pack_loads(tmp_path):
    from recordlint.errors import ConfigError

    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "rules:\n  - code: TEX101\n    name: example-check\n    category: jargon\n"
        "    summary: s\n    message: m\n    hint: h\n    terms: [{match: respite}]\n"
        "    examples:\n      bad:\n        - {text: 'Respite is booked.', span: 'a break'}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="p.yaml:2: TEX101: bad example 1: span 'a break' is not"):
        load_rule_specs([folder])
