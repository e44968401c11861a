"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, Azure DevOps ...).

Positions: ``startLine``/``startColumn`` are the finding's 1-based line and column.
``endLine``/``endColumn`` are the 1-based position of the character just after the
finding (the finding's ``end_line``/``end_column`` unchanged), which is SARIF's exclusive
``endColumn``. Columns count Unicode code points (``run.columnKind``).

Also home to the helpers the other CI formats share: :func:`relative_path`,
:func:`join_message` and :func:`located_findings` (stable fingerprints).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..checks.base import RuleMeta
from ..hints.text import readable
from ..model import Finding, NoteResult, Severity
from . import ReportContext

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "recordlint/v1"

#: SARIF has no "info" level; "note" is its lowest.
LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


# -- helpers shared by the CI formats ---------------------------------------------------


def relative_path(path: str | None, cwd: str = ".") -> str:
    """``path`` relative to ``cwd`` with forward slashes; absolute if outside; '-' if none."""
    if not path or path == "-":
        return "-"
    base = os.path.abspath(cwd)
    full = os.path.normpath(os.path.join(base, path))
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # a different drive (Windows)
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def join_message(message: str, hint: str) -> str:
    """The message followed by the hint, with a full stop between them if needed."""
    message, hint = message.strip(), hint.strip()
    if not hint:
        return message
    if not message:
        return hint
    if message[-1] not in ".!?":
        message += "."
    return f"{message} {hint}"


def fingerprint(*parts: object) -> str:
    """SHA-256 hex digest of ``parts``, joined with a separator no text contains."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Located:
    """A finding with its note, display path and stable fingerprint."""

    result: NoteResult
    finding: Finding
    path: str
    fingerprint: str


def located_findings(results: list[NoteResult], cwd: str = ".") -> list[Located]:
    """Every finding in report order, each with a fingerprint that survives line shifts.

    The fingerprint hashes rule, path, note id, excerpt (whitespace collapsed) and the
    occurrence index among findings identical in all of those (counted in text order), so
    two identical findings differ while moving text up or down changes neither.
    """
    fingerprints: dict[int, str] = {}
    seen: Counter[tuple[str, str, str, str]] = Counter()
    paths = [relative_path(result.note.path, cwd) for result in results]
    for result, path in zip(results, paths, strict=True):
        for finding in sorted(result.findings, key=lambda f: (f.start, f.end)):
            key = (finding.rule, path, result.note.id or "", " ".join(finding.excerpt.split()))
            fingerprints[id(finding)] = fingerprint(*key, seen[key])
            seen[key] += 1
    return [
        Located(result, finding, path, fingerprints[id(finding)])
        for result, path in zip(results, paths, strict=True)
        for finding in result.findings
    ]


# -- SARIF ------------------------------------------------------------------------------


def _artifact_location(path: str) -> dict[str, str]:
    if path == "-":
        return {"uri": "-"}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary or meta.name},
        "fullDescription": {"text": meta.why or meta.summary or meta.name},
        "help": {"text": readable(meta.hint) or meta.summary or meta.name},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": meta.category, "tags": [meta.category]},
    }


def _descriptor_from_finding(finding: Finding) -> dict[str, Any]:
    """A minimal rule entry for a finding whose rule is not in ``ctx.rules``."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category, "tags": [finding.category]},
    }


def _region(finding: Finding, redact: bool) -> dict[str, Any] | None:
    if finding.line < 1:
        return None
    region: dict[str, Any] = {"startLine": finding.line}
    if finding.column >= 1:
        region["startColumn"] = finding.column
    if finding.end_line >= finding.line:
        region["endLine"] = finding.end_line
        same_line = finding.end_line == finding.line
        if finding.column >= 1 and finding.end_column >= 1:
            end = max(finding.end_column, finding.column) if same_line else finding.end_column
            region["endColumn"] = end
    if finding.excerpt and not redact:
        region["snippet"] = {"text": finding.excerpt}
    return region


def _result(item: Located, rule_index: int, redact: bool) -> dict[str, Any]:
    finding = item.finding
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(item.path)}
    region = _region(finding, redact)
    if region:
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": join_message(finding.message, finding.hint)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: item.fingerprint},
        "properties": {"category": finding.category},
    }
    if item.result.note.id:
        result["properties"]["noteId"] = item.result.note.id
    return result


def build_sarif(results: list[NoteResult], ctx: ReportContext) -> dict[str, Any]:
    """The SARIF log as a dict: one run, every enabled rule, one result per finding."""
    redact = bool(ctx.extra.get("redact"))
    rules = [_rule_descriptor(meta) for meta in ctx.rules]
    index = {meta.code: i for i, meta in enumerate(ctx.rules)}
    sarif_results = []
    for item in located_findings(results, ctx.cwd):
        code = item.finding.rule
        if code not in index:
            index[code] = len(rules)
            rules.append(_descriptor_from_finding(item.finding))
        sarif_results.append(_result(item, index[code], redact))
    driver: dict[str, Any] = {"name": "recordlint", "rules": rules}
    if ctx.version:
        driver["version"] = ctx.version
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    """SARIF 2.1.0 JSON text."""
    return json.dumps(build_sarif(results, ctx), indent=2, ensure_ascii=False)
