"""Character offsets and LSP positions (0-based line, UTF-16 code units in the line).

Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the protocol defines them (Python's
``splitlines`` would also break at form feeds and Unicode line separators).
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\n|\r")


def _units(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class Positions:
    """Offsets of one text as LSP positions, and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line, _units(self.text[self.starts[line] : offset])

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position (clamped to the line and the text)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        content = self.text[start:end].rstrip("\r\n")
        units = 0
        for index, char in enumerate(content):
            if units >= character:
                return start + index
            units += 2 if ord(char) > 0xFFFF else 1
        return start + len(content)
