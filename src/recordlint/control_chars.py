"""Keep text from notes, file names and packs from steering the terminal.

A note can hold escape sequences (``ESC [2J`` clears the screen, ``ESC ]0;...BEL`` retitles
the window) and other control characters. Everything recordlint prints for a person passes
through :func:`printable`, which shows each control character as a visible ``\\xNN`` escape.
"""

from __future__ import annotations

import re
from typing import Any

#: C0 controls, DEL and C1 controls; tab and newline are kept where layout allows them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters shown as ``\\xNN``; ``one_line`` escapes newlines
    and tabs too (for file names and single-line fields)."""
    pattern = _CONTROL_ONE_LINE if one_line else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def has_control(text: str) -> bool:
    """Does ``text`` hold a control character other than tab and newline?"""
    return _CONTROL.search(text) is not None


def printable_tree(value: Any) -> Any:
    """A copy of a JSON-like value with every string made :func:`printable` (one line)."""
    if isinstance(value, str):
        return printable(value, one_line=True)
    if isinstance(value, dict):
        return {printable_tree(k): printable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_tree(v) for v in value]
    return value
