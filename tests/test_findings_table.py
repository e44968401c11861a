"""The findings table: one row per finding, as CSV (safe for Excel) or JSON Lines."""

from __future__ import annotations

import codecs
import csv
import json
import os
from pathlib import Path

import pytest

from recordlint.errors import InputError
from recordlint.model import Finding, Note, Severity
from recordlint.reporters.findings_table import (
    COLUMNS,
    FindingsWriter,
    check_not_input,
    neutralise,
)

NOTE = Note(
    text="Amy was non-compliant.",
    id="CN1",
    path="export.csv",
    type="visit",
    child="Amy",
    author="Kelly Smith",
    team="Team A",
    date="2024-02-14",
    child_id="P0000001",
)


def finding(**changes: object) -> Finding:
    values: dict = dict(
        rule="RL101",
        name="non-compliant",
        category="judgemental",
        severity=Severity.WARNING,
        message="'non-compliant' blames Amy",
        hint="Say what happened and why.",
        suggestion="did not take part",
        start=8,
        end=21,
        line=1,
        column=9,
        end_line=1,
        end_column=22,
        excerpt="Amy was non-compliant.",
    )
    values.update(changes)
    return Finding(**values)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_bom_header_and_one_row_per_finding(tmp_path: Path) -> None:
    path = tmp_path / "findings.csv"
    with FindingsWriter(path, "csv") as writer:
        writer.write(NOTE, [finding(), finding(rule="RL102", suggestion=None)])
        writer.write(Note(text="fine", id="CN2"), [])
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    rows = read_csv(path)
    assert list(rows[0]) == list(COLUMNS) and writer.rows == 2
    assert rows[0]["note_id"] == "CN1" and rows[0]["child_id"] == "P0000001"
    assert (rows[0]["severity"], rows[0]["start"], rows[0]["end_column"]) == ("warning", "8", "22")
    assert rows[1]["rule"] == "RL102" and rows[1]["suggestion"] == ""


def test_rows_are_flushed_after_every_note(tmp_path: Path) -> None:
    path = tmp_path / "findings.csv"
    with pytest.raises(KeyboardInterrupt), FindingsWriter(path) as writer:
        writer.write(NOTE, [finding()])
        assert len(read_csv(path)) == 1  # on disk while the writer is still open
        raise KeyboardInterrupt
    assert len(read_csv(path)) == 1


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(tmp_path: Path, start: str) -> None:
    path = tmp_path / "findings.csv"
    evil = f'{start}HYPERLINK("http://x")'
    note = Note(text="t", id=evil, author=evil)
    with FindingsWriter(path) as writer:
        writer.write(note, [finding(message=evil, excerpt=evil)])
    row = read_csv(path)[0]
    assert row["note_id"] == row["author"] == row["message"] == row["excerpt"] == "'" + evil
    assert neutralise("safe = fine") == "safe = fine"


def test_jsonl_keeps_values_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "findings.jsonl"
    with FindingsWriter(path) as writer:
        writer.write(NOTE, [finding(message="=not a formula here", suggestion=None)])
    raw = path.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert len(records) == 1 and list(records[0]) == list(COLUMNS)
    assert records[0]["message"] == "=not a formula here"
    assert records[0]["suggestion"] is None and records[0]["start"] == 8
    assert records[0]["severity"] == "warning"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_redact_drops_note_text_and_pseudonymises(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"findings.{fmt}"

    def pseudonym(kind: str, value: str) -> str:
        return f"{kind}-{len(value)}"

    with FindingsWriter(path, redact=True, pseudonym=pseudonym) as writer:
        writer.write(NOTE, [finding()])
    if fmt == "csv":
        row: dict = read_csv(path)[0]
    else:
        row = json.loads(path.read_text("utf-8"))
    assert row["excerpt"] == "" and not row["suggestion"]
    assert (row["author"], row["child_id"]) == ("author-11", "child_id-8")
    assert row["message"] == "'non-compliant' blames child-3"
    assert "Amy" not in path.read_text("utf-8-sig")
    assert (row["note_id"], row["team"]) == ("CN1", "Team A")


def test_redact_with_default_pseudonym_keeps_names(tmp_path: Path) -> None:
    path = tmp_path / "findings.csv"
    with FindingsWriter(path, redact=True) as writer:
        writer.write(NOTE, [finding()])
    row = read_csv(path)[0]
    assert (row["author"], row["excerpt"], row["suggestion"]) == ("Kelly Smith", "", "")


def test_output_may_not_be_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "export.csv"
    source.write_text("ID,Note\n1,precious\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="the output file is the input"):
        check_not_input("./export.csv", [tmp_path / "other.csv", source])
    link = tmp_path / "link.csv"
    os.link(source, link)
    with pytest.raises(InputError):
        check_not_input(link, [source])
    with pytest.raises(InputError):
        FindingsWriter(source, "csv", inputs=[source])
    assert source.read_text("utf-8") == "ID,Note\n1,precious\n"
    check_not_input(tmp_path / "findings.csv", [source, "-"])


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="csv or jsonl or xlsx"):
        FindingsWriter(tmp_path / "findings.ods")


def test_write_outside_with_block_fails(tmp_path: Path) -> None:
    writer = FindingsWriter(tmp_path / "findings.csv")
    with pytest.raises(RuntimeError):
        writer.write(NOTE, [finding()])
