"""`recordlint baseline`: record today's findings, so `check --baseline` reports only new ones.

Exit status: 0 written, 2 an error (unreadable notes, an output that is an input or the config).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import (
    Child,
    ConfigPath,
    Encoding,
    ExtendSelect,
    Ignore,
    NoteType,
    Select,
    selection,
)

DEFAULT_BASELINE = Path(".recordlint-baseline.json")


def baseline(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders of .txt/.md notes to record.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Baseline file to write.")
    ] = DEFAULT_BASELINE,
    config: ConfigPath = None,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    child: Child = None,
    note_type: NoteType = None,
    encoding: Encoding = None,
) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from ..baseline import write_baseline
    from ..engine import Linter
    from ..errors import RecordlintError
    from ..reporters.summary import plural
    from ..runner import CheckOptions, build_config
    from ..safe_write import refuse_input_path
    from ..sources.files import SourceProblem, iter_text_notes

    options = CheckOptions(
        paths=paths,
        **selection(select, extend_select, ignore),
        child=child,
        note_type=note_type,
        config=config,
    )
    settings = build_config(options)
    notes, fatal = [], False
    for item in iter_text_notes(paths, encoding=encoding):
        if isinstance(item, SourceProblem):
            typer.echo(item.line(), err=True)
            fatal = fatal or item.fatal
            continue
        if settings.note_type and not item.type:
            item.type = settings.note_type
        notes.append(item)
    if fatal:
        raise RecordlintError(f"{output}: baseline not written, as some notes could not be read")
    refuse_input_path(output, [*paths, *(n.path for n in notes)])
    refuse_input_path(output, [settings.source], "the config file")
    results = list(Linter(settings).lint_many(notes))
    count = write_baseline(results, output)
    typer.echo(
        f"Recorded {plural(count, 'finding')} in {plural(len(results), 'note')} to {output}."
    )


def register(app: typer.Typer) -> None:
    """Add `baseline` to the app."""
    app.command("baseline")(baseline)
