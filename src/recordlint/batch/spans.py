"""Split a note's text into pieces, each with the findings that cover it, for highlighting."""

from __future__ import annotations

from typing import Any

#: A finding covering this share of a note (a reading grade) is listed, not highlighted.
WHOLE_NOTE = 0.9


def segments(text: str, marks: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(piece, covering marks) in order; pieces without marks have an empty list.

    Marks may overlap (findings of different categories); a piece is covered by every mark
    whose ``[start, end)`` contains it. Offsets outside the text are clipped.
    """
    size = len(text)
    cuts = {0, size}
    for mark in marks:
        cuts.add(max(0, min(size, mark["start"])))
        cuts.add(max(0, min(size, mark["end"])))
    points = sorted(cuts)
    pieces: list[tuple[str, list[dict[str, Any]]]] = []
    for start, end in zip(points, points[1:], strict=False):
        covering = [m for m in marks if m["start"] <= start and end <= m["end"]]
        piece = text[start:end]
        if pieces and not covering and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + piece, [])
        else:
            pieces.append((piece, covering))
    return pieces
