"""Text notes from files, folders and standard input."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..model import Note

NOTE_SUFFIXES = (".txt", ".md", ".docx")


@dataclass
class SourceProblem:
    """A file that could not be read, or held nothing to check."""

    location: str
    message: str
    fatal: bool = True  # False: worth telling, but not an error (an empty file)


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


def walk_notes(folder: Path) -> Iterator[Path | SourceProblem]:
    """Every .txt, .md and .docx file under ``folder``, sorted, without following link loops."""
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
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            # "~$note.docx" is the lock file Word keeps beside an open document
            if name.lower().endswith(NOTE_SUFFIXES) and not name.startswith((".", "~$")):
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
) -> Iterator[Note | SourceProblem]:
    """Notes from the paths the user named ('-' is standard input), in order."""
    for raw in paths:
        if raw == "-":
            yield read_stdin(stdin_filename or "-", encoding, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in walk_notes(path):
                if isinstance(item, SourceProblem):
                    yield item
                    continue
                found = True
                yield read_note(item, str(item), encoding, max_bytes)
            if not found:
                yield SourceProblem(raw, "no .txt, .md or .docx notes in this folder", fatal=False)
        else:
            yield read_note(path, raw, encoding, max_bytes)
