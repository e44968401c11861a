"""Find which export column holds each note field, by header name or by the user's choice.

Headers are compared ignoring case, spaces and punctuation, so "Case Note ID", "case_note_id"
and "CaseNoteID" are one name. Each field takes the first of its :data:`ALIASES` that the
export has; a header serves one field only. ``overrides`` names a header for any field, or
None to leave a field out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..errors import InputError

#: The note fields an export column can fill, in detection order.
FIELDS: tuple[str, ...] = ("text", "id", "child_id", "child", "author", "team", "type", "date")

#: Field -> header names it is found under, best first.
# fmt: off
ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "Case Note", "Case Note Text", "Note Text", "Narrative", "Note", "Notes", "Text",
        "Body", "Details", "Description", "Case Notes", "Note Body", "Content", "Contents",
    ),
    "id": (
        "Case Note ID", "Note ID", "Casenote ID", "ID", "Record ID", "Case Note Ref", "Note Ref",
        "Event ID", "Activity ID", "Reference",
    ),
    "child_id": (
        "Person ID", "Child ID", "Client ID", "PID", "Person Ref", "Person Reference",
        "Child Ref", "Subject ID", "Young Person ID",
    ),
    "child": (
        "Child Name", "Child", "First Name", "Forename", "Child First Name", "Child Forename",
        "Person Name", "Client Name", "Young Person", "Young Person Name", "Preferred Name",
    ),
    "author": (
        "Author", "Worker", "Created By", "Practitioner", "Social Worker", "Author Name",
        "Worker Name", "Written By", "Recorded By", "Entered By", "Staff Name", "Staff",
    ),
    "team": ("Team", "Service", "Unit", "Team Name", "Worker Team", "Author Team", "Service Area"),
    "type": (
        "Note Type", "Type", "Case Note Type", "Activity Type", "Event Type", "Contact Type",
        "Note Category", "Category",
    ),
    "date": (
        "Note Date", "Date", "Created", "Event Date", "Created Date", "Date Created", "Created On",
        "Contact Date", "Activity Date", "Recorded Date", "Date Recorded", "Note Datetime",
        "Datetime", "Timestamp", "Start Date",
    ),
}
# fmt: on

_SHOW_AT_MOST = 30


def header_key(name: str) -> str:
    """A header reduced to lower-case letters and digits, the form names are compared in."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


class ColumnMap(Mapping[str, str]):
    """Field -> header used for it. ``position`` gives its 0-based column; ``auto`` says
    which fields were found by name rather than named by the user."""

    def __init__(self, headers: dict[str, str], position: dict[str, int], auto: frozenset[str]):
        self._headers = headers
        self.position = position
        self.auto = auto

    def __getitem__(self, field: str) -> str:
        return self._headers[field]

    def __iter__(self) -> Iterator[str]:
        return (f for f in FIELDS if f in self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    def __repr__(self) -> str:
        return f"ColumnMap({self.describe()})"

    def describe(self) -> str:
        """One line for messages: ``text='Case Note' (detected), id='Ref' (given), ...``."""
        return ", ".join(
            f"{f}={self[f]!r} ({'detected' if f in self.auto else 'given'})" for f in self
        )


def detect_columns(
    headers: Sequence[str],
    overrides: Mapping[str, str | None] | None,
    location: str,
) -> tuple[ColumnMap, list[str]]:
    """Map fields to columns; return the map and warnings (duplicate headers).

    Raises InputError (at ``location``) for an unknown field, an override naming a header
    that is not there, or when no text column is found.
    """
    overrides = dict(overrides or {})
    first: dict[str, int] = {}
    warnings: list[str] = []
    for i, name in enumerate(headers):
        key = header_key(name)
        if not key:
            continue
        if key in first:
            j = first[key]
            kept = "" if headers[j] == name else f" {headers[j]!r}"
            warnings.append(
                f"{location}: duplicate column {name!r} (columns {j + 1} and {i + 1}); "
                f"using column {j + 1}{kept}"
            )
        else:
            first[key] = i
    chosen: dict[str, int] = {}
    for field, header in overrides.items():
        if field not in FIELDS:
            raise InputError(location, f"unknown field {field!r}; fields are {', '.join(FIELDS)}")
        if header is not None:
            chosen[field] = _find(header, headers, first, location)
    taken = set(chosen.values())
    auto: set[str] = set()
    for field in FIELDS:
        if field in overrides:
            continue
        for alias in ALIASES[field]:
            i = first.get(header_key(alias))
            if i is not None and i not in taken:
                chosen[field] = i
                auto.add(field)
                taken.add(i)
                break
    if "text" not in chosen:
        raise InputError(
            location, f"no note text column found; the headers are {_listing(headers)}"
        )
    names = {f: headers[i] for f, i in chosen.items()}
    return ColumnMap(names, chosen, frozenset(auto)), warnings


def _find(header: str, headers: Sequence[str], first: dict[str, int], location: str) -> int:
    """The column of ``header``: exact name first, then compared as a key."""
    if header in headers:
        return list(headers).index(header)
    i = first.get(header_key(header))
    if i is None:
        raise InputError(location, f"no column {header!r}; the headers are {_listing(headers)}")
    return i


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(repr(h) for h in headers[:_SHOW_AT_MOST]) or "(none)"
    more = len(headers) - _SHOW_AT_MOST
    return shown + (f" and {more} more" if more > 0 else "")
