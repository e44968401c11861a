"""Read the dates that case-management exports write, and give them back as ISO 8601.

UK day-first forms (``14/02/2024``, ``14-02-2024 13:43``, ``4/2/24``, ``14 Feb 2024``),
ISO 8601 (``2024-02-14``, ``2024-02-14T13:43:05Z``) and spreadsheet cells (``datetime``,
``date`` or an Excel serial number) become ``"2024-02-14"`` or ``"2024-02-14T13:43"``
(seconds only when not zero; fractions of a second are dropped; an offset is kept).
Day-first is never guessed away: ``02/14/2024`` is unreadable, not 14 February.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_TIME = r"(?:[T ,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?)?"
_ISO = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME, re.IGNORECASE)
_NAMED = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]{3,9})\.?[ ,-]+(\d{4}|\d{2})" + _TIME, re.IGNORECASE
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO 8601 string; None when blank. Raise ValueError if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _render(value, with_time=value.time() != datetime.min.time())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    if m := _ISO.fullmatch(text):
        y, mo, d, hh, mm, ss, tz = m.groups()
        return _build(int(y), int(mo), int(d), hh, mm, ss, None, tz)
    if m := _DAY_FIRST.fullmatch(text):
        d, mo, y, hh, mm, ss, ampm = m.groups()
        return _build(_year(y), int(mo), int(d), hh, mm, ss, ampm, None)
    if (m := _NAMED.fullmatch(text)) and (month := _month(m.group(2))):
        d, _, y, hh, mm, ss, ampm = m.groups()
        return _build(_year(y), month, int(d), hh, mm, ss, ampm, None)
    raise ValueError(f"unreadable date {text!r}")


def _month(word: str) -> int:
    """1-12 for a month name or its abbreviation ("Feb", "Sept"); 0 when it is neither."""
    word = word.lower()
    return next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(word)), 0)


def _year(digits: str) -> int:
    """Four digits as written; two digits as strptime reads them (69-99 -> 1900s)."""
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 69 else 2000
    return year


def _build(
    y: int,
    mo: int,
    d: int,
    hh: str | None,
    mm: str | None,
    ss: str | None,
    ampm: str | None,
    tz: str | None,
) -> str:
    if hh is None:
        return date(y, mo, d).isoformat()  # ValueError for 31/02 or month 14
    hour = int(hh)
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with am/pm")
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    moment = datetime(y, mo, d, hour, int(mm or 0), int(ss or 0))
    return _render(moment, with_time=True) + _offset(tz)


def _render(moment: datetime, *, with_time: bool) -> str:
    if not with_time:
        return moment.date().isoformat()
    spec = "seconds" if moment.second else "minutes"
    return moment.replace(microsecond=0, tzinfo=None).isoformat(timespec=spec)


def _offset(tz: str | None) -> str:
    if not tz or tz.upper() == "Z":
        return "Z" if tz else ""
    digits = tz[1:].replace(":", "")
    return f"{tz[0]}{digits[:2]}:{digits[2:4] or '00'}"


def _from_serial(serial: float) -> str:
    """An Excel date serial (days since 1899-12-30) from a cell not formatted as a date."""
    if not 1 <= serial < 2958466:
        raise ValueError(f"number {serial!r} is not a date")
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    return _render(moment, with_time=moment.time() != datetime.min.time())
