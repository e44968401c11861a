"""Command-line options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
PlainText = Annotated[bool, typer.Option("--no-color", help="Plain text, no table or colour.")]


def split_list(values: list[str] | None) -> list[str]:
    """Accept repeated options and comma-separated lists alike."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def selection(
    select: list[str] | None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> dict[str, Any]:
    """``--select``, ``--extend-select`` and ``--ignore`` as keyword arguments of CheckOptions."""
    return {
        "select": split_list(select) if select else None,
        "extend_select": split_list(extend_select),
        "ignore": split_list(ignore),
    }
