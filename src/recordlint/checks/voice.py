"""The ``child-voice`` rule kind: the child was seen, but their voice is not recorded.

The child's voice is the child (by name, or a pronoun that refers to the child) as the
subject of a speech, wish, feeling or action verb: "Ellie said ...", "He told me he wants
...", "Mia drew her family", "she reached for her carer", "Sami was excited". A clause that
someone else reports ("Mum said Ellie loves school") is theirs, not the child's. Obvious
cases are found in the text; the rest from the dependency parse of the few sentences that
could hold them, and only when the text alone has not settled it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..hints.describe import voice_prompt
from ..model import Finding
from ..schema import Options, regex
from .base import ParsedRule, RuleMeta, register_kind
from .inflect import CHILD_MARK, mark_child, verb_forms
from .mentions import Mentions
from .regex_safety import Matcher, for_rule, unsafe_reason

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_POSSESSIVE = re.compile(r"^['’]s\b")
_POSSESSIVE_VOICE = re.compile(
    r"^['’]s\s+(?:own\s+)?(?:views?|wishes|words|feelings|voice)\b", re.I
)
_WORD = re.compile(r"[\w'’\-]+")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
_NAME_DEPS = frozenset({"compound", "flat", "punct", "nmod", "amod"})


def _compile(patterns: Sequence[str], meta: RuleMeta, flags: int = re.IGNORECASE) -> Matcher:
    return for_rule(patterns or ["(?!x)x"], flags, meta)


def _slot_patterns_reason(fields: dict[str, Sequence[str]]) -> str | None:
    """Why a pattern with a ``{child}`` slot is refused (checked with a name filled in)."""
    for key, patterns in fields.items():
        for pattern in patterns:
            reason = unsafe_reason(pattern.replace("{child}", "Sam"))
            if reason:
                return f"'{key}': {reason}"
    return None


@dataclass(frozen=True)
class ChildVoiceOptions(Options):
    """Keys of a ``child-voice`` rule."""

    voice_lemmas: dict[str, tuple[str, ...]] = field(
        default_factory=dict, metadata={"required": True}
    )
    irregular_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    feeling_words: tuple[str, ...] = ()
    reporting_lemmas: tuple[str, ...] = ()
    roles: dict[str, Literal["f", "m", "any"]] = field(default_factory=dict)
    not_people: tuple[str, ...] = ()
    # Regexes with a {child} slot, checked once the child's name is filled in.
    seen_cues: tuple[str, ...] = ()
    not_seen_cues: tuple[str, ...] = ()
    addressed_voice: str | None = regex()

    def check(self) -> str | None:
        return _slot_patterns_reason(
            {"seen_cues": self.seen_cues, "not_seen_cues": self.not_seen_cues}
        )


@register_kind
class ChildVoiceRule(ParsedRule):
    """Flags a visit, meeting or direct-work note with no words, actions or wishes of the child.

    Options: ``voice_lemmas`` (speech, wish, feeling and action verbs, as lemmas),
    ``irregular_forms`` (lemma -> irregular forms), ``feeling_words`` (adjectives after
    be/seem/look/feel: "was excited"), ``reporting_lemmas`` (verbs whose clauses report what
    someone else said or thinks), ``roles`` (people words with a gender: ``f``, ``m`` or ``any``),
    ``not_people`` (capitalised words that are not names), ``seen_cues`` (to infer a visit
    when the note type is unknown) and ``not_seen_cues`` (the child was not seen), where
    ``{child}`` is the child's name, and ``addressed_voice`` (in a note written to the
    child, "you told me").
    """

    kind = "child-voice"
    note_level = True
    options_type = ChildVoiceOptions
    options: ChildVoiceOptions

    def setup(self) -> None:
        opts = self.options
        irregular = {k: list(v) for k, v in opts.irregular_forms.items()}
        self.forms: set[str] = set()
        for group in opts.voice_lemmas.values():
            for lemma in group:
                self.forms |= verb_forms(lemma.lower(), irregular)
        self.feelings = frozenset(w.lower() for w in opts.feeling_words)
        self.copulas = frozenset(
            f
            for lemma in ("be", "seem", "look", "appear", "feel", "become", "get")
            for f in verb_forms(lemma, irregular)
        ) | {"is", "was", "were", "are", "am", "'s", "’s", "been"}
        self.reporting: set[str] = set()
        for lemma in opts.reporting_lemmas:
            self.reporting |= verb_forms(lemma.lower(), irregular)
        words = sorted(self.forms, key=len, reverse=True)
        self.form_re = re.compile(r"\b(?:" + _alternatives(words) + r")\b", re.I)
        feel = sorted(self.feelings, key=len, reverse=True)
        self.feeling_re = re.compile(
            r"\b(?:is|was|were|are|seemed|seems|looked|looks|felt|feels|became|got)\s+"
            r"(?:\w+\s+)?(?:" + _alternatives(feel) + r")\b",
            re.I,
        )
        # Family words come from the shared people vocabulary (rules/people.yaml: kin, with
        # she/he/they), so that the list is kept in one place; ``roles`` adds other people.
        from ..hints.words import vocabulary

        gender = {"she": "f", "he": "m"}
        self.roles: dict[str, str | None] = {
            word: gender.get(pronoun) for word, pronoun in vocabulary().kin.items()
        }
        self.roles.update({word: None if sex == "any" else sex for word, sex in opts.roles.items()})
        self.not_people = frozenset(opts.not_people)
        self.seen_patterns: list[str] = list(opts.seen_cues)
        self._seen_cache: dict[str, Matcher] = {}
        self.not_seen_patterns: list[str] = list(opts.not_seen_cues)
        self._not_seen_cache: dict[str, Matcher] = {}
        addressed = opts.addressed_voice
        self.addressed = _compile([addressed], self.meta) if addressed else None

    # -- whether the rule applies --------------------------------------------------------
    def applies(self, analysis) -> bool:
        """Is this a note where the child was seen? By its type (the rule's ``note_types``)
        when known, else by the note's words (``seen_cues``)."""
        note_type = self.config.note_type or analysis.note.type
        if note_type:
            return self.applies_to(note_type)
        return bool(self._cues(analysis, self.seen_patterns, self._seen_cache))

    def child_seen(self, analysis) -> bool:
        """Did this rule judge the child seen in the note, so that their voice is expected?

        Yes when it applies (by ``note_types``, or ``seen_cues`` for a note with no type),
        the child's name is known and no ``not_seen_cues`` match: exactly the notes it looks
        for the child's voice in. This is the base of the batch's "child seen, no voice".
        """
        return bool(self._state(analysis)["check"])

    def _not_seen(self, analysis) -> bool:
        return bool(self._cues(analysis, self.not_seen_patterns, self._not_seen_cache))

    def _cues(self, analysis, patterns: list[str], cache: dict[str, Matcher]) -> bool:
        """Does any pattern match, with ``{child}`` standing for the child's name?"""
        if "" not in cache:  # compiled once: the name is marked in the text instead
            cache[""] = _compile([p.replace("{child}", CHILD_MARK) for p in patterns], self.meta)
        return bool(cache[""].search(mark_child(analysis.text, analysis.child)))

    def _state(self, analysis) -> dict[str, Any]:
        """Per-note state, worked out once: applies? voice found? which sentences to parse."""
        state = analysis.cache.get(self.meta.code)
        if state is None:
            state = {"wanted": [], "voice": False, "check": False}
            analysis.cache[self.meta.code] = state
            if self.applies(analysis) and analysis.child and not self._not_seen(analysis):
                state["check"] = True
                self._lexical(analysis, state)
        return state

    # -- the engine's hooks ----------------------------------------------------------------
    def candidate(self, sentence: str) -> bool:  # pragma: no cover - wanted() is used instead
        return False

    def wanted(self, analysis) -> list[int]:
        """Sentences whose parse could show the child's voice (none once it is found)."""
        state = self._state(analysis)
        return [] if state["voice"] else state["wanted"]

    def check_parsed(self, analysis, index: int, doc: Any) -> Iterable[Finding]:
        state = self._state(analysis)
        if not state["voice"] and self._parsed_voice(analysis, index, doc):
            state["voice"] = True
        return ()

    def check(self, analysis) -> Iterable[Finding]:
        return self.finish(analysis)

    def finish(self, analysis) -> Iterable[Finding]:
        """The note's finding, after every wanted sentence was parsed."""
        state = self._state(analysis)
        if not state["check"] or state["voice"]:
            return
        text = analysis.text
        first = next(
            (s for s in analysis.sentences if analysis.child in s.text(text)),
            analysis.sentences[0] if analysis.sentences else None,
        )
        if first is not None:
            yield self.finding(
                analysis, first.start, first.end, prompt=voice_prompt(analysis.child)
            )

    # -- the text alone ----------------------------------------------------------------------
    def _lexical(self, analysis, state: dict[str, Any]) -> None:
        text, child = analysis.text, analysis.child
        letter = re.search(rf"\bDear {re.escape(child)}\b", text, re.I)
        if self.addressed and letter and self.addressed.search(text):
            state["voice"] = True  # a note written to the child: "you told me ..."
            return
        name = re.compile(rf"(?<![\w]){re.escape(child)}(?![\w])", re.IGNORECASE)
        for index, sentence in enumerate(analysis.sentences):
            body = sentence.text(text)
            masked = _mask_quotes(body)
            for match in name.finditer(body):
                after = body[match.end() :]
                if _POSSESSIVE.match(after):
                    if _POSSESSIVE_VOICE.match(after):
                        state["voice"] = True
                        return
                    continue
                if self._voice_after(after) and not self._reported_before(masked[: match.start()]):
                    state["voice"] = True
                    return
            if not (self.form_re.search(masked) or self.feeling_re.search(masked)):
                continue
            if name.search(body) or re.search(r"\b(?:he|she|they)\b", masked, re.I):
                state["wanted"].append(index)

    def _reported_before(self, before: str) -> bool:
        """Is there a verb or another person before the name ('Kath said Lexi ...')?"""
        return bool(self.form_re.search(before)) or any(
            w.lower() in self.roles or w.lower() in self.reporting for w in _WORD.findall(before)
        )

    def _voice_after(self, after: str) -> bool:
        """Is a voice verb among the first few words after a mention of the child?"""
        words = _WORD.findall(after[:80])[:4]
        for index, word in enumerate(words):
            low = word.lower()
            if low in self.forms:
                return True
            if self.feeling_re.match(" ".join(words[index:])):
                return True
            if low in self.roles or word[:1].isupper() or low in ("and", "with", "who", "that"):
                return False
        return False

    # -- the parse ---------------------------------------------------------------------------
    def _mentions(self, analysis) -> Mentions:
        key = self.meta.code + ":mentions"
        if key not in analysis.cache:
            spans = [(s.start, s.end) for s in analysis.sentences]
            analysis.cache[key] = Mentions(
                analysis.text, spans, analysis.child, self.roles, self.not_people
            )
        return analysis.cache[key]

    def _parsed_voice(self, analysis, index: int, doc: Any) -> bool:
        offset = analysis.sentences[index].start
        for token in doc:
            if not token.tag_.startswith("VB") and token.pos_ not in ("VERB", "AUX"):
                continue
            low = token.lower_
            feeling = low in self.copulas and any(
                c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in self.feelings
                for c in token.children
            )
            if low not in self.forms and not feeling:
                continue
            if analysis.in_quote(offset + token.idx, offset + token.idx + len(token.text)):
                continue
            if _passive_or_bare_participle(token):
                continue  # "Kody seen and spoken to": done to the child, not by them
            subjects = _subjects(token)
            if any(s.lower_ in ("i", "we") for s in subjects):
                continue  # "Bartek and I played Uno": done with the child
            if not any(self._is_child(analysis, offset, s) for s in subjects):
                continue
            if self._reported_by_someone_else(analysis, offset, token):
                continue
            return True
        return False

    def _is_child(self, analysis, offset: int, token: Any) -> bool:
        if token.lower_ in _SUBJECT_PRONOUNS:
            return self._mentions(analysis).refers_to_child(offset + token.idx, token.lower_)
        name = "".join(t.text_with_ws for t in token.subtree if _in_name(t, token))
        child = analysis.child or ""
        return bool(child) and bool(
            re.search(rf"(?<![\w]){re.escape(child)}(?![\w'’])", name, re.IGNORECASE)
        )

    def _reported_by_someone_else(self, analysis, offset: int, token: Any) -> bool:
        """Does the verb sit in a clause reported by another person ('Mum said she ...')?"""
        head = token
        while head.head.i != head.i:
            child_dep = head.dep_
            head = head.head
            if child_dep in ("conj", "xcomp"):
                continue  # 'joined us and told us': the same subject
            if head.lower_ in self.reporting or head.lower_ in self.forms:
                subjects = _subjects(head)
                if subjects and not any(self._is_child(analysis, offset, s) for s in subjects):
                    return True
        return False


def _in_name(token: Any, head: Any) -> bool:
    """Is ``token`` part of the name headed by ``head`` (not a possessor or a modifier)?"""
    while token.i != head.i:
        if token.dep_ not in _NAME_DEPS:
            return False
        token = token.head
    return True


def _alternatives(words: list[str]) -> str:
    """``a|b|c`` for a regex, or one that never matches when there are no words."""
    return "|".join(map(re.escape, words)) or "(?!x)x"


def _passive_or_bare_participle(verb: Any) -> bool:
    """'was spoken to', or a past participle with no 'has'/'had' ('seen and spoken to')."""
    current = verb
    for _ in range(4):
        deps = {c.dep_ for c in current.children}
        if "auxpass" in deps:
            return True
        if "aux" in deps or current.tag_ != "VBN" and current is verb:
            return False
        if current.dep_ != "conj" or current.head.i == current.i:
            break
        current = current.head
    return verb.tag_ == "VBN"


def _subjects(verb: Any) -> list[Any]:
    """The subject(s) of a verb, taken from the verb it is joined to when it has none."""
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            subjects = []
            for subject in found:
                subjects.append(subject)
                subjects.extend(c for c in subject.children if c.dep_ == "conj")
            return subjects
        if current.dep_ in ("conj", "xcomp", "dep", "advcl") and current.head.i != current.i:
            current = current.head
            continue
        break
    return []


def _mask_quotes(body: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), body)
