"""The ``passive`` rule kind: agentless passives found in the dependency parse."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from ..model import Finding, Severity
from ..schema import Options
from .base import ParsedRule, register_kind
from .rewrite import passive_template, past_tense

_BE_GET = r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|'s|’s|'re|’re)"
_BE_GET_RE = re.compile(rf"(?<![\w'’]){_BE_GET}(?![\w'’])", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w'’]+")
#: Words after a form of be/get in which a flaggable participle is looked for.
_LOOKAHEAD_WORDS = 6


@dataclass(frozen=True)
class PassiveOptions(Options):
    """Keys of a ``passive`` rule: word lists (lemmas or participles)."""

    decision_verbs: tuple[str, ...] = ()
    incidental_severity: Literal["error", "warning", "info"] = "info"
    adjectival: tuple[str, ...] = ()
    state_verbs: tuple[str, ...] = ()
    harm_verbs: tuple[str, ...] = ()
    negated_ok: tuple[str, ...] = ()
    non_agents: tuple[str, ...] = ()
    naming_verbs: tuple[str, ...] = ()
    participles: tuple[str, ...] = ()


@register_kind
class PassiveRule(ParsedRule):
    """Flags ``be/get + past participle`` with no ``by`` agent.

    Options: ``decision_verbs`` (lemmas that hide who acted; the rule's severity),
    ``incidental_severity`` (severity for other verbs), ``adjectival`` (participles that
    describe a state: never flagged), ``state_verbs`` (flagged only after be/been/being, as in
    "will be closed" but not "the office was closed"), ``harm_verbs`` (harm done to a child:
    never flagged), ``negated_ok`` (e.g. "was not brought").
    """

    kind = "passive"
    options_type = PassiveOptions
    options: PassiveOptions

    def setup(self) -> None:
        self.decision_verbs = set(self.options.decision_verbs)
        self.incidental = Severity(self.options.incidental_severity)
        self.adjectival = set(self.options.adjectival)
        self.state_verbs = set(self.options.state_verbs)
        self.harm_verbs = set(self.options.harm_verbs)
        self.negated_ok = set(self.options.negated_ok)
        self.non_agents = set(self.options.non_agents)
        self.naming = set(self.options.naming_verbs)
        irregular = sorted(set(self.options.participles), key=len, reverse=True)
        participles = "|".join(re.escape(word) for word in irregular) or "(?!x)x"
        self.candidate_re = re.compile(
            rf"(?<![\w'’]){_BE_GET}(?:\s+\w+){{0,3}}?\s+(?:\w+ed|{participles})\b",
            re.IGNORECASE,
        )
        self.participle_re = re.compile(rf"(?:\w+ed|{participles})", re.IGNORECASE)
        #: Participles never flagged whatever the parse: a sentence whose only ones are
        #: these need not be parsed.
        self.never = {w.lower() for w in self.adjectival | self.harm_verbs}
        self.shortcuts = True

    def candidate(self, sentence: str) -> bool:
        """A cheap test: could this sentence hold a passive? Only these are parsed."""
        if not self.candidate_re.search(sentence):
            return False
        return not self.shortcuts or self._flaggable_participle(sentence)

    def _flaggable_participle(self, sentence: str) -> bool:
        """Is a participle that the rule may flag among the words after some be/get?"""
        for be in _BE_GET_RE.finditer(sentence):
            words = _WORD_RE.findall(sentence, be.end(), be.end() + 120)[:_LOOKAHEAD_WORDS]
            for word in words:
                if word.lower() not in self.never and self.participle_re.fullmatch(word):
                    return True
        return False

    def wants_lemmas(self, doc: Any) -> bool:
        """Could a verb of ``doc`` be flagged? Only then are lemmas added (the checks before
        lemmas are read only ever rule a verb out)."""
        return any(self._passive(token) is not None for token in doc)

    def check_parsed(self, analysis, index: int, doc: Any) -> Iterable[Finding]:
        """Findings in one parsed sentence (``index`` into ``analysis.sentences``)."""
        offset = analysis.sentences[index].start
        for verb in doc:
            first = self._passive(verb)
            if first is None:
                continue
            start, end = offset + first.idx, offset + verb.idx + len(verb.text)
            if not self.meta.in_quotes and analysis.in_quote(start, end):
                continue
            lemma = verb.lemma_.lower()
            severity = None if lemma in self.decision_verbs else self.incidental
            yield self.finding(
                analysis,
                start,
                end,
                severity=severity,
                template=passive_template(doc, verb, analysis.child),
                verb=past_tense(verb.text),
            )

    def _has_agent(self, verb: Any, children: list[Any]) -> bool:
        """A 'by' phrase naming who acted (not 'by letter', 'by phone')."""
        for by in [c for c in children if c.dep_ == "agent"] + [
            t for t in verb.doc[verb.i + 1 : verb.i + 3] if t.lower_ == "by"
        ]:
            objects = [c for c in by.children if c.dep_ == "pobj"]
            if not objects or objects[0].lower_ not in self.non_agents:
                return True
        return False

    def _passive(self, verb: Any) -> Any | None:
        """The first token of the passive verb group headed by ``verb``, or None."""
        children = list(verb.children)
        auxpass = [c for c in children if c.dep_ == "auxpass"]
        if not auxpass or verb.tag_ != "VBN":
            return None
        if self._has_agent(verb, children):
            return None
        word = verb.lower_
        following = verb.doc[verb.i + 1 : verb.i + 2]
        if word in self.naming and following and following[0].text[:1].isupper():
            return None  # "is called Sam": naming, not an action
        if (
            word in self.adjectival
            or verb.lemma_.lower() in self.harm_verbs
            or word in self.harm_verbs
        ):
            return None
        negated = any(c.dep_ == "neg" for c in children)
        if negated and (word in self.negated_ok):
            return None
        if word in self.state_verbs and auxpass[0].lower_ not in ("be", "been", "being"):
            return None
        group = [c for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        subject = [c for c in children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
        return min(group + subject, key=lambda t: t.i)
