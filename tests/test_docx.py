"""Word documents: `check note.docx`, folders and `batch` over .docx files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli

docx = pytest.importorskip("docx")

HEADING = "Home visit to Kyra"
OPENING = "I visited Kyra at her nan's flat after school. She showed me her drawings of the dog."
DECISION = "It was decided that contact with dad will move to Sundays."
CELL_PLAN = "The CIN plan is reviewed next month."
CLOSING = 'Kyra said "I want to see dad more" and asked me to tell the judge.'


def build(path: Path, *, extras: bool = True) -> Path:
    """A visit note as a practitioner writes it in Word: heading, paragraphs, a table."""
    document = docx.Document()
    if extras:
        document.sections[0].header.paragraphs[0].text = "Contact log - LAC - strictly confidential"
        document.sections[0].footer.paragraphs[0].text = "Printed by the IRO service"
    document.add_heading(HEADING, level=1)
    first = document.add_paragraph(OPENING)
    document.add_paragraph(DECISION)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Who was there"
    table.cell(0, 1).text = "Kyra, her nan and me"
    table.cell(1, 0).text = "Next steps"
    table.cell(1, 1).text = CELL_PLAN
    document.add_paragraph(CLOSING)
    if extras:
        document.add_comment(first.runs, text="Contact the SENCO and the LADO", author="TM")
    document.save(path)
    return path


def findings(linter, path: Path) -> list[dict]:
    """The findings of a document, read as `check` reads it (in this process, for speed)."""
    from recordlint.sources.reading import read_one

    note = read_one(path)
    return [f.to_dict() for f in linter.lint(note).findings]


def test_paragraphs_and_table_cells_are_read_in_order_and_located(tmp_path, linter):
    found = findings(linter, build(tmp_path / "visit.docx"))
    by_excerpt = {f["excerpt"]: f for f in found}
    # "It was decided" sits in paragraph 3 (heading, opening, decision), at its first character
    decided = next(f for f in found if f["rule"] == "RL320")
    assert (decided["line"], decided["column"]) == (3, 1)
    contact = by_excerpt["contact"]
    assert (contact["line"], contact["column"]) == (3, DECISION.index("contact") + 1)
    assert contact["end_column"] == contact["column"] + len("contact")
    # the table's cells are paragraphs 4-7, row by row; the plan is the last of them
    cin = by_excerpt["CIN"]
    assert (cin["line"], cin["column"]) == (7, CELL_PLAN.index("CIN") + 1)
    # what the child said, in paragraph 8, is quoted and left alone
    assert all(f["line"] != 8 or f["rule"] != "RL101" for f in found)


def test_headers_footers_and_comments_are_ignored(tmp_path, linter):
    found = findings(linter, build(tmp_path / "visit.docx"))
    excerpts = {f["excerpt"] for f in found}
    for word in ("LAC", "IRO", "SENCO", "LADO", "Contact log", "TM"):
        assert word not in excerpts
    plain = findings(linter, build(tmp_path / "plain.docx", extras=False))
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [
        (f["rule"], f["line"], f["column"]) for f in plain
    ]


def test_text_report_shows_the_paragraph(tmp_path):
    path = build(tmp_path / "visit.docx")
    result = run_cli("check", str(path), "--no-color")
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert f"¶3:{DECISION.index('contact') + 1}" in out
    assert f"│ {DECISION}" in out
    assert f"│ {CELL_PLAN}" in out


def test_a_folder_walk_picks_up_docx_and_skips_word_lock_files(tmp_path):
    build(tmp_path / "a.docx")
    (tmp_path / "~$a.docx").write_bytes(b"\x00lock")
    (tmp_path / "b.txt").write_text(DECISION + "\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.returncode == 1, result.stderr
    paths = {Path(f["path"]).name for f in json.loads(result.stdout)["files"]}
    assert paths == {"a.docx", "b.txt"}


@pytest.mark.parametrize(
    "content",
    [b"plain text, not a zip", b"PK\x03\x04 truncated zip", None],
    ids=["text", "broken-zip", "zip-without-document"],
)
def test_an_invalid_docx_is_one_line_and_exit_2(tmp_path, content):
    import zipfile

    path = tmp_path / "broken.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/other.xml", "<x/>")
    else:
        path.write_bytes(content)
    result = run_cli("check", str(path))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "not a valid Word document" in lines[0]
    assert b"Traceback" not in result.stderr


def test_fix_refuses_a_word_document_and_leaves_it_alone(tmp_path):
    path = build(tmp_path / "visit.docx")
    before = path.read_bytes()
    result = run_cli("fix", str(path), "--write")
    assert result.returncode == 2
    assert b"Word document" in result.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak*"))


def test_batch_over_a_folder_of_docx(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    build(folder / "kyra-1.docx")
    build(folder / "kyra-2.docx", extras=False)
    (folder / "broken.docx").write_bytes(b"nope")
    out = tmp_path / "findings.csv"
    result = run_cli("batch", str(folder), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert b"1 row skipped (1 not a valid Word document" in result.stdout
    table = out.read_text(encoding="utf-8")
    assert "kyra-1.docx" in table and "kyra-2.docx" in table
    assert "RL320" in table


def test_batch_redact_hides_the_document_names(tmp_path):
    folder = tmp_path / "Kyra Jones"
    folder.mkdir()
    build(folder / "kyra-jones-visit.docx")
    report = tmp_path / "report.md"
    result = run_cli("batch", str(folder), "--redact", "--report", str(report), "--quiet")
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "document 1" in text
    assert "kyra" not in text.lower() and "kyra" not in result.stdout.decode().lower()
