"""The ``passive`` rule kind: agentless passives found in the dependency parse."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..hints.active import judged_by_someone, passive_hints
from ..model import Finding, Severity
from ..schema import Options
from .base import ParsedRule, register_kind
from .inflect import all_forms

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-zà-ÿ]+(?![\w])")


def _opens(subject: Any) -> bool:
    """Does the subject open its sentence (after a bullet, a number or a 'Label:')?"""
    before = [t for t in subject.doc[: subject.left_edge.i] if t.is_alpha or t.text == ":"]
    if before and before[-1].text == ":" and len(before) <= 4:
        return True  # "Background: IRD held on 2 August"
    return not before


def _negated(subject: Any) -> bool:
    """'No concerns', 'nothing', 'none': what was not found, not who acted."""
    return any(c.lower_ in ("no", "nothing", "none") for c in [subject, *subject.children])


def _dropped_auxiliary(words: list[str], k: int, styled: set[str]) -> bool:
    """Could ``words[k]`` (lower case) be a passive whose auxiliary the writer dropped
    ("Plan agreed", "Referral made to CAMHS")? Not after a subject ("Tasha and I agreed"), an
    auxiliary ("has booked"; after be/get the participle scan decides), "to" or a
    determiner ("a planned visit"), nor before an object ("made a collage", "told me")."""
    if words[k] not in styled:
        return False
    if k and words[k - 1] in _ACTIVE_BEFORE:
        return False
    return not (k + 1 < len(words) and words[k + 1] in _OBJECTS)


def _first_word(subject: Any) -> Any:
    """The subject's first word, leaving out a bullet or a dash."""
    return next((t for t in subject.subtree if not t.is_punct), subject)


def _next_word(token: Any) -> str:
    following = token.doc[token.i + 1 : token.i + 2]
    return following[0].lower_ if following else ""


def _to_noun(token: Any) -> bool:
    """Is ``token`` followed by "to" and no verb ("known to the police", not "known to
    have hit")?"""
    after = token.doc[token.i + 1 : token.i + 3]
    return (
        len(after) > 0
        and after[0].lower_ == "to"
        and not (len(after) > 1 and after[1].tag_ == "VB")
    )


def _names_something(token: Any) -> bool:
    """After 'called'/'known'/'named': a name, a quoted name, 'as' or a noun phrase
    ('is called a child protection conference'); not 'to the school' or 'away'."""
    word = token.text
    if word[:1].isupper() or word[:1] in "\"'“‘" or word.lower() == "as":
        return True
    return token.tag_ in ("DT", "JJ", "NN", "NNS", "NNP", "PRP$", "CD")


def _names(analysis) -> frozenset[str]:
    """Capitalised words used away from a sentence start: most likely people's names."""
    cached = analysis.cache.get("passive:names")
    if cached is None:
        found = set()
        for sentence in analysis.sentences:
            body = sentence.text(analysis.text)
            for match in _CAPITALISED.finditer(body):
                if body[: match.start()].strip(" \t*#-•:"):
                    found.add(match.group())
        cached = analysis.cache["passive:names"] = frozenset(found)
    return cached


_WORD_AROUND = re.compile(r"[\w'’\-]+")


def _hint_names(analysis) -> frozenset[str]:
    """Words the note writes as names: capitalised away from a sentence start, on their own
    (not in a Title Case run such as "Child's Plan assessment"), and never in lower case. A
    hint keeps their capital ("Grace was informed" -> "[Who] informed Grace")."""
    cached = analysis.cache.get("passive:hint-names")
    if cached is None:
        text = analysis.text
        lower = {w for w in _WORD_AROUND.findall(text) if w[:1].islower()}
        found = set()
        for sentence in analysis.sentences:
            body = sentence.text(text)
            for match in _CAPITALISED.finditer(body):
                word = match.group()
                if word.lower() in lower or not body[: match.start()].strip(" \t*#-•:"):
                    continue
                before = _WORD_AROUND.findall(body[max(0, match.start() - 30) : match.start()])
                after = _WORD_AROUND.findall(body[match.end() : match.end() + 30])
                if (before and before[-1][:1].isupper()) or (after and after[0][:1].isupper()):
                    continue  # a Title Case run: a heading or a service's name
                found.add(word)
        cached = analysis.cache["passive:hint-names"] = frozenset(found)
    return cached


_BE_GET = (
    r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|'s|’s|'re|’re"
    r"|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
)
#: "Plan agreed.", "- MACE referral sent": a short noun phrase opening the unit, then the verb.
_NOTE_STYLE = (
    r"^[\W\d]*(?:[\w'’ ]{1,30}:[ \t]*)?"
    r"(?:(?!(?:has|have|had|is|are|was|were|be|been|will|would|not|then)\b)[\w'’&\-]+[ \t]+){1,4}?"
    r"(?:%s)\b"
)
_BE_GET_RE = re.compile(rf"(?<![\w'’]){_BE_GET}(?![\w'’])", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w'’]+")
#: How far into a sentence a note-style verb is looked for ("Section 47 outcome letter sent").
_OPENING_WORDS = 8
#: Words after a form of be/get in which a flaggable participle is looked for.
_LOOKAHEAD_WORDS = 6


def _wordset(words: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(words.split())


_DETERMINERS = _wordset("the a an her his their my our your its this that these those both all")
#: A word before a past form that makes it no dropped-auxiliary passive: a subject ("I
#: agreed"), an auxiliary ("has booked", "was raised": the be/get scan decides), "to", or a
#: determiner ("a planned visit").
_ACTIVE_BEFORE = (
    _wordset(
        "i we you he she they it who have has had 've ’ve will would shall should can could may "
        "might must do does did to and am is are was were be been being get gets got"
    )
    | _DETERMINERS
)
#: A word after the verb that opens its object: "told me", "made her bed". Not "the" or
#: "a", which also open a time ("Medical completed the same day", "a week later").
_OBJECTS = _wordset("me him them us her his their my our your")
#: Words that open a new clause after be/get: the participle after them is another verb's.
_CLAUSE_OPENERS = _wordset(
    "i we you he she they when because that which who while if as since until after before "
    "so but although though whereas"
)
_SMALL_ADVERBS = frozenset({"up", "out", "off", "in", "on", "down", "away", "back", "over"})
_OPENERS = frozenset({"i", "we", "you", "he", "she", "they", "it", "this", "that", "there"})


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
    # Note-style passives with the auxiliary dropped ("Plan agreed.", "Kody seen").
    note_style_verbs: tuple[str, ...] = ()
    participle_only: tuple[str, ...] = ()
    object_verbs: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    irregular_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Participles that describe a state when "to" and a noun follow: "is used to the noise".
    adjectival_before_to: tuple[str, ...] = ()


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
        irregular_forms = {k: list(v) for k, v in self.options.irregular_forms.items()}
        self.decision_forms = all_forms(self.options.decision_verbs, irregular_forms)
        self.note_style_forms = all_forms(self.options.note_style_verbs, irregular_forms)
        self.participle_only = set(self.options.participle_only)
        self.object_verbs = all_forms(self.options.object_verbs, irregular_forms)
        self.agents = {a.lower() for a in self.options.agents}
        self.before_to = set(self.options.adjectival_before_to)
        irregular = {
            f for lemma in self.options.note_style_verbs for f in irregular_forms.get(lemma, [])
        }
        past = {f for f in self.note_style_forms if f.endswith("ed")} | irregular
        self.note_style_forms &= past | self.participle_only  # past forms only
        openers = sorted(self.participle_only | past, key=len, reverse=True)
        only = "|".join(re.escape(w) for w in openers)
        self.note_style_re = re.compile(_NOTE_STYLE % (only or "(?!x)x"), re.IGNORECASE)
        self.participle_re = re.compile(rf"(?:\w+ed|{participles})", re.IGNORECASE)
        #: Participles never flagged whatever the parse: a sentence whose only ones are
        #: these (and with no verb that could be note style) need not be parsed.
        self.never = {w.lower() for w in self.adjectival | self.harm_verbs}
        self.styled = self.note_style_forms | self.participle_only
        self.shortcuts = True

    def candidate(self, sentence: str) -> bool:
        """A cheap test: could this sentence hold a passive? Only these are parsed."""
        if self.candidate_re.search(sentence) and (
            not self.shortcuts or self._flaggable_participle(sentence)
        ):
            return True
        match = self.note_style_re.match(sentence)
        if not match or not self.note_style_forms:
            return False
        first = sentence[: match.end()].split(":")[-1].split()
        opener = first[0].strip("-*•#").lower() if first else ""
        if opener in _OPENERS:
            return False
        if not self.shortcuts:
            return True
        words = [w.lower() for w in _WORD_RE.findall(sentence, 0, match.end() + 40)]
        verb = len(_WORD_RE.findall(sentence, 0, match.end())) - 1
        return _dropped_auxiliary(words, verb, self.styled)

    def _flaggable_participle(self, sentence: str) -> bool:
        """Is a participle that the rule may flag among the words after some be/get (before
        a new clause starts, and with no 'by' naming who acted), or a word that could be a
        note-style passive in the sentence's opening words?"""
        words = [w.lower() for w in _WORD_RE.findall(sentence)]
        opening = range(min(len(words), _OPENING_WORDS))
        if any(_dropped_auxiliary(words, k, self.styled) for k in opening):
            return True
        for be in _BE_GET_RE.finditer(sentence):
            after = _WORD_RE.findall(sentence, be.end(), be.end() + 160)[: _LOOKAHEAD_WORDS + 4]
            for k, word in enumerate(after[:_LOOKAHEAD_WORDS]):
                lower = word.lower()
                if lower in _CLAUSE_OPENERS:
                    break  # "was tearful when we talked": "talked" has its own subject
                if k and after[k - 1].lower() in _DETERMINERS:
                    continue  # "was a planned visit": an adjective before its noun
                if (
                    lower not in self.never
                    and self.participle_re.fullmatch(word)
                    and not self._agent_follows(after[k + 1 :])
                ):
                    return True
        return False

    def _agent_follows(self, words: list[str]) -> bool:
        """Do these words (after a participle) open with 'by' and someone who acted ('by
        her mum', 'by school'), as the parse would read it? 'By letter' names no one."""
        if words[:1] == ["by"] or words[1:2] == ["by"] and words[0].lower() in _SMALL_ADVERBS:
            rest = words[words.index("by") + 1 :]
            head = [w.lower() for w in rest if w.lower() not in _DETERMINERS][:2]
            return bool(head) and not any(w in self.non_agents for w in head)
        return False

    def wants_lemmas(self, doc: Any) -> bool:
        """Could a verb of ``doc`` be flagged? Only then are lemmas added (the checks before
        lemmas are read only ever rule a verb out; a possible note-style verb always gets
        them)."""
        return any(t.lower_ in self.styled or self._passive(t) is not None for t in doc)

    def check_parsed(self, analysis, index: int, doc: Any) -> Iterable[Finding]:
        """Findings in one parsed sentence (``index`` into ``analysis.sentences``)."""
        offset = analysis.sentences[index].start
        for verb in doc:
            first = self._passive(verb) or self._note_style(analysis, verb)
            if first is None:
                continue
            start, end = offset + first.idx, offset + verb.idx + len(verb.text)
            if not self.meta.in_quotes and (
                analysis.in_quote(start, end) or analysis.in_quote(offset + verb.idx, end)
            ):
                continue  # their own words: 'Bobby will be "made up"'
            if verb.lower_ in self.before_to and _to_noun(verb):
                continue  # "is used to the noise", "known to the police": a state
            lemma = verb.lemma_.lower()
            decision = lemma in self.decision_verbs or verb.lower_ in self.decision_forms
            severity = None if decision else self.incidental
            if judged_by_someone(verb):
                continue  # "I decided the threshold is met": who judged it is said
            template, rewritten, said, acted_on = passive_hints(
                doc, verb, analysis.child, _hint_names(analysis)
            )
            yield self.finding(
                analysis,
                start,
                end,
                severity=severity,
                template=template,
                sentence_rewrite=rewritten,
                verb=said,
                object=acted_on,
            )

    def _note_style(self, analysis, verb: Any) -> Any | None:
        """'Plan agreed.', 'Referral made to ...', 'Kody seen', 'Worker advised to continue':
        a passive whose auxiliary the writer dropped. The subject opens the sentence."""
        word = verb.lower_
        if word not in self.note_style_forms and word not in self.participle_only:
            return None
        fragment = verb.dep_ == "acl" and verb.head.dep_ in ("ROOT", "appos", "dep")
        if (
            fragment
            and verb.head.tag_.startswith("NN")
            and not any(c.dep_ == "nsubj" for c in verb.children)
        ):
            subject = verb.head  # "- CSE screening done with Shanice": a fragment
            if verb.tag_ != "VBN" or self._has_agent(verb, list(verb.children)):
                return None
            if not _opens(subject) or subject.i > verb.i or self._person(analysis, subject):
                return None
            return None if _negated(subject) else _first_word(subject)
        if verb.tag_ not in ("VBD", "VBN"):
            return None
        children = list(verb.children)  # any clause head whose subject opens the sentence
        deps = {c.dep_ for c in children}
        if deps & {"aux", "auxpass", "dobj", "ccomp", "agent", "attr", "acomp"}:
            return None
        if self._has_agent(verb, children):
            return None
        if word in self.adjectival and word not in self.participle_only:
            return None  # "done" is adjectival in "I'm done", not in "Check done"
        subjects = [c for c in children if c.dep_ == "nsubj"]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        if _negated(subject):
            return None  # "No concerns noted": a defensive stock phrase, not a hidden actor
        if not _opens(subject) or subject.i > verb.i:
            return None  # the subject must open the sentence ("- CSE referral sent")
        if word in self.participle_only:
            return _first_word(subject)  # "seen", "done", "given": never a simple past
        xcomp = [c for c in children if c.dep_ == "xcomp"]
        if word in self.object_verbs and xcomp:
            return _first_word(subject)  # "Worker advised to continue": advised whom?
        if self._person(analysis, subject):
            return None  # "Mum agreed." is active
        return _first_word(subject)

    def _person(self, analysis, subject: Any) -> bool:
        """Could this subject act: a pronoun, the child, a person or body that can agree?"""
        if subject.tag_ in ("PRP", "WP"):
            return True
        heads = [subject, *(c for c in subject.children if c.dep_ == "conj")]
        words = {t.lower_ for t in heads}
        if words & self.agents:
            return True
        child = (analysis.child or "").lower()
        if child and child in words:
            return True
        return subject.tag_ == "NNP" and subject.text in _names(analysis)

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
        if word in self.naming and following and _names_something(following[0]):
            return None  # "is called Sam", "is known as", "was named 'Bear'": naming
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
