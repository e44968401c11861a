"""What a user pack can put in a rule's options cannot hang a run or switch a rule off
unnoticed: every regex option of every kind is time-limited (see
``test_every_user_regex_of_a_kind_is_time_limited``), a term or pattern that matches empty
text is refused at load, no finding is ever zero-width, and ``.nan`` / ``.inf`` are refused.

The cases are worked out from the kinds' declared options (``regex_fields``, ``entry_schemas``
and ``float`` fields), so a new kind or option is covered as soon as it is declared."""

from __future__ import annotations

import math
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml

from recordlint.checks import load_kinds
from recordlint.checks.base import KINDS
from recordlint.checks.packs import load_rule_specs
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.errors import ConfigError
from recordlint.model import Note
from recordlint.schema import OptionError, Options, parse_options, regex_fields

load_kinds()

CODE = "TPS101"
HEAD = {
    "code": CODE,
    "name": "pack-safety",
    "category": "jargon",
    "summary": "A rule for these tests.",
    "message": 'Flagged "{match}".',
    "hint": "Write it plainly.",
}
#: A run that makes ``(a|aa)+$`` backtrack for ever (it fails at " b").
RUN = "a" * 40 + " b"

#: For each kind with regex options: options that reach every one of them on ``text``
#: (the option under test is then replaced), and the note's child and type. The ``terms``
#: entry is the base of each entry option's case.
REACH: dict[str, dict[str, Any]] = {
    "terms": {"options": {"terms": [{"match": "went"}]}, "text": f"Mum {RUN} went {RUN}."},
    "rationale": {
        "options": {
            "decision_cues": ["decided"],
            "reason_cues": ["because"],
            "purpose_cues": [r"to\s+keep"],
        },
        "text": f"Mum {RUN} decided to close the case {RUN} to keep {RUN}.",
    },  # fmt: skip
    "blame": {
        "options": {"verbs": ["refuse"], "roles": ["mum"]},
        "text": f"Mum refused to come {RUN}.",
    },
    "child-voice": {
        "options": {"voice_lemmas": {"speech": ["say"]}, "seen_cues": ["visit"]},
        "text": f"Dear Tom, home visit. {RUN}.",
        "child": "Tom",
    },
}
#: Regex options a kind does not declare with ``regex()`` (their kind checks them itself).
UNDECLARED = [("child-voice", "seen_cues", None), ("child-voice", "not_seen_cues", None)]


def entry_schemas(cls: type[Options]) -> dict[str, type[Options]]:
    """The options of ``cls`` that are lists of sub-entries, and each one's schema."""
    found = {}
    for field in fields(cls):
        for value in field.metadata.values():
            if isinstance(value, type) and issubclass(value, Options):
                found[field.name] = value
    return found


def regex_options() -> list[tuple[str, str, str | None]]:
    """(kind, option, sub-option of its entries or None) for every regex option of a kind."""
    cases = []
    for kind, cls in sorted(KINDS.items()):
        cases += [(kind, name, None) for name in regex_fields(cls.options_type)]
        for name, schema in entry_schemas(cls.options_type).items():
            cases += [(kind, name, sub) for sub in regex_fields(schema)]
    return cases


def regex_ids(cases: list[tuple[str, str, str | None]]) -> list[Any]:
    return [pytest.param(*c, id="-".join(p for p in c if p)) for c in cases]


def _listed(cls: type, name: str) -> bool:
    return typing.get_origin(typing.get_type_hints(cls)[name]) is tuple


def rule_with(kind: str, option: str, sub: str | None, pattern: str) -> dict[str, Any]:
    """The rule of ``REACH[kind]`` with ``pattern`` as its option (or entries' sub-option)."""
    options = {k: list(v) if isinstance(v, list) else v for k, v in REACH[kind]["options"].items()}
    cls = KINDS[kind].options_type
    if sub is not None:
        schema = entry_schemas(cls)[option]
        base = dict(options[option][0])
        base[sub] = [pattern] if _listed(schema, sub) else pattern
        options[option] = [base]
    else:
        options[option] = [pattern] if _listed(cls, option) else pattern
    return {**HEAD, "kind": kind, **options}


def write_rule(folder: Path, rule: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump({"rules": [rule]}, allow_unicode=True, sort_keys=False)
    (folder / "safety.yaml").write_text(text, encoding="utf-8")
    return folder


def refused(tmp_path: Path, rule: dict[str, Any]) -> str:
    """The one-line error the pack is refused with, checked to start with file:line."""
    folder = write_rule(tmp_path / "packs", rule)
    with pytest.raises(ConfigError) as error:
        load_rule_specs([folder])
    message = str(error.value)
    assert message.startswith(f"{folder / 'safety.yaml'}:2: {CODE}: "), message
    assert "\n" not in message
    return message


def lint(tmp_path: Path, rule: dict[str, Any], kind: str) -> list[Any]:
    folder = write_rule(tmp_path / "packs", rule)
    linter = Linter(Config(rule_paths=[folder], select=[CODE]))
    note = Note(text=REACH[kind]["text"], child=REACH[kind].get("child"))
    return linter.lint(note).findings


def test_every_kind_with_a_regex_option_has_a_case():
    """A kind that declares a regex option needs a REACH entry to be tested at all."""
    assert {kind for kind, _, _ in regex_options()} == set(REACH)
    assert ("blame", "excuse", None) in regex_options()
    assert ("terms", "terms", "not_after") in regex_options()


# -- terms and patterns that match empty text -----------------------------------------------------


_NOT_YET = pytest.mark.xfail(
    reason="child-voice checks its {child} cues itself (voice.py: _slot_patterns_reason); "
    "declared as regex_list(slot='{child}') they would get the schema's checks"
)


@pytest.mark.parametrize(
    ("kind", "option", "sub"),
    regex_ids(regex_options()) + [pytest.param(*c, id=c[1], marks=_NOT_YET) for c in UNDECLARED],
)
def test_a_regex_option_that_matches_empty_text_anywhere_is_refused(tmp_path, kind, option, sub):
    """'because|' (an empty alternative) matches every note: a reason everywhere, a term's
    exclusion everywhere, an excuse for every blame, an empty finding."""
    message = refused(tmp_path, rule_with(kind, option, sub, "because|"))
    assert f"{sub or option} 'because|' refused: it " in message
    assert "match" in message and "empty text" in message


@pytest.mark.parametrize(("kind", "option", "sub"), regex_ids(regex_options()))
def test_a_blank_regex_option_is_refused(tmp_path, kind, option, sub):
    message = refused(tmp_path, rule_with(kind, option, sub, "  "))
    assert f"'{sub or option}' must be a non-empty regular expression" in message


@pytest.mark.parametrize(
    "entry",
    [
        {"pattern": "x?"},
        {"pattern": r"\b"},
        {"pattern": "(?=went)"},
        {"pattern": "went|"},
        {"pattern": "(a*)\\1"},
        {"forms": ""},
        {"forms": []},
        {"forms": "<who?>", "slots": {"who": ["mum"]}},
        {"forms": "{det}"},
    ],
    ids=str,
)
def test_a_term_that_can_match_empty_text_is_refused(tmp_path, entry):
    """What a term matches is a finding: one that can be empty would be a finding of nothing."""
    message = refused(tmp_path, {**HEAD, "terms": [{"match": "went"}, entry]})
    assert "terms entry 2: " in message
    assert "refused: it can match empty text, which would give a finding with no words" in message


@pytest.mark.parametrize(
    ("name", "cue"),
    [
        ("not_before", r"(?:^|[.!?]\s+)$"),  # the term starts a sentence (or the note)
        ("not_after", r"\s*$"),  # the term ends the note
        ("not_after", r"(?=\s*\()"),  # a bracket follows
    ],
)
def test_a_cue_may_match_empty_text_at_a_place_it_names(tmp_path, name, cue):
    """A cue tests the text around a match, which can be empty: only 'anywhere' is refused."""
    folder = write_rule(tmp_path / "packs", {**HEAD, "terms": [{"match": "went", name: cue}]})
    assert [m.code for m, _ in load_rule_specs([folder]) if m.code == CODE] == [CODE]


def test_the_shipped_packs_pass_the_empty_text_checks():
    load_rule_specs(check_builtin=True)


# -- no zero-width finding, even from a pattern the load checks did not see ----------------------


@pytest.mark.parametrize("pattern", ["x?", r"\b", "(?=went)", "went|", r"(?<=Mum)"])
def test_no_term_finding_is_zero_width(tmp_path, monkeypatch, pattern):
    """The run-time guard: a pattern that slipped past the load check still finds nothing empty."""
    from recordlint import schema
    from recordlint.checks import terms

    for module in (schema, terms):
        monkeypatch.setattr(module, "empty_reason", lambda *a, **k: None, raising=False)
    rule = {**HEAD, "terms": [{"pattern": pattern}]}
    folder = write_rule(tmp_path / "packs", rule)
    linter = Linter(Config(rule_paths=[folder], select=[CODE]))
    findings = linter.lint(Note(text="Mum went home. Mum went out, and went on.")).findings
    assert all(f.end > f.start for f in findings), [(f.start, f.end) for f in findings]
    if pattern == "went|":
        assert [f.excerpt for f in findings] == ["went"] * 3


@pytest.mark.parametrize(("kind", "option", "sub"), regex_ids(regex_options()))
def test_no_kind_gives_a_zero_width_finding_from_an_empty_pattern(
    tmp_path, monkeypatch, kind, option, sub
):
    """Every regex option of every kind set to one that matches empty text everywhere (the
    load check turned off): whatever the kind finds, none of it is empty."""
    from recordlint import schema
    from recordlint.checks import terms

    for module in (schema, terms):
        monkeypatch.setattr(module, "empty_reason", lambda *a, **k: None, raising=False)
    findings = lint(tmp_path, rule_with(kind, option, sub, "x?"), kind)
    assert all(f.end > f.start for f in findings), [(f.start, f.end) for f in findings]


# -- numbers that are not finite ------------------------------------------------------------------


def float_options() -> list[Any]:
    """(kind, option) for every ``float`` option (plain or optional) of every kind."""
    cases = []
    for kind, cls in sorted(KINDS.items()):
        hints = typing.get_type_hints(cls.options_type)
        for field in fields(cls.options_type):
            hint = hints[field.name]
            if hint is float or float in typing.get_args(hint):
                cases.append(pytest.param(kind, field.name, id=f"{kind}-{field.name}"))
    return cases


def test_the_float_options_are_found():
    found = {p.values for p in float_options()}
    assert {("character", "threshold"), ("scare-quote", "strength")} <= found


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "1.0e+999"])
@pytest.mark.parametrize(("kind", "option"), float_options())
def test_a_float_option_that_is_not_finite_is_refused(tmp_path, kind, option, value):
    """``threshold: .nan`` compares false with every score: the rule would find nothing."""
    required = REACH.get(kind, {}).get("options", {})
    rule = {**HEAD, "kind": kind, **required}
    folder = tmp_path / "packs"
    folder.mkdir()
    body = yaml.safe_dump({"rules": [rule]}, sort_keys=False).rstrip("\n")
    (folder / "safety.yaml").write_text(f"{body}\n  {option}: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rule_specs([folder])
    message = str(error.value)
    assert message.startswith(f"{folder / 'safety.yaml'}:2: {CODE}: '{option}' must be a finite")


def test_the_float_check_in_the_schema():
    """Below the packs: parse_options itself, and a finite number still passes."""
    cls = KINDS["character"].options_type
    for value in (math.nan, math.inf, -math.inf, 10**400):
        with pytest.raises(OptionError, match="'threshold' must be a finite number"):
            parse_options(cls, {"threshold": value})
    assert parse_options(cls, {"threshold": -2}).threshold == -2.0


def test_start_up_leaves_the_shipped_packs_regex_checks_to_the_tests(monkeypatch):
    """The shipped packs' regexes, those built from 'forms' too, are checked by the test
    above, not on every start; your own packs' are checked on every load."""
    from recordlint.checks import packs, terms

    checked: list[str] = []
    real = terms.unsafe_reason
    monkeypatch.setattr(terms, "unsafe_reason", lambda p: checked.append(p) or real(p))
    packs._options.cache_clear()
    load_rule_specs()
    assert checked == []
    packs._options.cache_clear()
    load_rule_specs(check_builtin=True)
    assert len(checked) > 5
