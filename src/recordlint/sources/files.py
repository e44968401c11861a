"""Text notes from files, folders and standard input."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Note

NOTE_SUFFIXES = (".txt", ".md", ".docx")


@dataclass
class SourceProblem:
    """A file that could not be read, or held nothing to check."""

    location: str
    message: str
    fatal: bool = True  # False: worth telling, but not an error (an empty file)

    def line(self) -> str:
        """The one line printed on standard error: ``recordlint: error: FILE: message``
        (without ``error:`` for a notice such as an empty file)."""
        from ..control_chars import printable

        prefix = "recordlint: error: " if self.fatal else "recordlint: "
        return f"{prefix}{printable(self.location, one_line=True)}: {self.message}"


def decode(data: bytes, location: str, encoding: str | None = None) -> str | SourceProblem:
    """Decode a note's bytes: UTF-8 (BOM or not), UTF-16 with BOM, or a named encoding."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            return SourceProblem(location, f"cannot decode as {encoding}: {exc}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return SourceProblem(location, f"invalid UTF-16 at byte {exc.start}")
    nul = data.find(b"\x00")
    if nul >= 0:
        return SourceProblem(location, f"binary file (NUL byte at offset {nul}); not a text note")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        return SourceProblem(
            location,
            f"invalid UTF-8 at byte offset {offset}; if the file is Windows-1252, "
            "use --encoding cp1252",
        )


def read_note(
    path: Path, label: str, encoding: str | None = None, max_bytes: int | None = None
) -> Note | SourceProblem:
    """Read one text file as a note (see :func:`recordlint.sources.reading.read_one`)."""
    from .reading import read_one

    return read_one(path, label, encoding=encoding, max_bytes=max_bytes)


def read_stdin(
    label: str,
    encoding: str | None = None,
    stream: BinaryIO | None = None,
    max_bytes: int | None = None,
) -> Note | SourceProblem:
    """Read a note from standard input."""
    from .reading import read_one

    return read_one("-", label, encoding=encoding, max_bytes=max_bytes, stream=stream)


#: Folders never walked into unless ``exclude`` replaces this list (hidden folders, and
#: any folder holding a virtual environment's ``pyvenv.cfg``, are always skipped).
DEFAULT_EXCLUDE = (
    "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv",
)  # fmt: skip


def _spec(patterns: list[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _probe(check: Callable[[], bool]) -> bool:
    """A filesystem test that counts as False when it cannot be made: on Python 3.11,
    ``Path.is_file()`` and ``Path.exists()`` raise PermissionError inside a folder that
    cannot be read, and one such folder must not stop a walk (the walk reports it)."""
    try:
        return check()
    except OSError:
        return False


def _relative(path: Path, base: Path, is_dir: bool) -> str | None:
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        return None
    if relative == ".":
        return None
    return relative + "/" if is_dir else relative


@dataclass
class WalkFilter:
    """What a folder walk skips: exclude patterns, ``.gitignore`` files, virtual envs.

    Patterns use ``.gitignore`` syntax relative to their base folder (the config file's
    folder, or the working folder for command-line patterns): ``drafts/``, ``*.bak.md``,
    ``archive/**/old-*.txt``; a pattern without a slash matches a name at any depth.
    """

    excludes: list[tuple[Path, Any]] = field(default_factory=list)  # (base, PathSpec)
    respect_gitignore: bool = True

    @classmethod
    def build(
        cls, groups: list[tuple[Path, list[str]]], respect_gitignore: bool = True
    ) -> WalkFilter:
        """From (base folder, patterns) groups."""
        excludes = [(base.resolve(), _spec(patterns)) for base, patterns in groups if patterns]
        return cls(excludes, respect_gitignore)

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """Does an exclude pattern match ``path``?"""
        absolute = Path(os.path.abspath(path))
        for base, spec in self.excludes:
            relative = _relative(absolute, base, is_dir)
            if relative is not None and spec.match_file(relative):
                return True
        return False


def _gitignore_specs(folder: Path) -> list[tuple[Path, Any]]:
    """The ``.gitignore`` files that apply above ``folder``, up to the repository root
    (the folder holding ``.git``), outermost first; none outside a repository."""
    absolute = Path(os.path.abspath(folder))
    chain = [absolute, *absolute.parents]
    root = next((f for f in chain if _probe((f / ".git").exists)), None)
    if root is None:
        return []
    specs = []
    exclude = root / ".git" / "info" / "exclude"
    for folder_above in reversed(chain[: chain.index(root) + 1]):
        files = [folder_above / ".gitignore"]
        if folder_above == root:
            files.insert(0, exclude)
        for ignore_file in files:
            spec = _read_gitignore(ignore_file)
            if spec is not None:
                specs.append((root if ignore_file == exclude else folder_above, spec))
    return specs


def _read_gitignore(path: Path):
    try:
        if not _probe(path.is_file):
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines) if any(line.strip() for line in lines) else None


def _git_ignored(specs: list[tuple[Path, Any]], path: Path, is_dir: bool) -> bool:
    """The last ``.gitignore`` pattern (outermost file first) matching ``path`` decides."""
    ignored = False
    for base, spec in specs:
        relative = _relative(path, base, is_dir)
        if relative is None:
            continue
        verdict = spec.check_file(relative).include
        if verdict is not None:
            ignored = verdict
    return ignored


def walk_notes(folder: Path, skip: WalkFilter | None = None) -> Iterator[Path | SourceProblem]:
    """Every .txt, .md and .docx file under ``folder``, sorted, without following link loops,
    leaving out what ``skip`` excludes and, by default, what ``.gitignore`` ignores."""
    skip = skip if skip is not None else WalkFilter.build([(Path.cwd(), list(DEFAULT_EXCLUDE))])
    gitignores: dict[str, list[tuple[Path, Any]]] = {}
    if skip.respect_gitignore:
        start = Path(os.path.abspath(folder))
        gitignores[str(start)] = _gitignore_specs(start)
    seen: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        problems.append(SourceProblem(str(error.filename), f"cannot read folder: {error.strerror}"))

    problems: list[SourceProblem] = []
    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=True):
        try:
            stat = os.stat(root)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            yield SourceProblem(root, "folder link loop; skipped", fatal=False)
            continue
        seen.add((stat.st_dev, stat.st_ino))
        here = Path(os.path.abspath(root))
        specs = gitignores.pop(str(here), [])
        if skip.respect_gitignore and here != Path(os.path.abspath(folder)):
            own = _read_gitignore(here / ".gitignore")
            specs = [*specs, (here, own)] if own is not None else specs

        def kept(name: str, is_dir: bool, here: Path = here, specs: list = specs) -> bool:
            path = here / name
            if name.startswith(".") or skip.excluded(path, is_dir):
                return False
            if is_dir and _probe((path / "pyvenv.cfg").is_file):
                return False
            return not (specs and _git_ignored(specs, path, is_dir))

        dirs.sort()
        dirs[:] = [d for d in dirs if kept(d, True)]
        for name in dirs:
            gitignores[str(here / name)] = specs
        for name in sorted(files):
            # "~$note.docx" is the lock file Word keeps beside an open document
            if (
                name.lower().endswith(NOTE_SUFFIXES)
                and kept(name, False)
                and not name.startswith("~$")
            ):
                yield Path(root) / name
        yield from problems
        problems.clear()
    yield from problems  # a folder that could not be listed last of all


def iter_text_notes(
    paths: list[str],
    *,
    stdin_filename: str | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
    skip: Callable[[Path], WalkFilter] | None = None,
) -> Iterator[Note | SourceProblem]:
    """Notes from the paths the user named ('-' is standard input), in order. Folders are
    walked with the filter ``skip(folder)`` gives; files named outright are always read."""
    for raw in paths:
        if raw == "-":
            yield read_stdin(stdin_filename or "-", encoding, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if _probe(path.is_dir):  # else read_note says why it cannot be read
            found = False  # a note, or an error that says why there is none
            for item in walk_notes(path, skip(path) if skip else None):
                found = found or not isinstance(item, SourceProblem) or item.fatal
                if isinstance(item, SourceProblem):
                    yield item
                    continue
                yield read_note(item, str(item), encoding, max_bytes)
            if not found:
                yield SourceProblem(raw, "no .txt, .md or .docx notes in this folder", fatal=False)
        else:
            yield read_note(path, raw, encoding, max_bytes)
