"""Nothing hangs and memory stays bounded: dead workers, FIFOs and devices, note size,
XLSX bombs, YAML aliases, --jobs, user regexes, and very long notes."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import time
import zipfile
from pathlib import Path

import pytest

from recordlint.batch import run as batch_run
from recordlint.batch.run import BatchOptions, WorkerDied, capped_jobs, default_jobs, run_batch
from recordlint.checks.packs import load_rule_specs
from recordlint.checks.regex_safety import RegexTimeout, compile_any, has_backreference
from recordlint.config import Config, load_config
from recordlint.engine import Linter
from recordlint.errors import ConfigError, InputError, RecordlintError
from recordlint.exercise import pattern_fact
from recordlint.model import Note
from recordlint.sources.files import SourceProblem, iter_text_notes
from recordlint.sources.reading import read_one
from recordlint.sources.tabular import open_export
from test_pack_safety import CODE, UNDECLARED, lint, regex_ids, regex_options, rule_with

RULE = """\
  - code: {code}
    name: {name}
    category: jargon
    summary: Test rule.
    message: 'Flagged "{{match}}".'
    hint: Say it plainly.
"""


def pack(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "test.yaml").write_text("rules:\n" + body, encoding="utf-8")
    return folder


# -- a batch worker that dies ------------------------------------------------------------------


def test_a_killed_worker_ends_the_batch_with_the_notes_it_held(tmp_path, monkeypatch):
    export = tmp_path / "export.csv"
    rows = [f'{i},"Contact with mum went well on visit {i}."' for i in range(1, 1201)]
    export.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    findings = tmp_path / "findings.csv"
    killed: list[int] = []
    real_size = batch_run.row_size

    def kill_a_worker_once(note):
        if not killed:
            import psutil

            workers = [
                c for c in psutil.Process().children() if "resource_tracker" not in c.cmdline()[-1]
            ]
            child = workers[0]
            killed.append(child.pid)
            os.kill(child.pid, signal.SIGKILL)
        return real_size(note)

    monkeypatch.setattr(batch_run, "row_size", kill_a_worker_once)
    options = BatchOptions(exports=[str(export)], jobs=2, output=findings, quiet=True)
    started = time.monotonic()
    with pytest.raises(WorkerDied) as died:
        run_batch(options, Config(select=["RL101"]))
    assert time.monotonic() - started < 120  # it ends; it does not wait for ever
    message = str(died.value)
    assert "worker process stopped unexpectedly" in message and f"{export}:" in message
    assert 0 < len(died.value.notes) < 1200
    with open(findings, encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0][0] == "note_id" and all(len(row) == len(table[0]) for row in table)
    assert len(table) > 1  # the notes finished before the worker died are there


def test_jobs_above_the_cpus_are_capped_with_a_message(capsys):
    cpus = default_jobs()
    assert capped_jobs(cpus + 50) == cpus
    assert f"--jobs {cpus + 50} is more than the {cpus} CPUs" in capsys.readouterr().err
    assert capped_jobs(1) == 1 and capped_jobs(None) == cpus


# -- FIFOs, devices and size ------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "note.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    item = read_one(fifo)
    assert isinstance(item, SourceProblem) and "FIFO" in item.message
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_as_a_note_and_as_an_export(device):
    [item] = list(iter_text_notes([device]))
    assert isinstance(item, SourceProblem) and item.fatal and "character device" in item.message
    with pytest.raises(InputError, match="character device"):
        open_export(device)


def test_a_note_over_the_size_limit_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_NOTE_MB", "0.001")  # about 1 KB
    path = tmp_path / "note.txt"
    path.write_text("Contact went well. " * 100, encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, SourceProblem)
    assert "note size limit of 1048 bytes" in item.message
    assert "RECORDLINT_MAX_NOTE_MB" in item.message
    stdin = read_one("-", stream=io.BytesIO(b"x" * 5000))
    assert isinstance(stdin, SourceProblem) and "standard input" in stdin.message


def test_a_bad_size_limit_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_NOTE_MB", "lots")
    path = tmp_path / "note.txt"
    path.write_text("Contact went well.", encoding="utf-8")
    with pytest.raises(RecordlintError, match="RECORDLINT_MAX_NOTE_MB"):
        read_one(path)


# -- XLSX ---------------------------------------------------------------------------------------


def workbook(path: Path, rows: list[list[str]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def rewrite_part(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_before_openpyxl(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_XLSX_MB", "1")
    path = workbook(tmp_path / "bomb.xlsx", [["id", "text"], ["1", "Contact went well."]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (3 << 20))  # 3 MB of zeros, ~3 KB
    assert path.stat().st_size < 100_000

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl must not be reached")

    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", no_openpyxl)
    with pytest.raises(InputError, match=r"unpacks to 3\.0 MB, over the XLSX limit of 1 MB"):
        list(open_export(path))


def test_a_huge_shared_strings_table_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_XLSX_MB", "1")  # shared strings: at most a fifth
    path = workbook(tmp_path / "strings.xlsx", [["id", "text"], ["1", "Contact went well."]])
    strings = b"".join(b"<si><t>note %d xxxxxxxxxxxxxxxxxxxx</t></si>" % i for i in range(8000))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/sharedStrings.xml", b"<?xml version='1.0'?><sst>" + strings + b"</sst>"
        )
    with pytest.raises(InputError, match="shared-strings table unpacks to"):
        open_export(path)


def test_an_xlsx_with_entity_declarations_is_refused(tmp_path):
    path = workbook(tmp_path / "laughs.xlsx", [["id", "text"], ["1", "Contact went well."]])
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'

    def with_doctype(xml: bytes) -> bytes:
        if xml.startswith(b"<?xml"):
            end = xml.index(b"?>") + 2
            return xml[:end] + doctype + xml[end:]
        return doctype + xml

    rewrite_part(path, "xl/worksheets/sheet1.xml", with_doctype)
    with pytest.raises(InputError, match="declares a document type or entities"):
        open_export(path)


def test_malformed_sheet_xml_is_a_one_line_error(tmp_path):
    path = workbook(
        tmp_path / "broken.xlsx",
        [["id", "text"]] + [[str(i), f"Note {i}."] for i in range(1, 50)],
    )
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(InputError) as error:
        list(open_export(path))
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


# -- YAML aliases ---------------------------------------------------------------------------------

LAUGHS = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_alias_expansion_in_a_pack_is_refused(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "laughs.yaml").write_text(LAUGHS + "rules: [*i]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML alias"):
        load_rule_specs([folder])


def test_alias_expansion_in_the_config_is_refused(tmp_path):
    path = tmp_path / ".recordlint.yaml"
    path.write_text("x-anchors:\n" + "".join("  " + line + "\n" for line in LAUGHS.splitlines())
                    + "ignore: *i\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ConfigError, match="YAML alias"):
        load_config(path)


def test_too_many_aliases_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_YAML_ALIASES", "3")
    path = tmp_path / ".recordlint.yaml"
    path.write_text("select: &s [RL1]\nignore: [*s, *s, *s, *s]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="more than 3 YAML aliases"):
        load_config(path)


# -- regular expressions ----------------------------------------------------------------------

HOSTILE = ["(a|aa)+b", "(a|a)+$", "a*" * 12 + "b"]  # "(a|a)*$" can match empty text: refused


@pytest.mark.parametrize("pattern", HOSTILE)
def test_a_hostile_term_pattern_stops_with_a_clear_error(tmp_path, monkeypatch, pattern):
    monkeypatch.setenv("RECORDLINT_REGEX_SECONDS", "0.2")
    body = (
        RULE.format(code="TRX101", name="test-redos")
        + f"    terms:\n      - pattern: '{pattern}'\n"
    )
    linter = Linter(Config(rule_paths=[pack(tmp_path / "p", body)], select=["TRX"]))
    started = time.monotonic()
    try:
        findings = linter.lint(Note(text="a" * 5000 + "c")).findings
    except RegexTimeout as stopped:
        assert "TRX101" in str(stopped) and "RECORDLINT_REGEX_SECONDS" in str(stopped)
    else:
        assert findings == []  # an engine that needs no time limit for it is fine too
    assert time.monotonic() - started < 20


#: Backtracks for ever on ``test_pack_safety.RUN``, yet passes the load checks (no nested
#: repetition, matches no empty text): only the time limit can stop it.
SLOW = r"\s*(a|aa)+$"


@pytest.mark.parametrize(
    ("kind", "option", "sub"), regex_ids(regex_options() + UNDECLARED)
)  # every regex option of every kind, from their declarations
def test_every_user_regex_of_a_kind_is_time_limited(tmp_path, monkeypatch, kind, option, sub):
    monkeypatch.setenv("RECORDLINT_REGEX_SECONDS", "0.2")
    real_compile = re._compile

    def untimed(pattern, flags):  # Python's ``re`` has no time limit: a user's never goes there
        assert not (isinstance(pattern, str) and SLOW in pattern), f"re.compile({pattern!r})"
        return real_compile(pattern, flags)

    monkeypatch.setattr(re, "_compile", untimed)
    started = time.monotonic()
    with pytest.raises(RegexTimeout, match=CODE):
        lint(tmp_path, rule_with(kind, option, sub, SLOW), kind)
    assert time.monotonic() - started < 20


def test_voice_cues_are_time_limited(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_REGEX_SECONDS", "0.2")
    body = (
        "  - code: TRX103\n    name: test-redos-voice\n    category: child-voice\n"
        "    kind: child-voice\n    summary: Test.\n    message: No voice.\n    hint: Add it.\n"
        "    voice_lemmas: {speech: [say]}\n    not_seen_cues: ['(a|aa)+b']\n"
    )
    linter = Linter(Config(rule_paths=[pack(tmp_path / "p", body)], select=["TRX"]))
    note = Note(text="Home visit. I saw Tom. Tom " + "a" * 5000 + "c", child="Tom", type="visit")
    with pytest.raises(RegexTimeout):
        linter.lint(note)


def test_an_exercise_keep_pattern_is_time_limited(monkeypatch):
    monkeypatch.setenv("RECORDLINT_REGEX_SECONDS", "0.2")
    fact = pattern_fact("(a|aa)+b")
    with pytest.raises(RegexTimeout):
        fact.found_in("a" * 5000 + "c")


def test_backreferences_survive_merging(tmp_path):
    body = RULE.format(code="TRX104", name="test-backref") + (
        "    terms:\n      - match: placement\n      - pattern: '(\\w+) \\1'\n"
        "      - pattern: '(?P<w>\\w+)-(?P=w)'\n"
    )
    linter = Linter(Config(rule_paths=[pack(tmp_path / "p", body)], select=["TRX"]))
    text = "The placement went went well, bye-bye for now, no repeat here."
    excerpts = [f.excerpt for f in linter.lint(Note(text=text)).findings]
    assert excerpts == ["placement", "went went", "bye-bye"]
    assert has_backreference(r"(\w+) \1") and not has_backreference(r"(\w+) went")
    assert has_backreference(r"(?P<w>\w+) (?P=w)") and has_backreference(r"(a)?(?(1)b|c)")
    assert not has_backreference(r"a\\1")  # an escaped backslash, then the digit 1
    cues = compile_any([r"(\w+) \1", "never"], 0, trusted=False)
    assert cues.search("so so").group() == "so so"


def test_an_invalid_regex_in_a_kind_is_a_one_line_error(tmp_path):
    body = RULE.format(code="TRX105", name="test-bad-regex") + (
        "    kind: rationale\n    decision_cues: ['(unclosed']\n    reason_cues: [because]\n"
    )
    with pytest.raises(ConfigError, match="invalid regular expression") as error:
        Linter(Config(rule_paths=[pack(tmp_path / "p", body)], select=["TRX"]))
    assert "TRX105" in str(error.value) and "\n" not in str(error.value)


# -- very long notes ----------------------------------------------------------------------------


def test_a_long_note_reports_note_level_findings_once(monkeypatch):
    from recordlint import engine

    monkeypatch.setattr(engine, "SEGMENT_CHARS", 2_000)
    paragraph = "Home visit. I saw Tom in the kitchen with his carer. The home was clean.\n\n"
    note = Note(text=paragraph * 300, child="Tom", type="visit")  # about 22,000 characters
    assert len(note.text) > 10 * engine.SEGMENT_CHARS
    findings = Linter(Config(select=["RL411"])).lint(note).findings
    assert [f.rule for f in findings] == ["RL411"]
    assert findings[0].line == 1


def test_segment_positions_stay_right(monkeypatch):
    from recordlint import engine

    monkeypatch.setattr(engine, "SEGMENT_CHARS", 500)
    text = ("We talked about the visit.\n" * 60) + "The placement is stable.\n"
    result = Linter(Config(select=["RL101"])).lint(Note(text=text))
    placement = [f for f in result.findings if f.excerpt.lower() == "placement"]
    assert placement and placement[0].line == 61 and placement[0].column == 5
    assert text[placement[0].start : placement[0].end] == "placement"
