"""Spot a date column that mixes day-first and month-first dates.

A spreadsheet opened in the wrong locale rewrites some dates month-first (``02/14/2024``)
and leaves others day-first (``14/02/2024``). recordlint reads dates day-first; when a
column holds both kinds, the dates that fit either reading (``03/04/2024``) are ambiguous,
and the export says how many there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERIC = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b")


@dataclass
class DateMix:
    """Counts of numeric dates readable only day-first, only month-first, or either way."""

    day_first: int = 0
    month_first: int = 0
    ambiguous: int = 0

    def see(self, value: object) -> None:
        if not isinstance(value, str):
            return
        match = _NUMERIC.match(value)
        if not match:
            return
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            self.day_first += 1
        elif second > 12 >= first:
            self.month_first += 1
        elif first != second and first <= 12 and second <= 12:
            self.ambiguous += 1

    def warning(self, path: str, column: str | None) -> str | None:
        """The warning for a mixed column, or None when it is not mixed."""
        if not (self.day_first and self.month_first):
            return None
        return (
            f"{path}: the date column {column!r} mixes day-first and month-first dates "
            f"({self.day_first:,} only readable day-first, {self.month_first:,} only "
            f"month-first, left without a date); {self.ambiguous:,} ambiguous dates such as "
            "03/04/2024 were read day-first and may be wrong"
        )
