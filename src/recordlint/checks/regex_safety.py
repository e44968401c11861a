"""Refuse rule-pack regexes that can backtrack catastrophically, such as ``(a+)+$``."""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 2000
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}


def _unbounded(max_count: int) -> bool:
    return max_count == sre_constants.MAXREPEAT or max_count > 10


def _has_nested_repeat(items: object, inside: bool = False) -> bool:
    for op, arg in items:  # type: ignore[attr-defined]
        if op in _REPEATS:
            _min, max_count, sub = arg
            if _unbounded(max_count):
                if inside or _has_nested_repeat(sub, True):
                    return True
            elif _has_nested_repeat(sub, inside):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _has_nested_repeat(arg[-1], inside):
                return True
        elif op is sre_constants.BRANCH:
            if any(_has_nested_repeat(b, inside) for b in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _has_nested_repeat(
            arg[1], inside
        ):
            return True
    return False


def unsafe_reason(pattern: str) -> str | None:
    """Why ``pattern`` is refused, or None when it is safe to run on any text."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"pattern is longer than {MAX_PATTERN_LENGTH} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    if _has_nested_repeat(list(parsed)):
        return "nested repetition (like '(a+)+') can take forever on some text"
    return None
