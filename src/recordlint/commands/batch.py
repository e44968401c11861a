"""`recordlint batch`: check a caseload export and summarise it.

Exit status of `batch`: 0 when done (whatever was found, unless ``--fail-on`` is given),
1 when ``--fail-on`` is given and a finding is at or above it, 2 on an error (unreadable
export, no text column, bad option, an output that is an input), 130 when interrupted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import ConfigPath, Encoding, Ignore, Select, selection

_COLUMN_HELP = "Header of the {} column (default: detected by name; '' to leave it out)."


def batch(
    exports: Annotated[
        list[Path], typer.Argument(help="Exports: CSV, TSV, JSON Lines, a JSON array or XLSX.")
    ],
    text_col: Annotated[
        str | None, typer.Option("--text-col", help=_COLUMN_HELP.format("note text"))
    ] = None,
    id_col: Annotated[
        str | None, typer.Option("--id-col", help=_COLUMN_HELP.format("note id"))
    ] = None,
    child_col: Annotated[
        str | None, typer.Option("--child-col", help=_COLUMN_HELP.format("child or person id"))
    ] = None,
    child_name_col: Annotated[
        str | None,
        typer.Option("--child-name-col", help=_COLUMN_HELP.format("child's first name")),
    ] = None,
    author_col: Annotated[
        str | None, typer.Option("--author-col", help=_COLUMN_HELP.format("author"))
    ] = None,
    team_col: Annotated[
        str | None, typer.Option("--team-col", help=_COLUMN_HELP.format("team"))
    ] = None,
    type_col: Annotated[
        str | None, typer.Option("--type-col", help=_COLUMN_HELP.format("note type"))
    ] = None,
    date_col: Annotated[
        str | None, typer.Option("--date-col", help=_COLUMN_HELP.format("note date"))
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX: the sheet to read (default: the first).")
    ] = None,
    encoding: Encoding = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes to lint with (default and most: the CPUs)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write one row per finding to this .csv, .jsonl or .xlsx."
        ),
    ] = None,
    report: Annotated[
        list[Path] | None,
        typer.Option("--report", help="Write a report: .html (self-contained) or .md; repeatable."),
    ] = None,
    save: Annotated[
        Path | None, typer.Option("--save", help="Save the results as JSON for `compare`.")
    ] = None,
    redact: Annotated[
        bool,
        typer.Option("--redact", help="Pseudonyms for people and teams; no note text anywhere."),
    ] = False,
    select: Select = None,
    ignore: Ignore = None,
    config: ConfigPath = None,
    engine: Annotated[
        str,
        typer.Option("--engine", help="local (processes here) or dask (a Dask cluster)."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the scheduler's address (default: a local cluster).",
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 on findings at or above: error, warning, info, never."
        ),
    ] = "never",
    top: Annotated[
        int, typer.Option("--top", min=1, help="Rules and notes to list in each section.")
    ] = 10,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar; print one summary line.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Only notes dated on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only notes dated on or before YYYY-MM-DD.")
    ] = None,
    team: Annotated[
        list[str] | None, typer.Option("--team", help="Only this team's notes; repeatable.")
    ] = None,
    author: Annotated[
        list[str] | None, typer.Option("--author", help="Only this author's notes; repeatable.")
    ] = None,
    period: Annotated[
        str, typer.Option("--period", help="Trend points: month, quarter or year.")
    ] = "month",
    min_notes: Annotated[
        int,
        typer.Option(
            "--min-notes", min=1, help="Fewest notes for a team or worker to be ranked or flagged."
        ),
    ] = 20,
    feedback: Annotated[
        Path | None,
        typer.Option("--feedback", help="Write a feedback page (HTML + Markdown) per worker here."),
    ] = None,
) -> None:
    """Check a caseload export and summarise it for supervisors: categories, rules, teams,
    authors, lowest-scoring and exemplar notes, and what to stop, start and continue."""
    from ..batch.filters import PERIODS, NoteFilter, parse_day
    from ..batch.run import BatchOptions, capped_jobs, fails, run_batch
    from ..batch.summary import as_summary
    from ..batch.terminal import headline, print_summary
    from ..errors import RecordlintError
    from ..runner import CheckOptions, build_config

    if fail_on not in ("error", "warning", "info", "never"):
        raise RecordlintError("--fail-on must be one of error, warning, info, never")
    if period not in PERIODS:
        raise RecordlintError("--period must be one of month, quarter, year")
    note_filter = NoteFilter(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        teams=[t.strip() for t in team or [] if t.strip()],
        authors=[a.strip() for a in author or [] if a.strip()],
    )
    if note_filter.since and note_filter.until and note_filter.since > note_filter.until:
        raise RecordlintError(f"--since {note_filter.since} is after --until {note_filter.until}")
    if engine not in ("local", "dask"):
        raise RecordlintError("--engine must be local or dask")
    if scheduler is not None and engine != "dask":
        raise RecordlintError("--scheduler needs --engine dask")
    given = {
        "text": text_col,
        "id": id_col,
        "child_id": child_col,
        "child": child_name_col,
        "author": author_col,
        "team": team_col,
        "type": type_col,
        "date": date_col,
    }
    columns = {field: (header or None) for field, header in given.items() if header is not None}
    settings = build_config(
        CheckOptions(
            paths=[],
            **selection(select, ignore=ignore),
            config=config,
        )
    )
    options = BatchOptions(
        exports=[str(p) for p in exports],
        columns=columns,
        sheet=sheet,
        encoding=encoding,
        jobs=capped_jobs(jobs, quiet),
        output=output,
        reports=list(report or []),
        save=save,
        redact=redact,
        top=top,
        quiet=quiet,
        filter=note_filter,
        period=period,
        min_notes=min_notes,
        feedback=feedback,
        engine=engine,
        scheduler=scheduler,
    )
    summary = run_batch(options, settings)
    figures = as_summary(summary)
    if figures.filters and figures.notes == 0:
        typer.echo(
            f"recordlint batch: warning: no note matched {'; '.join(figures.filters)}",
            err=True,
        )
    if quiet:
        typer.echo(headline(summary))
    else:
        print_summary(summary, top=top)
    raise typer.Exit(1 if fails(summary, fail_on) else 0)


def register(app: typer.Typer) -> None:
    """Add `batch` to the app."""
    app.command("batch")(batch)
