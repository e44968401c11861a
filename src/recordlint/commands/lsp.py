"""`recordlint lsp`: the Language Server for editors, over standard input and output."""

from __future__ import annotations

import typer


def lsp() -> None:
    """Run the Language Server (stdio): diagnostics, hover hints and safe fixes in editors."""
    from ..errors import RecordlintError

    try:
        import pygls  # noqa: F401
    except ImportError:
        raise RecordlintError(
            "recordlint lsp needs pygls: install it with pip install 'recordlint[lsp]'"
        ) from None
    from ..lsp.server import run

    run()


def register(app: typer.Typer) -> None:
    """Add `lsp` to the app."""
    app.command("lsp")(lsp)
