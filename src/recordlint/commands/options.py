"""Command-line options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
import typer.models

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


class _Probe(str, Enum):
    only = "only"


def _choice_type() -> type:
    """Typer's choice type: what it gives an Enum option such as `check --fail-on` (found
    from a public function, as Typer keeps its Click inside)."""
    probe = typer.main.get_click_type(annotation=_Probe, parameter_info=typer.models.OptionInfo())
    return type(probe)


class Choices(_choice_type()):  # type: ignore[misc]
    """Typer's choice type with choices read each time they are needed (help, validation,
    shell completion), e.g. from a registry that may grow after the command is declared.

    Shown as ``<a|b|c>`` like an Enum option, an unknown value is a usage error (exit 2)."""

    def __init__(self, names: Callable[[], Iterable[str]] | Iterable[str]) -> None:
        self._names = names
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        names = self._names
        return tuple(names() if callable(names) else names)

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:  # as the base class's __init__ does
        self._names = tuple(value)


def format_choice(choices: Iterable[str] = ("text", "json"), help: str | None = None) -> Any:
    """The ``--format``/``-f`` option of a command with a fixed list of formats, shown and
    checked like ``--fail-on`` (help by default: "text or json.")."""
    names = tuple(choices)
    return typer.Option(
        "--format", "-f", help=help or f"{' or '.join(names)}.", click_type=Choices(names)
    )


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
