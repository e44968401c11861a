"""JUnit XML output, for CI test-report views (GitLab, Jenkins, Azure DevOps ...).

One ``<testsuite>`` per file, one ``<testcase>`` per note, with ``file=`` naming the note's
file. Each finding at or above ``ctx.fail_on`` is a ``<failure>`` whose text starts with the
rule code and message (GitLab shows only a failure's text), then the position and hint;
findings below it are listed in the test case's ``<system-out>``. ``failures`` counts
failing test cases, so it never exceeds ``tests``. With ``--statistics`` each suite carries
its counts per rule as ``<properties>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, NoteResult, Severity
from . import ReportContext
from .common import relative_path
from .summary import rule_statistics

#: Characters XML 1.0 does not allow, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def fails(finding: Finding, fail_on: Severity | None) -> bool:
    """Whether ``finding`` is at or above the failing severity."""
    return fail_on is not None and finding.severity.rank >= fail_on.rank


def _headline(finding: Finding) -> str:
    return f"{finding.rule} [{finding.category}] {' '.join(finding.message.split())}"


def _details(finding: Finding, path: str, redact: bool) -> str:
    """The failure's text: code and message first, then where, the words and the hint."""
    where = f"{path}:{finding.line}:{finding.column}"
    if finding.excerpt and not redact:
        where += f' "{" ".join(finding.excerpt.split())}"'
    lines = [_headline(finding), where]
    if finding.hint:
        lines.append(f"hint: {finding.hint}")
    return "\n".join(lines)


def _testcase(result: NoteResult, path: str, ctx: ReportContext) -> tuple[ET.Element, bool]:
    redact = bool(ctx.extra.get("redact"))
    case = ET.Element(
        "testcase", classname=_clean(path), name=_clean(result.note.id or path), file=_clean(path)
    )
    passed = []
    failed = False
    for finding in result.findings:
        if fails(finding, ctx.fail_on):
            failed = True
            failure = ET.SubElement(
                case, "failure", message=_clean(_headline(finding)), type=finding.severity.value
            )
            failure.text = _clean(_details(finding, path, redact))
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
    names = {meta.code: meta.name for meta in ctx.rules}
    root = ET.Element("testsuites", name="recordlint")
    total_tests = total_failures = 0
    for path, notes in suites.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        if ctx.statistics:
            properties = ET.SubElement(suite, "properties")
            for code, stat in rule_statistics(notes, dict(names)).items():
                name = _clean(f"{code} {stat['name']}".strip())
                ET.SubElement(properties, "property", name=name, value=str(stat["count"]))
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
