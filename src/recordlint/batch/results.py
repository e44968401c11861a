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
from .summary import SUMMARY_KIND, SUMMARY_VERSION

RESULTS_KIND = SUMMARY_KIND
RESULTS_VERSION = SUMMARY_VERSION
#: Versions `compare` reads: 1 had no period, trend or support figures.
READABLE_VERSIONS = (1, SUMMARY_VERSION)
#: Keys every results file has (what `compare` reads).
REQUIRED = ("notes", "overall", "categories", "teams", "authors")
_TEXT_KEYS = ("text", "marks")
#: Figures `compare` reads from each group; each must be a number (or absent / null).
_FIGURES = (
    "notes", "mean_score", "findings_per_note", "no_reason_share", "no_voice_share",
    "median_grade",
)  # fmt: skip


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
    from ..sources.reading import not_regular

    reason = not_regular(path, "a results file", "such as one saved by `batch --save`")
    if reason == "no such file or folder":
        raise RecordlintError(f"{path}: no such file")
    if reason:  # a FIFO would block for ever, a device such as /dev/zero never ends
        raise RecordlintError(f"{path}: {reason}")
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
    if version not in READABLE_VERSIONS:
        raise RecordlintError(
            f"{path}: results version {version!r} is not supported (expected {RESULTS_VERSION})"
        )
    missing = [key for key in REQUIRED if not isinstance(data.get(key), (dict, int))]
    if missing:
        raise RecordlintError(f"{path}: results file is incomplete (missing {', '.join(missing)})")
    problem = shape_problem(data)
    if problem:
        raise RecordlintError(f"{path}: results file is damaged or was edited: {problem}")
    return data


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _figures(value: Any, where: str) -> str | None:
    """Why a group's figures are not what `batch --save` writes (None: they are)."""
    if not isinstance(value, dict):
        return f"{where} must be a mapping"
    for key, figure in value.items():
        if key in _FIGURES and not _number(figure):
            return f"{where}: '{key}' must be a number"
    return None


def shape_problem(data: dict[str, Any]) -> str | None:
    """What `compare` would trip over in a results file (None: nothing)."""
    if not isinstance(data["notes"], int) or isinstance(data["notes"], bool):
        return "'notes' must be a whole number"
    if data.get("created") is not None and not isinstance(data["created"], str):
        return "'created' must be text"
    problem = _figures(data["overall"], "'overall'")
    if problem:
        return problem
    if not isinstance(data["categories"], dict):
        return "'categories' must be a mapping"
    for name, value in data["categories"].items():
        if not isinstance(value, dict) or not _number(value.get("share")):
            return f"category {name!r} must have a numeric 'share'"
    for kind in ("teams", "authors"):
        if not isinstance(data[kind], dict):
            return f"'{kind}' must be a mapping"
        for name, value in data[kind].items():
            problem = _figures(value, f"{kind[:-1]} {name!r}")
            if problem:
                return problem
    return None
