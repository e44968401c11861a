"""Text from notes, file names, exports and packs cannot steer the terminal or break a
report's layout, and a redacted run does not leak the export's file name."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from cli_helpers import run_main
from recordlint.batch.terminal import print_summary
from recordlint.control_chars import printable

ESCAPES = ["\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\x1bP+q\x1b\\", "\x07"]
RAW = ("\x1b", "\x07", "\x9b")

PACK = r"""
rules:
  - code: TIN101
    name: test-injection
    category: jargon
    summary: Test.
    message: "Flagged '{match}' \e[5m"
    hint: "Say it plainly \e]0;title\a please."
    terms:
      - match: placement
"""


def no_raw_controls(text: str) -> bool:
    return not any(char in text for char in RAW)


@pytest.mark.parametrize("escape", ESCAPES)
def test_printable_shows_control_characters(escape):
    shown = printable(f"before{escape}after\nnext")
    assert no_raw_controls(shown) and shown.startswith("before\\x") and "\nnext" in shown
    assert "\n" not in printable("a\nb", one_line=True)


@pytest.fixture
def user_pack(tmp_path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "test.yaml").write_text(PACK, encoding="utf-8")
    config = tmp_path / "rl.yaml"
    config.write_text(f"rule_paths: [{folder.as_posix()}]\nselect: [TIN]\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_note_text_file_names_and_pack_hints_are_escaped(
    tmp_path, monkeypatch, capsys, user_pack, output_format
):
    note = tmp_path / "tom\x1b[2J\nsmith.txt"
    note.write_text("The placement \x1b]0;owned\x07 is stable.\x1b[2J\n", encoding="utf-8")
    code, out, err = run_main(
        monkeypatch, capsys, "check", str(note), "--config", str(user_pack),
        "-f", output_format, "--no-color",
    )  # fmt: skip
    assert code == 1, err
    assert no_raw_controls(out), repr(out)
    assert "\\x1b" in out
    if output_format == "concise":
        assert len(out.strip().splitlines()) == 1  # the newline in the name is escaped too
    else:
        assert "\\x1b]0;title\\x07" in out  # the pack's hint, shown, not obeyed


def test_problem_file_names_on_stderr_are_escaped(tmp_path, monkeypatch, capsys):
    note = tmp_path / "evil\x1b[2J.txt"
    note.write_bytes(b"\xff\xfe\x00")  # cannot be decoded
    code, _, err = run_main(monkeypatch, capsys, "check", str(note))
    assert code == 2 and no_raw_controls(err) and "evil\\x1b[2J.txt" in err


def export(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([["Case Note ID", "Author", "Team", "Case Note"], *rows])
    return path


def test_batch_terminal_summary_escapes_author_and_team(tmp_path, monkeypatch, capsys):
    path = export(
        tmp_path / "export.csv",
        [
            ["1", "Bob\x1b]0;owned\x07", "North\x1b[2J", "The placement is stable."],
            ["2", "Ann", "South", "It was decided that Tom will move."],
        ],
    )
    saved = tmp_path / "run.json"
    code, out, err = run_main(
        monkeypatch, capsys, "batch", str(path), "--jobs", "1", "--save", str(saved)
    )
    assert code == 0, err
    assert no_raw_controls(out) and "Bob\\x1b]0;owned\\x07" in out
    summary = json.loads(saved.read_text(encoding="utf-8"))
    buffer = io.StringIO()
    print_summary(summary, console=Console(file=buffer, width=200, no_color=True))
    assert no_raw_controls(buffer.getvalue())


def test_a_newline_in_a_team_or_author_keeps_the_markdown_layout(tmp_path, monkeypatch, capsys):
    path = export(
        tmp_path / "export.csv",
        [
            ["1", "Bob\nSmith", "North\n# Team", "The placement is stable."],
            ["2", "Ann", "South", "It was decided that Tom will move."],
        ],
    )
    report = tmp_path / "report.md"
    code, _, err = run_main(
        monkeypatch, capsys, "batch", str(path), "--jobs", "1", "--report", str(report), "-q"
    )
    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    assert "North \\# Team" in text and "Bob Smith" in text
    assert not any(line.startswith("# Team") or line == "Smith" for line in text.splitlines())
    for line in text.splitlines():
        if "Bob" in line and line.startswith("|"):
            assert line.endswith("|")  # the table row is whole


def test_redact_hides_the_child_name_in_the_export_file_name(tmp_path, monkeypatch, capsys):
    path = export(
        tmp_path / "tom-smith-notes.csv",
        [["1", "Bob", "North", "The placement is stable. Tom said he is happy."]],
    )
    saved, report, html = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.html"
    code, out, err = run_main(
        monkeypatch, capsys, "batch", str(path), "--jobs", "1", "--redact",
        "--save", str(saved), "--report", str(report), "--report", str(html),
    )  # fmt: skip
    assert code == 0, err
    for text in (out, saved.read_text("utf-8"), report.read_text("utf-8"), html.read_text("utf-8")):
        assert "tom-smith" not in text
    assert "export 1 (.csv)" in out
