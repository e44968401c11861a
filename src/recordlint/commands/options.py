"""Command-line options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigPath = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Config file (default: .recordlint.yaml or pyproject.toml, found upward)."
    ),
]
Child = Annotated[
    str | None,
    typer.Option("--child", help="The child's name, for hints and the depersonalising rules."),
]
NoteType = Annotated[
    str | None,
    typer.Option("--note-type", help="visit, meeting, direct-work, phone-call, closure, ..."),
]
Select = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only these rules: codes, code prefixes, names or categories."),
]
ExtendSelect = Annotated[
    list[str] | None,
    typer.Option("--extend-select", help="Add rules to the selection, e.g. the opt-in RL150."),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip these rules: codes, code prefixes, names or categories."),
]
Encoding = Annotated[
    str | None, typer.Option("--encoding", help="Read notes in this encoding, e.g. cp1252.")
]


def split_list(values: list[str] | None) -> list[str]:
    """Accept repeated options and comma-separated lists alike."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
