"""Which notes a batch run covers (``--since``, ``--until``, ``--team``, ``--author``) and
the trend period of a note date (``--period month|quarter|year``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import RecordlintError
from ..model import Note

PERIODS = ("month", "quarter", "year")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_day(value: str | None, option: str) -> str | None:
    """A ``YYYY-MM-DD`` option value, checked; RecordlintError naming the option otherwise."""
    if value is None:
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad(option, value)
    except ValueError:
        return _bad(option, value)


def _bad(option: str, value: str) -> str:
    raise RecordlintError(f"{option} {value!r}: give a date as YYYY-MM-DD, e.g. 2025-01-31")


@dataclass
class NoteFilter:
    """Keeps the notes dated within ``since``..``until`` (inclusive) and written by one of
    ``authors`` in one of ``teams`` (names compared ignoring case and outer spaces).
    With a date limit, notes without a readable date are left out."""

    since: str | None = None
    until: str | None = None
    teams: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    left_out: int = 0

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.teams or self.authors)

    def describe(self, redact: bool = False) -> list[str]:
        """The filters as words, for the reports ("from 2025-01-01", "team: X"); redacted,
        names are only counted ("2 teams chosen")."""
        parts = []
        if self.since:
            parts.append(f"from {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        for kind, names in (("team", self.teams), ("author", self.authors)):
            if names and redact:
                parts.append(f"{len(names)} {kind}{'s' if len(names) > 1 else ''} chosen")
            elif names:
                parts.append(f"{kind}: " + ", ".join(names))
        return parts

    def keeps(self, note: Note) -> bool:
        if self._keeps(note):
            return True
        self.left_out += 1
        return False

    def _keeps(self, note: Note) -> bool:
        if self.since or self.until:
            day = note.date[:10] if note.date and _ISO_DAY.match(note.date) else None
            if day is None:
                return False
            if (self.since and day < self.since) or (self.until and day > self.until):
                return False
        if self.teams and _key(note.team) not in {_key(t) for t in self.teams}:
            return False
        return not self.authors or _key(note.author) in {_key(a) for a in self.authors}


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def period_of(iso_date: str | None, period: str = "month") -> str | None:
    """'2025-03', '2025-Q1' or '2025' for an ISO date; None for no date."""
    if not iso_date or not _ISO_DAY.match(iso_date):
        return None
    year, month = iso_date[:4], int(iso_date[5:7])
    if period == "year":
        return year
    if period == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def periods_between(first: str, last: str, period: str = "month") -> list[str]:
    """Every period from ``first`` to ``last`` (both period keys), empty ones included."""
    out: list[str] = []
    year = int(first[:4])
    if period == "year":
        return [str(y) for y in range(year, int(last[:4]) + 1)]
    step = 3 if period == "quarter" else 1
    index = (int(first[6]) - 1) * 3 if period == "quarter" else int(first[5:7]) - 1
    while True:
        month = index % 12 + 1
        key = period_of(f"{year + index // 12:04d}-{month:02d}-01", period)
        assert key is not None
        out.append(key)
        if key >= last or len(out) > 10_000:
            return out
        index += step
