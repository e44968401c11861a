"""The ``child-voice`` rule kind: the child was seen, but their voice is not recorded."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import CHILD_SEEN_TYPES, Finding
from .base import Rule, register_kind

_PRONOUN_START = re.compile(r"^\W*(?:he|she|they)\b", re.IGNORECASE)


def _compile(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


@register_kind
class ChildVoiceRule(Rule):
    """Flags a visit, meeting or direct-work note with no words, actions or wishes of the child.

    Options (regex lists): ``voice_verbs`` (said, told me, wants, pointed ...), ``seen_cues``
    (to infer a visit when the note type is unknown), ``not_seen_cues`` (the child was not
    seen: nothing to record), ``other_people`` (words for adults whose pronouns are not the
    child's).
    """

    kind = "child-voice"

    def setup(self) -> None:
        self.voice = _compile(self.options["voice_verbs"])
        self.seen = _compile(self.options.get("seen_cues", []) or ["(?!x)x"])
        self.not_seen = _compile(self.options.get("not_seen_cues", []) or ["(?!x)x"])
        self.others = _compile(self.options.get("other_people", []) or ["(?!x)x"])
        self.voice_window = int(self.options.get("voice_window", 60))

    def applies(self, analysis) -> bool:
        """Is this a note where the child was seen?"""
        note_type = self.config.note_type or analysis.note.type
        if note_type:
            return note_type in CHILD_SEEN_TYPES
        return bool(self.seen.search(analysis.text))

    def check(self, analysis) -> Iterable[Finding]:
        if not self.applies(analysis) or not analysis.child:
            return
        text = analysis.text
        if self._has_voice(analysis) or self.not_seen.search(text):
            return
        first = next(
            (s for s in analysis.sentences if analysis.child in s.text(text)),
            analysis.sentences[0] if analysis.sentences else None,
        )
        if first is not None:
            yield self.finding(analysis, first.start, first.end)

    def _has_voice(self, analysis) -> bool:
        text, child = analysis.text, analysis.child
        name = re.compile(rf"(?<![\w]){re.escape(child)}(?![\w])")
        last_person_is_child = False
        for sentence in analysis.sentences:
            body = sentence.text(text)
            mentions_child = bool(name.search(body))
            for match in name.finditer(body):
                window = body[match.end() : match.end() + self.voice_window]
                if self.voice.match(window.lstrip(" ,'’s")) or self.voice.search(window[:40]):
                    if not self.others.search(body[match.end() : match.end() + 25]):
                        return True
            if mentions_child and any(
                q.start >= sentence.start and q.end <= sentence.end for q in analysis.quotes
            ):
                return True
            if last_person_is_child and _PRONOUN_START.match(body) and self.voice.search(body[:40]):
                return True
            if mentions_child:
                tail = body[name.search(body).end() :]  # type: ignore[union-attr]
                last_person_is_child = not self.others.search(tail)
            elif self.others.search(body):
                last_person_is_child = False
        return False
