"""Reporters turn lint results into output; they never re-analyse text.

Each output format is a :class:`Reporter` (name, one line of help, ``render(results,
context) -> str``) registered by name in :data:`REPORTERS`; the CLI's ``--format`` choices
and their help come from it. Helpers several formats share live in :mod:`.common`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Severity

if TYPE_CHECKING:  # pragma: no cover
    from ..checks.base import RuleMeta
    from ..model import Finding, Note, NoteResult


@dataclass
class ReportContext:
    """What a reporter may need besides the results."""

    rules: list[RuleMeta]
    fail_on: Severity | None = Severity.WARNING  # None: nothing fails
    version: str = ""
    cwd: str = "."
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    extra: dict = field(default_factory=dict)


Renderer = Callable[[list["NoteResult"], ReportContext], str]
LineRenderer = Callable[["Note", "Finding", ReportContext], str]


class Reporter(Protocol):
    """An output format: its ``--format`` name, one line of help, and how it renders."""

    name: str
    help: str

    def render(self, results: list[NoteResult], context: ReportContext) -> str: ...


@dataclass(frozen=True)
class LazyReporter:
    """A :class:`Reporter` whose module is imported only when it renders (fast start-up)."""

    name: str
    help: str
    target: str  # "module:function"
    #: For a format of one line a finding: "module:function" giving one finding's line.
    line_target: str | None = None

    def renderer(self) -> Renderer:
        return _load(self.target)

    def line_renderer(self) -> LineRenderer | None:
        """How to write one finding's line, for a note checked piece by piece (None: the
        format needs every finding before it can write anything)."""
        return _load(self.line_target) if self.line_target else None

    def render(self, results: list[NoteResult], context: ReportContext) -> str:
        return self.renderer()(results, context)


def _load(target: str) -> Any:
    module_name, func = target.split(":")
    return getattr(importlib.import_module(module_name), func)


def _registry(*reporters: LazyReporter) -> dict[str, Reporter]:
    return {reporter.name: reporter for reporter in reporters}


#: Every output format of `check`, by name, in the order the help lists them.
REPORTERS: dict[str, Reporter] = _registry(
    LazyReporter("text", "grouped by note, with the words underlined and a hint",
                 "recordlint.reporters.text:render"),
    LazyReporter("concise", "one line a finding: file, line, column, rule, category and message",
                 "recordlint.reporters.concise:render",
                 "recordlint.reporters.concise:concise_line"),
    LazyReporter("json", "one JSON document (files, findings, summary)",
                 "recordlint.reporters.json_:render_json"),
    LazyReporter("jsonl", "one JSON finding a line", "recordlint.reporters.json_:render_jsonl",
                 "recordlint.reporters.json_:jsonl_line"),
    LazyReporter("sarif", "SARIF 2.1.0, for code-scanning dashboards",
                 "recordlint.reporters.sarif:render"),
    LazyReporter("junit", "JUnit XML, one test case a note", "recordlint.reporters.junit:render"),
    LazyReporter("github", "GitHub Actions annotations", "recordlint.reporters.github:render"),
    LazyReporter("gitlab", "GitLab Code Quality JSON", "recordlint.reporters.gitlab:render"),
)  # fmt: skip


def register_reporter(reporter: Reporter) -> Reporter:
    """Add an output format (``--format NAME`` and its help come from the registry)."""
    REPORTERS[reporter.name] = reporter
    return reporter


def format_help() -> str:
    """The help of ``--format``: every registered format with its one line."""
    return "; ".join(f"{r.name}: {r.help}" for r in REPORTERS.values())


#: Formats whose readers parse standard output line by line or against a fixed schema:
#: with ``--statistics`` the counts go to standard error instead of into the report.
STATISTICS_ON_STDERR = ("concise", "jsonl", "github", "gitlab")


def line_renderer(name: str) -> LineRenderer | None:
    """The one-finding line writer of format ``name``, if it has one."""
    return getattr(REPORTERS[name], "line_renderer", lambda: None)()


def get_reporter(name: str) -> Renderer:
    """Return the render function registered for ``name``."""
    return REPORTERS[name].render
