"""Hardening, third pass: an unreadable folder in a walk, escape sequences shown by `fix`,
and `fix --encoding`.

The tests run as root, to whom ``chmod 000`` denies nothing, so an unreadable folder is
simulated in-process: listing it, and looking anything up inside it, raise PermissionError,
as they do for an ordinary user (``Path.is_file()`` raises it too on Python 3.11). One test
also runs the real thing as user 65534 through ``setpriv``, where that is possible.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rich.console import Console

from recordlint.cli import main
from recordlint.commands import fix as fix_command
from recordlint.config import find_config
from recordlint.errors import InputError
from recordlint.fix import Edit, unified_diff
from recordlint.interactive import review
from recordlint.sources.files import SourceProblem, iter_text_notes, walk_notes

ESCAPES = "The child was LAC.\x1b[2J Mum \x1b]0;x\x07 utilised the TAF.\n"
FIXED_TAF = "team around the family (TAF)"


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """``recordlint ARGS`` in-process: exit status, standard output, standard error."""
    monkeypatch.setattr(sys, "argv", ["recordlint", *args])
    try:
        main()
        code = 0
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else (0 if stopped.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


def make_unreadable(monkeypatch, folder: Path) -> None:
    """Make ``folder`` behave as ``chmod 000`` does for a user who is not root: it cannot be
    listed, and nothing inside it can be looked up (stat) or opened."""
    locked = os.path.abspath(folder)

    def inside(path) -> bool:
        if isinstance(path, int):
            return False
        return os.path.abspath(os.fspath(path)).startswith(locked + os.sep)

    def denied(path):
        return PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    real_stat, real_lstat, real_scandir, real_open = os.stat, os.lstat, os.scandir, os.open

    def stat(path, *args, **kwargs):
        if inside(path):
            raise denied(path)
        return real_stat(path, *args, **kwargs)

    def lstat(path, *args, **kwargs):
        if inside(path):
            raise denied(path)
        return real_lstat(path, *args, **kwargs)

    def scandir(path="."):
        if not isinstance(path, int) and os.path.abspath(os.fspath(path)) == locked:
            raise denied(path)
        return real_scandir(path)

    real_listdir = os.listdir

    def listdir(path="."):
        if not isinstance(path, int) and os.path.abspath(os.fspath(path)) == locked:
            raise denied(path)
        return real_listdir(path)

    def os_open(path, *args, **kwargs):
        if inside(path):
            raise denied(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "listdir", listdir)


@pytest.fixture
def perm(tmp_path, monkeypatch) -> Path:
    """``perm/a/one.txt`` readable, ``perm/z`` unreadable; the working folder is tmp_path."""
    root = tmp_path / "perm"
    (root / "a").mkdir(parents=True)
    (root / "z").mkdir()
    (root / "a" / "one.txt").write_text("The child was LAC. Mum utilised the TAF.\n")
    (root / "z" / "two.txt").write_text("Mum utilised the TAF.\n")
    monkeypatch.chdir(tmp_path)
    make_unreadable(monkeypatch, root / "z")
    return root


# -- 1. an unreadable folder in a walk ----------------------------------------------------


def test_the_simulation_denies_what_chmod_000_denies(perm):
    with pytest.raises(PermissionError):
        (perm / "z" / "pyvenv.cfg").is_file()  # what stopped the run
    with pytest.raises(PermissionError):
        os.listdir(perm / "z")
    assert (perm / "z").is_dir() and (perm / "a" / "one.txt").is_file()


def test_walk_reports_the_unreadable_folder_and_goes_on(perm):
    items = list(walk_notes(Path("perm")))
    assert Path("perm/a/one.txt") in items
    problems = [item for item in items if isinstance(item, SourceProblem)]
    assert [(p.location, p.message, p.fatal) for p in problems] == [
        (os.path.join("perm", "z"), "cannot read folder: Permission denied", True)
    ]


@pytest.mark.parametrize("first", ["0z", "z"])
def test_an_unreadable_folder_anywhere_in_the_walk(tmp_path, monkeypatch, first):
    (tmp_path / first).mkdir()
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "note.txt").write_text("Mum went to the TAF.\n")
    make_unreadable(monkeypatch, tmp_path / first)
    items = list(walk_notes(tmp_path))
    assert tmp_path / "m" / "note.txt" in items
    assert [i.location for i in items if isinstance(i, SourceProblem)] == [str(tmp_path / first)]


def test_a_named_unreadable_folder_is_an_error_not_an_empty_folder(perm):
    items = list(iter_text_notes(["perm/z"]))
    assert [(i.message, i.fatal) for i in items] == [
        ("cannot read folder: Permission denied", True)
    ]


def test_a_file_inside_an_unreadable_folder_says_it_cannot_be_read(perm):
    (item,) = iter_text_notes(["perm/z/two.txt"])
    assert isinstance(item, SourceProblem) and item.message == "cannot read: Permission denied"


def test_config_discovery_passes_over_an_unreadable_folder(perm):
    (perm / ".recordlint.yaml").write_text("select: [acronym]\n")
    assert find_config((perm / "z").resolve()) == (perm / ".recordlint.yaml").resolve()
    assert find_config((perm / "a").resolve()) == (perm / ".recordlint.yaml").resolve()


def test_a_git_probe_that_fails_does_not_stop_the_walk(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mum went to the TAF.\n")
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if not isinstance(path, int) and os.fspath(path).endswith(os.sep + ".git"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert list(walk_notes(tmp_path / "a")) == [tmp_path / "a" / "one.txt"]


@pytest.mark.parametrize("paths", [["perm"], ["perm/a", "perm/z"], ["perm/z", "perm/a"]])
def test_check_reports_the_unreadable_folder_and_checks_the_rest(perm, monkeypatch, capsys, paths):
    code, out, err = run_main(monkeypatch, capsys, "check", *paths, "--format", "concise")
    assert code == 2
    assert "one.txt" in out and "RL111" in out  # the readable note was checked
    folder = os.path.join("perm", "z")
    assert err == f"recordlint: error: {folder}: cannot read folder: Permission denied\n"


def test_batch_walks_past_an_unreadable_folder(perm, monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "batch", "perm", "--jobs", "1", "-q")
    assert code == 2, err  # an error wherever the folder falls in the walk
    assert f"{os.path.join('perm', 'z')}: cannot read folder: Permission denied" in err
    assert err.count("recordlint: error:") == 2, err  # the folder, then the run's summary line
    assert "pyvenv.cfg" not in err and "Traceback" not in err


def _nobody_can_run_recordlint() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import recordlint"], capture_output=True, timeout=60
    )
    return probe.returncode == 0


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_real_unreadable_folder_as_an_ordinary_user():
    if not _nobody_can_run_recordlint():
        pytest.skip("needs root, setpriv, and a Python that user 65534 can run")
    work = Path(tempfile.mkdtemp(prefix="recordlint-perm-"))
    try:
        (work / "perm" / "a").mkdir(parents=True)
        (work / "perm" / "z").mkdir()
        (work / "perm" / "a" / "one.txt").write_text("Mum utilised the TAF.\n")
        (work / "perm" / "z" / "two.txt").write_text("Mum utilised the TAF.\n")
        for path in [work, *work.rglob("*")]:
            os.chown(path, 65534, 65534)
            path.chmod(0o755 if path.is_dir() else 0o644)
        (work / "perm" / "z").chmod(0)
        for args in (["perm"], ["perm/a", "perm/z"]):
            result = subprocess.run(
                [*NOBODY, sys.executable, "-m", "recordlint", "check", *args, "-f", "concise"],
                capture_output=True,
                cwd=work,
                env={**os.environ, "HOME": str(work)},
                timeout=300,
            )
            err = result.stderr.decode()
            assert result.returncode == 2, err
            assert "one.txt" in result.stdout.decode()
            assert err == "recordlint: error: perm/z: cannot read folder: Permission denied\n"
    finally:
        (work / "perm" / "z").chmod(0o755)
        shutil.rmtree(work, ignore_errors=True)


# -- 2. what fix shows has the note's escape sequences made visible ---------------------------


def _no_raw_controls(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text


def test_fix_diff_shows_escape_sequences_visibly(tmp_path, monkeypatch, capsys):
    path = tmp_path / "esc.txt"
    path.write_bytes(ESCAPES.encode())
    code, out, err = run_main(monkeypatch, capsys, "fix", str(path))
    assert code == 0, err
    _no_raw_controls(out)
    assert "\\x1b[2J" in out and "\\x1b]0;x\\x07" in out and FIXED_TAF in out
    assert path.read_bytes() == ESCAPES.encode()


def test_fix_write_keeps_the_files_own_bytes(tmp_path, monkeypatch, capsys):
    path = tmp_path / "esc.txt"
    path.write_bytes(ESCAPES.encode())
    code, out, err = run_main(monkeypatch, capsys, "fix", str(path), "--write", "--diff")
    assert code == 0, err
    _no_raw_controls(out)
    assert path.read_bytes() == ESCAPES.replace("the TAF", f"the {FIXED_TAF}").encode()
    assert (tmp_path / "esc.txt.bak").read_bytes() == ESCAPES.encode()


def test_fix_stdin_diff_is_escaped_and_fixed_text_is_not(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ESCAPES.encode())))
    code, out, err = run_main(monkeypatch, capsys, "fix", "-", "--diff")
    assert code == 0, err
    _no_raw_controls(out)
    assert "\\x1b[2J" in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ESCAPES.encode())))
    code, out, err = run_main(monkeypatch, capsys, "fix", "-")  # to a pipe: the note itself
    assert code == 0, err
    assert out == ESCAPES.replace("the TAF", f"the {FIXED_TAF}")


def test_fix_interactive_shows_escape_sequences_visibly(tmp_path, monkeypatch, capsys):
    path = tmp_path / "esc.txt"
    path.write_bytes(ESCAPES.encode())
    monkeypatch.setattr(sys, "stdin", io.StringIO("a\n" * 5))
    code, out, err = run_main(monkeypatch, capsys, "fix", str(path), "--interactive")
    assert code == 0, err
    _no_raw_controls(out + err)
    assert "- The child was LAC.\\x1b[2J Mum \\x1b]0;x\\x07 utilised the TAF." in err


def test_review_escapes_the_suggestion_and_its_default(tmp_path):
    text = "Mum went to the TAF today."
    start = text.index("TAF")
    edit = Edit(start, start + 3, "TAF", "the\x1b[31m group", rule="X\x1b1", message="m\x07")
    output = io.StringIO()
    console = Console(file=output, width=200, color_system=None)
    accepted = review(text, [edit], console=console, stream=io.StringIO("e\n\n"))
    shown = output.getvalue()
    _no_raw_controls(shown)
    assert "+ Mum went to the the\\x1b[31m group today." in shown
    assert "Replace with (the\\x1b[31m group):" in shown
    assert accepted == [edit]  # an empty answer keeps the suggestion itself


def test_printable_diff_keeps_line_endings():
    from recordlint.fix import printable_diff

    diff = unified_diff("n.txt", "a\x1b[2J TAF.\r\nb\r\n", "a\x1b[2J team.\r\nb\r\n")
    shown = printable_diff(diff)
    _no_raw_controls(shown)
    assert "-a\\x1b[2J TAF.\r\n" in shown and " b\r\n" in shown and "\\x0d" not in shown
    assert printable_diff("+a\rb\n+c\r\r\n") == "+a\\x0db\n+c\\x0d\r\n"  # a lone CR shows
    assert printable_diff(unified_diff("n", "plain\n", "text\n")) == unified_diff(
        "n", "plain\n", "text\n"
    )


# -- 3. fix --encoding ------------------------------------------------------------------------

CP1252 = "Café visit. Mum went to the TAF.\n".encode("cp1252")


def test_fix_reads_cp1252_with_encoding(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cp.txt"
    path.write_bytes(CP1252)
    code, out, err = run_main(monkeypatch, capsys, "fix", str(path), "--encoding", "cp1252")
    assert code == 0, err
    assert "-Café visit. Mum went to the TAF." in out
    assert f"+Café visit. Mum went to the {FIXED_TAF}." in out
    assert path.read_bytes() == CP1252


def test_fix_without_encoding_points_to_it(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cp.txt"
    path.write_bytes(CP1252)
    code, _, err = run_main(monkeypatch, capsys, "fix", str(path))
    assert code == 2 and "--encoding cp1252" in err and err.count("\n") == 1


def test_fix_write_writes_back_in_the_same_encoding(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cp.txt"
    path.write_bytes(CP1252)
    code, _, err = run_main(
        monkeypatch, capsys, "fix", str(path), "--encoding", "cp1252", "--write"
    )
    assert code == 0, err
    assert path.read_bytes() == f"Café visit. Mum went to the {FIXED_TAF}.\n".encode("cp1252")
    assert (tmp_path / "cp.txt.bak").read_bytes() == CP1252


def test_fix_stdin_with_encoding_writes_that_encoding(cli):
    result = cli("fix", "-", "--encoding", "cp1252", stdin=CP1252)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Café visit. Mum went to the {FIXED_TAF}.\n".encode("cp1252")


def test_fix_with_an_unknown_encoding_is_one_line(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cp.txt"
    path.write_bytes(CP1252)
    code, _, err = run_main(monkeypatch, capsys, "fix", str(path), "--encoding", "nope-9")
    assert code == 2 and "cannot decode as nope-9" in err and err.count("\n") == 1


def test_a_fix_the_encoding_cannot_hold_writes_nothing():
    with pytest.raises(InputError, match="cp1252 cannot write"):
        fix_command._encoded("n.txt", "Mum \u2192 school", "cp1252")
    assert fix_command._encoded("n.txt", "Café", "cp1252") == b"Caf\xe9"
