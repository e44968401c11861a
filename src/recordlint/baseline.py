"""Baselines: record today's findings, then report only findings that are new.

A finding is matched by its rule, its file (relative to the folder recordlint runs in, with
forward slashes), its note id (for files that hold several notes) and its words with
whitespace collapsed. Line numbers are ignored, so adding or removing text elsewhere in a
file does not make old findings look new. Occurrences are counted: a note with the same
finding twice needs two baseline entries. The file stores no note text beyond each finding's
excerpt.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Finding, NoteResult
from .reporters.common import relative_path

VERSION = 1

#: (rule, path, note id, excerpt)
Key = tuple[str, str, str, str]


@dataclass
class Baseline:
    """The findings recorded in a baseline file, counted by key."""

    counts: Counter[Key] = field(default_factory=Counter)
    source: Path | None = None

    def __len__(self) -> int:
        return sum(self.counts.values())


def excerpt_key(text: str) -> str:
    """A finding's words with runs of whitespace collapsed to one space."""
    return " ".join(text.split())


def finding_key(finding: Finding, path: str, note_id: str | None) -> Key:
    """How a finding is matched against the baseline."""
    return (finding.rule, path, note_id or "", excerpt_key(finding.excerpt))


def _keyed(result: NoteResult, cwd: str | None) -> list[tuple[Key, Finding]]:
    path = relative_path(result.note.path, cwd or os.getcwd())
    ordered = sorted(result.findings, key=lambda f: (f.start, f.end, f.rule))
    return [(finding_key(f, path, result.note.id), f) for f in ordered]


def baseline_document(results: list[NoteResult], cwd: str | None = None) -> dict[str, Any]:
    """The JSON document for ``results``: one entry per finding, sorted for stable diffs."""
    entries = []
    for result in results:
        for (rule, path, note_id, excerpt), finding in _keyed(result, cwd):
            entry = {"rule": rule, "category": finding.category, "path": path}
            if note_id:
                entry["id"] = note_id
            entry["excerpt"] = excerpt
            entries.append(entry)
    entries.sort(key=lambda e: (e["path"], e.get("id", ""), e["rule"], e["excerpt"]))
    return {"version": VERSION, "tool": "recordlint", "findings": entries}


def write_baseline(results: list[NoteResult], path: Path, cwd: str | None = None) -> int:
    """Write the baseline for ``results`` to ``path`` (atomically); return the finding count."""
    from .safe_write import atomic_write_text

    document = baseline_document(results, cwd)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    atomic_write_text(path, text)
    return len(document["findings"])


def _entry_key(entry: Any, index: int, where: str) -> Key:
    if not isinstance(entry, dict):
        raise InputError(where, f"finding {index + 1} must be an object")
    for name in ("rule", "path", "excerpt"):
        if not isinstance(entry.get(name), str):
            raise InputError(where, f"finding {index + 1} needs a text '{name}'")
    note_id = entry.get("id")
    if note_id is not None and not isinstance(note_id, str):
        raise InputError(where, f"finding {index + 1}: 'id' must be text")
    path = entry["path"].replace("\\", "/")
    return (entry["rule"], path, note_id or "", excerpt_key(entry["excerpt"]))


def load_baseline(path: Path) -> Baseline:
    """Read and check a baseline file; a problem is an InputError naming the file (exit 2)."""
    from .sources.reading import not_regular

    where = str(path)
    reason = not_regular(path, "a baseline file", "such as one written by `recordlint baseline`")
    if reason == "no such file or folder":
        raise InputError(where, "baseline file not found")
    if reason:  # a FIFO would block for ever, a device such as /dev/zero never ends
        raise InputError(where, reason)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(where, "baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(where, f"cannot read baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}:{exc.lineno}", f"not a valid baseline: {exc.msg}") from None
    if not isinstance(data, dict) or "findings" not in data:
        raise InputError(where, "not a recordlint baseline (no 'findings' list)")
    if data.get("version") != VERSION:
        raise InputError(where, f"unsupported baseline version {data.get('version')!r}")
    if not isinstance(data["findings"], list):
        raise InputError(where, "'findings' must be a list")
    counts: Counter[Key] = Counter(
        _entry_key(entry, index, where) for index, entry in enumerate(data["findings"])
    )
    return Baseline(counts=counts, source=path)


def filter_new(
    results: list[NoteResult], baseline: Baseline, cwd: str | None = None
) -> list[NoteResult]:
    """``results`` with only the findings the baseline does not account for.

    Every note is kept (with its own score), so reports still count the notes checked.
    """
    remaining = Counter(baseline.counts)
    filtered = []
    for result in results:
        new: set[int] = set()
        for key, finding in _keyed(result, cwd):
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.add(id(finding))
        findings = [f for f in result.findings if id(f) in new]
        filtered.append(replace(result, findings=findings))
    return filtered
