"""Stream caseload exports (CSV, TSV, JSON Lines, a JSON array, XLSX) as Notes, row by row.

``open_export`` reads the header, picks the columns and returns an :class:`Export`; iterating
it reads the file again from the start and yields a :class:`~recordlint.model.Note` per row,
or a :class:`RowProblem` for a row that cannot be one. Nothing keeps more than one row in
memory, except that an XLSX workbook's shared-strings table is loaded whole by openpyxl.

Rows are numbered as a user finds them: the spreadsheet row (header = row 1) for CSV, TSV
and XLSX, the line for JSON Lines, and the element (1 = first) for a JSON array.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError
from ..limits import current
from ..model import Note
from .columns import ColumnMap, detect_columns
from .date_mix import DateMix
from .dates import parse_date
from .note_types import note_type_slug
from .reading import not_regular, too_large

#: Bytes checked for UTF-8 before falling back to Windows-1252, and the read size.
SNIFF_BYTES = 1 << 20
_CHUNK = 1 << 16
#: Row numbers kept per reason in a Tally.
FIRST_ROWS = 5
#: A JSON array element larger than this is refused rather than buffered.
MAX_ELEMENT_CHARS = 64 << 20
#: Rows searched for the header, so that title rows above it are passed over.
HEADER_SEARCH_ROWS = 10

_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = {
    ",": ",",
    "\t": "\t",
    ";": ";",
    "|": "|",
    "comma": ",",
    "tab": "\t",
    "\\t": "\t",
    "semicolon": ";",
    "pipe": "|",
}


@dataclass(frozen=True)
class RowProblem:
    """A row that could not become a note (ragged, empty text, broken quoting or JSON)."""

    path: str
    row: int
    reason: str
    detail: str = ""
    fatal: bool = False  # the rest of the file could not be read

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        where = f"{self.path}:{self.row}" if self.row > 0 else self.path  # 0: not a row
        return f"{where}: {self.reason}{detail}"


class Tally(Counter[str]):
    """Counts by reason, keeping the first few row numbers of each in ``rows``."""

    def __init__(self, *args: Any, **kwargs: int) -> None:
        super().__init__(*args, **kwargs)
        self.rows: dict[str, list[int]] = {}

    def add(self, reason: str, row: int) -> None:
        self[reason] += 1
        first = self.rows.setdefault(reason, [])
        if len(first) < FIRST_ROWS:
            first.append(row)


@dataclass(frozen=True)
class _Bad:
    reason: str
    detail: str = ""
    fatal: bool = False  # the rest of the file cannot be read


@dataclass(eq=False)
class Export:
    """An opened export: iterate it for Notes and RowProblems (each pass re-reads the file).

    ``columns`` maps fields to headers (``columns.auto``: the ones found by name);
    ``headers`` is the header row (a JSON file: the first object's keys), at ``header_row``.
    After a pass, ``notes_read`` counts notes, ``skipped`` counts RowProblems by reason and
    ``date_problems`` counts notes kept without a date ("unreadable date"); both tallies keep
    the first few row numbers. ``warnings`` holds one-line messages about the file
    (duplicate headers, ignored options, undecodable bytes).
    """

    path: str
    format: str
    columns: ColumnMap
    headers: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: Tally = field(default_factory=Tally)
    date_problems: Tally = field(default_factory=Tally)
    notes_read: int = 0
    header_row: int = field(default=0, repr=False)
    _opened: list[str] = field(default_factory=list, repr=False)
    _dates: DateMix = field(default_factory=DateMix, repr=False)

    def __iter__(self) -> Iterator[Note | RowProblem]:
        self.warnings = list(self._opened)
        self.skipped, self.date_problems, self.notes_read = Tally(), Tally(), 0
        self._dates = DateMix()
        replaced = Tally()
        for row, record in _records(self):
            if row <= self.header_row:
                continue
            item = self._item(row, record)
            if item is None:
                continue
            if isinstance(item, RowProblem):
                self.skipped.add(item.reason, row)
            else:
                self.notes_read += 1
                if "\ufffd" in item.text:
                    replaced.add("undecodable", row)
            yield item
        mixed = self._dates.warning(self.path, dict(self.columns).get("date"))
        if mixed:
            self.warnings.append(mixed)
        if replaced:
            rows = ", ".join(map(str, replaced.rows["undecodable"]))
            self.warnings.append(
                f"{self.path}: {replaced['undecodable']} notes have undecodable characters, "
                f"shown as \ufffd (rows {rows}...); is the encoding {self.encoding!r} right?"
            )

    def _item(self, row: int, record: object) -> Note | RowProblem | None:
        """The note for one record, a problem, or None for a blank row."""
        if isinstance(record, _Bad):
            return RowProblem(self.path, row, record.reason, record.detail, record.fatal)
        if self.format in ("json", "jsonl"):
            if not isinstance(record, dict):
                return RowProblem(self.path, row, "not a JSON object", type(record).__name__)
            return self._note(row, {f: record.get(h) for f, h in self.columns.items()})
        assert isinstance(record, (list, tuple))
        if all(_blank(v) for v in record):
            return None
        width = len(self.headers)
        if self.format != "xlsx" and (
            len(record) < width or any(not _blank(v) for v in record[width:])
        ):
            detail = f"{len(record)} cells; the header has {width}"
            return RowProblem(self.path, row, "ragged row", detail)
        pos = self.columns.position
        return self._note(
            row, {f: record[pos[f]] if pos[f] < len(record) else None for f in self.columns}
        )

    def _note(self, row: int, values: Mapping[str, Any]) -> Note | RowProblem:
        text = _text(values.get("text"))
        if not text.strip():
            return RowProblem(self.path, row, "empty text")
        self._dates.see(values.get("date"))
        try:
            when = parse_date(values.get("date"))
        except (ValueError, OverflowError):
            when = None
            self.date_problems.add("unreadable date", row)
        return Note(
            text=text,
            id=_value(values.get("id")) or f"row {row}",
            path=self.path,
            type=note_type_slug(_value(values.get("type"))),
            child=_value(values.get("child")),
            author=_value(values.get("author")),
            team=_value(values.get("team")),
            date=when,
            child_id=_value(values.get("child_id")),
            extra={"row": row},
        )


class EmptyExport(InputError):
    """An export with nothing in it: not an error, there is just nothing to check."""


def open_export(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str | None] | None = None,
    delimiter: str | None = None,
) -> Export:
    """Open a caseload export, detect its format, encoding and columns, and read its header.

    ``columns`` names the header of any field (text, id, child, child_id, author, team,
    type, date), or None to leave one out. Raises InputError for a file that cannot be read,
    an unknown column or no text column.
    """
    name = str(path)
    fmt, enc = _sniff(Path(path), encoding)
    export = Export(name, fmt, ColumnMap({}, {}, frozenset()), [], encoding=enc, sheet=sheet)
    notes = export._opened
    if fmt in ("csv", "tsv"):
        export.delimiter = _delimiter(delimiter, name) if delimiter else _sniff_delimiter(name, enc)
        export.format = "tsv" if export.delimiter == "\t" else "csv"
    elif delimiter:
        notes.append(f"{name}: delimiter ignored: the file is {fmt}")
    if sheet is not None and fmt != "xlsx":
        notes.append(f"{name}: sheet ignored: the file is {fmt}")
    failure: InputError | None = None
    with closing(_header_candidates(export)) as candidates:
        for row, headers in candidates:
            try:
                export.columns, warned = detect_columns(headers, columns, name)
            except InputError as err:
                failure = failure or err
                continue
            export.headers, export.header_row = headers, row
            break
        else:
            raise failure or InputError(name, "no header row or records found")
    notes.extend(warned)
    export.warnings = list(notes)
    return export


def detect_encoding(path: str | Path) -> str:
    """A BOM's encoding; else UTF-8 if the first ~1 MB is valid UTF-8; else cp1252."""
    with open(path, "rb") as f:
        head = f.read(4)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for _ in range(SNIFF_BYTES // _CHUNK):
                chunk = f.read(_CHUNK)
                decoder.decode(chunk, final=not chunk)
                if not chunk:
                    break
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _sniff(path: Path, encoding: str | None) -> tuple[str, str | None]:
    """The format ('csv' for any delimited text until the delimiter is known) and encoding."""
    reason = not_regular(path, "an export", "such as a CSV or XLSX export")
    if reason == "no such file or folder":
        reason = "No such file or folder"
    if reason:
        raise InputError(str(path), reason)
    try:
        with open(path, "rb") as f:
            magic = f.read(8)
    except OSError as err:
        raise InputError(str(path), err.strerror or str(err)) from None
    if not magic:
        raise EmptyExport(str(path), "the file is empty; nothing to check")
    if magic.startswith(b"PK\x03\x04"):
        return "xlsx", None
    if magic.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() == ".xls":
        raise InputError(str(path), "old Excel .xls files cannot be read: save it as .xlsx or CSV")
    if path.suffix.lower() == ".xlsx":
        raise InputError(str(path), "not a valid .xlsx workbook")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(str(path), f"unknown encoding {encoding!r}") from None
    enc = encoding or detect_encoding(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt in (None, "json", "jsonl"):
        with _open_text(str(path), enc, newline=None) as f:
            start = f.read(256).lstrip("\ufeff \t\r\n")[:1]
        if start == "[":
            fmt = "json"
        elif start == "{":
            fmt = "jsonl"
    return fmt or "csv", enc


def _open_text(path: str, encoding: str, newline: str | None = "") -> TextIO:
    try:
        return open(path, encoding=encoding, errors="replace", newline=newline)
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None


def _delimiter(value: str, path: str) -> str:
    try:
        return _DELIMITERS[value.lower() if len(value) > 1 else value]
    except KeyError:
        if len(value) == 1:
            return value
        raise InputError(path, f"delimiter {value!r} is not one character") from None


def _sniff_delimiter(path: str, encoding: str) -> str:
    """The most frequent of comma, tab, semicolon and pipe in the header line, outside quotes."""
    with _open_text(path, encoding) as f:
        line = f.readline(_CHUNK)
    outside = "".join(line.split('"')[::2])
    counts = {d: outside.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_candidates(export: Export) -> Iterator[tuple[int, list[str]]]:
    """Rows that may be the header (the first few non-blank ones), or the first JSON object's
    keys (with row 0: every JSON record is data)."""
    table = export.format not in ("json", "jsonl")
    found = 0
    records = _records(export)
    try:
        for row, record in records:
            if isinstance(record, _Bad) and (table or export.format == "jsonl"):
                if found:
                    return
                what = "cannot read the header" if table else "not JSON Lines"
                raise InputError(f"{export.path}:{row}", f"{what}: {record.detail}")
            if isinstance(record, dict) and not table:
                yield 0, [str(k) for k in record]
                return
            if isinstance(record, (list, tuple)) and table and not all(map(_blank, record)):
                headers = ["" if v is None else str(v).strip() for v in record]
                headers[0] = headers[0].lstrip("\ufeff")
                yield row, headers
                found += 1
                if found == HEADER_SEARCH_ROWS:
                    return
    finally:
        records.close()
    if not found:
        if table:
            raise EmptyExport(export.path, "only blank rows; nothing to check")
        raise InputError(export.path, "no JSON objects found")


def _records(export: Export) -> Iterator[tuple[int, object]]:
    """(row number, record) pairs: a list of cells, a dict, or a _Bad."""
    if export.format == "xlsx":
        yield from _xlsx_records(export.path, export.sheet)
        return
    assert export.encoding is not None
    if export.format in ("csv", "tsv"):
        with _open_text(export.path, export.encoding) as f:
            yield from _csv_records(f, export.delimiter or ",")
    else:
        with _open_text(export.path, export.encoding, newline=None) as f:
            if export.format == "jsonl":
                yield from _jsonl_records(f)
            else:
                yield from _json_elements(f, export.path)


def _csv_records(f: TextIO, delimiter: str) -> Iterator[tuple[int, object]]:
    """Rows of cells. A cell may be as large as a note may be (the note size limit); a larger
    one ends the reading of the file with a problem naming its line, as the rows after it
    cannot be told apart from its text."""
    limit = current().note_bytes
    csv.field_size_limit(limit)
    reader = csv.reader(f, delimiter=delimiter, strict=True)
    row = 0
    while True:
        row += 1
        line = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            message = str(err)
            if "field larger than field limit" in message:
                detail = (
                    f"a cell at line {line + 1} is {too_large(limit)}; "
                    "the rest of the file was not read"
                )
                yield row, _Bad("cell too large", detail, fatal=True)
                return
            reason = "unclosed quote" if "end of data" in message else "malformed row"
            yield row, _Bad(reason, f"{message}, line {reader.line_num}")
            if reader.line_num == line:
                return
            continue
        yield row, cells


def _jsonl_lines(f: TextIO, limit: int) -> Iterator[str | None]:
    """The lines of ``f``; None for a line longer than ``limit`` (read past, never kept)."""
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            while (rest := f.readline(_CHUNK)) and not rest.endswith("\n"):
                pass
            yield None
        else:
            yield line


def _jsonl_records(f: TextIO) -> Iterator[tuple[int, object]]:
    limit = current().note_bytes
    for number, line in enumerate(_jsonl_lines(f, limit), 1):
        if line is None:
            yield number, _Bad("record too large", f"the line is {too_large(limit)}")
            continue
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            yield number, _Bad("invalid JSON", f"{err.msg}, column {err.colno}")
        except RecursionError:
            yield number, _Bad("invalid JSON", "nested too deeply")
        except ValueError as err:  # a number with too many digits
            yield number, _Bad("invalid JSON", str(err).split(";")[0])


def _json_elements(f: TextIO, path: str) -> Iterator[tuple[int, object]]:
    """Stream the elements of a top-level JSON array, one chunk of text at a time."""
    decode = json.JSONDecoder().raw_decode
    buf, pos, line, eof = "", 0, 1, False

    def more(size: int = _CHUNK) -> None:
        nonlocal buf, pos, line, eof
        line += buf.count("\n", 0, pos)
        chunk = f.read(max(size, _CHUNK))
        buf, pos, eof = buf[pos:] + chunk, 0, not chunk

    def next_char() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buf) or eof:
                return buf[pos] if pos < len(buf) else ""
            more()

    def fail(message: str) -> InputError:
        return InputError(f"{path}:{line + buf.count(chr(10), 0, pos)}", message)

    if next_char() != "[":
        raise fail("expected a JSON array of notes")
    pos += 1
    index = 0
    while True:
        char = next_char()
        if char == "]" and index == 0:
            break
        index += 1
        while True:
            try:
                value, end = decode(buf, pos)
            except RecursionError:
                raise fail(f"element {index} is nested too deeply") from None
            except json.JSONDecodeError as err:
                truncated = err.pos > len(buf) - 64 or err.msg.startswith("Unterminated")
                if eof or not truncated or len(buf) - pos > MAX_ELEMENT_CHARS:
                    pos = err.pos
                    raise fail(f"element {index} is not valid JSON: {err.msg}") from None
                more(len(buf) - pos)
                continue
            except ValueError as err:  # a number with too many digits
                raise fail(f"element {index}: {str(err).split(';')[0]}") from None
            if end < len(buf) or eof:
                break
            more(len(buf) - pos)
        yield index, value
        pos = end
        char = next_char()
        if char == "]":
            break
        if char != ",":
            raise fail(f"expected ',' or ']' after element {index}")
        pos += 1
    pos += 1
    if next_char():
        raise fail("unexpected text after the JSON array")


def _xlsx_records(path: str, sheet: str | None) -> Iterator[tuple[int, object]]:
    import openpyxl  # only when a workbook is read: it is slow to import

    from .xlsx_guard import check_workbook

    check_workbook(path)  # sizes and XML declarations, before openpyxl unpacks anything
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise InputError(path, f"not a readable .xlsx workbook ({_first_line(err)})") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = ", ".join(repr(n) for n in book.sheetnames)
            raise InputError(path, f"no sheet {sheet!r}; the sheets are {names}")
        ws.reset_dimensions()  # some writers record a wrong size; read what is there
        row = 0
        try:
            for row, cells in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                yield row, cells
        except InputError:
            raise
        except Exception as err:  # malformed sheet XML, bad cell values
            raise InputError(
                f"{path}:{row + 1}", f"cannot read the sheet: {_first_line(err)}"
            ) from None
    finally:
        book.close()


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:200] if text else type(err).__name__


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    """The note text as written (not stripped); numbers and JSON values as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return _value(value) or ""


def _value(value: object) -> str | None:
    """A metadata cell as trimmed text, or None when blank (12.0 -> "12")."""
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None
