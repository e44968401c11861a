"""The lint engine: notes in, results out. The same API serves every command and the tests."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from typing import Any

from .analysis import Analysis
from .checks.base import ParsedRule, Rule
from .checks.packs import build_rules
from .checks.terms import share_prefilter
from .config import Config
from .model import Decision, Finding, Note, NoteResult
from .readability import reading_grade
from .scoring import Score, note_score

#: Run on every candidate sentence; the finishing components only where a passive was found.
PARSE_PIPES = ("tok2vec", "tagger", "parser")
FINISH_PIPES = ("attribute_ruler", "lemmatizer")
_NO_VECTORS: Any = None
#: Where a note's parsed sentences wait for the hints that read them (by sentence text).
PARSES_KEY = "engine:parses"  # set to an empty array when spaCy is first used
#: Sentences longer than this are not parsed (the long-sentence rule reports them anyway).
MAX_PARSE_CHARS = 3000
#: Notes longer than this are checked in segments split at paragraph or line breaks.
SEGMENT_CHARS = 200_000
_BREAK_RE = re.compile(r"\n[ \t]*\n|\n")
_NEWLINE_RE = re.compile(r"\r\n|\n|\r")


class Linter:
    """Runs the selected rules over notes. Build one per run and reuse it."""

    def __init__(
        self, config: Config | None = None, *, parse_cache: int = 2048, shortcuts: bool = True
    ) -> None:
        """``shortcuts=False`` parses every candidate sentence and adds lemmas to every parse
        with a passive, with the model's own attribute ruler: slower, the same findings
        (tests compare the two)."""
        self.config = config or Config()
        self.shortcuts = shortcuts
        # Parses of recent candidate sentences, by text: notes repeat stock sentences a lot,
        # and a parse does not depend on the note around it. Bounded, so memory stays flat.
        self._parse_cache: OrderedDict[str, Any] = OrderedDict()
        self._parse_cache_size = parse_cache
        self.rules: list[Rule] = build_rules(self.config)
        from .suppress import Suppressor

        self.suppressor = Suppressor.from_config(self.config)
        self._prefilter_shared = False
        self._parse_rules = [r for r in self.rules if isinstance(r, ParsedRule)]
        for rule in self._parse_rules:
            if hasattr(rule, "shortcuts"):
                rule.shortcuts = shortcuts
        self._text_rules = [r for r in self.rules if not isinstance(r, ParsedRule)]
        self._nlp = None
        self._finish: list[Any] | None = None

    @property
    def nlp(self):
        """The spaCy pipeline, loaded the first time a parse is needed."""
        if self._nlp is None:
            from .nlp import load_parser

            self._nlp = load_parser(self.config.model)
        return self._nlp

    def analyse(self, note: Note) -> Analysis:
        analysis = Analysis(note, child=self.config.child or None)
        # Hints read a sentence's parse only when a rule loads the parser anyway: a run of
        # word-list rules alone never loads the language model.
        if self._parse_rules:
            analysis.parser = partial(self._parse_for, analysis)
        return analysis

    def _parse_for(self, analysis: Analysis, sentence: str, cached_only: bool = False) -> Any:
        """The parse of one of the note's sentences, for hints that need its subject: the
        one made with the note's other parses, else (unless ``cached_only``) a new one. What
        a hint reads never depends on which notes were checked before."""
        doc = analysis.cache.get(PARSES_KEY, {}).get(sentence)
        if doc is not None or cached_only:
            return doc
        return self._parses([(None, 0, sentence)])[0]  # type: ignore[list-item]

    def lint(self, note: Note) -> NoteResult:
        """Check one note."""
        return next(self.lint_many([note]))

    def lint_many(self, notes: Iterable[Note], batch_size: int = 64) -> Iterator[NoteResult]:
        """Check notes in batches, parsing candidate sentences together for speed.

        Markdown notes are checked with their code, URLs and comments masked (same
        offsets); each result holds the note as given, less its suppressed findings."""
        from .sources.markdown import markdown_view

        given: dict[int, Note] = {}

        def views() -> Iterator[Note]:
            for note in notes:
                view = markdown_view(note)
                if view is not note:
                    given[id(view)] = note
                yield view

        for result in self._lint_views(views(), batch_size):
            original = given.pop(id(result.note), None)
            if original is not None:
                result.note = original
            yield self.suppressor.apply(result)

    def _lint_views(
        self, notes: Iterable[Note], batch_size: int = 64, *, grade: bool = True
    ) -> Iterator[NoteResult]:
        iterator = iter(notes)
        while batch := list(islice(iterator, batch_size)):
            if not self._prefilter_shared and len(batch) == batch_size:
                share_prefilter(self.rules)  # pays off over many notes, not over one
                self._prefilter_shared = True
            for note in batch:
                if len(note.text) > SEGMENT_CHARS:
                    yield self._lint_long(note)
                    batch = [n for n in batch if n is not note]
            analyses = [self.analyse(note) for note in batch]
            found: dict[int, list[Finding]] = {id(a): [] for a in analyses}
            if self._parse_rules:
                self._check_parsed(analyses, found)
            for analysis in analyses:
                yield self._result(analysis, found[id(analysis)], grade)

    def _check_parsed(self, analyses: list[Analysis], found: dict[int, list[Finding]]) -> None:
        """Parse candidate sentences in one stream and hand each parse to the rules at once.

        A rule picks its sentences with ``candidate(sentence)``, or with ``wanted(analysis)``
        (sentence indices) when it needs the note around them.
        """
        wanted: list[tuple[Analysis, int, str]] = []
        takers: list[list[Any]] = []
        for analysis in analyses:
            applicable = self._applicable(self._parse_rules, analysis)
            for_hints = self._hint_sentences(analysis)
            if not applicable and not for_hints:
                continue
            chosen = {
                id(rule): set(rule.wanted(analysis))
                for rule in applicable
                if hasattr(rule, "wanted")
            }
            for index, span in enumerate(analysis.sentences):
                sentence = span.text(analysis.text)
                if len(sentence) > MAX_PARSE_CHARS:
                    continue
                rules = [
                    rule
                    for rule in applicable
                    if (
                        index in chosen[id(rule)]
                        if id(rule) in chosen
                        else rule.candidate(sentence)
                    )
                ]
                if rules or index in for_hints:
                    wanted.append((analysis, index, sentence))
                    takers.append(rules)
        if not wanted:
            return
        docs = self._parses(wanted)
        for (analysis, index, sentence), doc, rules in zip(wanted, docs, takers, strict=True):
            analysis.cache.setdefault(PARSES_KEY, {})[sentence] = doc  # for hints, this note
            for rule in rules:
                found[id(analysis)].extend(rule.check_parsed(analysis, index, doc))

    def _hint_sentences(self, analysis: Analysis) -> set[int]:
        """Sentences whose parse a word-list rule's hint will read (``hint_parses``), so
        they are parsed in the one stream with the rest, not one by one."""
        wanted: set[int] = set()
        for rule in self._applicable(self._text_rules, analysis):
            if hasattr(rule, "hint_parses"):
                wanted.update(rule.hint_parses(analysis))
        return wanted

    def _applicable(self, rules: list[Any], analysis: Analysis) -> list[Any]:
        """The rules that check this note's type (``note_types`` in their metadata)."""
        note_type = self.config.note_type or analysis.note.type
        return [rule for rule in rules if rule.applies_to(note_type)]

    def _parses(self, wanted: list[tuple[Analysis, int, str]]) -> list[Any]:
        """The parse of each wanted sentence, from the cache or from spaCy in one stream."""
        cache = self._parse_cache
        missing = list(dict.fromkeys(s for _, _, s in wanted if s not in cache))
        fresh: dict[str, Any] = {}
        if missing:
            global _NO_VECTORS
            if _NO_VECTORS is None:
                import numpy

                _NO_VECTORS = numpy.zeros((0, 0), dtype="float32")
            nlp = self.nlp
            finishers = self._finishers()
            with nlp.select_pipes(enable=[p for p in PARSE_PIPES if p in nlp.pipe_names]):
                for sentence, doc in zip(missing, nlp.pipe(missing, batch_size=256), strict=True):
                    if self._wants_lemmas(doc):
                        for finish in finishers:  # lemmas only where a rule will read them
                            doc = finish(doc)
                    doc.tensor = _NO_VECTORS  # not read after parsing; keeps the cache small
                    fresh[sentence] = doc
        docs = []
        for _, _, sentence in wanted:  # take cached parses before new ones can evict them
            doc = fresh.get(sentence)
            if doc is None:
                doc = cache[sentence]
                cache.move_to_end(sentence)
            docs.append(doc)
        if self._parse_cache_size:
            cache.update(fresh)
            while len(cache) > self._parse_cache_size:
                cache.popitem(last=False)
        return docs

    def _finishers(self) -> list[Any]:
        """The components that add parts of speech and lemmas to a parse: the model's,
        with its attribute ruler replaced by the faster one of the same result."""
        if self._finish is None:
            from .attribute_rules import FastAttributeRuler

            nlp = self.nlp
            self._finish = []
            for name in (p for p in FINISH_PIPES if p in nlp.pipe_names):
                pipe = nlp.get_pipe(name)
                if name == "attribute_ruler" and self.shortcuts:
                    pipe = FastAttributeRuler.of(pipe) or pipe
                self._finish.append(pipe)
        return self._finish

    def _wants_lemmas(self, doc: Any) -> bool:
        """Does a rule read lemmas in this parse (a passive it may flag)?"""
        if not any(token.dep_ == "auxpass" for token in doc):
            return False
        if not self.shortcuts:
            return True
        return any(
            rule.wants_lemmas(doc)  # type: ignore[attr-defined]
            for rule in self._parse_rules
            if hasattr(rule, "wants_lemmas")
        ) or any(not hasattr(rule, "wants_lemmas") for rule in self._parse_rules)

    def _result(
        self, analysis: Analysis, findings: list[Finding], grade_it: bool = True
    ) -> NoteResult:
        for rule in self._applicable(self._text_rules, analysis):
            findings.extend(rule.check(analysis))
        for rule in self._applicable(self._parse_rules, analysis):
            if hasattr(rule, "finish"):  # a note-level verdict after its sentences' parses
                findings.extend(rule.finish(analysis))
        findings = dedupe(findings)
        _locate(analysis.note, findings)
        grade = None
        if grade_it and analysis.words >= self.config.thresholds.grade_min_words:
            grade = reading_grade(analysis.text)
        # the child's-voice rules' verdict: was the child seen? (None: no such rule selected)
        seen = [r.child_seen(analysis) for r in self.rules if hasattr(r, "child_seen")]
        return NoteResult(
            note=analysis.note,
            findings=findings,
            words=analysis.words,
            grade=grade,
            score=note_score(findings),
            decisions=analysis.cache.get("decisions", []),
            child_seen=any(seen) if seen else None,
        )

    def _lint_long(self, note: Note) -> NoteResult:
        """Check a very long note segment by segment, keeping memory bounded."""
        totals = PieceTotals()
        findings = list(self._piece_findings(note, segments(note.text), totals))
        _locate(note, findings)
        return NoteResult(
            note=note,
            findings=findings,
            words=totals.words,
            grade=None,
            score=note_score(findings),
            decisions=totals.decisions,
        )

    def lint_pieces(
        self, note: Note, pieces: Iterable[tuple[int, str]], totals: PieceTotals
    ) -> Iterator[Finding]:
        """Check one note given as pieces (offset, text), yielding its findings as they are
        found, suppressions applied; ``totals`` holds its words and score at the end. The
        note is never held whole: this is how `check` reads a very large file."""
        for finding in self._piece_findings(note, pieces, totals, suppress=True):
            totals.score.add(finding)
            yield finding

    def _piece_findings(
        self,
        note: Note,
        pieces: Iterable[tuple[int, str]],
        totals: PieceTotals,
        *,
        suppress: bool = False,
    ) -> Iterator[Finding]:
        note_level = {rule.meta.code for rule in self.rules if rule.note_level}
        if not self._prefilter_shared:  # a long note is text enough to pay for it
            share_prefilter(self.rules)
            self._prefilter_shared = True
        reported: set[str] = set()  # note-level rules already reported, once for the note
        lines = _LineCounter()
        for offset, piece in pieces:
            lines.advance(offset, piece)
            view = replace(note, text=piece, extra={})
            result = next(self._lint_views([view], grade=False))
            if suppress:
                result = self.suppressor.apply(result)
            totals.words += result.words
            totals.decisions += [
                Decision(d.start + offset, d.end + offset, d.reasoned) for d in result.decisions
            ]
            for f in result.findings:
                if f.rule in note_level:
                    if f.rule in reported:
                        continue
                    reported.add(f.rule)
                f.start, f.end = f.start + offset, f.end + offset
                f.line, f.column = lines.position(f.start)
                f.end_line, f.end_column = lines.position(f.end)
                yield f


@dataclass
class PieceTotals:
    """What a note checked piece by piece adds up to."""

    words: int = 0
    decisions: list[Decision] = field(default_factory=list)
    score: Score = field(default_factory=Score)


class _LineCounter:
    """Line and column of offsets in a note read piece by piece, in order."""

    def __init__(self) -> None:
        self._lines_before = 0  # line starts before the current piece, less one
        self._starts = array("q", [0])  # the last line start before the piece, then its own

    def advance(self, offset: int, piece: str) -> None:
        self._lines_before += len(self._starts) - 1
        self._starts = array("q", [self._starts[-1]])
        self._starts.extend(offset + m.end() for m in _NEWLINE_RE.finditer(piece))

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset)
        return self._lines_before + index, offset - self._starts[index - 1] + 1


def _locate(note: Note, findings: list[Finding]) -> None:
    """A Word document's findings are placed by paragraph and character."""
    if "paragraph_starts" in note.extra:
        from .sources.docx import locate

        locate(note, findings)


def segments(text: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """Pieces of at most about ``size`` characters (default SEGMENT_CHARS), cut at a
    paragraph or line break if any."""
    size = size or SEGMENT_CHARS
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            breaks = [m.end() for m in _BREAK_RE.finditer(text, start + size // 2, end)]
            end = breaks[-1] if breaks else end
        yield start, text[start:end]
        start = end


#: Categories of phrase rules that say what a passive on the same words says (who holds the
#: view, who acted): the passive folds into them.
PHRASE_CATEGORIES = frozenset({"judgemental", "defensive"})


def _folds_into(finding: Finding, kept: Finding) -> bool:
    """Does ``finding`` say the same thing as ``kept`` about the same words?

    Two findings of one category fold when one lies inside the other; a passive folds into a
    phrase rule on the same words ("it is believed that": the hedge, not the passive). Other
    pairs (a role acronym is both an acronym and a label for the child) are both kept.
    """
    inside = kept.start <= finding.start and finding.end <= kept.end
    if kept.category == finding.category:
        return inside
    if finding.category == "passive" and kept.category in PHRASE_CATEGORIES:
        around = finding.start <= kept.start and kept.end <= finding.end
        return (inside or around) and _impersonal(finding)
    return False


def _impersonal(finding: Finding) -> bool:
    """A passive with an empty "it" ("It is believed that", "It was felt"): a hedge, which is
    all a hedge rule on the same words says too. Another passive hides who acted, which a
    phrase rule on its words ("All actions have been completed") does not say."""
    return finding.excerpt.lower().startswith(("it ", "it's ", "it’s "))


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort by position; fold a finding that repeats another on the same words into it.

    The finding kept is the outer one, or for a passive and a phrase rule the phrase rule
    (the more specific); it lists the folded rules in ``also``.
    """
    findings.sort(key=lambda f: (f.start, -f.end, f.category == "passive", f.rule))
    kept: list[Finding] = []
    for finding in findings:
        into = next((k for k in reversed(kept[-8:]) if _folds_into(finding, k)), None)
        if into is None and finding.category in PHRASE_CATEGORIES and kept:
            last = kept[-1]  # a passive already kept around this phrase: the phrase wins
            if last.category == "passive" and _folds_into(last, finding):
                kept[-1] = finding
                into, finding = finding, last
        if into is not None:
            for code in (finding.rule, *finding.also):
                if code != into.rule and code not in into.also:
                    into.also.append(code)
            continue
        kept.append(finding)
    return kept
