"""`recordlint fix`: apply the safe, mechanical rewrites (jargon, acronyms, plain English).

By default the changes are shown as a unified diff and nothing is written. ``--write`` writes
the file atomically and first keeps the original as ``FILE.bak`` (or ``FILE.bak.1``, ... when
that exists already: a backup is never overwritten). While it works, `fix --write` holds a lock
on the file, and it writes nothing when the file changed since it was read, so two runs at once
cannot lose each other's changes. Standard input (``-``) is fixed to standard output.
``--encoding`` reads the note in that encoding (as `check` does) and ``--write`` writes it
back in the same one. What is shown (the diff, the ``--interactive`` questions) has any
control character from the note as a visible ``\\xNN``; the file written keeps its bytes.

Exit status: 0 when it worked (whether or not there was anything to fix, and also after
printing a diff), 2 on an error (unreadable file, bad option or config, a write that
failed); on an error the original file is left as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .options import (
    Child,
    ConfigPath,
    Encoding,
    ExtendSelect,
    Ignore,
    NoteType,
    Select,
    selection,
)

if TYPE_CHECKING:
    from ..config import Config
    from ..fix import Lint
    from ..model import Finding, Note


def fix(
    path: Annotated[str, typer.Argument(help="The note to fix; '-' reads standard input.")],
    diff: Annotated[
        bool | None,
        typer.Option(
            "--diff/--no-diff",
            help="Show the changes as a unified diff (the default for a file; with '-', "
            "print a diff instead of the fixed text).",
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", "-w", help="Write the fixed file (atomically).")
    ] = False,
    no_backup: Annotated[
        bool, typer.Option("--no-backup", help="With --write, do not keep a FILE.bak copy.")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", "-i", help="Ask about each suggestion before applying it."),
    ] = False,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    config: ConfigPath = None,
    child: Child = None,
    note_type: NoteType = None,
    encoding: Encoding = None,
) -> None:
    """Apply safe rewrites: plain words for jargon, acronyms spelled out, plain English."""
    from ..errors import RecordlintError
    from ..runner import CheckOptions, build_config

    if interactive and path == "-":
        raise RecordlintError("--interactive needs a file: the answers are read from the terminal")
    if no_backup and not write:
        raise RecordlintError("--no-backup only makes sense with --write")
    settings = build_config(
        CheckOptions(
            paths=[path],
            **selection(select, extend_select, ignore),
            child=child,
            note_type=note_type,
            config=config,
        ),
        discover_from=None if path == "-" else Path(path).parent,  # the file's own config
    )
    if path == "-":
        raise typer.Exit(_fix_stdin(settings, show_diff=bool(diff), encoding=encoding))
    raise typer.Exit(
        _fix_file(
            Path(path),
            settings,
            show_diff=diff if diff is not None else not write,
            write=write,
            backup=not no_backup,
            interactive=interactive,
            encoding=encoding,
        )
    )


def register(app: typer.Typer) -> None:
    """Add `fix` to the app."""
    app.command("fix")(fix)


# -- the work -----------------------------------------------------------------------------


def _linter(settings: Config, path: str, text: str) -> tuple[Lint, tuple[str, ...]]:
    """A lint function for the fix loop, and the names fixes must never touch."""
    from ..analysis import find_child_name
    from ..checks import load_kinds
    from ..checks.base import KINDS
    from ..checks.packs import selected_specs
    from ..engine import Linter
    from ..model import Note

    load_kinds()
    settings.ignore += [m.code for m, _ in selected_specs(settings) if not KINDS[m.kind].fixable]
    linter = Linter(settings)
    child = settings.child or find_child_name(text)

    def lint(current: str) -> list[Finding]:
        note = Note(text=current, path=path, type=settings.note_type, child=child)
        return linter.lint(note).findings

    return lint, tuple(n for n in (child,) if n)


def _fix_stdin(settings: Config, *, show_diff: bool, encoding: str | None = None) -> int:
    import sys

    from ..control_chars import printable
    from ..fix import fix_text, printable_diff, unified_diff

    note = _read("-", encoding)
    text = note.text
    lint, names = _linter(settings, "-", text)
    fixed = fix_text(text, lint, names=names).text
    if show_diff:
        sys.stdout.write(printable_diff(unified_diff("-", text, fixed)))
    elif sys.stdout.isatty():  # shown to a person: no escape sequence reaches the terminal
        sys.stdout.write(printable(fixed))
    elif encoding:  # the fixed note, in the encoding it was read in
        sys.stdout.flush()
        sys.stdout.buffer.write(_encoded("-", fixed, note.extra["encoding"]))
    else:
        sys.stdout.write(fixed)
    sys.stdout.flush()
    return 0


def _fix_file(
    path: Path,
    settings: Config,
    *,
    show_diff: bool,
    write: bool,
    backup: bool,
    interactive: bool,
    encoding: str | None = None,
) -> int:

    from ..safe_write import exclusive

    _read(str(path), encoding)  # a clear error for a missing, unreadable or non-text file
    how = {"show_diff": show_diff, "backup": backup, "interactive": interactive}
    if not write:
        return _fix_and_report(path, settings, write=False, encoding=encoding, **how)
    with exclusive(path):
        return _fix_and_report(path, settings, write=True, encoding=encoding, **how)


def _fix_and_report(
    path: Path,
    settings: Config,
    *,
    show_diff: bool,
    write: bool,
    backup: bool,
    interactive: bool,
    encoding: str | None = None,
) -> int:
    import sys

    from ..control_chars import printable
    from ..fix import apply_edits, fix_text, plan_fixes, printable_diff, unified_diff

    note = _read(str(path), encoding)
    shown = printable(str(path), one_line=True)  # the file's name, as messages show it
    text = note.text
    lint, names = _linter(settings, str(path), text)
    offered = None
    if interactive:
        from ..interactive import review

        edits = plan_fixes(text, lint(text), names=names)
        stream = None if sys.stdin.isatty() else sys.stdin
        accepted = review(text, edits, stream=stream) if edits else []
        fixed, count, offered = apply_edits(text, accepted), len(accepted), len(edits)
    else:
        result = fix_text(text, lint, names=names)
        fixed, count = result.text, len(result.edits)
    if fixed == text:
        nothing = "no changes accepted" if offered else "nothing to fix"
        typer.echo(f"{shown}: {nothing}.", err=True)
        return 0
    if write:
        _encoded(str(path), fixed, note.extra["encoding"])  # fails before anything is shown
    if show_diff:
        name = printable(path.as_posix(), one_line=True)
        sys.stdout.write(printable_diff(unified_diff(name, text, fixed)))
        sys.stdout.flush()
    if write:
        copy = _write(path, note, fixed, backup=backup)
        saved = f" (original kept in {printable(str(copy), one_line=True)})" if copy else ""
        typer.echo(f"{shown}: fixed{saved}.", err=True)
    else:
        fixes = "1 safe fix" if count == 1 else f"{count} safe fixes"
        typer.echo(f"{shown}: {fixes} shown; run with --write to apply.", err=True)
    return 0


def _encoded(path: str, text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; exit 2, with nothing written, when a fix brought in a
    character that encoding has no place for."""
    from ..errors import InputError

    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise InputError(
            path,
            f"the fixed text holds {char!r} (U+{ord(char):04X}), which {encoding} cannot "
            "write; nothing changed",
        ) from None


def _read(path: str, encoding: str | None = None) -> Note:
    """The note to fix, read the one way every command reads notes; exit 2 on a problem."""
    from ..errors import InputError, RecordlintError
    from ..sources import read_one
    from ..sources.files import SourceProblem

    if path != "-" and _is_dir(Path(path)):
        raise RecordlintError(f"{path}: is a folder; fix takes one file")
    item = read_one(path, "<stdin>" if path == "-" else path, encoding=encoding)
    if isinstance(item, SourceProblem):
        raise InputError(item.location, item.message)
    if item.extra.get("format") == "docx":  # writing text back would destroy the document
        raise InputError(path, "fix cannot change a Word document; use check, and edit in Word")
    return item


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # in a folder that cannot be read: read_one says so
        return False


def _write(path: Path, note: Note, after: str, *, backup: bool) -> Path | None:
    """Keep a backup (unless told not to), then replace the file through a temporary file,
    only if it has not changed since it was read. Returns the backup's path, if one was kept.
    """
    import os
    import stat

    from ..errors import RecordlintError
    from ..safe_write import replace_if_unchanged

    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise RecordlintError(f"{path}: cannot write: the file is read-only (nothing changed)")
    return replace_if_unchanged(
        target, note.extra["digest"], after, note.extra["encoding"], backup=backup
    )
