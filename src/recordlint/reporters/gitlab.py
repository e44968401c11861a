"""GitLab Code Quality JSON: a list of issues for the merge-request widget and MR diffs.

Each issue has ``description``, ``check_name`` (the rule code), ``fingerprint``,
``severity``, ``location.path`` and ``location.lines.begin``/``end``. The fingerprint is a
SHA-256 hex of rule, path, note id, excerpt and occurrence index among identical findings,
so it is stable when lines move and distinct for repeated identical findings.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import NoteResult, Severity
from . import ReportContext
from .common import Located, join_message, located_findings

SEVERITIES: dict[Severity, str] = {
    Severity.INFO: "info",
    Severity.WARNING: "minor",
    Severity.ERROR: "major",
}


def _issue(item: Located) -> dict[str, Any]:
    finding = item.finding
    begin = max(finding.line, 1)
    return {
        "type": "issue",
        "engine_name": "recordlint",
        "check_name": finding.rule,
        "description": f"{finding.rule} {join_message(finding.message, finding.hint)}",
        "categories": ["Style"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": item.fingerprint,
        "location": {
            "path": item.path,
            "lines": {"begin": begin, "end": max(finding.end_line, begin)},
        },
    }


def build_issues(results: list[NoteResult], ctx: ReportContext) -> list[dict[str, Any]]:
    """One Code Quality issue per finding, in report order."""
    return [_issue(item) for item in located_findings(results, ctx.cwd)]


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    """GitLab Code Quality JSON text (``[]`` when nothing was found)."""
    return json.dumps(build_issues(results, ctx), indent=2, ensure_ascii=False)
