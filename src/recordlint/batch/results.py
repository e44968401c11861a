"""Save a batch summary as JSON (``--save results.json``) and load it back for `compare`.

The file holds the figures, names, note ids, rule counts and the most frequent flagged words
(none when redacted), never whole notes: the lowest-scoring and exemplar notes keep their
ids, scores and rules only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import RecordlintError

RESULTS_KIND = "recordlint-batch-results"
RESULTS_VERSION = 1
#: Keys every results file has (what `compare` reads).
REQUIRED = ("notes", "overall", "categories", "teams", "authors")
_TEXT_KEYS = ("text", "marks")


def strip_text(summary: dict[str, Any]) -> dict[str, Any]:
    """A copy of the summary without note text or flagged spans."""
    data = dict(summary)
    for key in ("lowest", "exemplars"):
        data[key] = [
            {k: v for k, v in entry.items() if k not in _TEXT_KEYS} for entry in data.get(key, [])
        ]
    return data


def save_results(summary: dict[str, Any], path: Path) -> None:
    """Write the summary (without note text) atomically."""
    from ..safe_write import atomic_write_text

    text = json.dumps(strip_text(summary), ensure_ascii=False, indent=1)
    atomic_write_text(path, text + "\n")


def load_results(path: Path) -> dict[str, Any]:
    """Read a results file; RecordlintError (one line) when it is not one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RecordlintError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordlintError(f"{path}: cannot read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordlintError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("kind") != RESULTS_KIND:
        raise RecordlintError(
            f"{path}: not a recordlint batch results file (make one with 'batch --save')"
        )
    version = data.get("version")
    if version != RESULTS_VERSION:
        raise RecordlintError(
            f"{path}: results version {version!r} is not supported (expected {RESULTS_VERSION})"
        )
    missing = [key for key in REQUIRED if not isinstance(data.get(key), (dict, int))]
    if missing:
        raise RecordlintError(f"{path}: results file is incomplete (missing {', '.join(missing)})")
    return data
