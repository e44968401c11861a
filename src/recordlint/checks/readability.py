"""Readability rule kinds: long sentences, long paragraphs, and a high reading grade."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis import count_words
from ..model import Finding
from ..readability import reading_grade
from .base import Rule, register_kind


def could_not_exceed(chars: int, limit: float) -> bool:
    """Text of ``chars`` characters holds at most ``(chars + 1) // 2`` words (each word a
    character at least, with one between words): no need to count them against ``limit``."""
    return (chars + 1) // 2 <= limit


@register_kind
class LongSentenceRule(Rule):
    """Flags sentences longer than ``thresholds.sentence_words``."""

    kind = "long-sentence"

    def check(self, analysis) -> Iterable[Finding]:
        limit = self.config.thresholds.sentence_words
        for sentence in analysis.sentences:
            if could_not_exceed(sentence.end - sentence.start, limit):
                continue
            words = count_words(sentence.text(analysis.text))
            if words > limit:
                yield self.finding(
                    analysis, sentence.start, sentence.end, words=str(words), limit=str(limit)
                )


@register_kind
class LongParagraphRule(Rule):
    """Flags paragraphs longer than ``thresholds.paragraph_words``."""

    kind = "long-paragraph"

    def check(self, analysis) -> Iterable[Finding]:
        limit = self.config.thresholds.paragraph_words
        for paragraph in analysis.paragraphs:
            if could_not_exceed(paragraph.end - paragraph.start, limit):
                continue
            words = count_words(paragraph.text(analysis.text))
            if words > limit:
                end = analysis.sentences[analysis.sentence_index(paragraph.start)].end
                yield self.finding(
                    analysis, paragraph.start, min(end, paragraph.end), words=str(words),
                    limit=str(limit),
                )  # fmt: skip


@register_kind
class ReadingGradeRule(Rule):
    """Flags a note whose Flesch-Kincaid grade is above ``thresholds.reading_grade``."""

    kind = "reading-grade"
    note_level = True

    def check(self, analysis) -> Iterable[Finding]:
        limits = self.config.thresholds
        if analysis.words < limits.grade_min_words:
            return
        grade = reading_grade(analysis.text)
        if grade is not None and grade > limits.reading_grade:
            first = analysis.sentences[0]
            yield self.finding(
                analysis, first.start, first.end, grade=f"{grade:.1f}",
                limit=f"{limits.reading_grade:g}",
            )  # fmt: skip
