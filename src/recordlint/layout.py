"""Layout: which physical lines of a note belong together before sentences are split.

Notes arrive hard-wrapped (an e-mail or a case system that breaks lines at about 70
characters), with headings, label lines ("Present: ...") and list items. A sentence broken
across lines must be one sentence; a heading or a list item must stay a unit of its own.
Units are spans of the original text, so every offset stays exact.
"""

from __future__ import annotations

import re

_LINE_RE = re.compile(r"[^\r\n]+")
_LIST_ITEM_RE = re.compile(r"^[ \t]*(?:[-*•·–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))[ \t]+")
_HEADING_RE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]|\*\*[^*]+\*\*[ \t]*:?[ \t]*$|[A-Z0-9][A-Z0-9 &/'’\-]*:?[ \t]*$)"
)
_LABEL_RE = re.compile(r"^[ \t]*(?:\*\*)?[A-Z][\w'’ ]{0,30}:(?:\*\*)?(?:[ \t]|$)")
_ENDS_SENTENCE_RE = re.compile(r"[.!?;:][\"”’')\]]*[ \t]*$")
_CONTINUES_RE = re.compile(
    r"(?:[,&+(/–-]|\b(?:and|or|but|the|a|an|to|of|in|on|at|with|for|from|that|as|by|her|his"
    r"|their|my|our|is|was|were|are|be|been|has|have|had|will|would|can|could|not|so|because"
    r"|when|if|who|which))[ \t]*$",
    re.IGNORECASE,
)
_STARTS_LOWER_RE = re.compile(r"^[ \t]*[a-zà-ÿ]")
_LOG_ENTRY_RE = re.compile(r"^[ \t]*(?:\d{1,2}[/.:]\d{1,2}|\d{1,2}(?:am|pm)\b)", re.IGNORECASE)
#: A line this long, and nearly as long as the paragraph's longest, was wrapped by a program.
WRAPPED_MIN_CHARS = 50
WRAPPED_SHARE = 0.75


def is_list_item(line: str) -> bool:
    """'- item', '1. item', 'a) item'."""
    return bool(_LIST_ITEM_RE.match(line))


def is_heading(line: str) -> bool:
    """'# Plan', '**Present:**', 'ACTIONS', 'Decision:'-style labels that end the line."""
    return bool(_HEADING_RE.match(line)) or line.rstrip().endswith(":")


def _joins(line: str, following: str, longest: int) -> bool:
    """Does ``following`` continue the sentence that ``line`` left unfinished?"""
    if is_list_item(following) or is_heading(following) or _LABEL_RE.match(following):
        return False
    if is_heading(line) or _ENDS_SENTENCE_RE.search(line):
        return False
    if _LOG_ENTRY_RE.match(following) and not line.rstrip().endswith(","):
        return False  # a log's next entry, unless the line plainly runs on
    if _STARTS_LOWER_RE.match(following) or _CONTINUES_RE.search(line):
        return True
    if is_list_item(line) or _LABEL_RE.match(line):
        return False
    length = len(line.rstrip())
    return length >= WRAPPED_MIN_CHARS and length >= WRAPPED_SHARE * longest


def line_units(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each logical line: physical lines, hard-wrapped ones joined."""
    units: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []  # consecutive non-blank lines (one paragraph)

    def flush() -> None:
        if not block:
            return
        longest = max(len(text[s:e].rstrip()) for s, e in block)
        start, end = block[0]
        last = text[start:end]
        for next_start, next_end in block[1:]:
            following = text[next_start:next_end]
            if _joins(last, following, longest):
                end = next_end
            else:
                units.append((start, end))
                start, end = next_start, next_end
            last = following
        units.append((start, end))
        block.clear()

    previous_end = 0
    for match in _LINE_RE.finditer(text):
        start, end = match.span()
        gap = text[previous_end:start]
        if gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1:
            flush()  # a blank line (possibly with spaces) between: a new paragraph
        if text[start:end].strip():
            block.append((start, end))
        else:
            flush()
        previous_end = end
    flush()
    return units
