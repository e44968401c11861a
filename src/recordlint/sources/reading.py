"""One way to read a note file, used by check, fix, baseline, diff and exercise.

Only regular files (and standard input) are read: a FIFO would block for ever and a device
such as ``/dev/zero`` never ends. A note larger than the note size limit is refused with a
message that says the limit and how to raise it. The bytes are decoded by
:func:`recordlint.sources.files.decode` (UTF-8 with or without BOM, UTF-16 with BOM, or the
encoding given), and the note remembers the encoding and a fingerprint of the bytes, so that
`fix` can write it back the same way and see whether it changed meanwhile. A file named
``*.docx`` is read as a Word document by :mod:`recordlint.sources.docx`.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from ..limits import ENV, current, size_text
from ..model import Note
from ..safe_write import digest


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(
    path: str | Path, what: str = "a note file", instead: str = "or '-' to read standard input"
) -> str | None:
    """Why ``path`` cannot be read as ``what`` (None: it is a regular file)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if not stat.S_ISREG(mode):
        return f"is {_kind(mode)}, not {what}; give a file, {instead}".rstrip(", ")
    return None


def too_large(limit: int) -> str:
    """The message for a note over the size limit."""
    return (
        f"larger than the note size limit of {size_text(limit)} (set {ENV['note_mb']} to raise it)"
    )


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``; None when there is more."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def read_one(
    path: str | Path,
    label: str | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int | None = None,
    stream: BinaryIO | None = None,
):
    """Read one note: a regular file, or standard input for ``'-'``.

    Returns a :class:`~recordlint.model.Note` (with ``extra['encoding']`` and
    ``extra['digest']``) or a :class:`~recordlint.sources.files.SourceProblem`.
    """
    from .files import SourceProblem, decode

    name = str(path)
    label = label or name
    limit = max_bytes if max_bytes is not None else current().note_bytes
    if name == "-":
        data = read_limited(stream or sys.stdin.buffer, limit)
        if data is None:
            return SourceProblem(label, f"standard input is {too_large(limit)}")
    else:
        reason = not_regular(name)
        if reason:
            return SourceProblem(label, reason)
        try:
            with open(name, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped meanwhile
                    return SourceProblem(label, "is not a regular file")
                data = read_limited(handle, limit)
        except OSError as exc:
            return SourceProblem(label, f"cannot read: {exc.strerror or exc}")
        if data is None:
            return SourceProblem(label, too_large(limit))
        from .docx import is_docx, read_docx

        if is_docx(name):
            note = read_docx(data, label, digest(data))
            if isinstance(note, tuple):
                return SourceProblem(label, note[0], fatal=note[1])
            return note
    text = decode(data, label, encoding)
    if isinstance(text, SourceProblem):
        return text
    if not text.strip():
        return SourceProblem(label, "empty; nothing to check", fatal=False)
    return Note(
        text=text,
        path=label,
        extra={"encoding": encoding_of(data, encoding), "digest": digest(data)},
    )


def encoding_of(data: bytes, encoding: str | None) -> str:
    """The encoding to write a note back in, keeping its byte-order mark."""
    if encoding:
        return encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
