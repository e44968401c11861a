"""Commands beyond `check`, `rules` and `explain`, each in its own module, loaded on demand.

Each module defines ``register(app)``, which adds its commands to a Typer app. The main app
loads a module only when one of its commands is run or listed in ``--help``, so that
`recordlint check` and `recordlint rules` start fast.
"""

from __future__ import annotations

import importlib
from functools import cache

import typer
import typer.core
import typer.main

#: command name -> the module of this package that defines it
COMMANDS: dict[str, str] = {
    "fix": "fix",
    "batch": "batch",
    "compare": "compare",
    "baseline": "baseline",
    "init": "init",
    "exercise": "exercise",
    "diff": "diff",
    "serve": "serve",
    "lsp": "lsp",
}


@cache
def _module_group(module_name: str) -> typer.core.TyperGroup:
    module = importlib.import_module(f"{__name__}.{module_name}")
    holder = typer.Typer(add_completion=False)
    module.register(holder)
    return typer.main.get_group(holder)


def load_command(name: str) -> typer.core.TyperCommand | None:
    """The Click command called ``name`` from its module, or None if there is none."""
    module_name = COMMANDS.get(name)
    if module_name is None:
        return None
    return _module_group(module_name).commands.get(name)
