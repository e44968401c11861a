"""Commands beyond `check`, `rules` and `explain`, each in its own module.

Each module defines ``register(app)``, which adds its commands to the Typer app. Modules
import only Typer at import time (heavy imports go inside the command functions), so
`recordlint --help` stays fast.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = ("batch", "fix", "ci")


def register_all(app: typer.Typer) -> None:
    """Add every command module's commands to ``app``."""
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        module.register(app)
