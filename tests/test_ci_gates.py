"""CI gates and training: baselines, --min-score, init, pre-commit hook, exercise and diff."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from recordlint.baseline import Baseline, filter_new, load_baseline
from recordlint.cli import app
from recordlint.commands.ci import STARTER, starter_config
from recordlint.config import Config, load_config
from recordlint.errors import RecordlintError
from recordlint.exercise import load_exercise, match_findings
from recordlint.model import Finding, Note, NoteResult, Severity

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "examples" / "exercises"
EXERCISE_NAMES = ("home-visit", "closure", "meeting")
STARTER_KEYS = (
    "select", "extend-select", "ignore", "severity", "thresholds", "jargon",
    "allowed_acronyms", "acronyms", "rule_paths", "model", "fail_on", "child",
)  # fmt: skip

NOTE = (
    "Home visit to see Ruby (8).\n"
    "\n"
    "It was decided that Ruby will stay with her gran.\n"
    "Concerns were raised about her school.\n"
)
NEW_PROBLEM = "A referral was made.\n"


def invoke(*args: str):
    """Run a command in this process (fast: the spaCy model loads once)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``recordlint ARGS`` as a user would, through the console entry point."""
    return subprocess.run(
        [sys.executable, "-m", "recordlint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def check_json(*args: str) -> tuple[int, dict]:
    result = invoke("check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


# -- baselines ------------------------------------------------------------------------------


def test_baseline_survives_line_shifts_and_reports_only_new(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    note = tmp_path / "notes" / "ruby.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    recorded = invoke("baseline", "./notes", "-o", "base.json")
    assert recorded.exit_code == 0, recorded.stdout
    entries = json.loads((tmp_path / "base.json").read_text("utf-8"))["findings"]
    assert entries and {e["path"] for e in entries} == {"notes/ruby.txt"}

    status, before = check_json("notes", "--baseline", "base.json")
    assert status == 0 and before["findings"] == []

    # Lines added above every old finding, and one new problem at the end.
    note.write_text("Written on Monday.\n\nI went by bus.\n" + NOTE + NEW_PROBLEM, "utf-8")
    status, after = check_json("notes/ruby.txt", "--baseline", "base.json")
    assert status == 1
    assert after["findings"], "the new finding is reported"
    assert {f["line"] for f in after["findings"]} == {8}
    assert all(f["excerpt"] in NEW_PROBLEM for f in after["findings"])

    status, full = check_json("notes/ruby.txt")
    assert len(full["findings"]) > len(after["findings"])


def test_baseline_counts_repeated_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    note = tmp_path / "ruby.txt"
    note.write_text(NEW_PROBLEM, encoding="utf-8")
    assert invoke("baseline", "ruby.txt").exit_code == 0
    baseline = load_baseline(tmp_path / ".recordlint-baseline.json")
    note.write_text(NEW_PROBLEM + "\n" + NEW_PROBLEM, encoding="utf-8")
    status, report = check_json("ruby.txt", "--baseline", ".recordlint-baseline.json")
    assert status == 1
    # One copy is in the baseline; the other is new, finding for finding.
    assert len(report["findings"]) == len(baseline)
    assert {f["line"] for f in report["findings"]} == {3}


def _finding(rule: str, excerpt: str, start: int) -> Finding:
    return Finding(
        rule=rule, name="n", category="passive", severity=Severity.WARNING, message="m",
        hint="h", suggestion=None, start=start, end=start + len(excerpt), excerpt=excerpt,
    )  # fmt: skip


def test_filter_new_matches_rule_path_and_words_not_lines():
    note = Note(text="x", path="notes/a.txt")
    old = [_finding("RL320", "was  made", 0)]
    baseline = Baseline()
    baseline.counts[("RL320", "notes/a.txt", "", "was made")] = 1
    result = NoteResult(note, old + [_finding("RL320", "was made", 50)])
    (kept,) = filter_new([result], baseline, cwd=".")
    assert [f.start for f in kept.findings] == [50]
    other_file = NoteResult(Note(text="x", path="notes/b.txt"), [_finding("RL320", "was made", 0)])
    assert filter_new([other_file], baseline, cwd=".")[0].findings


def test_baseline_stores_only_excerpts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ruby.txt").write_text(NOTE, encoding="utf-8")
    assert invoke("baseline", "ruby.txt", "-o", "b.json").exit_code == 0
    document = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert document["version"] == 1
    for entry in document["findings"]:
        assert set(entry) <= {"rule", "category", "path", "id", "excerpt"}
        assert entry["excerpt"] in " ".join(NOTE.split())
    assert " ".join(NOTE.split()) not in json.dumps(document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": 1, "findings": [', "b.json:1"),
        ("[]", "not a recordlint baseline"),
        ('{"version": 7, "findings": []}', "unsupported baseline version"),
        ('{"version": 1, "findings": {}}', "must be a list"),
        ('{"version": 1, "findings": [{"rule": "RL320", "path": "a.txt"}]}', "excerpt"),
    ],
)
def test_malformed_baseline_is_a_one_line_error(tmp_path, content, message):
    bad = tmp_path / "b.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(RecordlintError, match=message) as caught:
        load_baseline(bad)
    assert str(bad) in str(caught.value)


def test_malformed_baseline_exit_2_from_the_command_line(tmp_path):
    (tmp_path / "note.txt").write_text(NEW_PROBLEM, encoding="utf-8")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    result = run_cli("check", "note.txt", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "b.json" in lines[0] and "Traceback" not in result.stderr


# -- --min-score ----------------------------------------------------------------------------


def test_min_score_gate_on_real_notes():
    good = str(EXERCISES / "home-visit" / "model-answer.txt")
    poor = str(EXERCISES / "home-visit" / "poor-note.txt")
    assert invoke("check", poor, "--fail-on", "never").exit_code == 0
    assert invoke("check", poor, "--fail-on", "never", "--min-score", "70").exit_code == 1
    assert invoke("check", good, "--fail-on", "never", "--min-score", "70").exit_code == 0


# -- init -----------------------------------------------------------------------------------


def _defaults(config: Config) -> dict:
    data = vars(config).copy()
    data.pop("source")
    data["thresholds"] = vars(config.thresholds)
    return data


def test_init_writes_a_starter_that_loads_with_defaults(tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / ".recordlint.yaml"
    text = written.read_text("utf-8")
    assert _defaults(load_config(written)) == _defaults(Config())
    for key in STARTER_KEYS:
        assert f"\n# {key}:" in text, key
    assert len(STARTER) == len(STARTER_KEYS)


def test_starter_settings_are_valid_when_uncommented(tmp_path):
    path = tmp_path / ".recordlint.yaml"
    path.write_text(starter_config(commented=False), encoding="utf-8")
    config = load_config(path)
    assert config.fail_on == "warning" and config.thresholds.sentence_words == 30
    assert config.child == "Tom" and config.select


def test_init_refuses_to_overwrite_and_force_keeps_a_backup(tmp_path):
    config = tmp_path / ".recordlint.yaml"
    config.write_text("fail_on: error\n", encoding="utf-8")
    refused = run_cli("init", cwd=tmp_path)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert config.read_text("utf-8") == "fail_on: error\n"

    forced = run_cli("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / ".recordlint.yaml.bak").read_text("utf-8") == "fail_on: error\n"
    assert config.read_text("utf-8") == starter_config()


# -- pre-commit -----------------------------------------------------------------------------


def test_pre_commit_hooks_file():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list)
    (hook,) = [h for h in hooks if h["id"] == "recordlint"]
    assert hook["entry"] == "recordlint check"
    assert hook["language"] == "python"
    assert hook["name"]
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("notes/visit.txt") and not pattern.search("README.md")
    assert not pattern.search("notes.csv")


# -- exercises ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXERCISE_NAMES)
def test_shipped_exercise_model_answer_passes(name):
    folder = EXERCISES / name
    result = invoke("exercise", str(folder / "exercise.yaml"), str(folder / "model-answer.txt"))
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert "Result: PASS" in out
    assert "Fixed (" in out and "Remaining (0)" in out and "Introduced (0)" in out
    assert "LOST" not in out


@pytest.mark.parametrize("name", EXERCISE_NAMES)
def test_shipped_exercise_weak_answer_fails(name):
    folder = EXERCISES / name
    result = invoke("exercise", str(folder / "exercise.yaml"), str(folder / "weak-answer.txt"))
    assert result.exit_code == 1, result.stdout
    assert "Result: FAIL" in result.stdout
    assert "LOST" in result.stdout  # every weak answer drops a fact


def test_exercise_exit_status_through_the_entry_point():
    folder = EXERCISES / "home-visit"
    weak = run_cli("exercise", str(folder / "exercise.yaml"), str(folder / "weak-answer.txt"))
    assert weak.returncode == 1, weak.stderr
    assert "Result: FAIL" in weak.stdout and "fact lost: Ellis" in weak.stdout


def test_exercise_json_output():
    folder = EXERCISES / "home-visit"
    result = invoke(
        "exercise", str(folder / "exercise.yaml"), str(folder / "weak-answer.txt"), "-f", "json"
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["passed"] is False and data["reasons"]
    assert data["exercise"]["must_fix"] == [
        "passive",
        "rationale",
        "child-voice",
        "depersonalising",
    ]
    assert data["before"]["score"] < data["after"]["score"]
    assert {"fixed", "remaining", "introduced", "facts"} <= set(data)
    remaining = {(f["rule"], f["excerpt"]) for f in data["remaining"]}
    assert ("RL320", "It was decided") in remaining
    facts = {f["fact"]: f["kept"] for f in data["facts"]}
    assert facts["Kayden"] is True and facts["Ellis"] is False


def test_diff_lists_fixed_remaining_and_introduced():
    folder = EXERCISES / "home-visit"
    result = invoke("diff", str(folder / "poor-note.txt"), str(folder / "weak-answer.txt"))
    assert result.exit_code == 1  # the rewrite adds findings
    out = result.stdout
    fixed = out.split("Fixed (", 1)[1].split("Remaining (", 1)[0]
    remaining = out.split("Remaining (", 1)[1].split("Introduced (", 1)[0]
    introduced = out.split("Introduced (", 1)[1]
    assert '"The child"' in fixed and '"YP"' in fixed
    assert '"It was decided"' in remaining and '"was seen"' in remaining
    assert '"were told"' in introduced
    assert "Result:" not in out  # diff compares; it does not judge

    better = invoke("diff", str(folder / "poor-note.txt"), str(folder / "model-answer.txt"))
    assert better.exit_code == 0
    assert "Introduced (0)" in better.stdout


def test_diff_keep_phrase():
    folder = EXERCISES / "home-visit"
    args = ("diff", str(folder / "poor-note.txt"), str(folder / "weak-answer.txt"), "-f", "json")
    data = json.loads(invoke(*args, "--keep", "Ellis", "--keep", "2 April").stdout)
    assert {f["fact"]: f["kept"] for f in data["facts"]} == {"Ellis": False, "2 April": True}


def test_matching_counts_repeats():
    note = Note(text="x")
    before = NoteResult(note, [_finding("RL320", "was made", 0), _finding("RL320", "was made", 20)])
    after = NoteResult(note, [_finding("RL320", "was made", 5)])
    comparison = match_findings(before, after)
    assert len(comparison.remaining) == 1 and len(comparison.fixed) == 1
    assert comparison.introduced == []


# -- exercise files -------------------------------------------------------------------------


def _exercise(tmp_path: Path, body: str) -> Path:
    (tmp_path / "poor.txt").write_text("It was decided that Tom will stay with his aunt on 3 May.")
    path = tmp_path / "exercise.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_exercise_file_loads(tmp_path):
    path = _exercise(
        tmp_path,
        "original: poor.txt\nchild: Tom\ntype: Home Visit\nmust_fix: [passive]\n"
        'keep: [Tom, "3  may", {pattern: "stay(s)? with (his )?aunt", label: aunt}]\n'
        "min_score: 70\n",
    )
    exercise = load_exercise(path)
    assert exercise.note_type == "visit" and exercise.min_score == 70
    assert [f.label for f in exercise.keep] == ["Tom", "3 may", "aunt"]
    assert not exercise.keep[0].found_in("Tomorrow")


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("original: poor.txt\nmust_fix: [passive]\ncolour: red\n", ":3", "unknown key 'colour'"),
        ("original: poor.txt\nmust_fix: passive\n", ":2", "must be a list"),
        ("original: poor.txt\nmust_fix: [blame]\n", ":2", "unknown category 'blame'"),
        ("original: poor.txt\nmin_score: high\n", ":2", "whole number"),
        ("original: missing.txt\n", ":1", "not found"),
        ("must_fix: [passive]\n", "", "missing 'original"),
        ("original: poor.txt\nkeep:\n  - Tom\n  - Leah\n", ":4", "not in the original"),
        ("original: poor.txt\nkeep:\n  - pattern: '(a+)+$'\n", ":3", "nested repetition"),
        ("original: poor.txt\nkeep:\n  - {regex: x}\n", ":3", "unknown key"),
        ("original: poor.txt\nkeep: [\n", ":3", "invalid YAML"),
    ],
)
def test_bad_exercise_files_name_file_and_line(tmp_path, body, where, message):
    path = _exercise(tmp_path, body)
    with pytest.raises(RecordlintError, match=message) as caught:
        load_exercise(path)
    assert f"{path}{where}" in str(caught.value)


def test_bad_exercise_file_exit_2(tmp_path):
    path = _exercise(tmp_path, "original: poor.txt\nmust_fix: [blame]\n")
    answer = tmp_path / "answer.txt"
    answer.write_text("I decided Tom will stay with his aunt because he asked to.")
    result = run_cli("exercise", str(path), str(answer))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "exercise.yaml:2" in result.stderr
