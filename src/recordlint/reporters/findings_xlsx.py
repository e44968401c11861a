"""The findings table as a real XLSX workbook (``--output findings.xlsx``).

One sheet, "Findings": a frozen header row with an autofilter, dates as date cells
(``yyyy-mm-dd``, with the time when the export had one), numbers as numbers, and every text
cell stored as text, so a cell starting with ``=`` can never run as a formula. Characters a
workbook cannot hold (control characters) are dropped. Rows stream to a temporary file in
the same folder, which replaces the output only when the workbook is complete.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_WIDTHS = {"message": 60, "hint": 60, "excerpt": 40, "team": 24, "author": 20, "date": 16}


def date_value(text: str | None) -> date | datetime | None:
    """An ISO date or date-time (as the export readers give) as a date object."""
    if not text:
        return None
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.replace(tzinfo=None)
    except ValueError:
        return None


class XlsxTable:
    """Appends rows (dicts keyed by ``columns``) to a write-only workbook; ``close`` saves."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        self.path = path
        self.columns = columns
        self.rows = 0
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("Findings")
        self.sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            width = _WIDTHS.get(column, 12)
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self._last = get_column_letter(len(columns))
        self.sheet.append([self._text(c) for c in columns])

    def _text(self, value: str) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell = WriteOnlyCell(self.sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # text, never a formula
        return cell

    def _cell(self, column: str, value: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if value is None:
            return None
        if column == "date":
            moment = date_value(value)
            if moment is not None:
                cell = WriteOnlyCell(self.sheet, value=moment)
                cell.number_format = (
                    DATETIME_FORMAT if isinstance(moment, datetime) else DATE_FORMAT
                )
                return cell
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return self._text(str(value))

    def append(self, record: dict[str, Any]) -> None:
        self.sheet.append([self._cell(c, record.get(c)) for c in self.columns])
        self.rows += 1

    def close(self) -> None:
        """Save the workbook: a temporary file beside the output, then a rename."""
        self.sheet.auto_filter.ref = f"A1:{self._last}{self.rows + 1}"
        folder = Path(os.path.realpath(self.path)).parent
        try:
            handle, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            os.close(handle)
            self.book.save(temp)
            os.replace(temp, os.path.realpath(self.path))
        except OSError as err:
            if "temp" in locals():
                Path(temp).unlink(missing_ok=True)
            raise InputError(str(self.path), f"cannot write: {err.strerror or err}") from None
