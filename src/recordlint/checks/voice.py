"""The ``child-voice`` rule kind: the child was seen, but their voice is not recorded."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Finding
from ..schema import Options, regex, regex_list
from .base import Rule, RuleMeta, register_kind
from .regex_safety import Matcher, for_rule
from .rewrite import voice_prompt

_PRONOUN_START = re.compile(r"^\W*(?:he|she|they)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_POSSESSIVE = re.compile(r"^['’]s\b")
_POSSESSIVE_VOICE = re.compile(
    r"^['’]s\s+(?:own\s+)?(?:views?|wishes|words|feelings|voice)\b", re.I
)
_WORD = re.compile(r"[\w'’\-]+")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _compile(patterns: Sequence[str], meta: RuleMeta, flags: int = re.IGNORECASE) -> Matcher:
    return for_rule(patterns, flags, meta)


def _mask_quotes(body: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), body)


@dataclass(frozen=True)
class ChildVoiceOptions(Options):
    """Keys of a ``child-voice`` rule."""

    voice_verbs: tuple[str, ...] = regex_list(required=True)
    seen_cues: tuple[str, ...] = regex_list()
    not_seen_cues: tuple[str, ...] = regex_list()
    other_people: tuple[str, ...] = regex_list()
    not_people: tuple[str, ...] = ()
    addressed_voice: str | None = regex()


@register_kind
class ChildVoiceRule(Rule):
    """Flags a note of seeing the child (the rule's ``note_types``) with no words, actions or
    wishes of the child.

    Options (regex lists): ``voice_verbs`` (said, told me, wants, pointed ...), ``seen_cues``
    (to infer a visit when the note type is unknown), ``not_seen_cues`` (the child was not
    seen: nothing to record), ``other_people`` (words for adults whose pronouns are not the
    child's).
    """

    kind = "child-voice"
    note_level = True
    options_type = ChildVoiceOptions
    options: ChildVoiceOptions

    def setup(self) -> None:
        self.voice = _compile(self.options.voice_verbs, self.meta)
        self.seen = _compile(self.options.seen_cues or ["(?!x)x"], self.meta)
        self.not_seen = _compile(self.options.not_seen_cues or ["(?!x)x"], self.meta)
        self.others = _compile(self.options.other_people or ["(?!x)x"], self.meta)
        self.not_people = frozenset(self.options.not_people)
        addressed = self.options.addressed_voice
        self.addressed = _compile([addressed], self.meta) if addressed else None

    def applies(self, analysis) -> bool:
        """Is this a note where the child was seen? By its type (the rule's ``note_types``)
        when known, else by the note's words (``seen_cues``)."""
        note_type = self.config.note_type or analysis.note.type
        if note_type:
            return self.applies_to(note_type)
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
            yield self.finding(
                analysis, first.start, first.end, prompt=voice_prompt(analysis.child)
            )

    def _has_voice(self, analysis) -> bool:
        text, child = analysis.text, analysis.child
        name = re.compile(rf"(?<![\w]){re.escape(child)}(?![\w])", re.IGNORECASE)
        letter = re.search(rf"\bDear {re.escape(child)}\b", text, re.I)
        if self.addressed and letter and self.addressed.search(text):
            return True  # a note written to the child: "you told me ..."
        child_in_focus = False
        for sentence in analysis.sentences:
            body = sentence.text(text)
            for match in name.finditer(body):
                if self._voice_after(body[match.end() :]):
                    return True
            if name.search(body) and analysis.quotes_within(sentence):
                return True
            if child_in_focus and self._pronoun_voice(body, name):
                return True
            focus = self._focus(_mask_quotes(body), name)
            if focus is not None:
                child_in_focus = focus
        return False

    def _pronoun_voice(self, body: str, name: re.Pattern[str]) -> bool:
        """'He told me ...' / 'In the lounge she said ...' with no other person named before."""
        for match in _PRONOUN.finditer(body):
            before = body[: match.start()]
            if self.others.search(before) or any(
                m.group() not in self.not_people for m in _CAPITALISED.finditer(before)
            ):
                return False
            if self._voice_after(body[match.end() :]):
                return True
        return False

    def _voice_after(self, after: str) -> bool:
        """Is a voice verb among the first few words after a mention of the child?"""
        if _POSSESSIVE.match(after):
            return bool(_POSSESSIVE_VOICE.match(after))
        words = _WORD.findall(after[:80])[:5]
        for index, word in enumerate(words):
            rest = " ".join(words[index:])
            if self.voice.match(rest):
                return True
            if self.others.fullmatch(word) or word[:1].isupper():
                return False
        return False

    def _focus(self, body: str, name: re.Pattern[str]) -> bool | None:
        """Whether the person a following 'he/she' refers to is probably the child."""
        mentions = [(m.start(), True) for m in name.finditer(body)]
        mentions += [(m.start(), False) for m in self.others.finditer(body)]
        mentions += [
            (m.start(), False)
            for m in _CAPITALISED.finditer(body)
            if not name.fullmatch(m.group()) and m.group() not in self.not_people
        ]
        if not mentions:
            return None
        mentions.sort()
        first = mentions[0]
        return first[1] if first[0] <= 2 else mentions[-1][1]
