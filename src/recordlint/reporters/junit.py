"""JUnit XML output, for CI test-report views (GitLab, Jenkins, Azure DevOps ...).

One ``<testsuite>`` per file, one ``<testcase>`` per note, with ``file=`` naming the note's
file. A note with findings at or above ``ctx.fail_on`` has ONE ``<failure>`` (GitLab reads
the XML with ``Hash.from_xml``, so several ``<failure>`` elements would become an array it
cannot show): its text has one line a finding (rule code, line:column, category, message,
the flagged words, the hint), ``message`` sums them up and ``type`` is the highest severity
among them. Findings below the threshold are listed the same way in the test case's
``<system-out>``. ``failures`` counts failing test cases, so it never exceeds ``tests``.
With ``--statistics`` each suite carries its counts per rule as ``<properties>``.
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _headline(finding: Finding) -> str:
    return f"{finding.rule} [{finding.category}] {_one_line(finding.message)}"


def finding_line(finding: Finding, redact: bool) -> str:
    """One finding on one line: code, line:column, category, message, words and hint."""
    line = f"{finding.rule} {finding.line}:{finding.column} [{finding.category}] "
    line += _one_line(finding.message)
    if finding.excerpt and not redact:
        line += f' "{_one_line(finding.excerpt)}"'
    if finding.hint:
        line += f" -- hint: {_one_line(finding.hint)}"
    return line


def summary(failing: list[Finding]) -> str:
    """The failure's ``message``: a lone finding's code, category and message; for several,
    how many and their codes in order of first appearance (a repeated code with its count),
    e.g. ``3 findings: RL101 (2), RL201``."""
    if len(failing) == 1:
        return _headline(failing[0])
    counts: dict[str, int] = {}
    for finding in failing:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    codes = ", ".join(code if n == 1 else f"{code} ({n})" for code, n in counts.items())
    return f"{len(failing)} findings: {codes}"


def _testcase(result: NoteResult, path: str, ctx: ReportContext) -> tuple[ET.Element, bool]:
    redact = bool(ctx.extra.get("redact"))
    case = ET.Element(
        "testcase", classname=_clean(path), name=_clean(result.note.id or path), file=_clean(path)
    )
    failing = [f for f in result.findings if fails(f, ctx.fail_on)]
    passed = [f for f in result.findings if not fails(f, ctx.fail_on)]
    if failing:
        worst = max((f.severity for f in failing), key=lambda severity: severity.rank)
        failure = ET.SubElement(case, "failure", message=_clean(summary(failing)), type=worst.value)
        failure.text = _clean("\n".join(finding_line(f, redact) for f in failing))
    if passed:
        lines = "\n".join(finding_line(f, redact) for f in passed)
        ET.SubElement(case, "system-out").text = _clean(lines)
    return case, bool(failing)


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
