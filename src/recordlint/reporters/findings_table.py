"""Write findings as a table, one row per finding (``--output findings.csv|.jsonl|.xlsx``).

Rows are written and flushed note by note, so a run stopped part-way leaves a valid file.
CSV is UTF-8 with a BOM so that Excel reads it right, and a cell that a spreadsheet would run
as a formula (starting with ``= + - @``, tab or carriage return) is prefixed with ``'``.
With ``redact=True`` no note text leaves: ``excerpt`` and ``suggestion`` are empty, and
the author, child id and child's name (in the message and hint too) go through ``pseudonym``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from ..errors import InputError
from ..model import Finding, Note

#: The columns of the table, in order.
COLUMNS: tuple[str, ...] = (
    "note_id", "child_id", "author", "team", "date", "type",
    "rule", "name", "category", "severity", "message", "hint", "suggestion",
    "start", "end", "line", "column", "end_line", "end_column", "excerpt",
)  # fmt: skip

FORMATS = ("csv", "jsonl", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Pseudonym = Callable[[str, str], str]


def _identity(kind: str, value: str) -> str:
    return value


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def check_not_input(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise InputError if ``output`` is one of ``inputs`` (writing would destroy it).

    Compares resolved paths, then (for existing files) the files themselves, so a hard
    link or another spelling of the same path is caught. "-" (stdin) is never a file.
    """
    out = Path(output)
    for source in inputs:
        if str(source) in ("", "-"):
            continue
        src = Path(source)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            try:
                same = os.path.samefile(out, src)
            except OSError:
                same = False
        if same:
            raise InputError(str(output), f"the output file is the input {str(source)!r}")


class FindingsWriter:
    """A context manager that writes ``write(note, findings)`` calls as table rows."""

    def __init__(
        self,
        path: str | Path,
        fmt: str | None = None,
        *,
        redact: bool = False,
        pseudonym: Pseudonym | None = None,
        inputs: Iterable[str | Path] = (),
    ) -> None:
        self.path = Path(path)
        self.format = fmt or self.path.suffix.lower().lstrip(".")
        if self.format not in FORMATS:
            raise InputError(str(path), f"findings can be written as {' or '.join(FORMATS)}")
        check_not_input(self.path, inputs)
        self.redact = redact
        self.pseudonym = pseudonym or _identity
        self.rows = 0
        self._file: TextIO | None = None
        self._xlsx: Any = None

    def __enter__(self) -> FindingsWriter:
        if self.format == "xlsx":
            from .findings_xlsx import XlsxTable

            self._xlsx = XlsxTable(self.path, COLUMNS)
            return self
        encoding = "utf-8-sig" if self.format == "csv" else "utf-8"
        try:
            self._file = open(self.path, "w", encoding=encoding, newline="")
        except OSError as err:
            raise InputError(str(self.path), err.strerror or str(err)) from None
        if self.format == "csv":
            self._emit([COLUMNS])
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._xlsx is not None:
            table, self._xlsx = self._xlsx, None
            table.close()
        if self._file is not None:
            self._file.close()
            self._file = None

    def write(self, note: Note, findings: list[Finding]) -> None:
        """Write one row per finding of ``note``, then flush."""
        records = [self._record(note, f) for f in findings]
        if self._xlsx is not None:
            for record in records:
                self._xlsx.append(record)
        elif self.format == "csv":
            self._emit([[_cell(r[c]) for c in COLUMNS] for r in records])
        else:
            self._write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        self.rows += len(records)

    def _record(self, note: Note, finding: Finding) -> dict[str, Any]:
        data = finding.to_dict()
        data.update(
            note_id=note.id,
            child_id=note.child_id,
            author=note.author,
            team=note.team,
            date=note.date,
            type=note.type,
        )
        if self.redact:
            data["excerpt"], data["suggestion"] = "", None
            for kind in ("author", "child_id"):
                if data[kind]:
                    data[kind] = self.pseudonym(kind, data[kind])
            if note.child:
                alias = self.pseudonym("child", note.child)
                for key in ("message", "hint"):
                    data[key] = data[key].replace(note.child, alias)
        return {c: data.get(c) for c in COLUMNS}

    def _emit(self, rows: list[Any]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        self._write(buffer.getvalue())

    def _write(self, text: str) -> None:
        if self._file is None:
            raise RuntimeError("FindingsWriter used outside its 'with' block")
        try:
            if text:
                self._file.write(text)
            self._file.flush()
        except OSError as err:
            file, self._file = self._file, None
            with contextlib.suppress(OSError):
                file.close()
            raise InputError(str(self.path), f"cannot write: {err.strerror or err}") from None


def _cell(value: object) -> object:
    if value is None:
        return ""
    return neutralise(value) if isinstance(value, str) else value
