"""The lint engine: notes in, results out. The same API serves every command and the tests."""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from . import checks as _checks  # noqa: F401  (registers the rule kinds)
from .analysis import Analysis
from .checks.base import Rule
from .checks.packs import build_rules
from .config import Config
from .model import Finding, Note, NoteResult
from .readability import reading_grade
from .scoring import note_score


#: Run on every candidate sentence; the finishing components only where a passive was found.
PARSE_PIPES = ("tok2vec", "tagger", "parser")
FINISH_PIPES = ("attribute_ruler", "lemmatizer")


class Linter:
    """Runs the selected rules over notes. Build one per run and reuse it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.rules: list[Rule] = build_rules(self.config)
        self._parse_rules = [r for r in self.rules if r.needs_parse]
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline, loaded the first time a parse is needed."""
        if self._nlp is None:
            from .nlp import load_parser

            self._nlp = load_parser(self.config.model)
        return self._nlp

    def analyse(self, note: Note) -> Analysis:
        return Analysis(note, child=self.config.child or None)

    def lint(self, note: Note) -> NoteResult:
        """Check one note."""
        return next(self.lint_many([note]))

    def lint_many(self, notes: Iterable[Note], batch_size: int = 64) -> Iterator[NoteResult]:
        """Check notes in batches, parsing candidate sentences together for speed."""
        iterator = iter(notes)
        while batch := list(islice(iterator, batch_size)):
            analyses = [self.analyse(note) for note in batch]
            if self._parse_rules:
                self._parse(analyses)
            for analysis in analyses:
                yield self._result(analysis)

    def _parse(self, analyses: list[Analysis]) -> None:
        wanted: list[tuple[Analysis, int, str]] = []
        for analysis in analyses:
            for index, span in enumerate(analysis.sentences):
                sentence = span.text(analysis.text)
                if any(rule.candidate(sentence) for rule in self._parse_rules):  # type: ignore[attr-defined]
                    wanted.append((analysis, index, sentence))
        if not wanted:
            return
        nlp = self.nlp
        with nlp.select_pipes(enable=[p for p in PARSE_PIPES if p in nlp.pipe_names]):
            docs = list(nlp.pipe((sentence for _, _, sentence in wanted), batch_size=256))
        finishers = [nlp.get_pipe(p) for p in FINISH_PIPES if p in nlp.pipe_names]
        for (analysis, index, _), doc in zip(wanted, docs):
            if any(token.dep_ == "auxpass" for token in doc):
                for finish in finishers:  # lemmas only where a rule will read them
                    doc = finish(doc)
            analysis.parses[index] = doc

    def _result(self, analysis: Analysis) -> NoteResult:
        findings: list[Finding] = []
        for rule in self.rules:
            findings.extend(rule.check(analysis))
        findings = dedupe(findings)
        grade = None
        if analysis.words >= self.config.thresholds.grade_min_words:
            grade = reading_grade(analysis.text)
        return NoteResult(
            note=analysis.note,
            findings=findings,
            words=analysis.words,
            grade=grade,
            score=note_score(findings),
        )


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort by position and drop a finding inside another of the same category."""
    findings.sort(key=lambda f: (f.start, -f.end, f.rule))
    kept: list[Finding] = []
    for finding in findings:
        if any(
            k.category == finding.category and k.start <= finding.start and finding.end <= k.end
            for k in kept[-8:]
        ):
            continue
        kept.append(finding)
    return kept
