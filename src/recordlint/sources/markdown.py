"""Markdown notes read as Markdown: what is not prose is hidden from the rules.

Code fences, inline code, link and image URLs, autolinks, link reference definitions and
HTML comments are *masked*: every character in them except line breaks becomes a space.
The masked text has the same length and the same line breaks as the file, so every
finding's offsets, lines and columns are those of the file itself, and `fix` (which edits
the file's own text at those offsets) never changes anything that was masked.

Headings, list items, block quotes and paragraphs are left as they are.

An HTML comment ``<!-- recordlint-disable RL101, passive -->`` turns rules off (all rules
when none is named) until ``<!-- recordlint-enable -->`` (or the end of the file); see
:func:`disabled_regions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Note

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FENCE_OPEN = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)", re.S)
# ](url "title") of inline links and images, with one level of parentheses in the URL
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.M)
_DIRECTIVE = re.compile(
    r"<!--\s*recordlint-(?P<verb>disable|enable)\b(?P<rules>[^>]*?)\s*-->", re.IGNORECASE
)


def is_markdown(path: str | None) -> bool:
    """Is ``path`` a Markdown file (by its name)?"""
    return bool(path) and str(path).lower().endswith(MARKDOWN_SUFFIXES)


def markdown_view(note: Note) -> Note:
    """The note as the rules see it: masked when it is a Markdown file, else itself."""
    if not is_markdown(note.path):
        return note
    masked = mask_markdown(note.text)
    return note if masked == note.text else replace(note, text=masked)


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] not in "\r\n":
            chars[index] = " "


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks, fence lines included (an unclosed fence runs to the
    end, as CommonMark says)."""
    spans, position = [], 0
    while match := _FENCE_OPEN.search(text, position):
        fence = match.group("fence")
        closing = re.compile(rf"^[ ]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        close = closing.search(text, match.end())
        end = close.end() if close else len(text)
        spans.append((match.start(), end))
        position = max(end, match.end() + 1)
    return spans


def mask_markdown(text: str) -> str:
    """``text`` with code, URLs and HTML comments replaced by spaces (same length, same
    line breaks)."""
    chars = list(text)
    for start, end in _fenced_blocks(text):
        _blank(chars, start, end)
    for pattern in (_HTML_COMMENT, _REFERENCE_DEFINITION, _AUTOLINK):
        for match in pattern.finditer("".join(chars)):
            _blank(chars, match.start(), match.end())
    current = "".join(chars)
    for match in _INLINE_CODE.finditer(current):
        if "\n\n" not in match.group():  # a code span never crosses a paragraph
            _blank(chars, match.start(), match.end())
    for match in _LINK_TARGET.finditer("".join(chars)):
        _blank(chars, match.start(), match.end())
    return "".join(chars)


@dataclass(frozen=True)
class DisabledRegion:
    """Characters ``start`` to ``end`` where ``selectors`` (empty: every rule) are off."""

    start: int
    end: int
    selectors: tuple[str, ...]
    line: int  # the line of the disable comment, for messages


def _selectors(raw: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,]+", raw.strip()) if s)


def disabled_regions(text: str) -> list[DisabledRegion]:
    """The regions turned off by ``recordlint-disable`` comments, in order.

    A ``recordlint-enable`` with no rules ends every open region; one naming rules ends
    the regions of exactly those rules. Comments inside code fences do not count.
    """
    fences = _fenced_blocks(text)
    open_regions: dict[tuple[str, ...], tuple[int, int]] = {}
    regions: list[DisabledRegion] = []
    for match in _DIRECTIVE.finditer(text):
        if any(start <= match.start() < end for start, end in fences):
            continue
        selectors = _selectors(match.group("rules"))
        if match.group("verb").lower() == "disable":
            line = text.count("\n", 0, match.start()) + 1
            open_regions.setdefault(selectors, (match.end(), line))
            continue
        for key in [k for k in open_regions if not selectors or k == selectors]:
            start, line = open_regions.pop(key)
            regions.append(DisabledRegion(start, match.start(), key, line))
    for key, (start, line) in open_regions.items():
        regions.append(DisabledRegion(start, len(text), key, line))
    return sorted(regions, key=lambda r: (r.start, r.end))
