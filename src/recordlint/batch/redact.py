"""Stable pseudonyms for authors, teams and children, and findings stripped of note text.

Pseudonyms are given in order of first appearance within a run ("Worker 01", "Team A",
"Child 0001"), so the same person keeps one name throughout a report. With redaction no note
text, excerpt, suggestion or message quoting the note leaves the run: a finding keeps its
rule, category, severity and position, with the rule's summary as its message and a hint
written for "the child".
"""

from __future__ import annotations

import re
from dataclasses import replace
from string import ascii_uppercase

from ..checks.base import RuleMeta, fill
from ..model import Finding, Note

#: What a kind of value is called, and the width of its number.
_KINDS: dict[str, tuple[str, int]] = {
    "author": ("Worker", 2),
    "child_id": ("Child", 4),
    "child": ("Child", 4),
}
#: Neutral words for the placeholders of rule hints.
_NEUTRAL = {
    "match": "this wording",
    "child": "the child",
    "Child": "The child",
    "child_possessive": "the child's",
    "suggestion": "plainer words",
    "sentence": "the decision",
    "template": "[who] [did what], because [reason]",
    "verb": "did",
    "type": "note",
}
_LEFTOVER = re.compile(r"\{[A-Za-z_]+\}")


def team_letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": spreadsheet-style letters."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = ascii_uppercase[rest] + letters
    return letters


class Pseudonyms:
    """Assigns and remembers pseudonyms per kind ("author", "team", "child_id", "child")."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, str]] = {}

    def __call__(self, kind: str, value: str) -> str:
        group = "child_id" if kind == "child" else kind
        names = self._seen.setdefault(group, {})
        alias = names.get(value)
        if alias is None:
            number = len(names)
            if group == "team":
                alias = f"Team {team_letters(number)}"
            else:
                label, width = _KINDS.get(group, ("Person", 3))
                alias = f"{label} {number + 1:0{width}d}"
            names[value] = alias
        return alias

    def optional(self, kind: str, value: str | None) -> str | None:
        return self(kind, value) if value else None


def redact_note(note: Note, pseudonym: Pseudonyms) -> Note:
    """The note's metadata with pseudonyms and no text (id, type, date and row are kept)."""
    child_key = note.child_id or note.child
    note_id = note.id
    if note.extra.get("format") == "docx":  # a Word document's id is its file name
        note_id = f"document {note.extra.get('row')}"
    return Note(
        text="",
        id=note_id,
        path=note.path,
        type=note.type,
        child=None,
        author=pseudonym.optional("author", note.author),
        team=pseudonym.optional("team", note.team),
        date=note.date,
        child_id=pseudonym.optional("child_id", child_key),
        extra={"row": note.extra.get("row")} if "row" in note.extra else {},
    )


def redact_finding(finding: Finding, meta: RuleMeta | None) -> Finding:
    """The finding without note text: the rule's summary as message, a neutral hint."""
    if meta is None:
        message, hint = f"{finding.name} ({finding.category})", ""
    else:
        message = _LEFTOVER.sub("...", fill(meta.summary, _NEUTRAL))
        hint = _LEFTOVER.sub("...", fill(meta.hint, _NEUTRAL))
    return replace(
        finding, message=message, hint=hint, suggestion=None, excerpt="", sentence_rewrite=None
    )


#: Extensions an export's redacted name keeps (any other could be part of a name).
_EXPORT_SUFFIXES = frozenset(
    {".csv", ".tsv", ".tab", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm", ".docx"}
)


def export_label(path: str, number: int) -> str:
    """An export's name with ``--redact``: "export 1 (.csv)". The file name may hold a
    child's name, so only a known extension is kept ("export 2 (folder)" for a folder of
    Word documents)."""
    from pathlib import Path

    if Path(path).is_dir():
        return f"export {number} (folder)"
    suffix = Path(path).suffix.lower()
    if not suffix:
        return f"export {number} (no extension)"
    return f"export {number} ({suffix if suffix in _EXPORT_SUFFIXES else 'other extension'})"


def hide_paths(text: str, labels: dict[str, str]) -> str:
    """``text`` with each export path in ``labels`` replaced by its label (longest first, so
    that a path inside another is not half replaced)."""
    for path in sorted(labels, key=len, reverse=True):
        if path:
            text = text.replace(path, labels[path])
    return text
