"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, Azure DevOps ...).

Positions: ``startLine``/``startColumn`` are the finding's 1-based line and column.
``endLine``/``endColumn`` are the 1-based position of the character just after the
finding (the finding's ``end_line``/``end_column`` unchanged), which is SARIF's exclusive
``endColumn``. Columns count Unicode code points (``run.columnKind``).

The helpers it shares with the other formats are in :mod:`recordlint.reporters.common`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..checks.base import RuleMeta
from ..model import Finding, NoteResult, Severity
from . import ReportContext
from .common import Located, fingerprint, join_message, located_findings, relative_path

__all__ = ["build_sarif", "fingerprint", "join_message", "located_findings", "relative_path",
           "render"]  # fmt: skip

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "recordlint/v1"

#: SARIF has no "info" level; "note" is its lowest.
LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


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
        "help": {"text": meta.hint or meta.summary or meta.name},
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
