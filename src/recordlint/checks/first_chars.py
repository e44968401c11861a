"""Which characters can a regex's match start with? Used to index term patterns by letter."""

from __future__ import annotations

import re

from .regex_safety import sre_constants, sre_parse

ANY = None  # the first character cannot be pinned down


def _first(items: list, flags_ignorecase: bool) -> set[str] | None:
    """Possible first characters of a parsed sequence, lower-cased; None if unknown."""
    result: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            return result | {chr(arg).lower()}
        if op is sre_constants.IN:
            chars: set[str] = set()
            for kind, value in arg:
                if kind is sre_constants.LITERAL:
                    chars.add(chr(value).lower())
                elif kind is sre_constants.RANGE and value[1] - value[0] < 64:
                    chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
                elif kind is sre_constants.NEGATE:
                    return ANY
                else:
                    return ANY
            return result | chars
        if op is sre_constants.SUBPATTERN:
            inner = _first(list(arg[-1]), flags_ignorecase)
            if inner is ANY:
                return ANY
            if not _can_be_empty(list(arg[-1])):
                return result | inner
            result |= inner
            continue
        if op is sre_constants.BRANCH:
            union: set[str] = set()
            empty = False
            for branch in arg[1]:
                if _zero_width(list(branch)):
                    empty = True  # a lookaround: the match starts with what follows
                    continue
                inner = _first(list(branch), flags_ignorecase)
                if inner is ANY:
                    return ANY
                union |= inner
                empty = empty or _can_be_empty(list(branch))
            result |= union
            if not empty:
                return result
            continue
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, sub = arg
            inner = _first(list(sub), flags_ignorecase)
            if inner is ANY:
                return ANY
            result |= inner
            if low > 0:
                return result
            continue
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero-width: look at what follows
        return ANY
    return ANY  # the whole pattern may match empty text


def _zero_width(items: list) -> bool:
    """Does the sequence consist of assertions only (lookarounds, anchors)?"""
    zero = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
    return bool(items) and all(op in zero for op, _ in items)


def _can_be_empty(items: list) -> bool:
    for op, arg in items:
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            if arg[0] == 0 or _can_be_empty(list(arg[2])):
                continue
            return False
        if op is sre_constants.SUBPATTERN:
            if _can_be_empty(list(arg[-1])):
                continue
            return False
        if op is sre_constants.BRANCH:
            if any(_can_be_empty(list(b)) for b in arg[1]):
                continue
            return False
        return False
    return True


_PLAIN_START = re.compile(r"[A-Za-z][A-Za-z ]")


def _top_level_alternation(pattern: str) -> bool:
    depth, escaped = 0, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def first_chars(pattern: str) -> set[str] | None:
    """Lower-case characters a match of ``pattern`` can start with, or None if any."""
    if _PLAIN_START.match(pattern) and not _top_level_alternation(pattern):
        return {pattern[0].lower()}  # starts with a plain word: no need to parse it
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # invalid patterns are reported elsewhere
        return ANY
    chars = _first(list(parsed), True)
    if chars is not ANY and not all(c.isalnum() for c in chars):
        return ANY  # starts with punctuation: scan it the slow way
    return chars


#: Put before an alternation of patterns that each start at a word or a line: where neither
#: starts, the search moves on after one cheap test instead of trying every alternative.
WORD_OR_LINE_START = r"(?:^|(?<!\w)(?=\w))"


def starts_at_word_or_line(pattern: str) -> bool:
    """Can a match of ``pattern`` start only where a word or a line starts?

    True for ``^...`` and for ``\\b`` followed by letters or digits only (``\\bdecided``,
    ``\\b(?:is|are)\\s+to``); then :data:`WORD_OR_LINE_START` holds wherever it matches.
    """
    if not pattern.startswith(("^", "\\b")):
        return False
    try:
        parsed = list(sre_parse.parse(pattern))
    except Exception:  # invalid patterns are reported elsewhere
        return False
    if not parsed or parsed[0][0] is not sre_constants.AT:
        return False  # a top-level alternation ("\\bthis|that") is a BRANCH
    if parsed[0][1] is sre_constants.AT_BEGINNING:
        return True
    if parsed[0][1] is not sre_constants.AT_BOUNDARY:
        return False
    chars = _first(parsed[1:], True)
    return bool(chars) and all(c.isalnum() for c in chars)  # type: ignore[union-attr]
