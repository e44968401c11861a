"""A very large note file read piece by piece, never held whole.

`check` reads a note file larger than :data:`STREAM_BYTES` this way when the report is one
line a finding (``jsonl``, ``concise``), so its memory stays flat whatever the note's size.
The file is read twice: a first pass decodes it all (without keeping it) so that a bad
byte, a NUL or an empty file is reported before anything is written, exactly as for a note
read whole; the second pass yields the pieces, cut where :func:`recordlint.engine.segments`
would cut the whole text, so the findings are the same.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..limits import current
from ..model import Note
from .files import SourceProblem
from .reading import not_regular, too_large

#: Note files larger than this (in bytes) are read piece by piece for line formats.
STREAM_BYTES = 4 << 20
#: Bytes read from the file at a time.
CHUNK_BYTES = 1 << 20
_BREAK_RE = re.compile(r"\n[ \t]*\n|\n")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class NoteStream:
    """A note file to read piece by piece: the note's metadata (its text left empty) and
    how to decode it."""

    note: Note
    path: str
    encoding: str
    skip: int  # bytes before the text (a UTF-8 byte-order mark)

    def pieces(self, size: int) -> Iterator[tuple[int, str]]:
        """(offset, text) pieces of at most ``size`` characters, cut at a paragraph or line
        break where there is one in the piece's second half."""
        decoder = codecs.getincrementaldecoder(self.encoding)()
        buffer, offset = "", 0
        with open(self.path, "rb") as handle:
            handle.seek(self.skip)
            done = False
            while not done or buffer:
                while not done and len(buffer) <= size:
                    chunk = handle.read(CHUNK_BYTES)
                    done = not chunk
                    buffer += decoder.decode(chunk, final=done)
                end = min(len(buffer), size)
                if end < len(buffer):
                    breaks = [m.end() for m in _BREAK_RE.finditer(buffer, size // 2, end)]
                    end = breaks[-1] if breaks else end
                yield offset, buffer[:end]
                offset += end
                buffer = buffer[end:]


def streamable(path: str) -> bool:
    """Is ``path`` a plain-text note file large enough to read piece by piece?"""
    if path == "-" or Path(path).suffix.lower() in (".md", ".markdown", ".docx"):
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > STREAM_BYTES


def open_stream(path: str, encoding: str | None = None) -> NoteStream | SourceProblem:
    """Check that ``path`` can be read as a note (regular, within the size limit, decodable,
    not empty) without holding it, and return how to read it piece by piece."""
    reason = not_regular(path)
    if reason:
        return SourceProblem(path, reason)
    limit = current().note_bytes
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return SourceProblem(path, "is not a regular file")
            if info.st_size > limit:
                return SourceProblem(path, too_large(limit))
            return _validate(handle, path, encoding)
    except OSError as exc:
        return SourceProblem(path, f"cannot read: {exc.strerror or exc}")


def _validate(handle, path: str, encoding: str | None) -> NoteStream | SourceProblem:
    head = handle.read(4)
    skip, chosen = 0, encoding
    if chosen is None and head.startswith((b"\xff\xfe", b"\xfe\xff")):
        chosen = "utf-16"
    elif chosen is None:
        chosen, skip = "utf-8", (3 if head.startswith(_UTF8_BOM) else 0)
    try:
        decoder = codecs.getincrementaldecoder(chosen)()
    except LookupError as exc:
        return SourceProblem(path, f"cannot decode as {encoding}: {exc}")
    handle.seek(skip)
    read, has_text = skip, False
    while True:
        chunk = handle.read(CHUNK_BYTES)
        if encoding is None and chosen == "utf-8" and (nul := chunk.find(b"\x00")) >= 0:
            return SourceProblem(
                path, f"binary file (NUL byte at offset {read + nul}); not a text note"
            )
        try:
            pending = len(decoder.getstate()[0])
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            offset = read - pending + exc.start
            return SourceProblem(path, _bad_bytes(encoding, chosen, offset, exc))
        has_text = has_text or bool(text.strip())
        if not chunk:
            break
        read += len(chunk)
    if not has_text:
        return SourceProblem(path, "empty; nothing to check", fatal=False)
    note = Note(text="", path=path, extra={"encoding": encoding or chosen})
    return NoteStream(note=note, path=path, encoding=chosen, skip=skip)


def _bad_bytes(given: str | None, chosen: str, offset: int, exc: UnicodeDecodeError) -> str:
    """The message :func:`recordlint.sources.files.decode` gives for the same bytes."""
    if given:
        return f"cannot decode as {given}: {exc}"
    if chosen == "utf-16":
        return f"invalid UTF-16 at byte {offset}"
    return (
        f"invalid UTF-8 at byte offset {offset}; if the file is Windows-1252, use --encoding cp1252"
    )
