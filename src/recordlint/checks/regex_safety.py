"""Regular expressions from rule packs and exercises, made safe to run on any text.

Two defences, used by every rule kind and by exercise ``keep`` patterns:

- at load time, :func:`unsafe_reason` refuses invalid patterns, over-long ones and nested
  repetition such as ``(a+)+`` (catastrophic backtracking), and :func:`empty_reason` ones
  that match empty text (a finding with no words, or a cue that matches every note);
- at run time, patterns that are not shipped with recordlint (your own packs, exercise
  files) run under the third-party ``regex`` engine with a time limit per search
  (``RECORDLINT_REGEX_SECONDS``, default 2 s), so that a pattern the static check cannot
  judge, such as ``(a|aa)+b``, stops with a one-line error instead of hanging the run.

The shipped packs' patterns are checked by the test suite and run on Python's ``re`` (faster).
Lists of patterns are merged into one alternation, except when a pattern uses a
back-reference (``\\1``, ``(?P=name)``): merging would renumber its groups, so such patterns
are compiled on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from ..errors import RecordlintError
from ..limits import ENV, current

try:  # Python 3.11+
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 2000
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_BACKREFS = {sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS}
#: Python's flags, by the name the ``regex`` engine gives the same flag.
_FLAGS = (("IGNORECASE", re.IGNORECASE), ("MULTILINE", re.MULTILINE), ("DOTALL", re.DOTALL),
          ("VERBOSE", re.VERBOSE))  # fmt: skip


class RegexTimeout(RecordlintError):
    """A pattern ran longer than the regex time limit on one text."""


class Matcher(Protocol):
    """What rules need of a compiled pattern (``re.Pattern`` has all of it)."""

    pattern: str

    def search(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def match(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def fullmatch(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def finditer(self, text: str, pos: int = ..., endpos: int = ...) -> Iterator[Any]: ...


# -- load time ------------------------------------------------------------------------------


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
    """Why ``pattern`` is refused, or None when it may be run (under the time limit)."""
    if not isinstance(pattern, str):
        return f"a pattern must be text, not {type(pattern).__name__}"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"pattern is longer than {MAX_PATTERN_LENGTH} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression: {exc}"
    if _has_nested_repeat(list(parsed)):
        return "nested repetition (like '(a+)+') can take forever on some text"
    import regex  # the engine your own patterns run on (loaded only when one is used)

    try:
        regex.compile(pattern)
    except (regex.error, RecursionError, OverflowError, ValueError) as exc:
        return f"invalid regular expression: {exc}"
    return None


#: Texts a cue is tried on by :func:`empty_reason`: one that matches at the start of all of
#: them, however short, needs nothing of the text (``because|``, ``x?``, ``.*``, ``^``).
_ANY_TEXT = ("", "a", "Z", "7", " ", "\n", ".", "’")


def empty_reason(pattern: str, *, span: bool) -> str | None:
    """Why ``pattern`` is refused for matching empty text, or None (``pattern`` is one that
    :func:`unsafe_reason` accepts).

    ``span``: what it matches becomes a finding, so no way through it may match nothing at
    all (read from its structure: ``x?``, ``\\b`` and ``(?=x)`` are refused; each would give
    a finding with no words). Otherwise it is a cue, one that tests text for a reason, an
    excuse or the words around a term: a cue may match empty text at a place it names
    (``(?:^|[.!?]\\s+)$``, "at the start of a sentence"), but one that matches at the start
    of any text whatever, an empty alternative such as ``because|`` or one with nothing
    required, would match every note and so turn its rule on or off for all of them.
    """
    import regex

    try:
        compiled = regex.compile(pattern)
    except (regex.error, RecursionError, OverflowError, ValueError) as exc:
        return f"invalid regular expression: {exc}"
    if span:
        if compiled.match("") is not None or sre_parse.parse(pattern).getwidth()[0] == 0:
            return (
                "it can match empty text, which would give a finding with no words "
                "(make every alternative match at least one character)"
            )
        return None
    if all(compiled.match(text) is not None for text in _ANY_TEXT):
        return (
            "it matches empty text anywhere (an empty alternative such as 'because|', or "
            "nothing that must be there), so it would match every note"
        )
    return None


def _walk(items: object) -> Iterator[tuple[Any, Any]]:
    for op, arg in items:  # type: ignore[attr-defined]
        yield op, arg
        if op in _REPEATS:
            yield from _walk(arg[2])
        elif op is sre_constants.SUBPATTERN:
            yield from _walk(arg[-1])
        elif op is sre_constants.BRANCH:
            for branch in arg[1]:
                yield from _walk(branch)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _walk(arg[1])
        elif op is sre_constants.GROUPREF_EXISTS:
            yield from _walk(arg[1])
            if arg[2] is not None:
                yield from _walk(arg[2])


_MAYBE_BACKREFERENCE = re.compile(r"\\[1-9g]|\(\?P=|\(\?\(")


def has_backreference(pattern: str) -> bool:
    """Does ``pattern`` refer back to one of its groups (``\\1``, ``(?P=name)``, ``(?(1)..)``)?"""
    if not _MAYBE_BACKREFERENCE.search(pattern):
        return False  # no escaped digit or group name, and no conditional: none (no parse)
    try:
        return any(op in _BACKREFS for op, _ in _walk(sre_parse.parse(pattern)))
    except (re.error, RecursionError, OverflowError):
        return False


# -- run time ---------------------------------------------------------------------------------


class BoundedPattern:
    """A pattern compiled by the ``regex`` engine whose every search has a time limit."""

    def __init__(self, pattern: str, flags: int, where: str, seconds: float) -> None:
        import regex

        engine_flags = 0
        for name, plain in _FLAGS:
            if flags & plain:
                engine_flags |= getattr(regex, name)
        self.pattern = pattern
        self.where = where
        self.seconds = seconds
        try:
            self._regex = regex.compile(pattern, engine_flags)
        except regex.error as exc:
            raise re.error(str(exc)) from None

    def _timeout(self) -> RegexTimeout:
        where = f"{self.where}: " if self.where else ""
        shown = self.pattern if len(self.pattern) <= 80 else self.pattern[:79] + "…"
        return RegexTimeout(
            f"{where}pattern {shown!r} ran longer than {self.seconds:g} s on one note and was "
            f"stopped; simplify it (or set {ENV['regex_seconds']})"
        )

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._regex.search(text, pos, endpos, timeout=self.seconds)
        except TimeoutError:
            raise self._timeout() from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._regex.match(text, pos, endpos, timeout=self.seconds)
        except TimeoutError:
            raise self._timeout() from None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._regex.fullmatch(text, pos, endpos, timeout=self.seconds)
        except TimeoutError:
            raise self._timeout() from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        try:
            yield from self._regex.finditer(text, pos, endpos, timeout=self.seconds)
        except TimeoutError:
            raise self._timeout() from None


class AnyOf:
    """Several patterns searched separately (because one uses a back-reference), one API."""

    def __init__(self, patterns: Sequence[Matcher]) -> None:
        self.parts = list(patterns)
        self.pattern = "|".join(f"(?:{p.pattern})" for p in self.parts)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        found = [m for m in (_call(p.search, text, pos, endpos) for p in self.parts) if m]
        return min(found, key=lambda m: (m.start(), -m.end())) if found else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        for part in self.parts:
            found = _call(part.match, text, pos, endpos)
            if found:
                return found
        return None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        for part in self.parts:
            found = _call(part.fullmatch, text, pos, endpos)
            if found:
                return found
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        found = [m for p in self.parts for m in _call(p.finditer, text, pos, endpos)]
        return iter(sorted(found, key=lambda m: (m.start(), -m.end())))


def _call(method: Any, text: str, pos: int, endpos: int | None) -> Any:
    return method(text, pos) if endpos is None else method(text, pos, endpos)


def compile_pattern(pattern: str, flags: int = 0, *, trusted: bool, where: str = "") -> Matcher:
    """One pattern: Python's ``re`` when ``trusted`` (shipped), else time-limited ``regex``."""
    try:
        if trusted:
            return re.compile(pattern, flags)
        return BoundedPattern(pattern, flags, where, current().regex_seconds)
    except (re.error, RecursionError, OverflowError, TypeError, ValueError) as exc:
        from ..errors import ConfigError

        message = f"invalid regular expression {pattern!r}: {exc}"
        raise ConfigError(where or "pattern", message) from None


def compile_any(
    patterns: Sequence[str], flags: int = 0, *, trusted: bool, where: str = ""
) -> Matcher:
    """A matcher for any of ``patterns``: one alternation, unless a pattern uses a
    back-reference, in which case each is compiled on its own."""
    from .first_chars import WORD_OR_LINE_START, starts_at_word_or_line

    patterns = list(patterns) or ["(?!x)x"]
    if len(patterns) > 1 and any(has_backreference(p) for p in patterns):
        return AnyOf([compile_pattern(p, flags, trusted=trusted, where=where) for p in patterns])
    joined = "|".join(f"(?:{p})" for p in patterns)
    if len(patterns) > 1 and all(starts_at_word_or_line(p) for p in patterns):
        joined = f"{WORD_OR_LINE_START}(?:{joined})"  # the same matches, found sooner
    return compile_pattern(joined, flags, trusted=trusted, where=where)


def rule_where(meta: Any) -> str:
    """How messages name a rule: its code and pack."""
    pack = getattr(meta, "pack", "")
    return f"{meta.code} ({pack} pack)" if pack else str(getattr(meta, "code", ""))


def for_rule(patterns: str | Sequence[str], flags: int, meta: Any) -> Matcher:
    """The matcher a rule kind uses for its pattern option(s): the one call every kind makes.

    Shipped rules (``meta.builtin``) run on ``re``; every other rule is time-limited.
    """
    trusted = bool(getattr(meta, "builtin", False))
    if isinstance(patterns, str):
        patterns = [patterns]
    return compile_any(patterns, flags, trusted=trusted, where=rule_where(meta))
