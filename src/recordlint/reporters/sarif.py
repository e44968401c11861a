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
from ..hints.text import readable
from ..model import Finding, NoteResult, Severity
from . import ReportContext
from .common import Located, fingerprint, join_message, located_findings, relative_path
from .summary import rule_statistics

__all__ = ["build_sarif", "fingerprint", "join_message", "located_findings", "readable_template",
           "relative_path", "render"]  # fmt: skip

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "recordlint/v1"
#: The only partial fingerprint GitHub code scanning reads.
GITHUB_FINGERPRINT_KEY = "primaryLocationLineHash"
INFORMATION_URI = "https://git.example.org/recordlint/recordlint"
RULES_HELP_URI = f"{INFORMATION_URI}#the-rules"

#: GitHub's ``problem.severity`` for each severity.
PROBLEM_SEVERITY: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}

#: ``properties.precision`` by rule kind: word lists match what they name; rules built on a
#: parse or on counts (passive, reasons, the child's voice, readability) judge more.
PRECISION: dict[str, str] = {"terms": "high", "acronym": "high"}
DEFAULT_PRECISION = "medium"

#: SARIF has no "info" level; "note" is its lowest.
LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def readable_template(template: str) -> str:
    """A message or hint template for people reading it outside a note (see
    :func:`recordlint.hints.text.readable`): ``{child}`` becomes "[the child's name]"."""
    return readable(template)


# -- SARIF ------------------------------------------------------------------------------


def _artifact_location(path: str) -> dict[str, str]:
    if path == "-":
        return {"uri": "-"}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _help_text(meta: RuleMeta) -> str:
    """Plain-text help: what the rule catches, why it matters, what to write instead."""
    parts = [meta.summary, meta.why, f"What to write instead: {readable_template(meta.hint)}"]
    return "\n\n".join(" ".join(p.split()) for p in parts if p and p.strip())


def _help_markdown(meta: RuleMeta) -> str:
    """The same help as Markdown, with the rule's own examples."""
    parts = [f"**{meta.summary.strip()}**" if meta.summary else "", " ".join(meta.why.split())]
    if meta.hint:
        parts.append(f"**What to write instead:** {readable_template(meta.hint)}")
    if meta.examples.bad:
        parts.append("Flagged:\n\n" + "\n".join(f"- {e}" for e in meta.examples.bad))
    if meta.examples.good:
        parts.append("Not flagged:\n\n" + "\n".join(f"- {e}" for e in meta.examples.good))
    parts.append(f"See `recordlint explain {meta.code}`.")
    return "\n\n".join(p for p in parts if p)


def _rule_properties(category: str, kind: str, severity: Severity) -> dict[str, Any]:
    return {
        "category": category,
        "tags": [category],
        "precision": PRECISION.get(kind, DEFAULT_PRECISION),
        "problem.severity": PROBLEM_SEVERITY[severity],
    }


def _rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    short = " ".join((meta.summary or meta.name).split())
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join((meta.why or short).split())},
        "help": {"text": _help_text(meta) or short, "markdown": _help_markdown(meta)},
        "helpUri": RULES_HELP_URI,
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": _rule_properties(meta.category, meta.kind, meta.severity),
    }


def _descriptor_from_finding(finding: Finding) -> dict[str, Any]:
    """A minimal rule entry for a finding whose rule is not in ``ctx.rules``."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "helpUri": RULES_HELP_URI,
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": _rule_properties(finding.category, "", finding.severity),
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
        "partialFingerprints": {
            GITHUB_FINGERPRINT_KEY: f"{item.line_hash[:16]}:{item.occurrence + 1}",
            FINGERPRINT_KEY: item.fingerprint,
        },
        "properties": {"category": finding.category},
    }
    if item.result.note.id:
        result["properties"]["noteId"] = item.result.note.id
    return result


def _source_root(cwd: str, redact: bool) -> dict[str, Any]:
    """``%SRCROOT%``: the folder recordlint ran in (only described when redacting, as its
    absolute path may name people)."""
    if redact:
        return {"description": {"text": "The folder recordlint ran in."}}
    return {"uri": Path(os.path.abspath(cwd)).as_uri() + "/"}


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
    driver: dict[str, Any] = {
        "name": "recordlint",
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    if ctx.version:
        driver["version"] = ctx.version
        driver["semanticVersion"] = ctx.version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: _source_root(ctx.cwd, redact)},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if ctx.statistics:
        names = {meta.code: meta.name for meta in ctx.rules}
        run["properties"] = {"statistics": rule_statistics(results, names)}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    """SARIF 2.1.0 JSON text."""
    return json.dumps(build_sarif(results, ctx), indent=2, ensure_ascii=False)
