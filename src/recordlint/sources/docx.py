"""Word documents (.docx): the body's paragraphs and tables, in reading order, as one note.

Only the body is read: headers, footers, footnotes and comments live in other parts of the
package and are left out. Each paragraph (a table cell's paragraphs included, row by row,
cell by cell) becomes a paragraph of the note's text, separated by a blank line, so the
rules see Word's paragraphs as paragraphs. The note remembers where each paragraph starts
(``extra['paragraph_starts']``); :func:`locate` turns a finding's offsets into a paragraph
number and a character within it, which is what ``line`` and ``column`` mean for a Word
document.

A .docx is a zip archive; its directory is checked before python-docx opens it (unpacked
size, under the workbook limit, and a readable main document part), and the text taken out
of it must fit the note size limit.
"""

from __future__ import annotations

import io
import zipfile
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ..limits import ENV, current, size_text
from ..model import Finding, Note

DOCX_SUFFIX = ".docx"
#: Between two paragraphs of the note's text: a blank line, a paragraph break for the rules.
PARAGRAPH_BREAK = "\n\n"
#: The part of the package that holds the body.
MAIN_PART = "word/document.xml"
#: Most parts a document may have.
MAX_PARTS = 10_000
NOT_WORD = "not a valid Word document (.docx)"


def is_docx(name: str) -> bool:
    """Does the file name say it is a Word document?"""
    return name.lower().endswith(DOCX_SUFFIX)


def _check_package(data: bytes) -> str | None:
    """Why the archive must not be opened (None: it may)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return NOT_WORD
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            return f"{NOT_WORD}: it has {len(parts)} parts"
        if MAIN_PART not in archive.namelist():
            return f"{NOT_WORD}: it has no main document part"
        limit = current().xlsx_bytes
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limit:
            return (
                f"unpacks to {size_text(unpacked)}, over the limit of {size_text(limit)} "
                f"(set {ENV['xlsx_mb']} to raise it)"
            )
    return None


def _blocks(container: Any) -> Iterator[str]:
    """The text of every paragraph in ``container`` (the body or a cell), in reading order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell)
        else:
            yield item.text


def paragraphs(data: bytes) -> list[str] | str:
    """The body's paragraphs, or why the document cannot be read."""
    problem = _check_package(data)
    if problem:
        return problem
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        return list(_blocks(document))
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken file
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"{NOT_WORD}: {detail}"


def join(texts: list[str]) -> tuple[str, list[int]]:
    """The note's text and where each paragraph starts in it."""
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(texts), starts


def read_docx(data: bytes, label: str, digest: str) -> Note | tuple[str, bool]:
    """A note from a Word document's bytes, or (why not, whether that is an error)."""
    found = paragraphs(data)
    if isinstance(found, str):
        return found, True
    text, starts = join(found)
    limit = current().note_bytes
    if len(text.encode("utf-8")) > limit:
        return (
            f"its text is larger than the note size limit of {size_text(limit)} "
            f"(set {ENV['note_mb']} to raise it)"
        ), True
    if not text.strip():
        return "empty; nothing to check", False
    return Note(
        text=text,
        path=label,
        extra={"format": "docx", "paragraph_starts": starts, "digest": digest},
    )


def _where(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based paragraph and character of ``offset``."""
    number = max(1, bisect_right(starts, offset))
    return number, offset - starts[number - 1] + 1


def locate(note: Note, findings: list[Finding]) -> None:
    """For a Word document, set each finding's line and column to its paragraph and
    character (1-based; ``end_column`` just after the last flagged character)."""
    starts = note.extra.get("paragraph_starts")
    if not starts:
        return
    for finding in findings:
        finding.line, finding.column = _where(starts, finding.start)
        last_line, last_column = _where(starts, max(finding.start, finding.end - 1))
        finding.end_line = last_line
        finding.end_column = last_column + (1 if finding.end > finding.start else 0)


def paragraph_text(note: Note, number: int) -> str:
    """Paragraph ``number`` (1-based) of a Word document's note, on one line."""
    starts = note.extra.get("paragraph_starts") or []
    if not 0 < number <= len(starts):
        return ""
    end = starts[number] - len(PARAGRAPH_BREAK) if number < len(starts) else len(note.text)
    return " ".join(note.text[starts[number - 1] : end].splitlines())


def open_documents(path: str):
    """A batch input of Word documents: one .docx file, or every .docx under a folder.

    It is iterated like a caseload export (:class:`~recordlint.sources.tabular.Export`):
    one note per document, with its file name (below the folder) as its id; a document that
    cannot be read is a skipped "row" (its number is the document's place in the walk), not
    the end of the run. ``--redact`` calls each document "document N" instead, as file
    names often hold a child's name.
    """
    from pathlib import Path

    from ..errors import InputError
    from .columns import ColumnMap
    from .tabular import Export, RowProblem

    class WordDocuments(Export):
        def __iter__(self) -> Iterator[Note | RowProblem]:  # type: ignore[override]
            from .files import SourceProblem, walk_notes
            from .reading import read_one

            self.warnings = list(self._opened)
            self.skipped, self.notes_read = type(self.skipped)(), 0
            root = Path(self.path)
            items = walk_notes(root) if root.is_dir() else iter([root])
            number = 0
            for item in items:
                if isinstance(item, SourceProblem):
                    if item.fatal:  # an unreadable folder: an error (exit 2), the walk goes on
                        yield RowProblem(item.location, 0, item.message, fatal=True)
                    else:
                        self.warnings.append(f"{item.location}: {item.message}")
                    continue
                if not is_docx(item.name):
                    continue
                number += 1
                note = read_one(item, str(item))
                if isinstance(note, SourceProblem):
                    self.skipped.add(note.message.split(":")[0], number)
                    yield RowProblem(str(item), number, note.message)
                    continue
                note.id = str(item.relative_to(root)) if root.is_dir() else item.name
                note.path = self.path
                note.extra["row"] = number
                self.notes_read += 1
                yield note

    if not Path(path).is_dir() and not Path(path).is_file():
        raise InputError(path, "No such file or folder")
    return WordDocuments(path, "docx", ColumnMap({}, {}, frozenset()), [])
