"""Reporters turn lint results into output; they never re-analyse text.

Each reporter is a function ``render(results, context) -> str`` registered by name in
:data:`REPORTERS`. The CLI picks one with ``--format NAME``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..checks.base import RuleMeta
from ..model import NoteResult, Severity


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


Renderer = Callable[[list[NoteResult], ReportContext], str]

#: format name -> "module:function" (imported only when used, to keep start-up fast)
REPORTERS: dict[str, str] = {
    "text": "recordlint.reporters.text:render",
    "concise": "recordlint.reporters.concise:render",
    "json": "recordlint.reporters.json_:render_json",
    "jsonl": "recordlint.reporters.json_:render_jsonl",
    "sarif": "recordlint.reporters.sarif:render",
    "junit": "recordlint.reporters.junit:render",
    "github": "recordlint.reporters.github:render",
    "gitlab": "recordlint.reporters.gitlab:render",
}


#: Formats whose readers parse standard output line by line or against a fixed schema:
#: with ``--statistics`` the counts go to standard error instead of into the report.
STATISTICS_ON_STDERR = ("concise", "jsonl", "github", "gitlab")


def get_reporter(name: str) -> Renderer:
    """Return the render function registered for ``name``."""
    module_name, func = REPORTERS[name].split(":")
    return getattr(importlib.import_module(module_name), func)
