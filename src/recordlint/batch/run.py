"""The batch pipeline: read exports row by row, lint (in parallel), aggregate, write outputs.

Memory stays flat: notes stream from the exports, at most ``jobs * IN_FLIGHT`` chunks of
``CHUNK`` notes are in flight, findings rows are written (and flushed) note by note, and the
aggregate keeps counters and bounded heaps only. Reports and the results file are written
at the end, each through a temporary file and a rename. Ctrl-C stops the run; the findings
file then holds every note finished so far.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import Config
from ..control_chars import printable
from ..errors import RecordlintError
from ..model import Note, Severity
from ..reporters.summary import plural
from .aggregate import EXEMPLAR_SCORE, EXEMPLAR_WORDS, Aggregate, NoteFacts
from .filters import NoteFilter
from .summary import BatchSummary
from .support import MIN_NOTES

if TYPE_CHECKING:
    from ..engine import Linter
    from ..model import NoteResult
    from ..sources.tabular import Export

#: Notes sent to a worker at a time, and chunks in flight per worker.
CHUNK = 64
IN_FLIGHT = 3
#: Row problems printed on stderr before only counting them.
SHOWN_PROBLEMS = 10
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


@dataclass
class BatchOptions:
    """What to read, how to lint and what to write."""

    exports: list[str]
    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None
    encoding: str | None = None
    jobs: int = 1
    output: Path | None = None
    reports: list[Path] = field(default_factory=list)
    save: Path | None = None
    redact: bool = False
    top: int = 10
    quiet: bool = False
    progress: bool | None = None
    filter: NoteFilter = field(default_factory=NoteFilter)
    period: str = "month"
    min_notes: int = MIN_NOTES
    feedback: Path | None = None
    #: "local" (worker processes here) or "dask"; ``scheduler``: a Dask scheduler address.
    engine: str = "local"
    scheduler: str | None = None


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def capped_jobs(requested: int | None, quiet: bool = False) -> int:
    """``--jobs``, at most the CPUs this process may use (more would only compete for them)."""
    cpus = default_jobs()
    if requested is None:
        return cpus
    if requested > cpus:
        if not quiet:
            print(
                f"recordlint: --jobs {requested} is more than the {cpus} CPUs here; using {cpus}",
                file=sys.stderr,
            )
        return cpus
    return requested


def report_kind(path: Path) -> str:
    """'html' or 'md' from a report's suffix; RecordlintError otherwise."""
    kind = REPORT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise RecordlintError(f"{path}: a report must end in .html or .md")
    return kind


def check_outputs(options: BatchOptions) -> None:
    """Refuse output paths that are inputs, repeated, or of an unknown kind."""
    from ..reporters.findings_table import FORMATS, check_not_input

    outputs = [p for p in (options.output, *options.reports, options.save) if p is not None]
    for path in options.reports:
        report_kind(path)
    if options.feedback is not None and options.feedback.exists() and not options.feedback.is_dir():
        raise RecordlintError(f"{options.feedback}: --feedback needs a folder, and this is a file")
    if options.output is not None:
        fmt = options.output.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise RecordlintError(f"{options.output}: --output must end in .csv, .jsonl or .xlsx")
    if options.save is not None and options.save.suffix.lower() != ".json":
        raise RecordlintError(f"{options.save}: --save must end in .json")
    for path in outputs:
        check_not_input(path, options.exports)
    resolved = [p.resolve() for p in outputs]
    for index, path in enumerate(resolved):
        if path in resolved[:index]:
            raise RecordlintError(f"{outputs[index]}: the same file is given for two outputs")


def say(message: str, options: BatchOptions) -> None:
    """An informational line on stderr (not with --quiet)."""
    if not options.quiet:
        print(f"recordlint: {printable(message, one_line=True)}", file=sys.stderr)


# -- reading -------------------------------------------------------------------------------


def export_labels(options: BatchOptions) -> dict[str, str]:
    """How each export is named in messages and the summary: its path, or with ``--redact``
    "export N (.csv)" (N: its place among the exports given), as the file name may hold a
    child's name."""
    from .redact import export_label

    labels: dict[str, str] = {}
    for number, path in enumerate(options.exports, 1):
        name = str(path)
        labels.setdefault(name, export_label(name, number) if options.redact else name)
    return labels


def open_exports(options: BatchOptions, labels: dict[str, str] | None = None) -> list[Export]:
    """Open every export (header and columns) before any linting starts. Messages name each
    export by its label (``labels``: by default from :func:`export_labels`)."""
    from ..sources.docx import is_docx, open_documents
    from ..sources.tabular import EmptyExport, open_export
    from .redact import hide_paths

    labels = export_labels(options) if labels is None else labels
    exports = []
    for path in options.exports:
        try:
            if is_docx(path) or os.path.isdir(path):  # Word documents, one note each
                export = open_documents(path)
            else:
                export = open_export(
                    path, encoding=options.encoding, sheet=options.sheet, columns=options.columns
                )
        except EmptyExport as empty:
            # not an error: nothing to check
            print(f"recordlint: {printable(hide_paths(str(empty), labels))}", file=sys.stderr)
            continue
        except RecordlintError as err:
            if options.redact:  # the error names the export by its label, not its file name
                raise RecordlintError(hide_paths(str(err), labels)) from None
            raise
        labels.setdefault(export.path, labels.get(str(path), export.path))
        where = export.format + (f", {export.encoding}" if export.encoding else "")
        say(f"{labels[export.path]}: {where}; columns: {export.columns.describe()}", options)
        for warning in export.warnings:
            warning = hide_paths(warning, labels)
            print(f"recordlint: warning: {printable(warning)}", file=sys.stderr)
        exports.append(export)
    return exports


class NoteReader:
    """Notes from each export in turn; says which rows were skipped, and why."""

    def __init__(
        self, exports: list[Export], options: BatchOptions, labels: dict[str, str] | None = None
    ) -> None:
        self.exports = exports
        self.options = options
        self.labels = labels or {}  # export path -> its name in messages (with --redact)
        self.problems = 0
        self.unread: list[str] = []  # files whose rest could not be read

    def __iter__(self) -> Iterator[Note]:
        from ..sources.tabular import RowProblem
        from .redact import hide_paths

        for export in self.exports:
            known = len(export.warnings)
            for item in export:
                if isinstance(item, RowProblem):
                    problem = hide_paths(str(item), self.labels)
                    self.problems += 1
                    if item.fatal:  # an error line, and not a "skipped" line too
                        self.unread.append(problem)
                        print(f"recordlint: error: {printable(problem)}", file=sys.stderr)
                    elif self.problems <= SHOWN_PROBLEMS:
                        say(f"skipped {problem}", self.options)
                    continue
                yield item
            for warning in export.warnings[known:]:
                warning = hide_paths(warning, self.labels)
                print(f"recordlint: warning: {printable(warning)}", file=sys.stderr)
        if self.problems > SHOWN_PROBLEMS:
            say(f"... {self.problems - SHOWN_PROBLEMS} more rows skipped", self.options)


def row_size(note: Note) -> int:
    """About how many bytes a note took in its file (text, metadata, quotes, separators)."""
    meta = (note.id, note.child_id, note.child, note.author, note.team, note.type, note.date)
    return len(note.text.encode("utf-8", "replace")) + sum(len(v) for v in meta if v) + 24


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# -- linting -------------------------------------------------------------------------------


def facts_of(result: NoteResult) -> NoteFacts:
    """The compact per-note result that the aggregate needs.

    Whether the note records a decision comes from the rationale rule itself (the decisions
    it found, ``NoteResult.decisions``), not from a second scan of the text; a note with a
    rationale finding always counts as recording one. Whether the child was seen comes from
    the child's-voice rule in the same way (``NoteResult.child_seen``).
    """
    decision = bool(result.decisions)
    return NoteFacts(
        result.words, result.grade, result.score, decision, result.findings, result.child_seen
    )


_WORKER: dict[str, Any] = {}
#: How often a worker checks that the process that started it is still there (seconds).
PARENT_CHECK = 1.0


class WorkerDied(RecordlintError):
    """A worker process ended before finishing its notes (killed, or out of memory)."""

    def __init__(self, notes: list[Note]) -> None:
        shown = ", ".join(_where(n) for n in notes[:SHOWN_PROBLEMS])
        more = f" and {len(notes) - SHOWN_PROBLEMS} more" if len(notes) > SHOWN_PROBLEMS else ""
        super().__init__(
            f"a worker process stopped unexpectedly; {len(notes)} notes were not checked: "
            f"{shown}{more}"
        )
        self.notes = notes


def _where(note: Note) -> str:
    row = note.extra.get("row")
    return f"{note.path}:{row}" if row else f"{note.path or ''}#{note.id}"


def _watch_parent(parent: int) -> None:
    """End this worker quietly once its parent is gone (no traceback on a closed pipe)."""
    while True:
        time.sleep(PARENT_CHECK)
        if os.getppid() != parent:
            os._exit(0)


class _WhileParentLives:
    """A worker's stderr that goes quiet once the parent is gone: a worker caught sending
    its last result to a dead parent must not print a broken-pipe traceback."""

    def __init__(self, stream: Any, parent: int) -> None:
        self.stream = stream
        self.parent = parent

    def write(self, text: str) -> int:
        if os.getppid() != self.parent:
            return len(text)
        return self.stream.write(text)

    def flush(self) -> None:
        if os.getppid() == self.parent:
            self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _init_worker(config: Config, parent: int) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it), watch the parent, build one
    Linter."""
    import signal
    import threading

    from ..engine import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr = _WhileParentLives(sys.stderr, parent)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _WORKER["linter"] = Linter(config)


def _lint_chunk(notes: list[Note]) -> list[NoteFacts]:
    from ..api import lint_with

    return lint_with(_WORKER["linter"], notes, batch_size=len(notes))


def lint_stream(
    notes: Iterable[Note], config: Config, jobs: int, linter: Linter | None = None
) -> Iterator[tuple[Note, NoteFacts]]:
    """(note, facts) in input order; ``jobs`` > 1 lints chunks in a pool of processes,
    else ``linter`` (one built from ``config`` if not given) lints them here.

    A worker that dies (killed, out of memory) raises :class:`WorkerDied` naming the notes
    that were sent and not finished; the notes before them have been yielded.
    """
    if jobs <= 1:
        from ..engine import Linter

        linter = linter or Linter(config)
        for result in linter.lint_many(notes):
            yield result.note, facts_of(result)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(config, os.getpid()),
    )
    pending: deque[tuple[list[Note], Future]] = deque()

    def finish_one() -> Iterator[tuple[Note, NoteFacts]]:
        sent, answer = pending[0]
        try:
            facts = answer.result()
        except BrokenProcessPool:
            raise WorkerDied([n for chunk, _ in pending for n in chunk]) from None
        pending.popleft()
        yield from zip(sent, facts, strict=True)

    try:
        iterator = iter(notes)
        while chunk := list(islice(iterator, CHUNK)):
            try:
                pending.append((chunk, pool.submit(_lint_chunk, chunk)))
            except BrokenProcessPool:
                raise WorkerDied([n for sent, _ in pending for n in sent] + chunk) from None
            while len(pending) >= jobs * IN_FLIGHT:
                yield from finish_one()
        while pending:
            yield from finish_one()
    finally:
        if pending:  # stopped early (Ctrl-C, an error): do not wait for the workers
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _stream(
    notes: Iterable[Note], config: Config, options: BatchOptions, linter: Linter | None
) -> Iterator[Any]:
    """The engine the options ask for: local processes or a Dask cluster."""
    if options.engine == "dask":
        from .dask_engine import dask_stream

        return dask_stream(notes, config, options.scheduler, options.jobs)
    return lint_stream(notes, config, options.jobs, linter)


# -- progress ------------------------------------------------------------------------------


class Meter:
    """A Rich progress bar on stderr (notes, notes/s, ETA from bytes), or nothing.

    Progress is the estimated size in the file of the notes finished so far, against the
    size of the exports (no total for XLSX, whose size says little about its rows).
    """

    def __init__(self, enabled: bool, total: float | None) -> None:
        self.enabled = enabled
        self.total = total
        self.notes = 0
        self.done = 0.0
        self._progress: Any = None
        self._task: Any = None
        self._start = time.monotonic()

    def __enter__(self) -> Meter:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]Checking notes"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[notes]:>9,} notes  {task.fields[rate]:>5.1f} notes/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("check", total=self.total, notes=0, rate=0.0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, size: float) -> None:
        self.notes += 1
        self.done += size
        if self._progress is None:
            return
        elapsed = max(time.monotonic() - self._start, 1e-6)
        done = min(self.done, self.total * 0.999) if self.total else self.done
        self._progress.update(
            self._task, completed=done, notes=self.notes, rate=self.notes / elapsed
        )


# -- the run -------------------------------------------------------------------------------


def run_batch(options: BatchOptions, config: Config) -> BatchSummary:
    """Run a batch and return its summary (``to_json()`` is what ``--save`` writes)."""
    from ..checks.packs import build_rules
    from ..engine import Linter
    from ..nlp import resolve_model
    from ..reporters.findings_table import FindingsWriter
    from .redact import Pseudonyms, hide_paths, redact_finding, redact_note
    from .summary import SUMMARY_KIND, SUMMARY_VERSION

    check_outputs(options)
    if config.source is not None:
        from ..safe_write import refuse_input_path

        for path in (options.output, *options.reports, options.save):
            if path is not None:
                refuse_input_path(path, [config.source], "the config file")
    if options.reports or options.save:
        from . import report_html, report_md, results  # noqa: F401  (loaded before the long run)
    labels = export_labels(options)
    exports = open_exports(options, labels)
    resolve_model(config.model)  # fail now, not in every worker
    # the rules are built (and so checked) here, before any output; run here, they are
    # the ones that check the notes
    here = options.jobs <= 1 and options.engine != "dask"
    linter = Linter(config) if here else None
    rules = linter.rules if linter is not None else build_rules(config)
    metas = {rule.meta.code: rule.meta for rule in rules}
    checked = {meta.category for meta in metas.values()}
    aggregate = Aggregate(
        top=options.top,
        keep_text=not options.redact,
        period=options.period,
        min_notes=options.min_notes,
    )
    pseudonym = Pseudonyms()
    reader = NoteReader(exports, options, labels if options.redact else None)
    show = options.progress if options.progress is not None else sys.stderr.isatty()
    total = None if any(e.format == "xlsx" for e in exports) else sum(map(_size, options.exports))
    started = time.monotonic()
    writer: FindingsWriter | None = None
    try:
        with ExitStack() as stack:
            if options.output is not None:
                writer = stack.enter_context(FindingsWriter(options.output))
            meter = stack.enter_context(Meter(show and not options.quiet, total))
            wanted = (
                (n for n in reader if options.filter.keeps(n)) if options.filter.active else reader
            )
            stream = stack.enter_context(closing(_stream(wanted, config, options, linter)))
            for note, facts in stream:
                meter.update(row_size(note))
                if options.redact:
                    note = redact_note(note, pseudonym)
                    facts.findings = [redact_finding(f, metas.get(f.rule)) for f in facts.findings]
                if writer is not None:
                    writer.write(note, facts.findings)
                aggregate.add(note, facts)
    except WorkerDied as died:
        if options.redact:  # the notes are named by their export's label, not its file name
            died.args = (hide_paths(str(died), labels),)
        raise
    except KeyboardInterrupt:
        done = f"after {aggregate.overall.notes:,} notes"
        kept = f"; {options.output} holds the findings so far" if writer is not None else ""
        print(f"recordlint: interrupted {done}{kept}", file=sys.stderr)
        raise
    seconds = time.monotonic() - started
    figures: dict[str, Any] = {
        "kind": SUMMARY_KIND,
        "version": SUMMARY_VERSION,
        "tool_version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "redacted": options.redact,
        "inputs": [_input_summary(e, labels[e.path]) for e in exports],
        "exemplar_rule": {"score": EXEMPLAR_SCORE, "words": EXEMPLAR_WORDS},
        **_skipped(exports),
        "filters": options.filter.describe(redact=options.redact),
        "filtered_out": options.filter.left_out,
        **aggregate.summary(checked),
        "run": {
            "jobs": options.jobs,
            "seconds": round(seconds, 1),
            "notes_per_second": round(aggregate.overall.notes / seconds, 1) if seconds else None,
        },
    }
    summary = BatchSummary.from_json(figures)
    write_outputs(summary, options)
    if options.feedback is not None:
        from .feedback import write_feedback

        written = write_feedback(summary, aggregate, options.feedback)
        say(f"feedback for {plural(written, 'worker')} written to {options.feedback}", options)
    if reader.unread:  # each problem was printed as it was met: not again here
        count = len(reader.unread)
        above = "the error above" if count == 1 else "the errors above"
        raise RecordlintError(
            f"{plural(count, 'input')} not read in full ({above}); the reports cover the "
            "notes that could be read"
        )
    return summary


def _input_summary(export: Export, shown: str) -> dict[str, Any]:
    """What the summary says of one export, named ``shown``: redacted, the file name (which
    may hold a child's name) becomes "export 1 (.csv)" (see :func:`export_labels`)."""
    return {
        "path": shown,
        "format": export.format,
        "encoding": export.encoding,
        "sheet": export.sheet,
        "columns": dict(export.columns),
        "columns_detected": sorted(export.columns.auto),
        "notes": export.notes_read,
        "skipped": {
            reason: {"count": count, "rows": export.skipped.rows.get(reason, [])}
            for reason, count in export.skipped.most_common()
        },
        "unreadable_dates": {
            "count": sum(export.date_problems.values()),
            "rows": [r for rows in export.date_problems.rows.values() for r in rows],
        },
        "warnings": [w.replace(export.path, shown) for w in export.warnings],
    }


def _skipped(exports: list[Export]) -> dict[str, Any]:
    reasons: dict[str, int] = {}
    for export in exports:
        for reason, count in export.skipped.items():
            reasons[reason] = reasons.get(reason, 0) + count
    return {
        "rows_read": sum(e.notes_read for e in exports) + sum(reasons.values()),
        "skipped": sum(reasons.values()),
        "skipped_by_reason": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
        "unreadable_dates": sum(sum(e.date_problems.values()) for e in exports),
    }


def write_outputs(summary: BatchSummary, options: BatchOptions) -> None:
    """Write the reports and the results file, each atomically."""
    from ..safe_write import atomic_write_text

    for path in options.reports:
        if report_kind(path) == "html":
            from .report_html import render_html

            atomic_write_text(path, render_html(summary, top=options.top))
        else:
            from .report_md import render_markdown

            atomic_write_text(path, render_markdown(summary, top=options.top))
    if options.save is not None:
        from .results import save_results

        save_results(summary.to_json(), options.save)


def fails(summary: BatchSummary, fail_on: str) -> bool:
    """Is any finding at or above ``fail_on`` ('never' never fails)?"""
    return any(
        count and Severity(level).reaches(fail_on) for level, count in summary.severities.items()
    )
