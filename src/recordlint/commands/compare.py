"""`recordlint compare`: the change between two saved batch runs.

Exit status: 0 shown, 2 an error (unreadable or mismatched result files, a bad format).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import format_choice


def compare(
    old: Annotated[Path, typer.Argument(help="Results saved by an earlier `batch --save`.")],
    new: Annotated[Path, typer.Argument(help="Results saved by a later `batch --save`.")],
    output_format: Annotated[str, format_choice(help="text (tables) or json.")] = "text",
    redact: Annotated[
        bool, typer.Option("--redact", help="Show teams and authors as pseudonyms.")
    ] = False,
) -> None:
    """Show the change between two batch runs per category, team and author."""
    import json

    from ..batch.compare import compare_results, print_comparison, redact_comparison
    from ..batch.results import load_results
    from ..errors import RecordlintError

    if output_format not in ("text", "json"):
        raise RecordlintError("--format must be text or json")
    result = compare_results(load_results(old), load_results(new))
    if redact:
        result = redact_comparison(result)
    if output_format == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print_comparison(result)


def register(app: typer.Typer) -> None:
    """Add `compare` to the app."""
    app.command("compare")(compare)
