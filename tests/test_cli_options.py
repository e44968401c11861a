"""Typed choices, the --output-format alias, shell completion and the one error prefix."""

from __future__ import annotations

import json
import os

import pytest

from conftest import EXAMPLES, run_cli
from recordlint.cli import FailOn
from recordlint.config import FAIL_ON_CHOICES
from recordlint.reporters import REPORTERS

NOTE = "Contact with mum was cancelled by the LA.\n"


def _one_error_line(result) -> str:
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith("recordlint: error: ")
    assert b"Traceback" not in result.stderr
    return lines[0]


def test_fail_on_choices_are_the_severities_recordlint_has():
    assert tuple(f.value for f in FailOn) == FAIL_ON_CHOICES


def test_help_lists_the_choices():
    text = run_cli("check", "--help", env={**os.environ, "COLUMNS": "200"}).stdout.decode()
    words = " ".join(text.replace("│", " ").split())
    assert all(f"{name}: " in words for name in REPORTERS)
    assert "error|warning|info|never" in text
    assert f"<{'|'.join(REPORTERS)}>" in text  # --format's choices, as --fail-on shows its own
    (line,) = [row for row in text.splitlines() if "--format," in row]
    assert "<str>" not in line
    assert "--output-format" in text


@pytest.mark.parametrize("command", ["rules", "diff", "exercise", "compare"])
def test_other_formats_are_choices_too(command):
    text = run_cli(command, "--help", env={**os.environ, "COLUMNS": "200"}).stdout.decode()
    assert "<text|json>" in text


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-", "--format", "nope"],
        ["check", "-", "--output-format", "XML"],
        ["check", "-", "-f", ""],
        ["rules", "--format", "nope"],
        ["diff", "a.txt", "b.txt", "--format", "nope"],
        ["exercise", "exercise.yaml", "answer.txt", "-f", "nope"],
        ["compare", "old.json", "new.json", "-f", "nope"],
    ],
)
def test_an_unknown_format_is_one_error_line(args):
    value = args[-1]
    line = _one_error_line(run_cli(*args, stdin=NOTE))
    assert f"'{value}' is not one of 'text', " in line
    assert f"(see 'recordlint {args[0]} --help')" in line


def test_a_registered_format_is_a_choice(monkeypatch):
    from typer.testing import CliRunner

    from recordlint.cli import app
    from recordlint.reporters import LazyReporter, register_reporter

    runner = CliRunner()
    assert runner.invoke(app, ["check", "-", "--format", "loud"], input=NOTE).exit_code == 2
    monkeypatch.setitem(REPORTERS, "loud", REPORTERS["text"])  # removed again afterwards
    register_reporter(LazyReporter("loud", "for this test", "recordlint.reporters.text:render"))
    shown = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "300"}).output
    assert "|gitlab|loud>" in shown
    ran = runner.invoke(app, ["check", "-", "--format", "loud", "--select", "RL101"], input=NOTE)
    assert "Invalid value" not in ran.output and ran.exit_code in (0, 1)


def test_output_format_is_an_alias_of_format():
    lexical = ("--select", "RL101,RL111")  # rules that need no spaCy model: a fast test
    by_alias = run_cli("check", "-", "--output-format", "json", *lexical, stdin=NOTE)
    by_name = run_cli("check", "-", "--format", "json", *lexical, stdin=NOTE)
    assert by_alias.returncode == by_name.returncode == 1
    assert json.loads(by_alias.stdout)["findings"] == json.loads(by_name.stdout)["findings"]


@pytest.mark.parametrize(
    "args, named",
    [
        (["check", "-", "--format", "xml"], "'xml' is not one of 'text', 'concise'"),
        (["check", "-", "--fail-on", "sometimes"], "'sometimes' is not one of"),
        (["check", "--no-such-option"], "No such option: --no-such-option"),
        (["explain"], "Missing argument"),
        (["no-such-command"], "No such command"),
        (["check", "/no/such/note.txt"], "/no/such/note.txt"),
    ],
)
def test_every_error_has_the_same_prefix(args, named):
    line = _one_error_line(run_cli(*args, stdin=NOTE))
    assert named in line


def test_fail_on_choice_still_decides_the_exit_code():
    lexical = ("--select", "RL101,RL111")  # warnings, and no spaCy model to load
    assert run_cli("check", "-", "--fail-on", "error", *lexical, stdin=NOTE).returncode == 0
    assert run_cli("check", "-", "--fail-on", "info", *lexical, stdin=NOTE).returncode == 1


def test_completion_options_are_enabled():
    text = run_cli("--help", env={**os.environ, "COLUMNS": "200"}).stdout.decode()
    assert "--install-completion" in text and "--show-completion" in text


def test_completion_offers_the_format_choices():
    env = {
        **os.environ,
        "_RECORDLINT_COMPLETE": "complete_bash",
        "COMP_WORDS": "recordlint check --format js",
        "COMP_CWORD": "3",
    }
    result = run_cli(env=env)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.decode().split()) == {"json", "jsonl"}
    env["COMP_WORDS"] = "recordlint check --fail-on w"
    assert run_cli(env=env).stdout.decode().split() == ["warning"]
    env["COMP_WORDS"], env["COMP_CWORD"] = "recordlint ch", "1"
    assert run_cli(env=env).stdout.decode().split() == ["check"]


def test_completion_lists_every_format_of_each_command():
    env = {**os.environ, "_RECORDLINT_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    env["COMP_WORDS"] = "recordlint check --format "
    assert run_cli(env=env).stdout.decode().split() == list(REPORTERS)
    env["COMP_WORDS"] = "recordlint rules --format "
    assert run_cli(env=env).stdout.decode().split() == ["text", "json"]
    env["COMP_WORDS"], env["COMP_CWORD"] = "recordlint diff a b -f j", "5"
    assert run_cli(env=env).stdout.decode().split() == ["json"]


@pytest.mark.skipif(not (EXAMPLES / "poor-visit-note.txt").exists(), reason="examples missing")
def test_show_completion_prints_a_script_for_the_named_shell():
    # Typer detects the shell from the process's parents unless told not to (its testing
    # switch), when it takes the shell named; a test run may have no shell above it.
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = run_cli("--show-completion", "bash", env=env)
    assert result.returncode == 0, result.stderr
    assert b"_RECORDLINT_COMPLETE" in result.stdout and b"complete" in result.stdout
