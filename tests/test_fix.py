"""`recordlint fix`: safe edits, guards, the fixed-point loop, the command, interactive review."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from recordlint.cli import app, main
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.errors import RecordlintError
from recordlint.fix import (
    Edit,
    apply_edits,
    fix_text,
    needs_an,
    plan_fixes,
    protected_spans,
    sentence_initial,
    unified_diff,
)
from recordlint.interactive import review
from recordlint.model import Finding, Note, Severity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

PACK = """\
rules:
  - code: TFX101
    name: test-fix-jargon
    category: jargon
    summary: Test jargon with safe swaps.
    message: '"{match}" is jargon.'
    hint: 'Try "{suggestion}".'
    terms:
      - match: contact
        suggest: family time
        safe: true
      - match: placement
        suggest: home
        safe: true
      - match: prior to
        suggest: before
        safe: true
      - match: in order to
        suggest: to
        safe: true
      - match: respite
        suggest: a short break
  - code: TFX111
    name: test-fix-acronym
    category: acronym
    kind: acronym
    summary: Test acronyms.
    message: '"{match}" is not spelled out.'
    hint: 'Spell it out, e.g. "{expansion} ({match})".'
    allow: [GP, TV]
    expansions:
      ICPC: initial child protection conference
      SGO: special guardianship order
      IRO: independent reviewing officer
    ambiguous:
      CP: [child protection, care plan]
"""


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fix-pack")
    (folder / "fix.yaml").write_text(PACK, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def config_file(pack_dir, tmp_path_factory) -> Path:
    """A config that adds the test pack (select it with --select TFX)."""
    path = tmp_path_factory.mktemp("fix-config") / ".recordlint.yaml"
    path.write_text(f"rule_paths: [{pack_dir.as_posix()}]\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pack_linter(pack_dir) -> Linter:
    return Linter(Config(rule_paths=[pack_dir], select=["TFX"]))


def fixed(linter: Linter, text: str, child: str | None = None) -> str:
    def lint(current: str) -> list[Finding]:
        return linter.lint(Note(text=current, child=child)).findings

    return fix_text(text, lint, names=[child] if child else []).text


# -- safe fixes on real sentences ---------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Contact with mum went well.", "Family time with mum went well."),
        ("We talked about contact, placement and respite.",
         "We talked about family time, home and respite."),
        ("I went  prior to  the meeting ;  then.", "I went  before  the meeting ;  then."),
        ("Leah's placement is stable!", "Leah's home is stable!"),
        ("- contact: Saturday (weekly)", "- family time: Saturday (weekly)"),
        ("(Placement) ended.", "(Home) ended."),
        ("The ICPC is on 3 May. The ICPC will decide.",
         "The initial child protection conference (ICPC) is on 3 May. The ICPC will decide."),
        ("ICPC on Friday.", "Initial child protection conference (ICPC) on Friday."),
        ("An SGO was made.", "A special guardianship order (SGO) was made."),
        ("an IRO visited.", "an independent reviewing officer (IRO) visited."),
        ("The CP plan and the GP.", "The CP plan and the GP."),
        ("Line one.\r\nContact went well.\r\n", "Line one.\r\nFamily time went well.\r\n"),
        ("NOTES PRIOR TO REVIEW\nSeen.", "NOTES BEFORE REVIEW\nSeen."),
    ],
)  # fmt: skip
def test_safe_fixes_keep_case_punctuation_and_spacing(pack_linter, before, after):
    assert fixed(pack_linter, before) == after


@pytest.mark.parametrize(
    "text",
    [
        'Kai said "contact is boring" and left.',
        "Kai said “prior to school I cry” quietly.",
        "Kai said 'contact is boring' and left.",
        'Kai said "contact is boring and then he left',
        "Mrs Contact visited on Monday.",
        "We met at Placement House.",
        "We went prior\nto the meeting.",
        "The ICPC's decision was clear.",
        "Two ICPCs were held.",
    ],
)
def test_quotes_names_and_line_breaks_are_left_alone(pack_linter, text):
    assert fixed(pack_linter, text) == text


def test_only_the_text_outside_quotes_changes(pack_linter):
    text = 'Kai said "contact is boring", so contact will be at the park.'
    assert fixed(pack_linter, text) == (
        'Kai said "contact is boring", so family time will be at the park.'
    )


def test_fixing_is_idempotent(pack_linter):
    text = "An ICPC prior to contact. The ICPC and the IRO met in order to plan placement."
    once = fixed(pack_linter, text)
    assert once == (
        "An initial child protection conference (ICPC) before family time. The ICPC and the "
        "independent reviewing officer (IRO) met to plan home."
    )
    assert fixed(pack_linter, once) == once


def test_an_expansion_is_not_expanded_again(pack_linter):
    text = "The initial child protection conference (ICPC) is today. The ICPC is at 10am."
    assert fixed(pack_linter, text) == text


# -- the pure logic -------------------------------------------------------------------------


def finding(
    text: str, word: str, suggestion: str | None, *, safe: bool = True, rule: str = "RL999"
) -> Finding:
    start = text.index(word)
    return Finding(
        rule=rule,
        name="test",
        category="jargon",
        severity=Severity.WARNING,
        message=f'"{word}" is jargon.',
        hint="",
        suggestion=suggestion,
        start=start,
        end=start + len(word),
        safe=safe,
    )


def test_plan_keeps_the_first_of_overlapping_edits():
    text = "We had contact time today."
    edits = plan_fixes(
        text,
        [finding(text, "contact time", "family time"), finding(text, "time", "hours")],
    )
    assert [(e.old, e.new) for e in edits] == [("contact time", "family time")]


def test_plan_skips_unsafe_and_unusable_suggestions():
    text = "contact and placement and respite and review and visit"
    findings = [
        finding(text, "contact", "family time", safe=False),
        finding(text, "placement", None),
        finding(text, "respite", "[name]'s break"),
        finding(text, "review", " review meeting"),
        finding(text, "visit", "{child} visit"),
    ]
    assert plan_fixes(text, findings) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Seen on 3 May at contact.", "3 May"),
        ("Seen 12/09/2024 today.", "12/09/2024"),
        ("Seen on Monday at home.", "Monday"),
        ("He waited 40 minutes.", "40"),
        ("He waited forty minutes.", "forty"),
        ("Then Leah said no.", "Leah"),
        ('He said "no" then.', '"no"'),
    ],
)
def test_plan_never_touches_dates_numbers_names_or_quotes(text, word):
    assert plan_fixes(text, [finding(text, word, "something")], names=["Leah"]) == []


def test_names_given_are_protected_even_at_the_start():
    text = "Leah went home."
    assert plan_fixes(text, [finding(text, "Leah", "The child")], names=["Leah"]) == []
    assert plan_fixes(text, [finding(text, "Leah", "The child")]) != []


def test_protected_spans_cover_an_unclosed_quote_to_the_end_of_the_line():
    text = 'She said "contact is boring\nNext line contact.'
    spans = protected_spans(text)
    assert (9, text.index("\n")) in spans


def test_sentence_initial():
    text = "Hi. - Contact went well:\n(Placement) ok"
    assert sentence_initial(text, 0)
    assert sentence_initial(text, text.index("Contact"))
    assert sentence_initial(text, text.index("Placement"))
    assert not sentence_initial(text, text.index("went"))


@pytest.mark.parametrize(
    ("words", "an"),
    [("initial", True), ("SGO", True), ("IRO", True), ("PEP", False), ("home", False),
     ("hour", True), ("unit", False), ("one-off", False), ("education plan", True)],
)  # fmt: skip
def test_needs_an(words, an):
    assert needs_an(words) is an


def test_apply_edits_in_any_order_and_refuses_overlaps():
    text = "abc def ghi"
    edits = [Edit(8, 11, "ghi", "G"), Edit(0, 3, "abc", "A")]
    assert apply_edits(text, edits) == "A def G"
    with pytest.raises(ValueError):
        apply_edits(text, [Edit(0, 5, "abc d", "x"), Edit(4, 7, "def", "y")])


def test_a_suggestion_that_loops_is_dropped():
    """A suggestion that contains its own term would grow for ever; it is not applied."""

    def lint(text: str) -> list[Finding]:
        found = []
        index = text.find("contact")
        while index >= 0:
            found.append(
                Finding(
                    "RL999",
                    "t",
                    "jargon",
                    Severity.INFO,
                    "",
                    "",
                    "contact time",
                    index,
                    index + 7,
                    safe=True,
                )  # fmt: skip
            )
            index = text.find("contact", index + 1)
        return found

    text = "We had contact."
    assert fix_text(text, lint).text == text


def test_unified_diff():
    diff = unified_diff("note.txt", "one\ntwo\n", "one\n2\n")
    assert diff.splitlines() == ["--- a/note.txt", "+++ b/note.txt", "@@ -1,2 +1,2 @@", " one",
                                 "-two", "+2"]  # fmt: skip
    assert "\\ No newline at end of file" in unified_diff("n", "a", "b")
    assert unified_diff("n", "same\n", "same\n") == ""


# -- the command -----------------------------------------------------------------------------

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["fix", *args], input=stdin)


def note_file(tmp_path: Path, text: str, name: str = "note.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


NOTE = "Contact with mum went well.\nThe ICPC is on 3 May.\n"
CONTACT_FIXED = "Family time with mum went well.\n"
ICPC_FIXED = "The initial child protection conference (ICPC) is on 3 May.\n"
FIXED = CONTACT_FIXED + ICPC_FIXED


def test_default_prints_a_diff_and_writes_nothing(tmp_path, config_file):
    path = note_file(tmp_path, NOTE)
    result = invoke(str(path), "--config", str(config_file), "--select", "TFX")
    assert result.exit_code == 0, result.output
    assert "-Contact with mum went well." in result.stdout
    assert "+Family time with mum went well." in result.stdout
    assert "2 safe fixes shown" in result.stderr
    assert path.read_text(encoding="utf-8") == NOTE
    assert not (tmp_path / "note.txt.bak").exists()


def test_write_keeps_a_backup_and_leaves_no_temporary_files(tmp_path, config_file):
    path = note_file(tmp_path, NOTE)
    result = invoke(str(path), "--write", "--config", str(config_file), "--select", "TFX")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "note.txt.bak").read_text(encoding="utf-8") == NOTE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt", "note.txt.bak"]


def test_write_no_backup(tmp_path, config_file):
    path = note_file(tmp_path, NOTE)
    result = invoke(str(path), "-w", "--no-backup", "--config", str(config_file), "--select", "TFX")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_write_with_diff_shows_and_writes(tmp_path, config_file):
    path = note_file(tmp_path, NOTE)
    result = invoke(str(path), "--write", "--diff", "--config", str(config_file), "--select", "TFX")
    assert "+Family time with mum went well." in result.stdout
    assert path.read_text(encoding="utf-8") == FIXED


def test_write_keeps_byte_order_mark_and_line_endings(tmp_path, config_file):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffContact went well.\r\nOK.\r\n".encode())
    invoke(str(path), "--write", "--no-backup", "--config", str(config_file), "--select", "TFX")
    assert path.read_bytes() == "\ufeffFamily time went well.\r\nOK.\r\n".encode()


def test_stdin_to_stdout(config_file):
    result = invoke("-", "--config", str(config_file), "--select", "TFX", stdin=NOTE)
    assert result.exit_code == 0
    assert result.stdout == FIXED


def test_stdin_with_diff(config_file):
    result = invoke("-", "--diff", "--config", str(config_file), "--select", "TFX", stdin=NOTE)
    assert result.stdout.startswith("--- a/-\n+++ b/-\n")


def test_nothing_to_fix(tmp_path, config_file):
    path = note_file(tmp_path, "Leah went to school.\n")
    result = invoke(str(path), "--write", "--config", str(config_file), "--select", "TFX")
    assert result.exit_code == 0
    assert "nothing to fix" in result.stderr
    assert not (tmp_path / "note.txt.bak").exists()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "TFX111"], "Contact with mum went well.\n" + ICPC_FIXED),
        (["--select", "TFX", "--ignore", "acronym"], CONTACT_FIXED + "The ICPC is on 3 May.\n"),
        (["--select", "test-fix-jargon"], CONTACT_FIXED + "The ICPC is on 3 May.\n"),
    ],
)
def test_select_and_ignore(config_file, options, expected):
    result = invoke("-", "--config", str(config_file), *options, stdin=NOTE)
    assert result.stdout == expected


def test_unknown_selector_is_an_error(config_file):
    result = invoke("-", "--config", str(config_file), "--select", "NOPE9", stdin=NOTE)
    assert isinstance(result.exception, RecordlintError)


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the console entry point; return its exit status and standard error."""
    monkeypatch.setattr(sys, "argv", ["recordlint", "fix", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return exit_info.value.code, capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_read_only_file_is_left_intact_with_a_clear_error(
    tmp_path, config_file, monkeypatch, capsys
):
    path = note_file(tmp_path, NOTE)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        code, err = run_main(
            monkeypatch, capsys, str(path), "--write", "--config", str(config_file),
            "--select", "TFX",
        )  # fmt: skip
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code == 2
    assert err.count("\n") == 1 and "read-only" in err and err.startswith("recordlint: error:")
    assert path.read_text(encoding="utf-8") == NOTE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


@pytest.mark.parametrize("backup", [True, False])
def test_a_failed_write_leaves_the_original_intact(
    tmp_path, config_file, monkeypatch, capsys, backup
):
    path = note_file(tmp_path, NOTE)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    args = [str(path), "--write", "--config", str(config_file), "--select", "TFX"]
    code, err = run_main(monkeypatch, capsys, *args, *([] if backup else ["--no-backup"]))
    assert code == 2
    assert "No space left on device" in err and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == NOTE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["missing.txt"], "no such file"),
        ("folder", ["folder"], "is a folder"),
        ("latin1", ["latin1.txt"], "invalid UTF-8"),
        (None, ["-", "--interactive"], "--interactive needs a file"),
        (None, ["-", "--no-backup"], "--no-backup only makes sense with --write"),
    ],
)
def test_errors_exit_2_with_one_line(tmp_path, monkeypatch, capsys, setup, args, message):
    monkeypatch.chdir(tmp_path)
    if setup == "folder":
        (tmp_path / "folder").mkdir()
    if setup == "latin1":
        (tmp_path / "latin1.txt").write_bytes("caf\xe9 contact".encode("latin-1"))
    code, err = run_main(monkeypatch, capsys, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1


# -- interactive review ---------------------------------------------------------------------

TEXT = "Contact went well. The ICPC met prior to contact. The IRO came."


@pytest.fixture
def edits(pack_linter) -> list[Edit]:
    return plan_fixes(TEXT, pack_linter.lint(Note(text=TEXT)).findings)


def scripted(text: str, edits: list[Edit], answers: str) -> tuple[str, str]:
    output = io.StringIO()
    console = Console(file=output, width=200, color_system=None)
    accepted = review(text, edits, console=console, stream=io.StringIO(answers))
    return apply_edits(text, accepted), output.getvalue()


def test_interactive_offers_each_edit_in_order(edits):
    assert [(e.rule, e.old) for e in edits] == [
        ("TFX101", "Contact"), ("TFX111", "ICPC"), ("TFX101", "prior to"), ("TFX101", "contact"),
        ("TFX111", "IRO"),
    ]  # fmt: skip


def test_interactive_accept_and_skip(edits):
    text, shown = scripted(TEXT, edits, "a\ns\ns\na\ns\n")
    assert text == "Family time went well. The ICPC met prior to family time. The IRO came."
    assert "- Contact went well." in shown and "+ Family time went well." in shown
    assert "Accepted 2 of 5 suggestions." in shown


def test_interactive_edit(edits):
    text, _ = scripted(TEXT, edits, "e\ntime with mum\ns\ns\ns\ns\n")
    assert text.startswith("time with mum went well.")


def test_interactive_edit_with_an_empty_line_keeps_the_suggestion(edits):
    text, _ = scripted(TEXT, edits, "e\n\nq\n")
    assert text.startswith("Family time went well. The ICPC")


def test_interactive_accept_all_of_a_rule(edits):
    text, shown = scripted(TEXT, edits, "A\ns\ns\n")
    assert text == "Family time went well. The ICPC met before family time. The IRO came."
    assert shown.count("Accept?") == 3


def test_interactive_quit_keeps_what_was_accepted(edits):
    text, _ = scripted(TEXT, edits, "s\na\nq\n")
    assert text == (
        "Contact went well. The initial child protection conference (ICPC) met prior to contact."
        " The IRO came."
    )


def test_interactive_end_of_input_counts_as_quit(edits):
    text, _ = scripted(TEXT, edits, "a\n")
    assert text.startswith("Family time went well. The ICPC met prior to contact.")


def test_interactive_asks_again_after_a_wrong_key(edits):
    text, shown = scripted(TEXT, edits, "x\na\nq\n")
    assert text.startswith("Family time")
    assert "Please select one of the available options" in shown


def test_interactive_command_with_piped_answers(tmp_path, config_file, cli):
    path = note_file(tmp_path, NOTE)
    result = cli(
        "fix", str(path), "--interactive", "--write", "--config", str(config_file),
        "--select", "TFX", stdin="s\na\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == "Contact with mum went well.\n" + ICPC_FIXED
    assert (tmp_path / "note.txt.bak").read_text(encoding="utf-8") == NOTE


# -- end to end with the shipped rule packs -------------------------------------------------


@pytest.mark.skipif(not (EXAMPLES / "poor-visit-note.txt").exists(), reason="no example note")
def test_fix_then_check_leaves_no_safe_jargon_or_acronym_findings(tmp_path, cli):
    path = tmp_path / "poor-visit-note.txt"
    shutil.copy(EXAMPLES / "poor-visit-note.txt", path)
    original = path.read_text(encoding="utf-8")
    shown = cli("fix", str(path), "--diff")
    assert shown.returncode == 0, shown.stderr
    assert path.read_text(encoding="utf-8") == original
    diff = shown.stdout.decode("utf-8")
    assert diff.startswith("--- a/") and "\n+" in diff and "\n-" in diff
    written = cli("fix", str(path), "--write")
    assert written.returncode == 0, written.stderr
    after = path.read_text(encoding="utf-8")
    for line in diff.splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            assert line[1:] in after
    report = cli("check", str(path), "--format", "json", "--exit-zero")
    findings = json.loads(report.stdout)["findings"]
    left = [
        (f["rule"], f["excerpt"])
        for f in findings
        if f["category"] in ("jargon", "acronym") and f.get("safe")
    ]
    assert left == []
    again = cli("fix", str(path), "--write")
    assert again.returncode == 0 and path.read_text(encoding="utf-8") == after


def test_plain_english_pack_fixes_real_sentences():
    linter = Linter(Config(extend_select=["plain-english"]))
    text = textwrap.dedent(
        """\
        Prior to the visit I read the file.
        I went in order to see Kai "prior to the meeting", as he asked.
        """
    )
    assert fixed(linter, text) == textwrap.dedent(
        """\
        Before the visit I read the file.
        I went to see Kai "prior to the meeting", as he asked.
        """
    )
