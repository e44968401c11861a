"""The engine as a pure function over a batch of note records, for other programs and Dask.

    from recordlint.api import lint_records
    facts = lint_records([{"text": "It was decided...", "id": "N1"}], Config())
    facts[0].findings  # -> [Finding(...), ...]

A record is a :class:`~recordlint.model.Note` or a mapping with a ``text`` key and any of
the note's other fields (``id``, ``path``, ``type``, ``child``, ``author``, ``team``, ``date``,
``child_id``). The answer has one :class:`NoteFacts` per record, in the same order: the
note's findings and the facts a batch summary needs (words, reading grade, score, whether
it records a decision). The same records and config always give the same answer.

Each process keeps one :class:`~recordlint.engine.Linter` (one spaCy model) per config,
built on first use, so a long-lived worker loads the model once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from .batch.aggregate import NoteFacts
from .config import Config
from .errors import RecordlintError
from .model import Note

if TYPE_CHECKING:
    from .engine import Linter

__all__ = ["NoteFacts", "lint_records", "lint_with", "linter_for"]

_NOTE_FIELDS = frozenset(f.name for f in fields(Note))
_LINTERS: dict[str, Linter] = {}
#: One batch at a time per process: workers that are threads share the model.
_LOCK = threading.RLock()


def linter_for(config: Config) -> Linter:
    """This process's Linter for ``config`` (built, and the model loaded, on first use)."""
    key = repr(config)
    with _LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            from .engine import Linter

            linter = _LINTERS[key] = Linter(config)
        return linter


def as_note(record: Note | Mapping[str, Any]) -> Note:
    """A Note from a record (a Note is used as it is)."""
    if isinstance(record, Note):
        return record
    if not isinstance(record, Mapping) or not isinstance(record.get("text"), str):
        raise RecordlintError("a note record must be a Note or a mapping with a 'text' string")
    known = {k: v for k, v in record.items() if k in _NOTE_FIELDS}
    return Note(**known)


def lint_with(linter: Linter, notes: Iterable[Note], batch_size: int = 64) -> list[NoteFacts]:
    """Lint ``notes`` with ``linter``: the per-note path of every batch engine."""
    from .batch.run import facts_of

    return [facts_of(result) for result in linter.lint_many(notes, batch_size=batch_size)]


def lint_records(
    records: Iterable[Note | Mapping[str, Any]], config: Config | None = None
) -> list[NoteFacts]:
    """Lint a batch of note records with ``config`` (default settings when None)."""
    config = config or Config()
    notes = [as_note(record) for record in records]
    if not notes:
        return []
    with _LOCK:
        return lint_with(linter_for(config), notes, batch_size=max(1, min(len(notes), 256)))
