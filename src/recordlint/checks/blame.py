"""The ``blame`` rule kind: a family member as the subject of a blaming construction.

"Mum refused to give her address", "Dad failed to take Summer to the dentist", "She chose to
miss the meeting", "he did not prioritise the hearing test", "Dad didn't bother turning up":
whatever the tense and whatever the verb after it, the sentence puts the fault on a person
instead of saying what happened. Found in the dependency parse, so that the subject can be
checked: "The court refused to adjourn" and "I chose to visit on Friday" are not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..hints.describe import describe_fields
from ..hints.words import vocabulary
from ..model import Finding
from ..schema import Options, regex
from .base import ParsedRule, register_kind
from .inflect import inflections
from .people import People
from .regex_safety import for_rule

_REPORTING = frozenset(["said", "says", "told", "tells", "explained", "thinks", "feels", "felt"])


def _forms(lemmas: Iterable[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in inflections(lemma))


@dataclass(frozen=True)
class BlameOptions(Options):
    """Keys of a ``blame`` rule: verb lemmas, who counts as a person, and excuses."""

    verbs: tuple[str, ...] = ()
    choice_verbs: tuple[str, ...] = ()
    negated_verbs: tuple[str, ...] = ()
    wont_verbs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()
    excuse: str | None = regex()


@register_kind
class BlameRule(ParsedRule):
    """Flags a person as subject of a blaming verb with an infinitive or gerund after it.

    Options: ``verbs`` (lemmas blaming with any complement: refuse, fail ...),
    ``choice_verbs`` (blaming when a family member, not the child, chooses: choose),
    ``negated_verbs`` (blaming only when negated: prioritise, bother), ``wont_verbs`` (after
    "won't" / "will not": engage, answer ...), ``roles`` (family roles that name a person),
    ``not_people`` (organisations and professionals), ``excuse`` (a regex: a reason after the
    verb, as in "chose not to come because she was ill", makes it a plain account).
    """

    kind = "blame"
    options_type = BlameOptions
    options: BlameOptions

    def setup(self) -> None:
        self._before = ""  # the text just before the sentence being checked
        self.verbs = _forms(self.options.verbs)
        self.choice = _forms(self.options.choice_verbs)
        self.negated = _forms(self.options.negated_verbs)
        self.wont = _forms(self.options.wont_verbs)
        self.people = People(
            self.options.roles or vocabulary().family_words, self.options.not_people
        )
        excuse = self.options.excuse
        # Time-limited like every pattern from your own packs (shipped ones run on ``re``).
        self.excuse = for_rule(excuse, re.IGNORECASE, self.meta) if excuse else None
        words = sorted(self.verbs | self.choice | self.negated | {"won't", "won’t", "wont"})
        self.candidate_re = re.compile(
            r"(?<![\w'’])(?:" + "|".join(re.escape(w) for w in words) + r"|will\s+not)(?![\w'’])",
            re.IGNORECASE,
        )

    def candidate(self, sentence: str) -> bool:
        """A cheap test: does a blaming verb occur at all? Only these sentences are parsed."""
        return bool(self.candidate_re.search(sentence))

    def check_parsed(self, analysis, index: int, doc: Any) -> Iterable[Finding]:
        offset = analysis.sentences[index].start
        previous = analysis.sentences[index - 1] if index else None
        self._before = previous.text(analysis.text) if previous else ""
        for verb in doc:
            span = self._blaming(verb, analysis.child)
            if span is None:
                continue
            first, last = span
            start, end = offset + first.idx, offset + last.idx + len(last.text)
            if analysis.in_speech(start, end):
                continue
            body = analysis.sentences[index].text(analysis.text)
            yield self.finding(
                analysis,
                start,
                end,
                sentence=body.strip(),
                **describe_fields(body, start - offset, end - offset, analysis.child, doc),
            )

    def _blaming(self, verb: Any, child: str | None) -> tuple[Any, Any] | None:
        """(first, last) token of the blaming words headed by ``verb``, or None."""
        word = verb.lower_
        children = list(verb.children)
        negated = any(c.dep_ == "neg" for c in children)
        complement = next((c for c in children if c.dep_ in ("xcomp", "ccomp")), None)
        if word in self.verbs or word in self.choice:
            if complement is None or complement.i < verb.i:
                return None
            if word in self.choice and not self._adult(verb, child):
                return None
        elif word in self.negated and negated:
            if word == "bothered" and not self._adult(verb, child):
                return None  # "Kai said he is not bothered": a feeling of the child's
        elif word in self.wont and self._after_wont(verb):
            complement = None
        else:
            return None
        subject = self.people.subject(verb)
        if subject is None or not self.people.is_person(subject):
            return None
        last = complement if complement is not None else verb
        if self.excuse is not None and self.excuse.search(verb.doc[last.i + 1 :].text):
            return None
        group = [c for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        first = min([verb, *group], key=lambda t: t.i)
        return first, last

    def _after_wont(self, verb: Any) -> bool:
        """Is ``verb`` the bare verb after "won't" or "will not"?"""
        aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        neg = [c for c in verb.children if c.dep_ == "neg"]
        return bool(neg) and ("wo" in aux or "will" in aux)

    def _adult(self, verb: Any, child: str | None) -> bool:
        """A choice blames only when it is not the child's own (the child's choices are voice)."""
        subject = self.people.subject(verb)
        if subject is None:
            return False
        if child and subject.text.lower() == child.lower():
            return False
        if subject.lower_ in self.people.roles:
            return True
        if subject.lower_ not in ("she", "he", "they"):
            return False
        if any(a.lower_ in _REPORTING for a in verb.ancestors):
            return False  # "Ronan said he is not bothered": the speaker's own account
        prefix = verb.doc.text[: subject.idx]
        return not (child and self._last_person(self._before, prefix, child) == "child")

    def _last_person(self, previous: str, prefix: str, child: str) -> str:
        """Who a pronoun most likely means: the child, or an adult.

        The last person named earlier in its own sentence; failing that, the first person
        named in the sentence before (usually its subject).
        """
        here = self._mentions(prefix, child)
        if here:
            return here[-1][1]
        before = self._mentions(previous, child)
        return before[0][1] if before else "child"

    def _mentions(self, text: str, child: str) -> list[tuple[int, str]]:
        """(position, "child" or "adult") for each mention of a person ("her nan's" is a place)."""
        found = [(m.start(), "child") for m in re.finditer(re.escape(child) + "(?![’']s)", text)]
        found += [
            (m.start(), "adult")
            for m in re.finditer(r"[^\W_]+(?![’']s\b)", text)
            if m.group(0).lower() in self.people.roles
        ]
        return sorted(found)
