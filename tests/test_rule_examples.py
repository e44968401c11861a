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
