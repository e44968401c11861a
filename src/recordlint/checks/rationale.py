"""The ``rationale`` rule kind: a decision recorded with no reason near it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Finding
from ..schema import Options, regex_list
from .base import Rule, RuleMeta, register_kind
from .regex_safety import Matcher, for_rule


def _compile(patterns: Sequence[str], meta: RuleMeta) -> Matcher:
    return for_rule(patterns, re.IGNORECASE | re.MULTILINE, meta)


@dataclass(frozen=True)
class RationaleOptions(Options):
    """Keys of a ``rationale`` rule."""

    decision_cues: tuple[str, ...] = regex_list(required=True)
    reason_cues: tuple[str, ...] = regex_list(required=True)
    not_decision: tuple[str, ...] = regex_list()
    decision_keywords: tuple[str, ...] = regex_list()
    window: int = 1

    def check(self) -> str | None:
        return "'window' must be 0 or more" if self.window < 0 else None


@register_kind
class RationaleRule(Rule):
    """Flags sentences with a decision cue and no reason cue within ``window`` sentences.

    Options: ``decision_cues`` and ``reason_cues`` (regex lists), ``not_decision``
    (regexes that cancel a decision cue in the same sentence), ``window`` (default 1), and
    ``decision_keywords``: plain fragments at least one of which every decision cue contains,
    a cheap first test that spares most sentences the full cue search.
    """

    kind = "rationale"
    options_type = RationaleOptions
    options: RationaleOptions

    def setup(self) -> None:
        self.decision = _compile(self.options.decision_cues, self.meta)
        self.reason = _compile(self.options.reason_cues, self.meta)
        self.not_decision = _compile(self.options.not_decision or ["(?!x)x"], self.meta)
        self.window = self.options.window
        keywords = self.options.decision_keywords
        self.keywords = for_rule(keywords, re.IGNORECASE, self.meta) if keywords else None

    def check(self, analysis) -> Iterable[Finding]:
        text = analysis.text
        sentences = analysis.sentences
        reasons: dict[int, bool] = {}  # filled lazily: only sentences near a decision

        def has_reason(index: int) -> bool:
            if index not in reasons:
                reasons[index] = self._reason_outside_quotes(analysis, sentences[index])
            return reasons[index]

        for index, sentence in enumerate(sentences):
            body = sentence.text(text)
            if self.keywords is not None and not self.keywords.search(body):
                continue
            cue = self.decision.search(body)
            if not cue or self.not_decision.search(body):
                continue
            if analysis.in_quote(sentence.start + cue.start(), sentence.start + cue.end()):
                continue
            low, high = max(0, index - self.window), min(len(sentences), index + self.window + 1)
            if any(has_reason(i) for i in range(low, high)):
                continue
            yield self.finding(analysis, sentence.start, sentence.end, sentence=body.rstrip(" .;:"))

    def _reason_outside_quotes(self, analysis, sentence) -> bool:
        for match in self.reason.finditer(analysis.text, sentence.start, sentence.end):
            if not analysis.in_quote(match.start(), match.end()):
                return True
        return False
