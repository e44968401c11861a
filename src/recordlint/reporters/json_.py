"""JSON (one document) and JSON Lines (one finding a line) output. Schema: see the README."""

from __future__ import annotations

import json
from typing import Any

from ..model import Finding, Note, NoteResult
from . import ReportContext
from .summary import rule_statistics, summarise

SCHEMA_VERSION = 1


def _finding(result: NoteResult, finding: Finding, redact: bool) -> dict[str, Any]:
    return _finding_of(result.note, finding, redact)


def _finding_of(note: Note, finding: Finding, redact: bool) -> dict[str, Any]:
    data = {"file": note.path, "note_id": note.id, **finding.to_dict()}
    if redact:
        data["excerpt"] = ""
        data["suggestion"] = None
        data["sentence_rewrite"] = None
    return data


def render_json(results: list[NoteResult], ctx: ReportContext) -> str:
    redact = bool(ctx.extra.get("redact"))
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "recordlint", "version": ctx.version},
        "files": [
            {
                "path": r.note.path,
                "note_id": r.note.id,
                "type": r.note.type,
                "words": r.words,
                "reading_grade": None if r.grade is None else round(r.grade, 1),
                "score": r.score,
                "findings": len(r.findings),
            }
            for r in results
        ],
        "findings": [_finding(r, f, redact) for r in results for f in r.findings],
        "summary": summarise(results),
    }
    if ctx.statistics:
        names = {meta.code: meta.name for meta in ctx.rules}
        document["statistics"] = rule_statistics(results, names)
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_jsonl(results: list[NoteResult], ctx: ReportContext) -> str:
    redact = bool(ctx.extra.get("redact"))
    return "\n".join(
        json.dumps(_finding(r, f, redact), ensure_ascii=False) for r in results for f in r.findings
    )


def jsonl_line(note: Note, finding: Finding, ctx: ReportContext) -> str:
    """One line of ``jsonl`` output, for a note whose findings are written as found."""
    return json.dumps(_finding_of(note, finding, bool(ctx.extra.get("redact"))), ensure_ascii=False)
