"""Batch facts come from the rules' own results: "child seen" is what the child's-voice rule
(RL411) judged of each note, the same with every engine; with --redact no export file name
reaches standard error; a CSV cell over the note size limit is reported once."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from recordlint.batch.aggregate import NoteFacts, strengths_of
from recordlint.cli import main
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.limits import current, size_text
from recordlint.model import Note

SEEN_TEXT = "I visited Tom at home. I saw Tom in his room."
UNTYPED, VISITS = 20, 10


def batch(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run `recordlint batch ARGS` in this process (the spaCy model loads once)."""
    monkeypatch.setattr(sys, "argv", ["recordlint", "batch", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out = capsys.readouterr()
    return stop.value.code, out.out, out.err


def write_csv(path: Path, rows: list[list[str]], header: tuple[str, ...]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def seen_export(tmp_path: Path) -> Path:
    """30 notes of seeing Tom: 20 with no type (the rule's seen_cues decide), 10 visits."""
    rows = [[f"N{i}", "" if i < UNTYPED else "Visit", SEEN_TEXT] for i in range(UNTYPED + VISITS)]
    return write_csv(tmp_path / "seen.csv", rows, ("id", "type", "text"))


def overall(saved: Path) -> dict:
    return json.loads(saved.read_text(encoding="utf-8"))["overall"]


# -- the rule's verdict on each note -------------------------------------------------------


@pytest.fixture(scope="module")
def plain_linter() -> Linter:
    return Linter(Config())


@pytest.mark.parametrize(
    ("text", "note_type", "seen"),
    [
        (SEEN_TEXT, None, True),  # no type: the rule's seen_cues find a visit
        (SEEN_TEXT, "visit", True),  # a type in the rule's note_types
        (SEEN_TEXT, "phone-call", False),  # a type the rule does not check
        ("Child: Tom\nPhoned the school about Tom's attendance.", None, False),  # no cue
        ("Home visit. Tom was not at home; Mum said he was at football.", "visit", False),
    ],
)
def test_note_result_carries_the_voice_rules_verdict(plain_linter, text, note_type, seen):
    result = plain_linter.lint(Note(text=text, type=note_type, child="Tom"))
    assert result.child_seen is seen


def test_child_seen_is_none_when_the_voice_rule_is_not_selected():
    result = Linter(Config(ignore=["RL411"])).lint(Note(text=SEEN_TEXT, child="Tom"))
    assert result.child_seen is None


def test_the_note_type_option_of_the_run_counts_as_the_notes_type():
    linter = Linter(Config(note_type="phone-call"))
    assert linter.lint(Note(text=SEEN_TEXT, child="Tom")).child_seen is False


def test_aggregate_falls_back_to_the_note_type_only_without_a_verdict():
    from recordlint.batch.aggregate import child_seen

    untyped, visit = Note(text=SEEN_TEXT), Note(text=SEEN_TEXT, type="visit")
    assert child_seen(untyped, NoteFacts(9, None, 100, False, [], child_seen=True))
    assert not child_seen(visit, NoteFacts(9, None, 100, False, [], child_seen=False))
    assert not child_seen(untyped, NoteFacts(9, None, 100, False, []))
    assert child_seen(visit, NoteFacts(9, None, 100, False, []))


def test_a_voiced_untyped_note_seen_by_the_rule_shows_the_voice_strength():
    note = Note(text='I visited Tom at home. Tom said "I like my room".')
    facts = NoteFacts(12, None, 100, False, [], child_seen=True)
    assert any("child's own words" in reason for reason in strengths_of(note, facts))


# -- the batch's figures, with every engine ----------------------------------------------


def test_batch_child_seen_comes_from_the_voice_rule(seen_export, tmp_path, capsys, monkeypatch):
    saved, findings = tmp_path / "r.json", tmp_path / "f.csv"
    code, _, err = batch(
        capsys, monkeypatch, str(seen_export), "--jobs", "1", "-q",
        "--save", str(saved), "-o", str(findings),
    )  # fmt: skip
    assert code == 0, err
    with open(findings, encoding="utf-8-sig", newline="") as f:
        flagged = {row["note_id"] for row in csv.DictReader(f) if row["rule"] == "RL411"}
    assert len(flagged) == UNTYPED + VISITS
    figures = overall(saved)
    assert figures["seen_notes"] == UNTYPED + VISITS
    assert figures["no_voice"] == UNTYPED + VISITS
    assert figures["no_voice_share"] == 1.0


def test_batch_without_the_voice_rule_counts_seen_notes_by_type(
    seen_export, tmp_path, capsys, monkeypatch
):
    saved = tmp_path / "r.json"
    code, _, err = batch(
        capsys, monkeypatch, str(seen_export), "--jobs", "1", "-q", "--ignore", "RL411",
        "--save", str(saved),
    )  # fmt: skip
    assert code == 0, err
    figures = overall(saved)
    assert (figures["seen_notes"], figures["no_voice"]) == (VISITS, 0)


def test_batch_worker_processes_carry_child_seen(seen_export, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("recordlint.batch.run.capped_jobs", lambda jobs, quiet=False: jobs)
    saved = tmp_path / "r.json"
    code, _, err = batch(
        capsys, monkeypatch, str(seen_export), "--jobs", "2", "-q", "--save", str(saved)
    )
    assert code == 0, err
    figures = overall(saved)
    assert (figures["seen_notes"], figures["no_voice"]) == (UNTYPED + VISITS, UNTYPED + VISITS)


def test_batch_dask_engine_carries_child_seen(seen_export, tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    saved = tmp_path / "r.json"
    code, _, err = batch(
        capsys, monkeypatch, str(seen_export), "--engine", "dask", "--jobs", "1", "-q",
        "--save", str(saved),
    )  # fmt: skip
    assert code == 0, err
    figures = overall(saved)
    assert (figures["seen_notes"], figures["no_voice"]) == (UNTYPED + VISITS, UNTYPED + VISITS)


# -- --redact: no export file name on standard error ---------------------------------------


def test_redact_keeps_the_export_file_name_off_stderr(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "md"
    folder.mkdir()
    first = write_csv(
        folder / "Summer Smith export.csv", [["1", SEEN_TEXT], ["2", ""]], ("id", "text")
    )
    empty = folder / "Summer Smith empty.csv"
    empty.write_bytes(b"")
    saved = tmp_path / "r.json"
    code, out, err = batch(
        capsys, monkeypatch, str(empty), str(first), "--jobs", "1", "--redact",
        "--save", str(saved),
    )  # fmt: skip
    assert code == 0, err
    assert "Summer" not in err and "Summer" not in out
    assert "export 2 (.csv): csv" in err  # the info line names the export by its place
    assert "skipped export 2 (.csv):3: empty text" in err
    assert "export 1 (.csv): the file is empty" in err
    inputs = json.loads(saved.read_text(encoding="utf-8"))["inputs"]
    assert [i["path"] for i in inputs] == ["export 2 (.csv)"]  # the same name as on stderr
    # not redacted: the file is named as given
    code, _, err = batch(capsys, monkeypatch, str(first), "--jobs", "1")
    assert code == 0 and "Summer Smith export.csv: csv" in err


def test_redact_names_an_export_that_cannot_be_opened_by_its_place(tmp_path, capsys, monkeypatch):
    bad = write_csv(tmp_path / "Summer Smith.csv", [["1", "2"]], ("a", "b"))
    code, _, err = batch(capsys, monkeypatch, str(bad), "--jobs", "1", "--redact")
    assert code == 2
    assert "Summer" not in err and "export 1 (.csv): no note text column" in err


def test_redact_keeps_only_a_known_extension():
    from recordlint.batch.redact import export_label

    assert export_label("Summer Smith export.csv", 1) == "export 1 (.csv)"
    assert export_label("notes.Summer", 2) == "export 2 (other extension)"
    assert export_label("Summer", 3) == "export 3 (no extension)"


# -- a CSV cell over the note size limit ---------------------------------------------------


def test_a_cell_too_large_is_reported_once_with_the_limit_as_size_text(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("RECORDLINT_MAX_NOTE_MB", "0.1")
    limit = current().note_bytes
    rows = [["1", SEEN_TEXT], ["2", "x" * (limit + 10)], ["3", SEEN_TEXT]]
    export = write_csv(tmp_path / "big.csv", rows, ("id", "text"))
    code, _, err = batch(capsys, monkeypatch, str(export), "--jobs", "1")
    assert code == 2
    assert err.count("cell too large") == 1, err  # an error line, not a "skipped" line too
    assert f"note size limit of {size_text(limit)} " in err
    assert size_text(limit) == "102 KB" and size_text(900) == "900 bytes"
    assert "1 input not read in full (the error above)" in err
