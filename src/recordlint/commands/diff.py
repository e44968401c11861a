"""`recordlint diff`: compare two versions of a note (findings fixed, remaining, introduced).

Exit status: 0 no worse, 1 AFTER adds a finding at or above the fail threshold or loses a
``--keep`` phrase, 2 an error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..reporters.comparison import FORMATS
from .options import Child, ConfigPath, Encoding, NoteType, PlainText, format_choice


def diff(
    before: Annotated[
        str, typer.Argument(metavar="BEFORE", help="The earlier version of the note.")
    ],
    after: Annotated[str, typer.Argument(metavar="AFTER", help="The later version ('-': stdin).")],
    keep: Annotated[
        list[str] | None, typer.Option("--keep", help="A phrase AFTER must keep (repeatable).")
    ] = None,
    output_format: Annotated[str, format_choice(FORMATS)] = "text",
    child: Child = None,
    note_type: NoteType = None,
    config: ConfigPath = None,
    encoding: Encoding = None,
    no_color: PlainText = False,
) -> None:
    """Compare two versions of a note: findings fixed, remaining and introduced.

    Exits 1 when AFTER adds a finding at or above the fail threshold or loses a --keep phrase.
    """
    from ..exercise import compare_notes, phrase_fact, read_note_file
    from ..reporters.comparison import check_format, show_comparison
    from .exercise import comparison_settings

    check_format(output_format)
    settings = comparison_settings(config, child, note_type)
    first = read_note_file(before, encoding)
    second = read_note_file(after, encoding)
    facts = tuple(phrase_fact(phrase) for phrase in keep or [] if phrase.strip())
    comparison = compare_notes(first, second, settings, facts)
    show_comparison(comparison, [], None, output_format, False if no_color else None)
    worse = any(f.severity.reaches(settings.fail_on) for f in comparison.introduced)
    raise typer.Exit(1 if worse or comparison.lost_facts else 0)


def register(app: typer.Typer) -> None:
    """Add `diff` to the app."""
    app.command("diff")(diff)
