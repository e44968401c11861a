"""Glue for `recordlint check`: read notes, lint them, report, and choose the exit code."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config, load_config
from .control_chars import printable
from .errors import RecordlintError
from .model import NoteResult, Severity
from .reporters import REPORTERS, ReportContext, get_reporter
from .sources.files import SourceProblem, iter_text_notes

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckOptions:
    """Command-line options of `check` (None: not given, use the config file)."""

    paths: list[str]
    format: str = "text"
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    exit_zero: bool = False
    statistics: bool = False
    child: str | None = None
    stdin_filename: str | None = None
    note_type: str | None = None
    config: Path | None = None
    quiet: bool = False
    color: bool | None = None
    encoding: str | None = None
    min_score: int | None = None
    baseline: Path | None = None
    output: Path | None = None


def build_config(options: CheckOptions) -> Config:
    """The config file's settings with the command line's on top."""
    config = load_config(options.config)
    if options.select is not None:
        config.select = options.select
    config.extend_select += options.extend_select
    config.ignore += options.ignore
    if options.fail_on:
        config.fail_on = options.fail_on
    if options.child:
        config.child = options.child
    if options.note_type:
        config.note_type = options.note_type
    return config


def fails(results: list[NoteResult], fail_on: str) -> bool:
    """Is any finding at or above the ``fail_on`` severity?"""
    return any(f.severity.reaches(fail_on) for r in results for f in r.findings)


#: What `check` says when it reads a note typed or pasted at a terminal.
PASTE_PROMPT = "Paste the note, then press Ctrl-D" + (
    " (Ctrl-Z and Enter on Windows)." if os.name == "nt" else "."
)


def terminal_width(output: Path | None) -> int | None:
    """The terminal's width when the report goes to one (None: a file or a pipe)."""
    if output is not None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def use_color(requested: bool | None) -> bool:
    if requested is not None:
        return requested
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run_check(options: CheckOptions) -> int:
    """Run `check` and return the exit status."""
    if options.format not in REPORTERS:
        raise RecordlintError(
            f"unknown format '{options.format}' (choose from {', '.join(REPORTERS)})"
        )
    config = build_config(options)
    from .engine import Linter  # imported late: keeps `--help` fast

    linter = Linter(config)
    problems: list[SourceProblem] = []
    notes = []
    paths = options.paths or ["-"]
    if "-" in paths and sys.stdin.isatty():
        print(PASTE_PROMPT, file=sys.stderr, flush=True)  # not waiting silently
    for item in iter_text_notes(
        paths, stdin_filename=options.stdin_filename, encoding=options.encoding
    ):
        if isinstance(item, SourceProblem):
            problems.append(item)
            where = printable(item.location, one_line=True)
            print(f"recordlint: {where}: {item.message}", file=sys.stderr)
        else:
            if config.note_type and not item.type:
                item.type = config.note_type
            notes.append(item)
    results = list(linter.lint_many(notes))
    if options.baseline is not None:
        from .baseline import filter_new, load_baseline

        results = filter_new(results, load_baseline(options.baseline))
    context = ReportContext(
        rules=[r.meta for r in linter.rules],
        fail_on=None if config.fail_on == "never" else Severity(config.fail_on),
        version=__version__,
        cwd=os.getcwd(),
        color=use_color(options.color),
        statistics=options.statistics,
        quiet=options.quiet,
        extra={"width": terminal_width(options.output)},
    )
    if results or options.format != "text":
        report = get_reporter(options.format)(results, context)
        inputs = [*options.paths, *(n.path for n in notes), *(p.location for p in problems)]
        write_report(report, options.output, inputs, options.baseline, config.source)
    elif not problems:
        print("Nothing to check.", file=sys.stderr)
    if any(p.fatal for p in problems):
        return EXIT_ERROR
    if options.exit_zero:
        return EXIT_OK
    if fails(results, config.fail_on) or below_score(results, options.min_score):
        return EXIT_FINDINGS
    return EXIT_OK


def below_score(results: list[NoteResult], min_score: int | None) -> bool:
    """Does any note score below ``min_score``?"""
    return min_score is not None and any(r.score < min_score for r in results)


def write_report(
    report: str,
    output: Path | None,
    inputs: list[str | None],
    baseline: Path | None = None,
    config_file: Path | None = None,
) -> None:
    """Print the report, or write it to ``output``: never over an input file (one that
    could not be read too), the baseline or the config file."""
    if output is None:
        if report:
            print(report)
        return
    from .safe_write import atomic_write_text, refuse_input_path

    refuse_input_path(output, inputs)
    refuse_input_path(output, [baseline], "the baseline")
    refuse_input_path(output, [config_file], "the config file")
    atomic_write_text(output, report + "\n" if report else "")
