"""The layout's promises: output formats come from one registry (with their help), help
never loads spaCy, and every command lives in a module of its own."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from recordlint.cli import app
from recordlint.commands import COMMANDS
from recordlint.reporters import REPORTERS, LazyReporter, get_reporter, register_reporter


def test_the_format_help_lists_every_registered_format():
    # wide enough for the choices' <text|concise|...> to stay on one row beside the help
    output = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "300"}).output
    shown = " ".join(output.replace("│", " ").split())  # the words, without the help's boxes
    for reporter in REPORTERS.values():
        assert f"{reporter.name}: {reporter.help}" in shown, reporter.name


def test_every_registered_format_renders_a_note(linter):
    from recordlint.model import Note
    from recordlint.reporters import ReportContext

    result = linter.lint(Note(text="Contact with mum went well.\n", path="note.txt"))
    context = ReportContext(rules=[rule.meta for rule in linter.rules], version="0")
    for name, reporter in REPORTERS.items():
        assert reporter.help and "\n" not in reporter.help
        assert "RL101" in get_reporter(name)([result], context), name


def test_a_registered_format_is_usable_by_check(tmp_path, monkeypatch):
    from recordlint.reporters import concise

    monkeypatch.setattr(concise, "shout", lambda results, ctx: "LOUD", raising=False)
    monkeypatch.setitem(REPORTERS, "loud", REPORTERS["text"])  # removed again afterwards
    register_reporter(LazyReporter("loud", "for this test", "recordlint.reporters.concise:shout"))
    note = tmp_path / "note.txt"
    note.write_text("Contact with mum went well.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(note), "--format", "loud"])
    assert result.output.strip() == "LOUD"


def test_help_does_not_load_spacy():
    code = (
        "import sys\n"
        "from recordlint.cli import app\n"
        "for args in (['--help'], ['check', '--help'], ['fix', '--help'], ['diff', '--help']):\n"
        "    try:\n"
        "        app(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'spacy' not in sys.modules, 'spacy loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "diff" in done.stdout and "--format" in done.stdout


def test_each_command_has_its_own_module():
    assert {name: name for name in COMMANDS} == COMMANDS
    shown = CliRunner().invoke(app, ["--help"], terminal_width=200).output
    for name in COMMANDS:
        assert name in shown
