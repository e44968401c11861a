"""Safe fixes: findings' suggestions turned into text edits, applied until nothing is left.

A fix is applied only when its finding is marked ``safe`` and has a ``suggestion``, and only
when the edit keeps away from what must never change: quoted speech, names, dates and
numbers. :func:`fix_text` re-checks the text after each round, so that fixing is idempotent:
``fix(fix(x)) == fix(x)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .analysis import QUOTE_RE
from .model import Finding

#: Rounds of fix-then-check before giving up on a suggestion that keeps coming back.
MAX_ROUNDS = 4

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{2,4}})?"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,4}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|\b(?:january|february|april|june|july|august|september|october|november|december)\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.IGNORECASE,
)
_CAPITAL_MONTHS = re.compile(r"\b(?:May|March)\b")  # "may" and "march" are also verbs
_NUMBER_RE = re.compile(
    r"\d+(?:[.,:/\-]\d+)*(?:st|nd|rd|th|s|am|pm)?"
    r"|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|once|twice|half|first|second|third"
    r"|fourth|fifth)\b",
    re.IGNORECASE,
)
_PLURAL_ACRONYM = re.compile(r"^[A-Z&]{2,}s$")
_POSSESSIVE = re.compile(r"['’]s\b")
_OPEN_QUOTES = ('"', "“")
_SENTENCE_END = ".!?:\n\r"
_LEADERS = " \t-*•–—([{\u00a0\ufeff"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (``old``) with ``new``; from finding ``rule``."""

    start: int
    end: int
    old: str
    new: str
    rule: str = ""
    name: str = ""
    category: str = ""
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What the edit does, whatever its position: used to stop a fix that loops."""
        return (self.rule, self.old.lower(), self.new)


@dataclass
class FixResult:
    """The fixed text and the edits applied, round by round."""

    text: str
    rounds: list[list[Edit]] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return [edit for batch in self.rounds for edit in batch]


# -- what must never change -------------------------------------------------------------


def protected_spans(text: str, names: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans that fixes must not touch: quotations, dates, numbers and the given names."""
    spans = [m.span() for m in QUOTE_RE.finditer(text)]
    spans += _unclosed_quotes(text, spans)
    spans += [m.span() for m in _DATE_RE.finditer(text)]
    spans += [m.span() for m in _CAPITAL_MONTHS.finditer(text)]
    spans += [m.span() for m in _NUMBER_RE.finditer(text)]
    for name in names:
        if name:
            pattern = rf"(?<![\w]){re.escape(name)}(?![\w])"
            spans += [m.span() for m in re.finditer(pattern, text)]
    return sorted(spans)


def _unclosed_quotes(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """From an opening quotation mark with no partner to the end of its line."""
    spans = []
    for index, char in enumerate(text):
        if char in _OPEN_QUOTES and not any(s <= index < e for s, e in quotes):
            end = text.find("\n", index)
            spans.append((index, len(text) if end < 0 else end))
    return spans


def _touches(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` overlap or sit right against any span?"""
    return any(s <= end and start <= e for s, e in spans)


def sentence_initial(text: str, start: int) -> bool:
    """Is ``start`` the first word of a sentence, a line or a list item?"""
    before = text[:start].rstrip(_LEADERS)
    before = before.rstrip("\"'“”‘’)]")
    return not before or before[-1] in _SENTENCE_END


def _names_inside(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a capitalised word that may be a name?

    An acronym (ICPC) is not a name, and neither is the first word of a sentence when the
    rule matched it as jargon ("Contact with mum ...").
    """
    for match in _WORD_RE.finditer(text, start, end):
        word = match.group()
        if not word[0].isupper() or word == "I" or (len(word) > 1 and word.isupper()):
            continue
        if match.start() == start and sentence_initial(text, start):
            continue
        return True
    return False


# -- planning and applying ----------------------------------------------------------------


def plan_fixes(
    text: str,
    findings: Iterable[Finding],
    *,
    names: Iterable[str] = (),
    banned: Iterable[tuple[str, str, str]] = (),
) -> list[Edit]:
    """Non-overlapping edits from safe findings with a suggestion; the first wins on overlap.

    An edit is left out when its span touches a quotation, a date, a number, one of ``names``
    or a capitalised word that may be a name, or when its ``key`` is in ``banned``.
    """
    protected = protected_spans(text, names)
    banned = set(banned)
    chosen: list[Edit] = []
    candidates = [f for f in findings if f.safe and f.suggestion]
    for finding in sorted(candidates, key=lambda f: (f.start, -f.end)):
        edit = _edit(text, finding)
        if edit is None or edit.key in banned:
            continue
        if _touches(edit.start, edit.end, protected) or _names_inside(text, edit.start, edit.end):
            continue
        if text[edit.start - 1 : edit.start].isalnum() or text[edit.end : edit.end + 1].isalnum():
            continue  # inside a word
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return chosen


def _edit(text: str, finding: Finding) -> Edit | None:
    """The edit for one finding, with case, spacing and 'a'/'an' made to fit, or None."""
    start, end = finding.start, finding.end
    old, new = text[start:end], finding.suggestion or ""
    if not _plausible(new) or new == old or not old.strip():
        return None
    if new.endswith(")") and (_PLURAL_ACRONYM.match(old) or _POSSESSIVE.match(text, end)):
        return None  # "the ICPCs" or "the ICPC's": an expansion would not read right
    new = _keep_spacing(old, new)
    if new is None:
        return None
    if " " in old.strip() and old.isupper():
        new = new.upper()  # a heading in capitals stays in capitals
    elif sentence_initial(text, start) and new[:1].islower() and old[:1].isupper():
        new = new[:1].upper() + new[1:]
    edit = Edit(start, end, old, new, finding.rule, finding.name, finding.category, finding.message)
    return _fix_article(text, edit)


def _plausible(suggestion: str) -> bool:
    """A suggestion fit to paste: no unfilled placeholders and no stray spaces."""
    return (
        bool(suggestion.strip())
        and suggestion == suggestion.strip()
        and "  " not in suggestion
        and not any(c in suggestion for c in "{}[]")
    )


def _keep_spacing(old: str, new: str) -> str | None:
    """Reuse the line breaks inside ``old`` when ``new`` has as many words; else None."""
    gaps = re.findall(r"\s+", old)
    if all(g == " " for g in gaps):
        return new
    words = new.split(" ")
    if len(words) == len(gaps) + 1:
        return "".join(w + g for w, g in zip(words, [*gaps, ""], strict=True))
    if any("\n" in g or "\r" in g for g in gaps):
        return None
    return new


_ARTICLE_RE = re.compile(r"(?<![\w'’])(an?)([ \t]+)$", re.IGNORECASE)
_AN_LETTERS = frozenset("AEFHILMNORSX")  # letter names that begin with a vowel sound


def needs_an(words: str) -> bool:
    """Does the phrase begin with a vowel sound ('an initial ...', 'an SGO')?"""
    first = words.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return first[0] in _AN_LETTERS
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ewe", "ur")):
        return False
    if low.startswith(("hour", "honest", "honour", "heir")):
        return True
    return low[:1] in "aeiou"


def _fix_article(text: str, edit: Edit) -> Edit:
    """Widen the edit to a preceding 'a'/'an' when the new words need the other one."""
    article = _ARTICLE_RE.search(text, max(0, edit.start - 6), edit.start)
    if not article or not edit.new[:1].isalpha():
        return edit
    word, gap = article.group(1), article.group(2)
    wanted = "an" if needs_an(edit.new) else "a"
    if word.lower() == wanted:
        return edit
    if word[0].isupper():
        wanted = wanted.capitalize()
    start = article.start()
    return replace(edit, start=start, old=text[start : edit.end], new=wanted + gap + edit.new)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (any order) and return the new text."""
    pieces: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.new)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _new_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where each edit's new text lies in the text after applying all of them."""
    spans, shift = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        start = edit.start + shift
        spans.append((start, start + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
    return spans


def _shift_spans(
    spans: list[tuple[int, int, tuple[str, str, str]]], edits: Sequence[Edit]
) -> list[tuple[int, int, tuple[str, str, str]]]:
    """Move earlier edits' spans past this round's edits (which never overlap them)."""
    moved = []
    for start, end, key in spans:
        delta = sum(len(e.new) - (e.end - e.start) for e in edits if e.end <= start)
        moved.append((start + delta, end + delta, key))
    return moved


# -- the fixed-point loop ---------------------------------------------------------------------

Lint = Callable[[str], list[Finding]]


def fix_text(
    text: str, lint: Lint, *, names: Iterable[str] = (), rounds: int = MAX_ROUNDS
) -> FixResult:
    """Apply safe edits, re-check, and repeat until no safe edit is left.

    A suggestion whose new words are flagged again (a fix that would loop) is dropped and
    the run starts again without it, so the result is stable: fixing it again changes
    nothing.
    """
    names = tuple(names)
    banned: set[tuple[str, str, str]] = set()
    while True:
        outcome = _attempt(text, lint, names, banned, rounds)
        if isinstance(outcome, FixResult):
            return outcome
        if not outcome - banned:  # pragma: no cover - defensive: nothing new to drop
            return FixResult(text)
        banned |= outcome


def _attempt(
    text: str,
    lint: Lint,
    names: tuple[str, ...],
    banned: set[tuple[str, str, str]],
    rounds: int,
) -> FixResult | set[tuple[str, str, str]]:
    """One run of the loop: the result, or the keys of the suggestions that loop."""
    result = FixResult(text)
    made: list[tuple[int, int, tuple[str, str, str]]] = []
    for round_number in range(rounds + 1):
        edits = plan_fixes(result.text, lint(result.text), names=names, banned=banned)
        if not edits:
            return result
        if round_number == rounds:
            return {edit.key for edit in edits}
        looping = {
            key for s, e, key in made for edit in edits if _touches(edit.start, edit.end, [(s, e)])
        }
        if looping:
            return looping
        made = _shift_spans(made, edits)
        spans = zip(_new_spans(edits), sorted(edits, key=lambda e: e.start), strict=True)
        made += [(s, e, edit.key) for (s, e), edit in spans]
        result.text = apply_edits(result.text, edits)
        result.rounds.append(edits)
    return result  # pragma: no cover - the loop always returns


# -- output -----------------------------------------------------------------------------------


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of ``before`` and ``after``, as ``patch`` and ``git apply`` read it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def printable_diff(diff: str) -> str:
    """``diff`` fit to show a person: each control character in a line (an escape sequence
    from the note, say) as a visible ``\\xNN`` (see :mod:`recordlint.control_chars`); a
    line's own ending, ``\\n`` or ``\\r\\n``, is kept, so a CRLF note's diff still applies."""
    from .control_chars import printable

    lines = diff.split("\n")
    for index, line in enumerate(lines[:-1]):  # the last piece has no line ending
        crlf = line.endswith("\r")
        lines[index] = printable(line[:-1] if crlf else line) + ("\r" if crlf else "")
    lines[-1] = printable(lines[-1])
    return "\n".join(lines)
