"""Per-note analysis shared by every rule: positions, sentences, paragraphs, quotes, names.

Everything here is cheap and lexical. The dependency parse of candidate sentences is added
by the engine (``parses``) only when an enabled rule needs it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .layout import line_units
from .model import Note
from .quotes import is_reported

WORD_RE = re.compile(r"[^\W_]+(?:(?:['’\-]|(?<=\d)\.(?=\d))[^\W_]+)*")

# Paired quotation marks; straight single quotes only when not an apostrophe.
QUOTE_RE = re.compile(
    r'"[^"\n]{1,1500}?"'
    r"|“[^”\n]{1,1500}?”"
    r"|‘[^’\n]{1,1500}?’(?![^\W_])"
    r"|(?<![^\W_])'(?=\S)[^'\n]{1,1500}?(?<=\S)'(?![^\W_])"
)

_NEWLINE_RE = re.compile(r"\r\n|\n|\r")
_WORD_START_RE = re.compile(r"(?<![^\W_])[^\W_]")
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*\s+")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "st",
        "no",
        "nos",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "etc",
        "approx",
        "tel",
        "ref",
        "vs",
        "cllr",
        "prof",
        "rev",
        "fig",
    ]
)
_PARAGRAPH_RE = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+|\r\n[ \t]*(?:\r?\n[ \t]*)+")

_NAME_PATTERNS = (
    re.compile(
        r"^(?:child|child's name|name|young person)\s*:\s*((?=[^\W\d_])\w[\w'’\-]+)", re.M | re.I
    ),
    re.compile(r"\bDear ((?=[^\W\d_])\w[\w'’\-]+)"),
    re.compile(
        r"\b((?=[^\W\d_])\w[\w'’\-]+)(?: [A-Z][\w'’\-]+)? \((?:aged? )?\d{1,2}(?: years?)?\)"
    ),
    re.compile(r"\b((?=[^\W\d_])\w[\w'’\-]+)['’]s (?:views|wishes|voice|words)\b"),
    re.compile(
        r"\b(?:[Vv]isit to|[Ss]aw|[Ss]een|[Vv]isited) ((?=[^\W\d_])\w[\w'’\-]+)\b(?! (?:and|&) )"
    ),
)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the note's text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` (one line) at sentence-ending punctuation."""
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        before = text[cursor : match.start()].rsplit(None, 1)
        last_word = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (
            last_word in _ABBREVIATIONS
            or (last_word.isdigit() and (len(before) == 1 or before[0].rstrip().endswith(":")))
        ):
            continue
        spans.append(Span(cursor, match.start() + len(match.group().rstrip())))
        cursor = match.end()
    if cursor < end and text[cursor:end].strip():
        spans.append(Span(cursor, end))
    return [_trim(text, s) for s in spans if text[s.start : s.end].strip()]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def count_words(text: str) -> int:
    """Count words the way readers do: runs of letters or digits, with inner ' and -."""
    return len(WORD_RE.findall(text))


def _is_not_a_name(word: str) -> bool:
    """A capitalised word that is no child's name: a family word, title, pronoun, day ...
    (the word lists of ``rules/people.yaml``, which the hints use too)."""
    from .hints.words import vocabulary  # pack data, read once on first use

    vocab = vocabulary()
    low = word.lower()
    return low in vocab.not_people or low in vocab.family_words or word in vocab.titles


def find_child_name(text: str) -> str | None:
    """Guess the child's first name from common note layouts, or None."""
    for pattern in _NAME_PATTERNS:
        match = pattern.search(text)
        while match:
            name = match.group(1).rstrip("'’")
            if name[0].isupper() and len(name) > 1 and not _is_not_a_name(name):
                return name
            match = pattern.search(text, match.start(1) + 1)
    return None


@dataclass
class Analysis:
    """Facts about one note, computed once and shared by all rules.

    The dependency parse is not kept here: the engine hands each parsed sentence to the
    rules that need it and then lets it go, so memory does not grow with the note.
    """

    note: Note
    child: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # for work rules share
    #: Parses one sentence on demand (set by the engine; None where no parser is loaded).
    parser: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        if self.child is None:
            self.child = self.note.child or find_child_name(self.note.text)

    @property
    def text(self) -> str:
        return self.note.text

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where each line starts (after \n, \r\n or a lone \r)."""
        return [0, *(m.end() for m in _NEWLINE_RE.finditer(self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of text separated by blank lines."""
        spans, cursor = [], 0
        for match in _PARAGRAPH_RE.finditer(self.text):
            spans.append(Span(cursor, match.start()))
            cursor = match.end()
        spans.append(Span(cursor, len(self.text)))
        return [_trim(self.text, s) for s in spans if self.text[s.start : s.end].strip()]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph containing ``offset`` (or the nearest one before it)."""
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences. Hard-wrapped lines are joined first (``layout.line_units``); headings,
        list items and log lines stay units of their own."""
        result: list[Span] = []
        for start, end in line_units(self.text):
            result.extend(split_sentences(self.text, start, end))
        return result

    @cached_property
    def quotes(self) -> list[Span]:
        """Spans of quoted speech (the quotation marks included)."""
        return [Span(m.start(), m.end()) for m in QUOTE_RE.finditer(self.text)]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside quotation marks."""
        index = bisect_right(self._quote_starts, start) - 1
        return index >= 0 and end <= self.quotes[index].end

    @cached_property
    def speech(self) -> list[Span]:
        """The quotations that report someone's words (not the writer's scare quotes)."""
        return [
            q
            for q in self.quotes
            if is_reported(
                self.text, q.start, q.end, self.sentences[self.sentence_index(q.start)].start
            )
        ]

    @cached_property
    def _speech_starts(self) -> list[int]:
        return [q.start for q in self.speech]

    def in_speech(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside quotation marks that report someone's words."""
        index = bisect_right(self._speech_starts, start) - 1
        return index >= 0 and end <= self.speech[index].end

    def quotes_within(self, span: Span) -> list[Span]:
        """The quotations that lie wholly inside ``span``."""
        low = bisect_left(self._quote_starts, span.start)
        high = bisect_right(self._quote_starts, span.end)
        return [q for q in self.quotes[low:high] if q.end <= span.end]

    @cached_property
    def word_starts(self) -> dict[str, list[int]]:
        """Offsets where a word starts, grouped by its lower-cased first character."""
        index: dict[str, list[int]] = {}
        for match in _WORD_START_RE.finditer(self.text):
            index.setdefault(match.group().lower(), []).append(match.start())
        return index

    @cached_property
    def words(self) -> int:
        return count_words(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the nearest one before it)."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def template_values(self, start: int, end: int, **extra: str | None) -> dict[str, str]:
        """Values for ``{placeholders}`` in messages and hints."""
        child = self.child or "the child"
        name = self.child or "[the child's name]"
        values = {
            "match": self.text[start:end],
            "child": child,
            "Child": child[:1].upper() + child[1:],
            "child_name": name,
            "Child_name": name[:1].upper() + name[1:],
            "person": "the person",
            "Person": "The person",
            "child_possessive": f"{self.child}'s" if self.child else "the child's",
            "type": (self.note.type or "note").replace("-", " "),
            "type_note": f"{self.note.type.replace('-', ' ')} note" if self.note.type else "note",
        }
        values.update({k: v for k, v in extra.items() if v is not None})
        values.setdefault("suggestion", "")
        return values
