"""Files given to `check --baseline`, `compare` and `exercise` must be regular files: a FIFO
would block for ever and a device such as /dev/zero never ends, so each is refused with a
one-line error naming it (exit 2), as the note readers do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")

#: Long enough to load the model; a FIFO that is opened blocks for good.
TIMEOUT = 120


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "recordlint", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"recordlint {' '.join(args)} hung on a FIFO")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "nfifo"
    os.mkfifo(path)
    return path


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Child: Sam\nI visited Sam at home. Sam said he likes school.\n", "utf-8")
    return path


def refused(done: subprocess.CompletedProcess[str], name: str, what: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert name in lines[0] and what in lines[0], lines[0]


def test_check_refuses_a_fifo_as_baseline(tmp_path, fifo, note):
    done = run(tmp_path, "check", note.name, "--baseline", fifo.name)
    refused(done, "nfifo", "is a FIFO (named pipe), not a baseline file")


def test_check_refuses_a_device_as_baseline(tmp_path, note):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    refused(run(tmp_path, "check", note.name, "--baseline", "/dev/zero"), "/dev/zero", "device")


def test_compare_refuses_a_fifo_as_either_results_file(tmp_path, fifo):
    refused(run(tmp_path, "compare", fifo.name, "x.json"), "nfifo", "not a results file")
    export = tmp_path / "notes.csv"
    export.write_text('id,text\n1,"I visited Sam at home. Sam said he likes school."\n', "utf-8")
    made = run(tmp_path, "batch", export.name, "--jobs", "1", "-q", "--save", "old.json")
    assert made.returncode == 0, made.stderr
    refused(run(tmp_path, "compare", "old.json", fifo.name), "nfifo", "not a results file")


def test_exercise_refuses_a_fifo_as_the_exercise_file(tmp_path, fifo, note):
    done = run(tmp_path, "exercise", fifo.name, note.name)
    refused(done, "nfifo", "is a FIFO (named pipe), not an exercise file")


def test_exercise_refuses_a_fifo_as_the_original_note(tmp_path, fifo, note):
    exercise = tmp_path / "ex.yaml"
    exercise.write_text(f"original: {fifo.name}\n", "utf-8")
    done = run(tmp_path, "exercise", exercise.name, note.name)
    refused(done, "ex.yaml:1: original note", "is a FIFO (named pipe), not a note file")


def test_in_process_loaders_refuse_non_regular_files(tmp_path, fifo):
    from recordlint.baseline import load_baseline
    from recordlint.batch.results import load_results
    from recordlint.errors import InputError, RecordlintError
    from recordlint.exercise import load_exercise

    with pytest.raises(InputError, match="is a folder"):
        load_baseline(tmp_path)
    with pytest.raises(InputError, match="baseline file not found"):
        load_baseline(tmp_path / "missing.json")
    with pytest.raises(RecordlintError, match="no such file"):
        load_results(tmp_path / "missing.json")
    with pytest.raises(RecordlintError, match="not a results file"):
        load_results(fifo)
    with pytest.raises(InputError, match="exercise file not found"):
        load_exercise(tmp_path / "missing.yaml")


def test_batch_feedback_refuses_a_fifo_in_place_of_a_page(tmp_path, fifo):
    """A FIFO with a feedback page's name is neither read (to see whether it is ours) nor
    written to."""
    export = tmp_path / "notes.csv"
    rows = "".join(
        f'{i},Bob,"I visited Sam at home. Sam said he likes school."\n' for i in range(3)
    )
    export.write_text("id,author,text\n" + rows, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    os.mkfifo(pages / "bob.html")
    done = run(tmp_path, "batch", export.name, "--jobs", "1", "-q", "--feedback", "pages")
    assert done.returncode == 2, done.stderr
    assert "bob.html: is not a regular file" in done.stderr
