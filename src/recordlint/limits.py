"""Resource limits that keep one hostile file from hanging or exhausting a run.

Each limit has a default, can be changed with an environment variable (read when the run
starts; batch workers inherit it), and is listed in SECURITY.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import RecordlintError

MB = 1 << 20


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RecordlintError(f"{name}={raw!r}: must be a number") from None
    if not value > 0 or value == float("inf"):
        raise RecordlintError(f"{name}={raw!r}: must be a positive number")
    return value


@dataclass(frozen=True)
class Limits:
    """The limits in force for a run."""

    #: Largest note (one file, or one cell or record of an export), in MB.
    note_mb: float = 50.0
    #: Largest uncompressed size of an XLSX workbook (all its parts together), in MB.
    xlsx_mb: float = 500.0
    #: Most aliases (``*name``) one YAML file may use, and most nodes once expanded.
    yaml_aliases: int = 100
    yaml_nodes: int = 200_000
    #: Longest time one user-supplied regular expression may run on one text, in seconds.
    regex_seconds: float = 2.0
    #: Largest request body `recordlint serve` reads (one note as JSON), in MB.
    request_mb: float = 1.0

    @property
    def note_bytes(self) -> int:
        return int(self.note_mb * MB)

    @property
    def request_bytes(self) -> int:
        return int(self.request_mb * MB)

    @property
    def xlsx_bytes(self) -> int:
        return int(self.xlsx_mb * MB)


ENV = {
    "note_mb": "RECORDLINT_MAX_NOTE_MB",
    "xlsx_mb": "RECORDLINT_MAX_XLSX_MB",
    "yaml_aliases": "RECORDLINT_MAX_YAML_ALIASES",
    "yaml_nodes": "RECORDLINT_MAX_YAML_NODES",
    "regex_seconds": "RECORDLINT_REGEX_SECONDS",
    "request_mb": "RECORDLINT_MAX_REQUEST_MB",
}


def current() -> Limits:
    """The defaults, with any set in the environment on top."""
    defaults = Limits()
    values = {}
    for name, variable in ENV.items():
        value = _env_number(variable, getattr(defaults, name))
        values[name] = int(value) if isinstance(getattr(defaults, name), int) else value
    return Limits(**values)


def size_text(count: int) -> str:
    """A byte count for messages: '50 MB', '1.5 MB', '102 KB', '900 bytes'."""
    if count >= MB:
        value = count / MB
        return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"
    if count >= 10 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"
