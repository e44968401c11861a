"""GitHub Actions workflow commands: one annotation line per finding.

``::warning file=notes/a.md,line=3,col=5,endLine=3,endColumn=19,title=RL101 care-jargon::...``

``endColumn`` is the column just after the finding (exclusive), as in the SARIF output.
GitHub only supports columns on single-line annotations, so ``col``/``endColumn`` are left
out when a finding spans lines.
"""

from __future__ import annotations

from ..model import Finding, NoteResult, Severity
from . import ReportContext
from .common import join_message, relative_path

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _properties(finding: Finding, path: str) -> list[tuple[str, object]]:
    props: list[tuple[str, object]] = [("file", path)]
    if finding.line >= 1:
        end_line = max(finding.end_line, finding.line)
        one_line = end_line == finding.line and finding.column >= 1
        props.append(("line", finding.line))
        if one_line:
            props.append(("col", finding.column))
        props.append(("endLine", end_line))
        if one_line:
            props.append(("endColumn", max(finding.end_column, finding.column)))
    props.append(("title", f"{finding.rule} {finding.name}"))
    return props


def annotation(finding: Finding, path: str) -> str:
    """One workflow command line for ``finding`` in the file at ``path``."""
    props = ",".join(
        f"{key}={escape_property(str(val))}" for key, val in _properties(finding, path)
    )
    message = escape_data(join_message(finding.message, finding.hint))
    return f"::{COMMANDS[finding.severity]} {props}::{message}"


def render(results: list[NoteResult], ctx: ReportContext) -> str:
    """One annotation per finding, newline-separated (empty when nothing was found)."""
    lines = []
    for result in results:
        path = relative_path(result.note.path, ctx.cwd)
        lines.extend(annotation(finding, path) for finding in result.findings)
    return "\n".join(lines)
