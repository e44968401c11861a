"""`recordlint exercise`: check a trainee's rewrite of a poor note against an exercise file.

Exit status: 0 pass, 1 fail, 2 an error (unreadable files, a bad exercise or config file).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..reporters.comparison import FORMATS
from .options import ConfigPath, Encoding, PlainText, format_choice

if TYPE_CHECKING:
    from ..config import Config
    from ..exercise import Exercise


def comparison_settings(config: Path | None, child: str | None, note_type: str | None) -> Config:
    """Settings for `exercise` and `diff`: the config file, with the child and note type."""
    from ..runner import CheckOptions, build_config
    from ..sources.note_types import note_type_slug

    slug = note_type_slug(note_type) if note_type else None
    return build_config(CheckOptions(paths=[], child=child, note_type=slug, config=config))


def _exercise_header(exercise: Exercise) -> list[str]:
    lines = [f"Exercise: {exercise.title or exercise.path}"]
    if exercise.instructions:
        lines.append(" ".join(exercise.instructions.split()))
    rules = [f"Must fix: {', '.join(exercise.must_fix) or 'nothing'}"]
    if exercise.keep:
        rules.append(f"keep {len(exercise.keep)} fact(s)")
    if exercise.min_score is not None:
        rules.append(f"minimum score {exercise.min_score}")
    lines.append("; ".join(rules))
    lines.append("")
    return lines


def exercise(
    exercise_file: Annotated[
        Path, typer.Argument(metavar="EXERCISE", help="The exercise YAML file.")
    ],
    answer: Annotated[
        str, typer.Argument(metavar="ANSWER", help="The rewrite to check ('-': stdin).")
    ],
    output_format: Annotated[str, format_choice(FORMATS)] = "text",
    config: ConfigPath = None,
    encoding: Encoding = None,
    no_color: PlainText = False,
) -> None:
    """Check a trainee's rewrite of a poor note against an exercise: exit 0 pass, 1 fail."""
    from ..exercise import (
        compare_notes,
        exercise_config,
        failures,
        load_exercise,
        read_note_file,
    )
    from ..reporters.comparison import check_format, show_comparison

    check_format(output_format)
    loaded = load_exercise(exercise_file, encoding)
    rewrite = read_note_file(answer, encoding)
    settings = exercise_config(loaded, comparison_settings(config, None, None))
    comparison = compare_notes(loaded.original, rewrite, settings, loaded.keep)
    reasons = failures(loaded, comparison)
    extra = {
        "exercise": {
            "path": str(exercise_file),
            "title": loaded.title,
            "must_fix": list(loaded.must_fix),
            "min_score": loaded.min_score,
        }
    }
    show_comparison(
        comparison,
        _exercise_header(loaded),
        reasons,
        output_format,
        False if no_color else None,
        extra,
    )
    raise typer.Exit(1 if reasons else 0)


def register(app: typer.Typer) -> None:
    """Add `exercise` to the app."""
    app.command("exercise")(exercise)
