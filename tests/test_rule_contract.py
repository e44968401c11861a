"""The contract of a rule kind: typed options checked from their declaration, the parse
protocol as a base class, `fixable` and `note_types` read from the kind and the pack."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path
from typing import get_origin, get_type_hints

import pytest

from cli_helpers import run_main
from recordlint.checks import load_kinds
from recordlint.checks.base import KINDS, ParsedRule, RuleMeta
from recordlint.checks.packs import load_rule_specs
from recordlint.checks.terms import TermEntry
from recordlint.cli import main
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.errors import ConfigError
from recordlint.model import Note, Severity
from recordlint.schema import OptionError, Options, parse_options, regex_fields

load_kinds()

HEAD = """\
rules:
  - code: TCT{number}
    name: contract-{number}
    category: {category}
    summary: A rule for these tests.
    message: Flagged.
    hint: Write it plainly.
"""
TERMS = "    terms:\n      - match: went well\n"
RATIONALE = "    kind: rationale\n    decision_cues: [decided]\n    reason_cues: [because]\n"
VOICE = "    kind: child-voice\n    voice_lemmas: {speech: [say]}\n"
PASSIVE = "    kind: passive\n    decision_verbs: [decide]\n"
ACRONYM = "    kind: acronym\n    allow: [OK]\n"
BLAME = "    kind: blame\n    verbs: [refuse]\n"


def write_pack(folder: Path, body: str, *, number: str = "101", category: str = "jargon") -> Path:
    """A pack with one rule: the shared head, then ``body`` (its kind and options)."""
    folder.mkdir(exist_ok=True)
    (folder / "contract.yaml").write_text(
        HEAD.format(number=number, category=category) + body, encoding="utf-8"
    )
    return folder


def refusal(tmp_path: Path, body: str, **head: str) -> str:
    """The one-line error a pack with this rule body is refused with."""
    folder = write_pack(tmp_path / "packs", body, **head)
    with pytest.raises(ConfigError) as error:
        load_rule_specs([folder])
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / 'contract.yaml'}:2: TCT"), message
    return message


# -- unknown keys, wrong types, bad enums --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (TERMS + "    requires_chlid: true\n", "unknown key 'requires_chlid' (did you mean "
         "'requires_child'?)"),
        ("    terms:\n      - match: went well\n        sugest: fine\n",
         "terms entry 1: unknown key 'sugest' (did you mean 'suggest'?)"),
        (RATIONALE + "    windw: 2\n", "unknown key 'windw' (did you mean 'window'?)"),
        (VOICE + "    seen_cue: [visit]\n", "did you mean 'seen_cues'?"),
        (PASSIVE + "    adjectivals: [worried]\n", "did you mean 'adjectival'?"),
        (ACRONYM + "    severty: info\n", "did you mean 'severity'?"),
        (TERMS + "    colour: blue\n", "unknown key 'colour'"),
    ],
)  # fmt: skip
def test_an_unknown_key_is_refused_with_a_suggestion(tmp_path, body, expected):
    assert expected in refusal(tmp_path, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    terms:\n      - match: went well\n        severity: critical\n",
         "'severity' must be one of error, warning, info, not 'critical'"),
        (RATIONALE + "    window: two\n", "'window' must be a whole number, not 'two'"),
        (RATIONALE + "    window: true\n", "'window' must be a whole number"),
        (RATIONALE + "    window: -1\n", "'window' must be 0 or more"),
        (TERMS + "    requires_child: maybe\n", "'requires_child' must be true or false"),
        ("    terms:\n      - match: went well\n        safe: yes please\n",
         "'safe' must be true or false"),
        (PASSIVE + "    incidental_severity: loud\n", "'incidental_severity' must be one of"),
        (ACRONYM + "    expansions: [SW, social worker]\n", "'expansions' must be a mapping"),
        (ACRONYM + "    allow: SW\n", "'allow' must be a list"),
        (VOICE + "    not_people: [Mum, No]\n", "'not_people' has False, not text"),
        ("    terms:\n      - match: 12\n", "'match' must be text or a list"),
        ("    terms:\n      - suggest: fine\n", "each term needs 'match', 'pattern' or 'forms'"),
        ("    terms: [went well]\n", "terms entry 1 must be a mapping"),
        ("    kind: rationale\n    reason_cues: [because]\n", "'decision_cues' is required"),
        (TERMS + "    rewrite: poem\n", "'rewrite' must be one of describe"),
    ],
)  # fmt: skip
def test_a_wrong_type_or_value_is_refused(tmp_path, body, expected):
    assert expected in refusal(tmp_path, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (TERMS + "    enabled: sometimes\n", "'enabled' must be true or false"),
        (TERMS + "    note_types: visit\n", "note_types must be a list"),
    ],
)
def test_metadata_types_are_checked_too(tmp_path, body, expected):
    assert expected in refusal(tmp_path, body)


def test_check_reports_a_bad_option_in_one_line_with_status_2(tmp_path, monkeypatch, capsys):
    folder = write_pack(
        tmp_path / "packs", "    terms:\n      - match: went well\n        severity: critical\n"
    )
    note = tmp_path / "note.txt"
    note.write_text("The visit went well.\n", encoding="utf-8")
    config = tmp_path / ".recordlint.yaml"
    config.write_text(f"rule_paths: [{folder.as_posix()}]\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["recordlint", "check", str(note), "--config", str(config)])
    with pytest.raises(SystemExit) as stopped:
        main()
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "contract.yaml:2: TCT101: terms entry 1: 'severity' must be one of" in err


def test_shipped_packs_are_checked_against_the_same_declarations(tmp_path, monkeypatch):
    """The built-in folder gets the same option checks (only its regex checks are deferred)."""
    from recordlint.checks import packs

    folder = write_pack(tmp_path / "builtin", RATIONALE + "    window: two\n")
    monkeypatch.setattr(packs, "builtin_rules_dir", lambda: folder)
    with pytest.raises(ConfigError, match="'window' must be a whole number"):
        load_rule_specs()


# -- every regex of every kind ---------------------------------------------------------------------

KIND_BODIES = {"terms": TERMS, "rationale": RATIONALE, "child-voice": VOICE, "blame": BLAME}


def _regex_cases():
    for kind, cls in sorted(KINDS.items()):
        for name in regex_fields(cls.options_type):
            yield pytest.param(kind, name, id=f"{kind}-{name}")


@pytest.mark.parametrize(("kind", "name"), list(_regex_cases()))
def test_every_regex_option_is_refused_when_it_could_hang(tmp_path, kind, name):
    base = KIND_BODIES[kind]
    lines = [line for line in base.splitlines() if not line.startswith(f"    {name}:")]
    listed = get_origin(get_type_hints(KINDS[kind].options_type)[name]) is tuple
    value = "['(a+)+$']" if listed else "'(a+)+$'"
    message = refusal(tmp_path, "\n".join(lines) + f"\n    {name}: {value}\n")
    assert f"{name} '(a+)+$' refused: nested repetition" in message


def test_the_regex_kinds_are_all_covered():
    """Kinds with regex options are all in KIND_BODIES; terms keep theirs in each entry."""
    with_regexes = {k for k, c in KINDS.items() if regex_fields(c.options_type)}
    assert with_regexes == set(KIND_BODIES) - {"terms"}
    assert regex_fields(TermEntry) == ["pattern", "not_before", "not_after"]
    assert set(regex_fields(KINDS["rationale"].options_type)) == {
        "decision_cues", "reason_cues", "not_decision", "decision_keywords",
        "purpose_cues", "not_purpose_after", "own_choice",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("(unclosed", "invalid regular expression"), ("(a+)+$", "nested repetition")],
)
@pytest.mark.parametrize("name", ["pattern", "not_before", "not_after"])
def test_term_regexes_are_refused_when_invalid_or_unsafe(tmp_path, name, pattern, reason):
    first = "pattern: went" if name != "pattern" else "match: went"
    body = f"    terms:\n      - {first}\n      - {first}\n        {name}: '{pattern}'\n"
    expected = f"terms entry 2: {name} '{pattern}' refused: {reason}"
    assert expected in refusal(tmp_path, body)


def test_a_hostile_decision_cue_cannot_hang_check(tmp_path, monkeypatch, capsys):
    """The pattern from the report: refused before any note is read, not after seconds."""
    folder = write_pack(
        tmp_path / "packs", "    kind: rationale\n    decision_cues: ['(a+)+$']\n"
        "    reason_cues: [because]\n", category="rationale",
    )  # fmt: skip
    note = tmp_path / "note.txt"
    note.write_text("We decided. " + ("a" * 3000 + "c. ") * 5, encoding="utf-8")
    config = tmp_path / ".recordlint.yaml"
    config.write_text(f"rule_paths: [{folder.as_posix()}]\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["recordlint", "check", str(note), "--config", str(config)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    assert "decision_cues '(a+)+$' refused" in capsys.readouterr().err


# -- the typed options themselves ----------------------------------------------------------------


def test_every_shipped_rule_gets_its_kinds_typed_options():
    for meta, options in load_rule_specs():
        assert isinstance(options, KINDS[meta.kind].options_type), meta.code
        with pytest.raises(AttributeError):
            options.window = 3  # frozen


def test_options_read_as_typed_attributes(tmp_path):
    folder = write_pack(tmp_path / "packs", RATIONALE + "    window: 2\n", category="rationale")
    [(meta, options)] = [s for s in load_rule_specs([folder]) if s[0].code == "TCT101"]
    assert options.window == 2 and options.decision_cues == ("decided",)
    assert options.not_decision == () and options.get("window") == 2
    assert options.get("no_such_key", "default") == "default"
    assert options["window"] == 2
    with pytest.raises(KeyError):
        options["no_such_key"]


def test_every_option_type_is_one_the_schema_knows():
    """A declaration the schema cannot read would fail on the first pack that used the key."""
    for kind, cls in KINDS.items():
        hints = get_type_hints(cls.options_type)
        defaults = {  # required lists given as empty lists, required mappings as one empty entry
            f.name: {"x": []} if get_origin(hints[f.name]) is dict else []
            for f in fields(cls.options_type)
            if f.metadata.get("required")
        }
        parse_options(cls.options_type, defaults)
        assert issubclass(cls.options_type, Options), kind


def test_a_rule_built_from_a_plain_mapping_is_checked_too():
    meta = RuleMeta(
        code="TCT900", name="contract-direct", category="rationale", severity=Severity.WARNING,
        summary="s", why="", message="m", hint="h", examples=None, kind="rationale",  # type: ignore[arg-type]
    )  # fmt: skip
    with pytest.raises(OptionError, match="unknown key 'windw'"):
        KINDS["rationale"](meta, {"decision_cues": ["x"], "reason_cues": ["y"], "windw": 1},
                           Config())  # fmt: skip
    rule = KINDS["rationale"](meta, {"decision_cues": ["x"], "reason_cues": ["y"]}, Config())
    assert rule.options.window == 1


# -- the parse protocol, fixable, note_types ---------------------------------------------------


def test_the_parse_protocol_is_a_base_class():
    parsed = {kind for kind, cls in KINDS.items() if issubclass(cls, ParsedRule)}
    assert parsed == {"passive", "blame", "character", "child-voice"}
    assert all(cls.needs_parse == issubclass(cls, ParsedRule) for cls in KINDS.values())


def test_fixable_is_declared_by_the_kind():
    assert {kind for kind, cls in KINDS.items() if cls.fixable} == {"terms", "acronym"}


def test_the_voice_rules_note_types_are_pack_data():
    [voice] = [m for m, _ in load_rule_specs() if m.kind == "child-voice"]
    assert set(voice.note_types) == {"visit", "meeting", "direct-work"}


NOTE = "I saw Tom at home with his mum. Tom's room was tidy and the visit went well.\n"


def test_the_engine_honours_note_types_of_any_rule(tmp_path):
    folder = write_pack(tmp_path / "packs", TERMS + "    note_types: [phone-call, visit]\n")
    linter = Linter(Config(rule_paths=[folder], select=["TCT"]))
    flagged = {
        note_type: [f.excerpt for f in linter.lint(Note(text=NOTE, type=note_type)).findings]
        for note_type in ("phone-call", "visit", "closure", None)
    }
    assert flagged == {
        "phone-call": ["went well"], "visit": ["went well"], "closure": [], None: ["went well"],
    }  # fmt: skip
    assert linter.lint(Note(text=NOTE, type="closure")).findings == []
    closure = Linter(Config(rule_paths=[folder], select=["TCT"], note_type="closure"))
    assert closure.lint(Note(text=NOTE, type="visit")).findings == []  # --note-type wins


def test_a_voice_rule_follows_its_own_note_types(tmp_path):
    body = VOICE + "    note_types: [phone-call]\n"
    folder = write_pack(tmp_path / "packs", body, category="child-voice", number="411")
    linter = Linter(Config(rule_paths=[folder], select=["TCT"]))
    silent = "I spoke to Tom's mum about Tom. Tom is doing well at school.\n"
    codes = {
        note_type: [f.rule for f in linter.lint(Note(text=silent, type=note_type, child="Tom"))
                    .findings]
        for note_type in ("phone-call", "visit")
    }  # fmt: skip
    assert codes == {"phone-call": ["TCT411"], "visit": []}


def test_the_shipped_voice_rule_skips_a_phone_call(linter):
    silent = "Home visit. I saw Tom in the lounge with his carer. The home was clean.\n"
    for note_type, expected in (("visit", ["RL411"]), ("phone-call", []), (None, ["RL411"])):
        note = Note(text=silent, type=note_type, child="Tom")
        assert [f.rule for f in linter.lint(note).findings if f.rule == "RL411"] == expected


# -- one way to read a note file -----------------------------------------------------------------

READ_NOTE = "Contact with mum went well. The ICPC is on 3 May.\n"
ENCODINGS = {
    "utf-16-le-bom": b"\xff\xfe" + READ_NOTE.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + READ_NOTE.encode("utf-16-be"),
    "utf-8-bom": b"\xef\xbb\xbf" + READ_NOTE.encode("utf-8"),
    "utf-8-crlf": READ_NOTE.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_every_command_reads_a_note_file_the_same_way(tmp_path, monkeypatch, capsys, name):
    """check, fix, baseline and diff all accept the file and see the same words in it."""
    import json

    from recordlint.sources import read_one

    note = tmp_path / "note.txt"
    note.write_bytes(ENCODINGS[name])
    assert read_one(note).text.replace("\r\n", "\n") == READ_NOTE
    code, out, err = run_main(monkeypatch, capsys, "check", str(note), "-f", "json",
                              "--select", "RL101,RL111")  # fmt: skip
    assert code == 1, err
    excerpts = sorted(f["excerpt"] for f in json.loads(out)["findings"])
    assert excerpts == ["Contact", "ICPC"]
    code, out, err = run_main(monkeypatch, capsys, "baseline", str(note), "-o",
                              str(tmp_path / "base.json"), "--select", "RL101,RL111")  # fmt: skip
    assert code == 0, err
    assert len(json.loads((tmp_path / "base.json").read_text("utf-8"))["findings"]) == 2
    code, out, err = run_main(monkeypatch, capsys, "diff", str(note), str(note), "-f", "json")
    assert code == 0, err
    code, out, err = run_main(monkeypatch, capsys, "fix", str(note), "--write", "--no-backup",
                              "--select", "RL101,RL111")  # fmt: skip
    assert code == 0, err
    fixed = note.read_bytes()
    if name.startswith("utf-16"):  # still UTF-16 with a byte-order mark
        assert fixed.startswith((b"\xff\xfe", b"\xfe\xff")), fixed[:4]
    else:  # UTF-8 with the byte-order mark it had, or none
        assert fixed.startswith(b"\xef\xbb\xbf") == (name == "utf-8-bom"), fixed[:4]
    text = read_one(note).text
    assert "Family time with mum" in text and "initial child protection conference (ICPC)" in text
    assert ("\r\n" in text) == (name == "utf-8-crlf")
