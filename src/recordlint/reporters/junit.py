"""JUnit XML output, for CI test-report views (GitLab, Jenkins, Azure DevOps ...).

One ``<testsuite>`` per file, one ``<testcase>`` per note. Each finding at or above
``ctx.fail_on`` is a ``<failure>``; findings below it are listed in the test case's
``<system-out>``. ``failures`` counts failing test cases, so it never exceeds ``tests``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, NoteResult, Severity
from . import ReportContext
from .common import relative_path

#: Characters XML 1.0 does not allow, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def fails(finding: Finding, fail_on: Severity | None) -> bool:
    """Whether ``finding`` is at or above the failing severity."""
    return fail_on is not None and finding.severity.rank >= fail_on.rank


def _headline(finding: Finding) -> str:
    return f"{finding.rule} [{finding.category}] {finding.message}"


def _details(finding: Finding, redact: bool) -> str:
    where = f"{finding.line}:{finding.column}"
    if finding.excerpt and not redact:
        where += f' "{finding.excerpt}"'
    return f"{where}\n{finding.hint}" if finding.hint else where


def _testcase(result: NoteResult, path: str, ctx: ReportContext) -> tuple[ET.Element, bool]:
    redact = bool(ctx.extra.get("redact"))
    case = ET.Element("testcase", classname=_clean(path), name=_clean(result.note.id or path))
    passed = []
    failed = False
    for finding in result.findings:
        if fails(finding, ctx.fail_on):
            failed = True
            failure = ET.SubElement(
                case, "failure", message=_clean(_headline(finding)), type=finding.severity.value
            )
            failure.text = _clean(_details(finding, redact))
        else:
            passed.append(f"{finding.line}:{finding.column} {_headline(finding)}")
    if passed:
        ET.SubElement(case, "system-out").text = _clean("\n".join(passed))
    return case, failed


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    """JUnit XML text with a UTF-8 declaration."""
    suites: dict[str, list[NoteResult]] = {}
    for result in results:
        suites.setdefault(relative_path(result.note.path, ctx.cwd), []).append(result)
    root = ET.Element("testsuites", name="recordlint")
    total_tests = total_failures = 0
    for path, notes in suites.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        failures = 0
        for result in notes:
            case, failed = _testcase(result, path, ctx)
            suite.append(case)
            failures += failed
        suite.set("tests", str(len(notes)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(notes)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
