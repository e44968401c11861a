"""Checks on an XLSX workbook before openpyxl reads it: zip bombs, huge shared-string
tables and XML with a document type declaration (entity expansion, external entities).

An XLSX file is a zip archive of XML parts. Its directory states each part's unpacked size,
and Python's zip reader never returns more than that, so summing the directory bounds what
reading can unpack. openpyxl loads the whole shared-strings table into memory, so that part
has a tighter limit. Spreadsheet XML never needs a ``<!DOCTYPE``; one is refused, as it is
how entity-expansion ("billion laughs") and external-entity attacks begin.
"""

from __future__ import annotations

import re
import zipfile

from ..errors import InputError
from ..limits import ENV, current, size_text

#: Most parts a workbook may have.
MAX_PARTS = 10_000
#: The shared-strings table may be at most this share of the workbook limit.
SHARED_STRINGS_SHARE = 0.2
#: Bytes of an XML part read to find its root element (the prolog before it).
PROLOG_BYTES = 1 << 16
_ROOT = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_workbook(path: str) -> None:
    """Raise InputError when the workbook at ``path`` is not safe to hand to openpyxl."""
    limit = current().xlsx_bytes
    raise_it = f"set {ENV['xlsx_mb']} to raise it"
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InputError(path, f"not a valid .xlsx workbook ({err})") from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise InputError(path, f"has {len(parts)} parts; a workbook may have {MAX_PARTS}")
        total = sum(part.file_size for part in parts)
        if total > limit:
            raise InputError(
                path,
                f"unpacks to {size_text(total)}, over the XLSX limit of {size_text(limit)} "
                f"({raise_it})",
            )
        for part in parts:
            name = part.filename.lower()
            if name.endswith("sharedstrings.xml") and part.file_size > limit * SHARED_STRINGS_SHARE:
                raise InputError(
                    path,
                    f"its shared-strings table unpacks to {size_text(part.file_size)}, over "
                    f"{size_text(int(limit * SHARED_STRINGS_SHARE))} ({raise_it})",
                )
            if name.endswith((".xml", ".rels")):
                _check_prolog(archive, part, path)


def _check_prolog(archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: str) -> None:
    try:
        with archive.open(part) as stream:
            head = stream.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as err:
        raise InputError(path, f"part {part.filename} cannot be unpacked ({err})") from None
    root = _ROOT.search(head)
    prolog = head[: root.start()] if root else head
    if _DECLARATION.search(prolog):
        raise InputError(
            path,
            f"part {part.filename} declares a document type or entities, which a workbook "
            "never needs; refused",
        )
    if root is None and len(head) == PROLOG_BYTES:
        raise InputError(path, f"part {part.filename} is not well-formed XML")
