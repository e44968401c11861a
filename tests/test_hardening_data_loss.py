"""Nothing the user wrote is lost: outputs never land on inputs, devices stay devices,
backups are never overwritten, concurrent fixes do not lose changes, CSV rows are never
invented, unreadable folders are reported, interactive edits hold no control characters."""

from __future__ import annotations

import fcntl
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from rich.console import Console

from cli_helpers import run_main
from conftest import run_cli
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.errors import RecordlintError
from recordlint.fix import apply_edits, plan_fixes
from recordlint.interactive import review
from recordlint.model import Note
from recordlint.safe_write import (
    atomic_write_text,
    backup_path,
    digest,
    keep_backup,
    replace_if_unchanged,
)
from recordlint.sources.files import SourceProblem, iter_text_notes, walk_notes
from recordlint.sources.tabular import RowProblem, open_export

NOTE = "The ICPC is on 3 May. Contact with mum went well and we discussed the placement.\n"
PACK = """\
rules:
  - code: TDL101
    name: test-data-loss-jargon
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
"""


@pytest.fixture
def config_file(tmp_path) -> Path:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "test.yaml").write_text(PACK, encoding="utf-8")
    path = tmp_path / "settings.yaml"
    path.write_text(f"rule_paths: [{packs.as_posix()}]\nselect: [TDL]\n", encoding="utf-8")
    return path


# -- output over inputs ---------------------------------------------------------------------


def test_output_over_an_input_that_failed_to_decode_is_refused(tmp_path, monkeypatch, capsys):
    note = tmp_path / "n.txt"
    original = b"caf\xe9 visit with mum\n"  # not UTF-8: the note cannot be read
    note.write_bytes(original)
    code, _, err = run_main(monkeypatch, capsys, "check", str(note), "-o", str(note), "-f", "json")
    assert code == 2
    assert "refusing to write output over" in err
    assert note.read_bytes() == original


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_output_through_a_link_to_an_input_is_refused(tmp_path, monkeypatch, capsys, link):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    alias = tmp_path / "alias.json"
    (os.link if link == "hard" else os.symlink)(note, alias)
    code, _, err = run_main(
        monkeypatch, capsys, "check", str(note), "-o", str(alias), "-f", "json", "--select", "RL1"
    )
    assert code == 2 and "refusing to write output over" in err
    assert note.read_text(encoding="utf-8") == NOTE


def test_output_over_the_baseline_or_config_is_refused(tmp_path, monkeypatch, capsys):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    baseline = tmp_path / "base.json"
    baseline.write_text(json.dumps({"version": 1, "findings": []}), encoding="utf-8")
    config = tmp_path / "rl.yaml"
    config.write_text("fail_on: error\n", encoding="utf-8")
    before = baseline.read_bytes(), config.read_bytes()
    args = ["check", str(note), "--baseline", str(baseline), "--config", str(config)]
    code, _, err = run_main(monkeypatch, capsys, *args, "-o", str(baseline), "-f", "json")
    assert code == 2 and "the baseline" in err
    code, _, err = run_main(monkeypatch, capsys, *args, "-o", str(config), "-f", "json")
    assert code == 2 and "the config file" in err
    assert (baseline.read_bytes(), config.read_bytes()) == before


# -- devices, FIFOs, permissions --------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_node_stays_a_device(tmp_path):
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    atomic_write_text(node, "excerpts of notes\n")
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no stray temporary file


def test_a_fifo_is_written_directly(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "report\n")
    reader.join(10)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_to_dev_stdout_works(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("It was decided that Tom will move.\n", encoding="utf-8")
    result = run_cli("check", str(note), "-f", "json", "-o", "/dev/stdout", "--select", "RL4")
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["findings"][0]["rule"].startswith("RL4")


def test_a_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "report.json", "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "report.json").st_mode) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path):
    path = tmp_path / "report.json"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    atomic_write_text(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text("utf-8") == "new\n"


# -- backups ----------------------------------------------------------------------------------


def test_fix_write_never_overwrites_an_existing_backup(tmp_path, config_file, monkeypatch, capsys):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    own_backup = tmp_path / "note.txt.bak"
    own_backup.write_text("the user's own backup\n", encoding="utf-8")
    code, _, err = run_main(monkeypatch, capsys, "fix", str(note), "--write", "--config",
                            str(config_file))  # fmt: skip
    assert code == 0, err
    assert own_backup.read_text(encoding="utf-8") == "the user's own backup\n"
    assert (tmp_path / "note.txt.bak.1").read_text(encoding="utf-8") == NOTE
    assert "note.txt.bak.1" in err
    assert "family time" in note.read_text(encoding="utf-8").lower()


def test_init_force_never_overwrites_an_existing_backup(tmp_path, monkeypatch, capsys):
    config = tmp_path / ".recordlint.yaml"
    config.write_text("fail_on: error\n", encoding="utf-8")
    (tmp_path / ".recordlint.yaml.bak").write_text("fail_on: info\n", encoding="utf-8")
    code, out, _ = run_main(monkeypatch, capsys, "init", str(tmp_path), "--force")
    assert code == 0
    assert (tmp_path / ".recordlint.yaml.bak").read_text("utf-8") == "fail_on: info\n"
    assert (tmp_path / ".recordlint.yaml.bak.1").read_text("utf-8") == "fail_on: error\n"
    assert ".recordlint.yaml.bak.1" in out


def test_backup_names_count_up(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("1", encoding="utf-8")
    names = []
    for _ in range(3):
        names.append(keep_backup(path).name)
    assert names == ["a.txt.bak", "a.txt.bak.1", "a.txt.bak.2"]
    assert backup_path(path).name == "a.txt.bak.3"


# -- concurrent fixes ---------------------------------------------------------------------------


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"first version\n")
    read = digest(path.read_bytes())
    path.write_bytes(b"someone else's version\n")
    with pytest.raises(RecordlintError, match="changed while recordlint was working"):
        replace_if_unchanged(path, read, "fixed first version\n", "utf-8", backup=True)
    assert path.read_bytes() == b"someone else's version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_fix_write_while_another_holds_the_file_is_refused(
    tmp_path, config_file, monkeypatch, capsys
):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    with open(note, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running `fix --write` does
        code, _, err = run_main(monkeypatch, capsys, "fix", str(note), "--write", "--config",
                                str(config_file))  # fmt: skip
    assert code == 2 and "another recordlint is changing this file" in err
    assert note.read_text(encoding="utf-8") == NOTE


def test_fix_write_refuses_when_the_note_changes_during_the_run(
    tmp_path, config_file, monkeypatch, capsys
):
    from recordlint.commands import fix as fix_command

    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    real = fix_command._linter

    def linter_then_someone_edits(settings, path, text):
        result = real(settings, path, text)
        note.write_text(NOTE + "A line added by a colleague.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(fix_command, "_linter", linter_then_someone_edits)
    code, _, err = run_main(monkeypatch, capsys, "fix", str(note), "--write", "--config",
                            str(config_file))  # fmt: skip
    assert code == 2 and "changed while recordlint was working" in err
    assert note.read_text(encoding="utf-8").endswith("A line added by a colleague.\n")


def test_fix_reads_utf16_like_check(tmp_path, config_file, monkeypatch, capsys):
    note = tmp_path / "note.txt"
    note.write_bytes(NOTE.encode("utf-16"))
    code, _, err = run_main(monkeypatch, capsys, "fix", str(note), "--write", "--config",
                            str(config_file))  # fmt: skip
    assert code == 0, err
    fixed = note.read_bytes()
    assert fixed.startswith((b"\xff\xfe", b"\xfe\xff"))  # still UTF-16, as it was
    assert "family time" in fixed.decode("utf-16").lower()


# -- CSV cells beyond the csv module's default limit -----------------------------------------


def test_a_csv_cell_over_128_kb_is_read_and_no_row_is_invented(tmp_path):
    big = "Tom said he wants to stay.\n" * 8000  # about 216 KB, over the csv default
    path = tmp_path / "export.csv"
    path.write_text(
        'id,text\n1,"' + big + '"\n2,"Second note, after the big one."\n', encoding="utf-8"
    )
    items = list(open_export(path))
    assert [type(i).__name__ for i in items] == ["Note", "Note"]
    assert [i.id for i in items] == ["1", "2"]
    assert items[0].text == big


def test_a_cell_over_the_note_limit_stops_the_file_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("RECORDLINT_MAX_NOTE_MB", "0.05")  # 52 KB
    path = tmp_path / "export.csv"
    big = "x,y\n" * 20_000  # text that looks like rows, inside one quoted cell
    path.write_text(f'id,text\n1,"short note"\n2,"{big}"\n3,"last note"\n', encoding="utf-8")
    items = list(open_export(path))
    notes = [i for i in items if not isinstance(i, RowProblem)]
    problems = [i for i in items if isinstance(i, RowProblem)]
    assert [n.id for n in notes] == ["1"]  # no row made up from the cell's text
    assert len(problems) == 1 and problems[0].fatal
    assert "line 3" in str(problems[0]) and "RECORDLINT_MAX_NOTE_MB" in str(problems[0])


# -- unreadable folders -------------------------------------------------------------------------


def test_an_unreadable_folder_walked_last_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "two.txt").write_text(NOTE, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("z"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(walk_notes(tmp_path))
    problems = [i for i in items if isinstance(i, SourceProblem)]
    assert [p.location for p in problems] == [str(tmp_path / "z")]
    assert problems[0].fatal and "cannot read folder" in problems[0].message
    notes = list(iter_text_notes([str(tmp_path)]))
    assert any(isinstance(n, SourceProblem) and n.fatal for n in notes)


# -- interactive edits ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["home\x00", "home\x1b[2J", "ho\x07me"])
def test_an_interactive_edit_with_control_characters_is_asked_again(tmp_path, config_file, bad):
    linter = Linter(Config(rule_paths=[tmp_path / "packs"], select=["TDL"]))
    text = "Contact went well."
    edits = plan_fixes(text, linter.lint(Note(text=text)).findings)
    shown = io.StringIO()
    console = Console(file=shown, width=200, color_system=None)
    accepted = review(text, edits, console=console, stream=io.StringIO(f"e\n{bad}\ntime\n"))
    assert apply_edits(text, accepted) == "time went well."
    assert "control character" in shown.getvalue()
    assert "\x1b[2J" not in shown.getvalue() and "\x00" not in shown.getvalue()


def test_a_batch_report_over_the_config_file_is_refused(tmp_path, monkeypatch, capsys):
    export = tmp_path / "export.csv"
    export.write_text('id,text\n1,"Contact went well."\n', encoding="utf-8")
    config = tmp_path / "settings.md"  # any name is read as YAML
    config.write_text("fail_on: error\n", encoding="utf-8")
    code, _, err = run_main(
        monkeypatch, capsys, "batch", str(export), "--config", str(config),
        "--report", str(config), "--jobs", "1", "-q",
    )  # fmt: skip
    assert code == 2 and "the config file" in err
    assert config.read_text(encoding="utf-8") == "fail_on: error\n"
