"""Streaming readers for caseload exports: formats, encodings, columns, dates and types."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordlint.errors import InputError
from recordlint.model import Note
from recordlint.sources import tabular
from recordlint.sources.columns import header_key
from recordlint.sources.dates import parse_date
from recordlint.sources.note_types import NOTE_TYPES, SLUGS, note_type_slug
from recordlint.sources.tabular import RowProblem, detect_encoding, open_export

DATA = Path(__file__).parent / "data" / "exports"
MAKE_EXPORT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_export.py"
HEADER = ["Person ID", "Case Note ID", "Note Date", "Author", "Team", "Note Type", "Case Note"]
AWKWARD = "Zoë said “I’m fine” – it cost £5… and ‘that’s that’, said Renée."


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", **fmt: object) -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, **fmt).writerows(rows)  # type: ignore[arg-type]
    return path


def read(path: Path, **options: object) -> tuple[tabular.Export, list[Note], list[RowProblem]]:
    export = open_export(path, **options)  # type: ignore[arg-type]
    items = list(export)
    notes = [i for i in items if isinstance(i, Note)]
    return export, notes, [i for i in items if isinstance(i, RowProblem)]


def note_row(i: int, text: str, when: str = "14/02/2024 13:43", kind: str = "Home Visit") -> list:
    return [f"P{i:07d}", f"CN{i:08d}", when, "Kelly Smith", "Team A", kind, text]


# ---------------------------------------------------------------- CSV and friends


def test_csv_keeps_embedded_newlines_commas_and_quotes(tmp_path: Path) -> None:
    texts = ['Saw Amy.\nShe said "no, thanks".', "Pasted from Word:\r\nline two\r\n", "a, b, c"]
    rows = [HEADER] + [note_row(i, t) for i, t in enumerate(texts, 1)]
    path = write_csv(tmp_path / "x.csv", rows, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    export, notes, problems = read(path)
    assert export.format == "csv" and export.delimiter == "," and export.encoding == "utf-8"
    assert [n.text for n in notes] == texts
    assert [n.extra["row"] for n in notes] == [2, 3, 4]  # spreadsheet rows, not file lines
    first = notes[0]
    assert (first.id, first.child_id, first.author, first.team) == (
        "CN00000001",
        "P0000001",
        "Kelly Smith",
        "Team A",
    )
    assert (first.type, first.date, first.path) == ("visit", "2024-02-14T13:43", str(path))
    assert not problems and export.notes_read == 3
    fields = ["child_id", "id", "date", "author", "team", "type", "text"]
    assert dict(export.columns) == dict(zip(fields, HEADER, strict=True))
    assert export.columns.auto == frozenset(export.columns)
    assert "text='Case Note' (detected)" in export.columns.describe()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_are_detected_and_text_survives(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "x.csv", [HEADER, note_row(1, AWKWARD)], encoding=encoding)
    export, notes, _ = read(path)
    assert export.encoding == encoding
    assert notes[0].text == AWKWARD
    assert export.columns["child_id"] == "Person ID"  # no BOM left on the first header


def test_forced_encoding_wins(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [HEADER, note_row(1, "£5")], encoding="cp1252")
    export, notes, _ = read(path, encoding="latin-1")
    assert export.encoding == "latin-1" and notes[0].text == "£5"
    with pytest.raises(InputError, match="unknown encoding"):
        open_export(path, encoding="klingon")


def test_late_invalid_utf8_is_replaced_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "SNIFF_BYTES", tabular._CHUNK)  # sniff only the first chunk
    padding = [note_row(i, "x" * 500) for i in range(200)]
    path = write_csv(tmp_path / "x.csv", [HEADER, *padding])
    with open(path, "ab") as f:
        f.write(b'P1,CN1,01/01/2024,A,T,Visit,"cost \xa35"\r\n')  # cp1252 pound sign
    assert detect_encoding(path) == "utf-8"
    export, notes, _ = read(path)
    assert notes[-1].text == "cost \ufffd5"
    assert "1 notes have undecodable characters" in export.warnings[-1]
    assert "rows 202" in export.warnings[-1]


@pytest.mark.parametrize(
    ("name", "delimiter", "fmt"),
    [("semicolon.csv", ";", "csv"), ("pipe.txt", "|", "csv")],
)
def test_delimiter_is_sniffed_from_the_header(name: str, delimiter: str, fmt: str) -> None:
    export, notes, problems = read(DATA / name)
    assert (export.delimiter, export.format) == (delimiter, fmt)
    assert not problems and len(notes) >= 2


def test_semicolon_fixture_columns_and_values() -> None:
    export, notes, _ = read(DATA / "semicolon.csv")
    assert export.columns["text"] == "Case Note Text"
    assert export.columns["child_id"] == "Client ID"
    assert export.columns["type"] == "Activity Type"
    assert export.columns["date"] == "Event Date"
    assert notes[0].text == "Home visit; saw Zoë in her room."
    assert [n.type for n in notes] == ["visit", "phone-call", "supervision"]
    assert [n.date for n in notes] == ["2024-02-14T13:43", "2024-02-15", "2024-04-03"]


def test_pipe_fixture() -> None:
    _, notes, _ = read(DATA / "pipe.txt")
    assert [(n.id, n.child, n.type, n.date) for n in notes] == [
        ("N1", "Amy", "visit", "2024-02-14"),
        ("N2", "Tom", "meeting", "2024-02-15"),
    ]
    assert notes[0].text == 'Met Amy at school. She said "I like my teacher".'


def test_tsv_and_forced_delimiter(tmp_path: Path) -> None:
    rows = [HEADER, note_row(1, "tab\tinside, and a comma")]
    path = write_csv(tmp_path / "x.tsv", rows, delimiter="\t")
    export, notes, _ = read(path)
    assert (export.format, notes[0].text) == ("tsv", "tab\tinside, and a comma")
    export, notes, _ = read(path, delimiter="tab")
    assert export.delimiter == "\t" and len(notes) == 1


def test_ragged_rows_are_problems_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "ID,Case Note,Date\n1,fine,01/01/2024\n2,short\n3,long,01/01/2024,extra\n"
        "4,trailing empty cells are fine,01/01/2024,,\n\n5,after a blank line,01/01/2024\n",
        encoding="utf-8",
    )
    export, notes, problems = read(path)
    assert [(p.row, p.reason) for p in problems] == [(3, "ragged row"), (4, "ragged row")]
    assert "2 cells; the header has 3" in str(problems[0])
    assert str(problems[0]).startswith(f"{path}:3: ragged row")
    assert [n.id for n in notes] == ["1", "4", "5"]
    assert notes[-1].extra["row"] == 7  # the blank line is row 6 in a spreadsheet
    assert export.skipped == {"ragged row": 2} and export.skipped.rows["ragged row"] == [3, 4]


def test_unclosed_final_quote_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('ID,Case Note\r\n1,"fine"\r\n2,"never closed\r\nstill going\r\n', "utf-8")
    export, notes, problems = read(path)
    assert [n.text for n in notes] == ["fine"]
    assert [(p.row, p.reason) for p in problems] == [(3, "unclosed quote")]
    assert export.skipped["unclosed quote"] == 1


def test_broken_quoting_mid_file_does_not_stop_the_read(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('ID,Case Note\n1,"odd"quote\n2,next\n', "utf-8")
    _, notes, problems = read(path)
    assert [(p.row, p.reason) for p in problems] == [(2, "malformed row")]
    assert [n.text for n in notes] == ["next"]


def test_empty_text_is_a_problem_and_missing_id_becomes_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Note", "Author"], ["  ", "A"], ["kept", "B"]])
    export, notes, problems = read(path)
    assert [(p.row, p.reason) for p in problems] == [(2, "empty text")]
    assert notes[0].id == "row 3" and "id" not in export.columns


def test_duplicate_headers_keep_the_first_and_warn() -> None:
    export, notes, _ = read(DATA / "duplicate-headers.csv")
    assert [n.text for n in notes] == ["first note", "another"]
    assert export.columns.position["text"] == 1
    assert any("duplicate column 'Note' (columns 2 and 4)" in w for w in export.warnings)


def test_missing_text_column_lists_the_headers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Person ID", "Worker", "When"], ["P1", "A", "x"]])
    with pytest.raises(InputError) as caught:
        open_export(path)
    assert str(path) in str(caught.value)
    assert "'Person ID', 'Worker', 'When'" in str(caught.value)


def test_column_overrides(tmp_path: Path) -> None:
    rows = [["Ref", "Note", "My Narrative", "Child"], ["R1", "short", "the real note", "Amy"]]
    path = write_csv(tmp_path / "x.csv", rows)
    export, notes, _ = read(path, columns={"text": "My Narrative", "id": "ref", "child": None})
    assert (notes[0].text, notes[0].id, notes[0].child) == ("the real note", "R1", None)
    assert export.columns.auto == frozenset()
    assert "text='My Narrative' (given)" in export.columns.describe()
    with pytest.raises(InputError, match="no column 'Narrative 2'.*'My Narrative'"):
        open_export(path, columns={"text": "Narrative 2"})
    with pytest.raises(InputError, match="unknown field 'txt'"):
        open_export(path, columns={"txt": "Note"})


def test_header_names_are_compared_loosely(tmp_path: Path) -> None:
    rows = [["case_note_id", "PERSON-ID", "CaseNoteText", "created by"], ["1", "P1", "t", "A"]]
    export, notes, _ = read(write_csv(tmp_path / "x.csv", rows))
    assert (notes[0].id, notes[0].child_id, notes[0].author) == ("1", "P1", "A")
    assert header_key(" Case-Note  ID ") == "casenoteid"


def test_unreadable_dates_keep_the_note(tmp_path: Path) -> None:
    rows = [HEADER, note_row(1, "a", "31/02/2024"), note_row(2, "b", "soon"), note_row(3, "c", "")]
    export, notes, problems = read(write_csv(tmp_path / "x.csv", rows))
    assert not problems and [n.date for n in notes] == [None, None, None]
    assert export.date_problems == {"unreadable date": 2}
    assert export.date_problems.rows["unreadable date"] == [2, 3]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty; nothing to check"),
        ("old.xls", b"\xd0\xcf\x11\xe0rest", ".xls"),
        ("fake.xlsx", b"not a zip", "not a valid .xlsx"),
        ("blank.csv", b"\r\n\r\n", "only blank rows; nothing to check"),
    ],
)
def test_unreadable_files_raise_input_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        open_export(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        open_export(tmp_path / "nope.csv")


def test_iterating_twice_reads_again_and_resets_counts(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [HEADER, note_row(1, ""), note_row(2, "ok")])
    export = open_export(path)
    assert len(list(export)) == len(list(export)) == 2
    assert export.skipped == {"empty text": 1} and export.notes_read == 1


# ---------------------------------------------------------------- JSON


def test_jsonl_rows_are_line_numbers() -> None:
    export, notes, problems = read(DATA / "notes.jsonl")
    assert export.format == "jsonl"
    assert [(n.id, n.extra["row"], n.type) for n in notes] == [
        ("CN1", 1, "direct-work"),
        ("CN2", 3, "closure"),
        ("CN5", 6, "strategy-discussion"),
    ]
    assert [(p.row, p.reason) for p in problems] == [(4, "invalid JSON"), (5, "not a JSON object")]
    assert notes[0].date == "2024-02-14T09:05" and notes[1].date is None
    assert export.date_problems.rows["unreadable date"] == [3]
    assert export.columns["child_id"] == "person_id" and export.columns["id"] == "note_id"


def test_json_array_rows_are_element_numbers() -> None:
    export, notes, problems = read(DATA / "notes.json")
    assert export.format == "json"
    assert [(n.id, n.extra["row"]) for n in notes] == [("CN1", 1), ("17", 3)]
    assert [(p.row, p.reason) for p in problems] == [(2, "not a JSON object"), (4, "empty text")]
    assert notes[0].text == "Visited Oğuz at home.\nHe showed me his room."
    assert (notes[0].date, notes[0].author, notes[0].type) == (
        "2024-02-14T13:43Z",
        "Siân Pritchard",
        "visit",
    )
    assert (notes[1].team, notes[1].type) == (None, "phone-call")


def test_json_array_streams_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "_CHUNK", 7)
    records = [
        {"text": f'note {i} with "quotes", \\ and \u00e9 ' * (i % 4 + 1), "id": i, "n": 12345.5}
        for i in range(40)
    ]
    path = tmp_path / "x.json"
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False), "utf-8")
    _, notes, problems = read(path)
    assert not problems
    assert [n.text for n in notes] == [r["text"] for r in records]


@pytest.mark.parametrize(
    ("content", "line"),
    [('[\n{"text": "a"},\n{"text": oops}\n]', 3), ('[{"text": "a"} {"text": "b"}]', 1)],
)
def test_broken_json_array_names_the_line(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, "utf-8")
    export = open_export(path)
    with pytest.raises(InputError) as caught:
        list(export)
    assert caught.value.location == f"{path}:{line}"


def test_pretty_printed_object_is_not_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{\n  "notes": []\n}\n', "utf-8")
    with pytest.raises(InputError, match="not JSON Lines"):
        open_export(path)


# ---------------------------------------------------------------- XLSX


def make_workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Summary"
    ws.append(["This sheet is not the notes"])
    notes = book.create_sheet("Notes")
    notes.append(["Note ID", "Child Name", "Case Note", "Note Date", "Note Type", "Worker"])
    notes.append([1001, "Zoë", "Saw Zoë.\nShe was happy.", datetime(2024, 2, 14, 13, 43), "Visit"])
    notes.append([1002, "Amy", "Phoned mum.", date(2024, 2, 15), "Telephone Call", "Lee"])
    notes.append([1003, "Amy", None, "14/02/2024", "Review", "Lee"])
    notes.append([])
    notes.append([1004.0, "Amy", "Serial date.", 45336.5715277, "Review", "Lee"])
    book.move_sheet("Notes", offset=-1)  # make the notes the first sheet
    book.save(path)
    return path


def test_xlsx_first_sheet_with_typed_cells(tmp_path: Path) -> None:
    export, notes, problems = read(make_workbook(tmp_path / "x.xlsx"))
    assert (export.format, export.encoding, export.columns["child"]) == ("xlsx", None, "Child Name")
    assert [(n.id, n.child, n.date, n.type, n.extra["row"]) for n in notes] == [
        ("1001", "Zoë", "2024-02-14T13:43", "visit", 2),
        ("1002", "Amy", "2024-02-15", "phone-call", 3),
        ("1004", "Amy", "2024-02-14T13:43", "review", 6),
    ]
    assert notes[0].text == "Saw Zoë.\nShe was happy."
    assert notes[0].author is None  # the short row is padded, not ragged
    assert [(p.row, p.reason) for p in problems] == [(4, "empty text")]


def test_title_rows_above_the_header_are_passed_over(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Case notes report: Team A"])
    book.active.append([])
    book.active.append(["Run on", "14/02/2024"])
    book.active.append(["Note ID", "Note"])
    book.active.append(["N1", "the first note"])
    book.save(tmp_path / "x.xlsx")
    export, notes, problems = read(tmp_path / "x.xlsx")
    assert export.header_row == 4 and export.headers == ["Note ID", "Note"]
    assert [(n.id, n.extra["row"]) for n in notes] == [("N1", 5)] and not problems


def test_xlsx_sheet_by_name(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="no note text column"):
        open_export(path, sheet="Summary")
    with pytest.raises(InputError, match="no sheet 'Nope'; the sheets are 'Notes', 'Summary'"):
        open_export(path, sheet="Nope")
    assert open_export(path, sheet="Notes").columns["id"] == "Note ID"


# ---------------------------------------------------------------- dates and note types


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14/02/2024", "2024-02-14"),
        ("14/02/2024 13:43", "2024-02-14T13:43"),
        ("14/02/2024 13:43:05", "2024-02-14T13:43:05"),
        ("14-02-2024", "2024-02-14"),
        ("14.02.2024", "2024-02-14"),
        ("4/2/24", "2024-02-04"),
        ("4/2/99", "1999-02-04"),
        ("14/02/2024 1:43 pm", "2024-02-14T13:43"),
        ("2024-02-14", "2024-02-14"),
        ("2024-02-14T13:43", "2024-02-14T13:43"),
        ("2024-02-14 13:43:00", "2024-02-14T13:43"),
        ("2024-02-14T13:43:05.123Z", "2024-02-14T13:43:05Z"),
        ("2024-02-14T13:43+0100", "2024-02-14T13:43+01:00"),
        ("14 Feb 2024", "2024-02-14"),
        ("14-Sept-2024 09:30", "2024-09-14T09:30"),
        (datetime(2024, 2, 14, 13, 43), "2024-02-14T13:43"),
        (datetime(2024, 2, 14), "2024-02-14"),
        (date(2024, 2, 14), "2024-02-14"),
        (45336, "2024-02-14"),
        ("", None),
        (None, None),
    ],
)
def test_dates(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["02/14/2024", "31/02/2024", "yesterday", "14/02/2024 25:00", "Feb 14 2024", -3]
)
def test_unreadable_dates(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Home Visit", "visit"),
        ("Statutory Visit", "visit"),
        ("School Visit", "visit"),
        ("Child in Need Meeting", "meeting"),
        ("Professionals Meeting", "meeting"),
        ("Direct Work", "direct-work"),
        ("Supervision", "supervision"),
        ("Management Oversight", "management-oversight"),
        ("Telephone Call - Incoming", "phone-call"),
        ("telephone call (outgoing)", "phone-call"),
        ("Phone Call", "phone-call"),
        ("Case Closure", "closure"),
        ("Child and Family Assessment", "assessment"),
        ("Strategy Discussion", "strategy-discussion"),
        ("Child Looked After Review", "review"),
        ("direct-work", "direct-work"),
        ("PHONE_CALL", "phone-call"),
        ("Initial Child Protection Conference", "initial-child-protection-conference"),
        ("Email & Letter", "email-and-letter"),
        ("  ", None),
        (None, None),
    ],
)
def test_note_types(label: str | None, slug: str | None) -> None:
    assert note_type_slug(label) == slug


def test_every_mapped_slug_passes_through() -> None:
    assert all(note_type_slug(slug) == slug for slug in SLUGS)
    assert all(note_type_slug(label) == slug for label, slug in NOTE_TYPES.items())


# ---------------------------------------------------------------- streaming and round trips


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = "Visited the family, saw the children and talked about school.\n" * 8
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(20_000):
            writer.writerow(note_row(i, f"{i}: {body}"))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Note) for item in open_export(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert size > 10_000_000 and peak < size / 5, (peak, size)


# Texts mixing any Unicode with what CSV has to escape: quotes, delimiters, CR and LF.
# CSV itself keeps every character. Left out: lone surrogates, which no UTF-8 file can hold,
# and NUL on Python 3.10, whose csv reader refuses it.
_AWKWARD_CHARS = st.sampled_from(['"', ",", ";", "\t", "\n", "\r", "\r\n", " ", "\u2028", "'"])
_ANY_CHAR = st.characters(
    codec="utf-8", exclude_characters="\x00" if sys.version_info < (3, 11) else ""
)
_TEXTS = st.lists(
    st.one_of(_AWKWARD_CHARS, st.text(_ANY_CHAR, min_size=1, max_size=8)), max_size=12
).map("".join)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXTS, min_size=1, max_size=8))
def test_csv_round_trip_keeps_text_exactly(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    # CSV keeps every string exactly; the only rows not read back are all-blank ones,
    # which are skipped (blank line) or reported as "empty text" by design.
    path = write_csv(
        tmp_path_factory.mktemp("prop") / "x.csv",
        [["Note ID", "Case Note"], *([f"N{i}", t] for i, t in enumerate(texts))],
    )
    _, notes, problems = read(path)
    kept = [t for t in texts if t.strip()]
    assert [n.text for n in notes] == kept
    assert [p.reason for p in problems] == ["empty text"] * (len(texts) - len(kept))


_BENCH_CASES = [
    ("csv", "utf-8"),
    ("tsv", "utf-8"),
    ("jsonl", "utf-8"),
    ("csv", "utf-8-sig"),
    ("csv", "cp1252"),
]


@pytest.mark.parametrize(("fmt", "encoding"), _BENCH_CASES)
def test_generated_caseload_exports(tmp_path: Path, fmt: str, encoding: str) -> None:
    if not MAKE_EXPORT.exists():
        pytest.skip(f"{MAKE_EXPORT} is not here")
    path = tmp_path / f"export.{fmt}"
    command = [sys.executable, str(MAKE_EXPORT), "--notes", "300", "--seed", "3"]
    command += ["--format", fmt, "--encoding", encoding, "--out", str(path), "--quiet"]
    subprocess.run(command, check=True)
    export, notes, problems = read(path)
    assert (export.format, export.encoding) == (fmt, encoding)
    assert not problems and not export.date_problems and not export.warnings
    assert len(notes) == 300 and all(n.text.strip() for n in notes)
    assert set(export.columns) == {"text", "id", "child_id", "author", "team", "type", "date"}
    assert export.columns.auto == frozenset(export.columns)
    assert all(n.type in SLUGS and n.date and n.author and n.child_id for n in notes)
    with open(path, encoding=encoding, newline="") as f:
        if fmt == "jsonl":
            expected = [json.loads(line)["text"] for line in f]
        else:
            delimiter = "\t" if fmt == "tsv" else ","
            expected = [r["Case Note"] for r in csv.DictReader(f, delimiter=delimiter)]
    assert [n.text for n in notes] == expected
