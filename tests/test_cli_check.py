"""`recordlint check`, `rules` and `explain` as a user runs them: output, options, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

POOR = (
    "Statutory visit. Contact with mum went well. The ICPC is on 3 May.\n"
    "It was decided that the child will stay with her aunt. Mum refused to engage.\n"
    "No concerns at this time. Case to be closed.\n"
)
CLEAN = (
    "I visited Leah at home on Monday. Leah showed me her new bike and said she rides it "
    "to the park with her aunt. She told me she feels safe at home. I will visit again next "
    "week because Leah asked me to see her school play."
)


def test_poor_note_exit_1_with_several_categories():
    result = run_cli("check", "-", "--format", "json", "--child", "Leah", stdin=POOR)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    categories = {f["category"] for f in document["findings"]}
    assert {"jargon", "acronym", "passive", "rationale"} <= categories
    assert set(document) == {"version", "tool", "files", "findings", "summary"}
    for finding in document["findings"]:
        assert POOR[finding["start"] : finding["end"]] == finding["excerpt"]
        assert finding["hint"] and finding["message"]


def test_clean_note_exit_0_and_says_so():
    result = run_cli("check", "-", "--no-color", stdin=CLEAN)
    assert result.returncode == 0, result.stdout
    assert "No problems found" in result.stdout.decode()


def test_text_output_underlines_span_and_shows_hint():
    result = run_cli("check", "-", "--no-color", "--stdin-filename", "draft.txt", stdin=POOR)
    out = result.stdout.decode()
    assert "draft.txt" in out
    assert "hint:" in out and "^^^^" in out
    assert "\x1b[" not in out  # no colour codes when not a terminal
    assert "problems" in out.splitlines()[-1]


def test_concise_format_lines():
    result = run_cli("check", "-", "--format", "concise", "--stdin-filename", "a.txt", stdin=POOR)
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("a.txt:") for line in lines)
    assert any(" [acronym] " in line for line in lines)


def test_jsonl_format_one_finding_a_line():
    result = run_cli("check", "-", "--format", "jsonl", stdin=POOR)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert rows and all({"rule", "category", "start", "end", "line"} <= set(r) for r in rows)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [("acronym", {"acronym"}), ("RL4", {"rationale"}), ("decision-without-reason", {"rationale"})],
)
def test_select_by_category_prefix_and_name(selector, expected):
    result = run_cli("check", "-", "--format", "json", "--select", selector, stdin=POOR)
    assert {f["category"] for f in json.loads(result.stdout)["findings"]} == expected


def test_ignore_by_category():
    result = run_cli("check", "-", "--format", "json", "--ignore", "acronym,passive", stdin=POOR)
    categories = {f["category"] for f in json.loads(result.stdout)["findings"]}
    assert categories and not categories & {"acronym", "passive"}


def test_unknown_selector_is_a_usage_error():
    result = run_cli("check", "-", "--select", "RL999x", stdin=POOR)
    assert result.returncode == 2
    assert b"matches no rule" in result.stderr and b"Traceback" not in result.stderr


def test_fail_on_and_exit_zero():
    assert run_cli("check", "-", "--fail-on", "never", stdin=POOR).returncode == 0
    assert run_cli("check", "-", "--exit-zero", stdin=POOR).returncode == 0
    only_info = run_cli("check", "-", "--select", "RL503", "--fail-on", "warning", stdin=POOR)
    assert only_info.returncode == 0


def test_statistics_counts_rules():
    result = run_cli("check", "-", "--statistics", "--no-color", stdin=POOR)
    assert "RL401" in result.stdout.decode()


def test_child_name_used_in_hints():
    result = run_cli("check", "-", "--format", "json", "--child", "Leah", stdin=POOR)
    hints = " ".join(f["hint"] for f in json.loads(result.stdout)["findings"])
    assert "Leah" in hints


def test_note_type_switches_child_voice_on():
    note = "I saw Sam (6) at home with his dad. The kitchen was clean. Dad said school is fine."
    as_visit = run_cli("check", "-", "--format", "json", "--note-type", "visit", stdin=note)
    as_call = run_cli("check", "-", "--format", "json", "--note-type", "phone-call", stdin=note)
    assert "child-voice" in {f["category"] for f in json.loads(as_visit.stdout)["findings"]}
    assert "child-voice" not in {f["category"] for f in json.loads(as_call.stdout)["findings"]}


def test_folder_of_notes(tmp_path):
    (tmp_path / "a.txt").write_text(POOR, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--format", "json")
    paths = {f["path"] for f in json.loads(result.stdout)["files"]}
    assert paths == {str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")}


# --- bad input: one clear line, the right exit code, no traceback ---------------------------


def _assert_one_line_error(result, *needles: bytes, code: int = 2):
    assert result.returncode == code, (result.returncode, result.stderr)
    assert b"Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_missing_file(tmp_path):
    _assert_one_line_error(run_cli("check", str(tmp_path / "nope.txt")), b"nope.txt", b"no such")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02")
    _assert_one_line_error(run_cli("check", str(path)), b"photo.txt", b"offset 6")


def test_invalid_utf8_names_byte_offset_and_other_files_still_checked(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_bytes("Contact with mum went well \u00a3".encode("cp1252"))
    good = tmp_path / "b.txt"
    good.write_text(POOR, encoding="utf-8")
    result = run_cli("check", str(bad), str(good), "--format", "concise")
    _assert_one_line_error(result, b"a.txt", b"byte offset 27", b"cp1252")
    assert b"b.txt:" in result.stdout


def test_cp1252_with_encoding_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Contact with mum cost \u00a35 \u2013 it went well.".encode("cp1252"))
    result = run_cli("check", str(path), "--encoding", "cp1252", "--format", "json")
    assert result.returncode in (0, 1) and json.loads(result.stdout)["files"]


def test_utf8_bom_and_utf16_read(tmp_path):
    for name, data in [
        ("bom.txt", "\ufeff" + POOR),
        ("u16.txt", POOR),
    ]:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if name == "bom.txt" else data.encode("utf-16"))
        result = run_cli("check", str(path), "--format", "json")
        document = json.loads(result.stdout)
        assert document["findings"][0]["start"] >= 0
        assert not document["findings"][0]["excerpt"].startswith("\ufeff")


def test_empty_and_whitespace_input_is_nothing_to_check(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n", encoding="utf-8")
    result = run_cli("check", str(empty))
    assert result.returncode == 0
    assert b"empty" in result.stderr and b"nothing to check" in result.stderr
    assert run_cli("check", "-", stdin="").returncode == 0


def test_folder_with_no_notes(tmp_path):
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 0
    assert b"no .txt, .md or .docx notes" in result.stderr


def test_malformed_config_names_file_and_line(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text("select: [jargon]\nseverty:\n  RL101: error\n")
    result = run_cli("check", "-", stdin=POOR, cwd=tmp_path)
    _assert_one_line_error(result, b".recordlint.yaml:2", b"unknown key 'severty'")


def test_invalid_yaml_config(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text("select: [jargon\nignore: x\n")
    result = run_cli("check", "-", stdin=POOR, cwd=tmp_path)
    _assert_one_line_error(result, b".recordlint.yaml:", b"invalid YAML")


def test_unsafe_yaml_tag_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / ".recordlint.yaml").write_text(
        f"model: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    result = run_cli("check", "-", stdin=POOR, cwd=tmp_path)
    _assert_one_line_error(result, b".recordlint.yaml")
    assert not marker.exists()


def test_wrong_type_in_config(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text("thresholds:\n  sentence_words: lots\n")
    result = run_cli("check", "-", stdin=POOR, cwd=tmp_path)
    _assert_one_line_error(result, b".recordlint.yaml:1", b"sentence_words")


def test_config_found_upward_and_cli_overrides(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text("select: [acronym]\n")
    inner = tmp_path / "notes" / "2024"
    inner.mkdir(parents=True)
    from_config = run_cli("check", "-", "--format", "json", stdin=POOR, cwd=inner)
    assert {f["category"] for f in json.loads(from_config.stdout)["findings"]} == {"acronym"}
    overridden = run_cli(
        "check", "-", "--format", "json", "--select", "rationale", stdin=POOR, cwd=inner
    )
    assert {f["category"] for f in json.loads(overridden.stdout)["findings"]} == {"rationale"}


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.recordlint]\nselect = ["rationale"]\n')
    result = run_cli("check", "-", "--format", "json", stdin=POOR, cwd=tmp_path)
    assert {f["category"] for f in json.loads(result.stdout)["findings"]} == {"rationale"}


def test_config_thresholds_and_local_jargon(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text(
        "thresholds:\n  sentence_words: 8\n"
        "jargon:\n  - term: TAC meeting\n    suggest: team meeting\n"
        "allowed_acronyms: [ICPC]\n"
    )
    note = "We held the TAC meeting today. The ICPC is on 3 May and everyone will come along to it."
    result = run_cli("check", "-", "--format", "json", stdin=note, cwd=tmp_path)
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "RL190" in rules and "RL501" in rules
    assert not any(f["excerpt"] == "ICPC" for f in json.loads(result.stdout)["findings"])


def test_rules_and_explain():
    listing = run_cli("rules").stdout.decode()
    assert "RL401" in listing and "decision-without-reason" in listing
    explained = run_cli("explain", "RL401")
    text = explained.stdout.decode()
    assert explained.returncode == 0
    assert "Why it matters for the child" in text and "Flagged" in text
    assert run_cli("explain", "decision-without-reason").returncode == 0
    missing = run_cli("explain", "RL999")
    _assert_one_line_error(missing, b"RL999")


def test_help_rules_and_version_do_not_import_spacy():
    code = (
        "import sys\nfrom recordlint import cli\n"
        "for args in (['--version'], ['rules'], ['explain', 'RL401'], ['--help']):\n"
        "    try:\n        cli.app(args, standalone_mode=False)\n"
        "    except SystemExit:\n        pass\n"
        "print('spacy' in sys.modules, 'textstat' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False False", result.stderr


@pytest.mark.skipif(not (EXAMPLES / "poor-visit-note.txt").exists(), reason="examples missing")
def test_shipped_examples():
    poor = run_cli("check", str(EXAMPLES / "poor-visit-note.txt"), "--format", "json")
    assert poor.returncode == 1
    categories = {f["category"] for f in json.loads(poor.stdout)["findings"]}
    assert len(categories) >= 5, categories
    good = run_cli("check", str(EXAMPLES / "good-visit-note.txt"), "--format", "json")
    assert good.returncode == 0, json.loads(good.stdout)["findings"]
    assert json.loads(good.stdout)["findings"] == []


def test_no_colour_env(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    result = run_cli("check", "-", stdin=POOR, env=env)
    assert b"\x1b[" not in result.stdout
    assert Path  # keeps the import used when the examples are absent


def test_missing_model_is_one_line_exit_2(tmp_path):
    (tmp_path / ".recordlint.yaml").write_text("model: en_no_such_model\n")
    result = run_cli("check", "-", stdin=POOR, cwd=tmp_path)
    _assert_one_line_error(result, b"en_no_such_model", b"pip install")
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_lexical_rules_only_never_load_spacy():
    code = (
        "import sys\nfrom recordlint.config import Config\nfrom recordlint.engine import Linter\n"
        "from recordlint.model import Note\n"
        "linter = Linter(Config(select=['jargon', 'acronym', 'rationale']))\n"
        "result = linter.lint(Note(text='It was decided. Contact with mum. The ICPC met.'))\n"
        "print(len(result.findings) > 0, 'spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["True", "False"], result.stderr
