"""The CI and training commands, once one module, now one module each: `baseline`, `init`,
`exercise` and `diff`. Their names stay importable from here."""

from __future__ import annotations

from ..reporters.comparison import plain_report, rich_report
from .baseline import DEFAULT_BASELINE, baseline
from .diff import diff
from .exercise import comparison_settings, exercise
from .init import CONFIG_FILE, STARTER, init, starter_config

__all__ = [
    "CONFIG_FILE", "DEFAULT_BASELINE", "STARTER", "baseline", "comparison_settings", "diff",
    "exercise", "init", "plain_report", "rich_report", "starter_config",
]  # fmt: skip
