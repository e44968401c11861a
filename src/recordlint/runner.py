"""Glue for `recordlint check`: read notes, lint them, report, and choose the exit code."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config, load_config
from .control_chars import printable
from .errors import RecordlintError
from .model import NoteResult, Severity
from .reporters import REPORTERS, STATISTICS_ON_STDERR, ReportContext, get_reporter
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
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool | None = None
    report_unused_ignores: bool = False


def build_config(options: CheckOptions, discover_from: Path | None = None) -> Config:
    """The config file's settings with the command line's on top. Without ``--config``,
    the file is the nearest one at or above ``discover_from`` (default: the working
    folder)."""
    config = load_config(options.config, discover_from=discover_from)
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


class Project:
    """The configuration for each checked file: the nearest config file above it (or
    ``--config`` for all), with the command line on top; one Linter per config file."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.run_config = build_config(options)  # the working folder's: exit and report
        self._by_source: dict[Path | None, Config] = {self.run_config.source: self.run_config}
        self._found: dict[Path, Path | None] = {}
        self._linters: dict[Path | None, Any] = {}

    def config_for(self, folder: Path) -> Config:
        """The config that applies to files in ``folder``."""
        if self.options.config is not None:
            return self.run_config
        from .config import find_config

        folder = Path(os.path.abspath(folder))
        if folder not in self._found:
            self._found[folder] = find_config(folder.resolve())
        source = self._found[folder]
        if source not in self._by_source:
            self._by_source[source] = build_config(self.options, discover_from=folder)
        return self._by_source[source]

    def linter_for(self, note) -> Any:
        """The Linter for a note: by its file's folder, or the working folder's."""
        from .engine import Linter  # imported late: keeps `--help` fast

        path = note.path
        folder = Path(path).parent if path and path != "-" and os.path.exists(path) else Path()
        config = self.config_for(folder)
        if config.source not in self._linters:
            self._linters[config.source] = Linter(config)
        return self._linters[config.source]

    @property
    def linters(self) -> list[Any]:
        return list(self._linters.values())

    def walk_filter(self, folder: Path) -> Any:
        """What a walk of ``folder`` skips: its config's patterns, then the command line's."""
        from .sources.files import DEFAULT_EXCLUDE, WalkFilter

        config, options = self.config_for(folder), self.options
        groups: list[tuple[Path, list[str]]] = []
        if options.exclude is not None:
            groups.append((Path.cwd(), options.exclude))
        elif config.exclude is not None:
            groups.append((config.base, config.exclude))
        else:
            groups.append((Path.cwd(), list(DEFAULT_EXCLUDE)))
        groups += [(config.base, config.extend_exclude), (Path.cwd(), options.extend_exclude)]
        respect = options.respect_gitignore
        return WalkFilter.build(groups, config.respect_gitignore if respect is None else respect)

    def lint(self, notes: list) -> list[NoteResult]:
        """Every note with its own config's Linter, results in the notes' order."""
        results: list[NoteResult] = []
        group: list = []
        current = None
        for note in notes:
            linter = self.linter_for(note)
            if linter is not current and group:
                results.extend(current.lint_many(group))
                group = []
            current = linter
            group.append(note)
        if group:
            results.extend(current.lint_many(group))
        return results

    def unused_ignores(self) -> list[str]:
        return [line for linter in self.linters for line in linter.suppressor.unused()]


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
    project = Project(options)
    config = project.run_config
    streamed = check_streamed(options, project)
    if streamed is not None:
        return streamed
    problems: list[SourceProblem] = []
    notes = []
    paths = options.paths or ["-"]
    if "-" in paths and sys.stdin.isatty():
        print(PASTE_PROMPT, file=sys.stderr, flush=True)  # not waiting silently
    for item in iter_text_notes(
        paths,
        stdin_filename=options.stdin_filename,
        encoding=options.encoding,
        skip=project.walk_filter,
    ):
        if isinstance(item, SourceProblem):
            problems.append(item)
            print(item.line(), file=sys.stderr)
        else:
            note_type = project.config_for(_folder(item.path)).note_type
            if note_type and not item.type:
                item.type = note_type
            notes.append(item)
    if not notes:
        project.linter_for(_no_note())  # the rules still go into SARIF and JUnit reports
    results = project.lint(notes)
    if options.baseline is not None:
        from .baseline import filter_new, load_baseline

        results = filter_new(results, load_baseline(options.baseline))
    context = report_context(options, project)
    if results or options.format != "text":
        report = get_reporter(options.format)(results, context)
        inputs = [*options.paths, *(n.path for n in notes), *(p.location for p in problems)]
        configs = [config.source, *(linter.config.source for linter in project.linters)]
        write_report(
            report, options.output, inputs, options.baseline, configs, pack_folders(project)
        )
        if options.statistics and options.format in STATISTICS_ON_STDERR:
            print_statistics(results, context)
    elif not problems:
        print("Nothing to check.", file=sys.stderr)
    unused = project.unused_ignores() if options.report_unused_ignores else []
    for line in unused:
        print(f"recordlint: warning: {printable(line, one_line=True)}", file=sys.stderr)
    if any(p.fatal for p in problems):
        return EXIT_ERROR
    if options.exit_zero:
        return EXIT_OK
    if fails(results, config.fail_on) or below_score(results, options.min_score) or unused:
        return EXIT_FINDINGS
    return EXIT_OK


def report_context(options: CheckOptions, project: Project) -> ReportContext:
    """What the reporters need besides the results."""
    config = project.run_config
    rules = {r.meta.code: r.meta for linter in project.linters for r in linter.rules}
    return ReportContext(
        rules=list(rules.values()),
        fail_on=None if config.fail_on == "never" else Severity(config.fail_on),
        version=__version__,
        cwd=os.getcwd(),
        color=use_color(options.color),
        statistics=options.statistics,
        quiet=options.quiet,
        extra={"width": terminal_width(options.output)},
    )


def pack_folders(project: Project) -> list[Path]:
    """Your own rule pack folders, in every config this run used."""
    folders = [project.run_config, *(linter.config for linter in project.linters)]
    return list(dict.fromkeys(Path(p) for config in folders for p in config.rule_paths))


def check_streamed(options: CheckOptions, project: Project) -> int | None:
    """Check one very large note file piece by piece, writing each finding's line as it is
    found, so that memory stays flat (None: this run is not one for that; check as usual).

    Taken for a single plain-text file over ``sources.stream.STREAM_BYTES`` reported in a
    format of one line a finding, without ``--baseline``. A file that cannot be read is
    left to the usual path, which reports it in the usual words."""
    from .reporters import line_renderer
    from .sources import stream

    write_line = line_renderer(options.format)
    if write_line is None or options.baseline is not None or len(options.paths) != 1:
        return None
    path = options.paths[0]
    if not stream.streamable(path):
        return None
    opened = stream.open_stream(path, options.encoding)
    if isinstance(opened, SourceProblem):
        return None
    from . import engine
    from .reporters.summary import RuleTally, statistics_lines

    note = opened.note
    note.type = project.config_for(_folder(path)).note_type
    linter = project.linter_for(note)
    context = report_context(options, project)
    totals = engine.PieceTotals()
    tally = RuleTally()
    fail_on = project.run_config.fail_on
    failed = False

    def lines() -> Iterator[str]:
        nonlocal failed
        pieces = opened.pieces(engine.SEGMENT_CHARS)
        for finding in linter.lint_pieces(note, pieces, totals):
            failed = failed or finding.severity.reaches(fail_on)
            tally.add(finding)
            yield write_line(note, finding, context)

    configs = [project.run_config.source, linter.config.source]
    write_lines(lines(), options.output, [path], options.baseline, configs, pack_folders(project))
    if options.statistics:
        names = {meta.code: meta.name for meta in context.rules}
        for line in statistics_lines(tally.statistics(names)):
            print(printable(line, one_line=True), file=sys.stderr)
    unused = project.unused_ignores() if options.report_unused_ignores else []
    for line in unused:
        print(f"recordlint: warning: {printable(line, one_line=True)}", file=sys.stderr)
    if options.exit_zero:
        return EXIT_OK
    below = options.min_score is not None and totals.score.value < options.min_score
    return EXIT_FINDINGS if failed or below or unused else EXIT_OK


def _folder(path: str | None) -> Path:
    return Path(path).parent if path and path != "-" else Path()


def _no_note() -> Any:
    from .model import Note

    return Note(text="", path=None)


def print_statistics(results: list[NoteResult], context: ReportContext) -> None:
    """``--statistics`` for the line formats: a count per rule on standard error."""
    from .control_chars import printable
    from .reporters.summary import rule_statistics, statistics_lines

    names = {meta.code: meta.name for meta in context.rules}
    for line in statistics_lines(rule_statistics(results, names)):
        print(printable(line, one_line=True), file=sys.stderr)


def below_score(results: list[NoteResult], min_score: int | None) -> bool:
    """Does any note score below ``min_score``?"""
    return min_score is not None and any(r.score < min_score for r in results)


def write_lines(
    lines: Iterable[str],
    output: Path | None,
    inputs: list[str | None],
    baseline: Path | None = None,
    config_file: list[Path | None] | None = None,
    packs: list[Path] | None = None,
) -> None:
    """Write a report line by line as its lines are made: to standard output, or to
    ``output`` (atomically, and never over an input, the baseline or a config file)."""
    if output is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return
    from .safe_write import atomic_writer

    _refuse_inputs(output, inputs, baseline, config_file, packs or [])
    with atomic_writer(output) as stream:
        for line in lines:
            stream.write(line + "\n")


def _refuse_inputs(
    output: Path,
    inputs: list[str | None],
    baseline: Path | None,
    config_file: Path | None | list[Path | None],
    pack_folders: list[Path],
) -> None:
    from .safe_write import refuse_input_path, refuse_pack_folders

    refuse_input_path(output, inputs)
    refuse_input_path(output, [baseline], "the baseline")
    configs = config_file if isinstance(config_file, list) else [config_file]
    refuse_input_path(output, configs, "the config file")
    refuse_pack_folders(output, pack_folders)


def write_report(
    report: str,
    output: Path | None,
    inputs: list[str | None],
    baseline: Path | None = None,
    config_file: Path | None | list[Path | None] = None,
    packs: list[Path] | None = None,
) -> None:
    """Print the report, or write it to ``output``: never over an input file (one that
    could not be read too), the baseline, a config file or a rule pack."""
    if output is None:
        if report:
            print(report)
        return
    from .safe_write import atomic_write_text

    _refuse_inputs(output, inputs, baseline, config_file, packs or [])
    atomic_write_text(output, report + "\n" if report else "")
