"""An agentless passive clause rewritten in the active voice, with ``[who]`` for the actor.

"It was decided that Tom will stay with his aunt." becomes "[Who] decided that Tom will stay
with his aunt, because [why]." Only the flagged clause is rewritten (:func:`passive_template`);
:func:`passive_sentence` rewrites the whole sentence around it.
"""

from __future__ import annotations

import re
from typing import Any

from .inflect import past_tense, present_participle, third_person
from .text import cap_words, capitalise
from .words import vocabulary

#: The longest clause a hint repeats, in words; longer ones end in "…".
MAX_CLAUSE_WORDS = 18

_OBJECT_PRONOUN = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_RESULT_VERBS = frozenset(
    {
        "book", "arrange", "schedule", "plan", "allocate", "organise", "organize", "confirm",
        "complete", "close", "finish", "set", "fix", "place", "accommodate", "file", "send",
        "submit", "update", "cancel", "postpone",
    }
)  # fmt: skip
#: Nouns of note headings that the parser may read as verbs ("CIN plan to be updated").
_NOUN_LIKE = frozenset(
    {"plan", "review", "visit", "meeting", "report", "referral", "case", "contact", "letter"}
)
_BARE_AFTER = frozenset(
    {"will", "would", "can", "could", "shall", "should", "may", "might", "must", "to"}
)
_FULL_MODAL = {"wo": "will", "ca": "can", "sha": "shall"}
_SINGULAR = {"are": "is", "were": "was", "am": "is", "'re": "is", "’re": "is", "'m": "is"}
_STRANDED = frozenset({"to", "after", "for", "at", "with", "about", "on", "upon", "into", "of"})
_REASON_RE = re.compile(
    r"\b(?:because|due to|so that|as a result|given that|in order to|the reason)\b", re.I
)
_CLOSING = ('"', "”", "’", "'")
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubjpass", "csubj"})
_DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "WDT", "WP$", "CD", "POS"})
_IRREGULAR_PARTICIPLES = {"tell": "told", "meet": "met"}


def _participles(lemmas: frozenset[str]) -> frozenset[str]:
    """The past participles of these verbs ("inform" -> "informed", "tell" -> "told")."""
    return frozenset(
        _IRREGULAR_PARTICIPLES.get(v) or (v + "d" if v.endswith("e") else v + "ed") for v in lemmas
    )


def _is_verb(token: Any, lemmas: frozenset[str], participles: frozenset[str]) -> bool:
    """Is ``token`` one of these verbs? Note-style parses ("Threshold met") have no lemmas."""
    return token.lemma_.lower() in lemmas or token.lower_ in participles


#: Verbs whose object is always a person, the one told or asked ("Grace was informed", "wes
#: to be told"): their passive subject is someone, even a word the tagger reads as a noun.
_ADDRESSEE_VERBS = frozenset(
    {
        "inform", "tell", "advise", "notify", "ask", "remind", "warn", "reassure", "invite",
        "encourage", "urge", "instruct", "consult", "thank",
    }
)  # fmt: skip
_ADDRESSEE_FORMS = _participles(_ADDRESSEE_VERBS)
#: Passive auxiliaries that agree with a plural subject ("The family were informed").
_PLURAL_AUX = frozenset({"were", "are", "'re", "’re", "weren't", "aren't", "weren’t", "aren’t"})
#: Adjectives that need "the" before a singular noun ("next session", "last review").
_NEEDS_THE = frozenset({"next", "last", "first", "second", "third", "final", "following", "same"})
#: Verbs whose passive records a judgement or a state, not an act ("Threshold met", "no change
#: is needed"): the hidden actor is whoever judged it, so the hint asks who decided.
_JUDGEMENT_VERBS = frozenset({"meet", "need", "require"})
_JUDGEMENT_FORMS = _participles(_JUDGEMENT_VERBS)
#: Words for a person the people vocabulary does not hold.
_PEOPLE = frozenset(
    {
        "person", "people", "man", "woman", "men", "women", "boy", "girl", "baby", "adult",
        "teenager", "sibling", "siblings", "friend", "neighbour", "professional", "student",
    }
)  # fmt: skip


def passive_template(
    doc: Any,
    verb: Any,
    child: str | None = None,
    *,
    reason: bool = True,
    names: frozenset[str] = frozenset(),
) -> str:
    """The flagged passive clause made active, with a [Who] slot (at most MAX_CLAUSE_WORDS).

    "Contact was reviewed and mum was informed of the outcome." with the verb "informed"
    becomes "[Who] informed mum of the outcome, because [why]." ``names`` are the words the
    note capitalises away from a sentence start: they keep their capital.
    """
    return _PassiveClause(doc, verb, child, whole=False, reason=reason, names=names).rewrite()


def passive_sentence(doc: Any, verb: Any, child: str | None = None) -> str:
    """The whole sentence with the passive made active (the clause in its context)."""
    return _PassiveClause(doc, verb, child, whole=True).rewrite()


def passive_object(doc: Any, verb: Any, child: str | None = None) -> str:
    """Who or what the passive acted on, as the object of 'who ... ?': 'them', 'him', 'it', ''.

    "The carers were informed" -> "them"; "He was excluded" -> "him"; "Jayden was seen" ->
    "Jayden"; "It was decided that ..." -> "it"; no subject at all -> "".
    """
    return _object_of(_PassiveClause(doc, verb, None, whole=False), child)


def passive_hints(
    doc: Any, verb: Any, child: str | None = None, names: frozenset[str] = frozenset()
) -> tuple[str, str, str, str]:
    """:func:`passive_template`, :func:`passive_sentence` and :func:`passive_object` at once,
    from one reading of the clause (what a finding's hint needs), and the verb of the message
    ("informed"; "would move" for "being moved"; "decided" for a judgement, whose object is
    then the judgement: "who decided the threshold was met")."""
    clause = _PassiveClause(doc, verb, child, whole=False, names=names)
    template = clause.rewrite()
    clause.whole = True
    sentence = clause.rewrite()
    if clause.judgement():
        return template, sentence, "decided", clause.judged()
    acted_on = _object_of(clause, child)
    if clause.gerund():
        return template, sentence, f"would {verb.lemma_.lower()}", acted_on
    return template, sentence, past_tense(verb.text), acted_on


def judged_by_someone(verb: Any) -> bool:
    """Is this passive a judgement ("is needed", "was met") said to be someone's: the
    that-clause of a verb with a subject ("The team manager decided the threshold was met")?"""
    if not _is_verb(verb, _JUDGEMENT_VERBS, _JUDGEMENT_FORMS) or verb.dep_ != "ccomp":
        return False
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].lower_ not in ("it", "this", "that", "there")


def _object_of(clause: _PassiveClause, child: str | None) -> str:
    """The passive's subject as the object of the message's verb, agreeing with it: a name
    stays a name, a pronoun becomes its object form, a plural (by its noun or by its verb:
    "The family were informed") or a person of unknown sex is "them", a thing is "it"."""
    doc, verb = clause.doc, clause.verb
    subject = clause.subject
    if subject is None:
        return ""
    if clause._expletive():
        return "it"  # "It was decided that ..." -> "who decided it"
    head = subject.root
    if clause._relative():
        head = verb.head if verb.dep_ == "relcl" else head
    low = head.lower_
    vocab = vocabulary()
    if vocab.is_child_label(subject.text):
        return child or "the child"
    if head.tag_ == "PRP" and low in _OBJECT_PRONOUN:
        return _OBJECT_PRONOUN[low]
    if low in ("it", "you", "me", "us", "them", "him", "her"):
        return low
    if any(t.dep_ == "conj" for t in subject) or head.tag_ in ("NNS", "NNPS"):
        return "them"
    if clause.plural_verb() and low not in _RELATIVE:
        return "them"  # "The family were informed", "School have been told"
    if clause.named():
        return head.text  # "Grace was informed", "wes to be told": the word as written
    proper = head.tag_ in ("NNP", "NNPS") and not clause.fragment_word()
    if proper or low in vocab.kin:
        words = [t.text for t in doc[head.left_edge.i : head.i + 1]]
        if words[0].lower() in ("the", "his", "her", "their", "my", "our", "your"):
            words[0] = words[0].lower()  # "The IRO was informed" -> "who informed the IRO"
        text = " ".join(words)
        return capitalise(text) if low in vocab.kin and text == head.text else text
    if _person_word(low) or (
        _is_verb(verb, _ADDRESSEE_VERBS, _ADDRESSEE_FORMS)
        and low not in _RELATIVE
        and low != "this"
    ):
        return "them"  # "the school nurse has been informed": a person, sex unknown
    return "it"


def _person_word(low: str) -> bool:
    """Is this noun (lower case) a word for a person or a group of people?"""
    vocab = vocabulary()
    singular = low[:-1] if low.endswith("s") else low
    return (
        low in vocab.groups
        or low in vocab.helpers
        or singular in vocab.helpers
        or low in vocab.child_labels
        or low in _PEOPLE
        or singular in vocab.kin
    )


def _shares_the_passive(conj: Any) -> bool:
    """Is this verb joined by 'and' a second participle of the same passive ("seen and
    spoken to")? Not with a subject or auxiliary of its own, nor a verb that has no passive
    ("He was told and cried": he cried)."""
    if conj.tag_ != "VBN" or any(c.dep_.startswith(("nsubj", "aux")) for c in conj.children):
        return False
    intransitive = vocabulary().intransitive
    return conj.lemma_.lower() not in intransitive and conj.lower_ not in intransitive


class _PassiveClause:
    """The parts of a passive clause: subject, auxiliaries, adverbs, verb and the rest."""

    def __init__(
        self,
        doc: Any,
        verb: Any,
        child: str | None = None,
        whole: bool = True,
        reason: bool = True,
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.doc, self.verb, self.child, self.whole, self.reason = doc, verb, child, whole, reason
        self.names = names
        self.opening = 0  # where the words before the clause start, in a whole rewrite
        children = list(verb.children)
        self.group = [c for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        self.control: Any = None  # "Tom needs to be seen": the verb "needs"
        self.compound = False  # a heading's noun pair ("CIN plan to be updated")
        self.borrowed = False  # the subject is another verb's ("Tom was upset and was sent")
        self.subject = self._subject(children)
        self.negated = any(t.lower_ in ("not", "n't", "n’t") for t in self.group)
        self.auxes = [t for t in self.group if t.dep_ != "neg"]
        self.text = doc.text  # built once: a Doc makes its text afresh on every call
        self.question = self.text.rstrip().endswith("?") and self._inverted()

    def _subject(self, children: list[Any]) -> Any | None:
        verb = self.verb
        subjects = [c for c in children if c.dep_ in ("nsubjpass", "nsubj")]
        if subjects:  # "Mum and I were told": both can hang from the verb
            first = min(s.left_edge.i for s in subjects)
            return self.doc[first : max(s.right_edge.i for s in subjects) + 1]
        if self.gerund() and verb.dep_ != "acl":  # "Is the plan being reviewed?": see below
            return self._gerund_subject()
        head = verb.head
        if verb.dep_ == "conj" and head.i < verb.i:
            shared = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if shared:  # "the child is upset and has been sent out": the same subject
                first = shared[0]
                self.borrowed = True
                return self.doc[first.left_edge.i : first.right_edge.i + 1]
        if verb.dep_ == "xcomp" and head.i != verb.i:
            found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (
                found is not None
                and head.i == found.right_edge.i + 1
                and head.lower_ in _NOUN_LIKE
                and head.tag_.startswith("VB")
            ):  # "CIN plan to be updated": the noun "plan" misread as a verb
                self.compound = True
                return self.doc[found.left_edge.i : head.i + 1]
            if found is not None:
                self.control = head
                return self.doc[found.left_edge.i : found.right_edge.i + 1]
        if verb.dep_ == "acl" and head.i < verb.i:
            root = head.head
            if root.lemma_ in ("be", "have") and root.i < head.left_edge.i:
                self.group.insert(0, root)  # "Is the plan being reviewed?"
            return self.doc[head.left_edge.i : verb.left_edge.i]
        first = min([t.i for t in self.group] + [verb.i])
        before = self.doc[first - 1] if first > 0 else None
        if (
            before is not None
            and before.pos_ in ("NOUN", "PROPN", "PRON")
            and before.dep_ != "poss"
        ):
            return self.doc[min(before.left_edge.i, before.i) : before.i + 1]  # a loose parse
        return None

    def gerund(self) -> bool:
        """A passive with no finite verb: "being moved", "homework not being handed in"."""
        auxes = [t for t in self.group if t.dep_ != "neg"]
        return bool(auxes) and auxes[0].lower_ in ("being", "getting")

    def _gerund_subject(self) -> Any | None:
        """Who or what a gerund passive acts on: the noun just before it ("homework not being
        handed in"), else the subject of the clause it belongs to ("Jayden thinks about being
        moved": Jayden, who is not part of the rewritten words)."""
        doc = self.doc
        first = min(t.i for t in self.group)
        before = doc[first - 1] if first > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and before.dep_ != "poss":
            return doc[before.left_edge.i : before.i + 1]
        token = self.verb
        for _ in range(6):
            if token.head.i == token.i:
                break
            token = token.head
            found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if found:
                self.borrowed = True
                return doc[found[0].left_edge.i : found[0].right_edge.i + 1]
        return None

    def _governing_start(self) -> int:
        """Where the clause that holds a gerund passive starts ("although concerns were raised
        regarding homework not being handed in": at "concerns")."""
        token = self.verb
        for _ in range(6):
            if token.head.i == token.i:
                break
            token = token.head
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                break
        start = token.left_edge.i
        while start < token.i and self.doc[start].dep_ in ("mark", "cc", "punct", "advmod"):
            start += 1
        return start

    def plural_verb(self) -> bool:
        """Does the passive's auxiliary agree with a plural subject ("were", "have been")?"""
        return any(
            t.lower_ in _PLURAL_AUX or (t.lemma_ == "have" and t.tag_ == "VBP") for t in self.group
        )

    def _bare_word(self) -> Any | None:
        """The subject's one word, when it has no determiner and is no pronoun."""
        subject = self.subject
        if subject is None:
            return None
        words = [t for t in subject if not t.is_punct]
        if len(words) != 1 or words[0].tag_ in _DETERMINER_TAGS or words[0].tag_ == "PRP":
            return None
        return words[0]

    def named(self) -> bool:
        """Is the subject a lone word that names someone: capitalised elsewhere in the note,
        or the one told or asked ("Grace was informed", "wes to be told")?"""
        word = self._bare_word()
        if word is None or self._relative():
            return False
        low = word.lower_
        vocab = vocabulary()
        if low in vocab.not_people or low in vocab.kin or _person_word(low):
            return False
        if word.text in self.names or (self.child and word.text == self.child):
            return True
        addressed = _is_verb(self.verb, _ADDRESSEE_VERBS, _ADDRESSEE_FORMS)
        return addressed and not word.tag_.startswith("V")

    def fragment_word(self) -> bool:
        """A lone capitalised word opening a note-style fragment ("Referral made", "Medical
        completed"): the tagger calls any such word a name, so it is one only on the note's
        own evidence (:meth:`named`)."""
        word = self._bare_word()
        return (
            word is not None
            and not self.auxes
            and word.tag_ in ("NNP", "NNPS")
            and not _letters_before(self.doc, word.i)
            and not self.named()
        )

    def _a_person(self) -> bool:
        """Is the subject someone (a name, a pronoun, a family or role word)?"""
        if self.subject is None:
            return False
        head = self.subject.root
        low = head.lower_
        return (
            self.named()
            or head.tag_ == "PRP"
            or head.text in self.names
            or low in vocabulary().kin
            or _person_word(low)
        )

    def judgement(self) -> bool:
        """A judgement or state recorded as a passive of a thing ("Threshold met", "no change
        is needed", "the threshold is met"), with no modal or "to" (then it is an act to do:
        "her needs can be met")."""
        if not _is_verb(self.verb, _JUDGEMENT_VERBS, _JUDGEMENT_FORMS) or self.subject is None:
            return False
        if self._expletive() or self._relative() or self.gerund() or self.control is not None:
            return False
        if any(t.lemma_ not in ("be", "have") or t.lower_ == "being" for t in self.auxes):
            return False  # "her needs are being met": someone is meeting them
        return not self._a_person()

    def judged(self) -> str:
        """The judgement as a clause: "the threshold was met", "no change is needed"."""
        obj = self._object()
        if self._bare_noun() or (self._bare_word() is not None and not self.auxes):
            obj = f"the {obj[:1].lower() + obj[1:] if not obj.isupper() else obj}"
        be = [t.lower_ for t in self.auxes] or ["was"]
        neg = ["not"] if self.negated else []
        return _join([obj, be[0], *neg, *be[1:], self.verb.lower_])

    def _inverted(self) -> bool:
        return bool(
            self.auxes and self.subject is not None and self.auxes[0].i < self.subject.start
        )

    # -- pieces -----------------------------------------------------------------------------
    def _expletive(self) -> bool:
        """'It' with a that- or to-clause ("It was agreed that ...") is dropped."""
        subject = self.subject
        return (
            subject is not None
            and len(subject) == 1
            and subject[0].lower_ == "it"
            and any(c.dep_ in _CLAUSE_DEPS for c in self.verb.children)
        )

    def _relative(self) -> bool:
        subject = self.subject
        return subject is not None and len(subject) == 1 and subject[0].lower_ in _RELATIVE

    def _object(self) -> str:
        """The passive subject as the object of the active verb."""
        subject = self.subject
        if subject is None:
            return ""
        words = []
        tokens = list(subject)
        while len(tokens) > 1 and tokens[0].is_punct:
            tokens.pop(0)  # a bullet: "- MACE referral sent"
        colon = [k for k, t in enumerate(tokens[:-1]) if t.text == ":"]
        if colon:
            tokens = tokens[colon[-1] + 1 :]  # a label: "Decision: case to be closed"
        named = self.named()
        for token in tokens:
            word = token.text
            if token.tag_ == "PRP" and token.lower_ in _OBJECT_PRONOUN:
                word = _OBJECT_PRONOUN[token.lower_]
            elif token.i == tokens[0].i and token.tag_ == "DT" and token.text != "I":
                word = token.lower_  # "A referral to FIP to be made" -> "make a referral"
            elif (
                token.i == tokens[0].i
                and not named
                and token.text not in self.names
                and not _letters_before(self.doc, token.i)
            ):
                word = _lower_first(token)
            words.append(word + token.whitespace_)
        text = "".join(words).strip()
        if self.child and vocabulary().is_child_label(text):
            return self.child
        return text

    def _verb_group(self) -> tuple[list[str], str]:
        """Active auxiliaries (for a singular [Who]) and the form of the main verb to use."""
        passive = next(
            (t for t in reversed(self.auxes) if t.lemma_ in ("be", "get", "getting") or _pos(t)),
            None,
        )
        words = _aux_words(self.auxes)[: self.auxes.index(passive) if passive is not None else None]
        word = passive.lower_ if passive is not None else ""
        if word in ("being", "getting"):
            return words, "ing"  # no auxiliary: "homework not being handed in"
        if word in ("been", "gotten") or (word in ("got", "'s", "’s") and words):
            return (words or ["has"]), "participle"
        if words == ["to"] and self.control is None:
            return ["will"], "lemma"  # "Case to be closed." -> "[Who] will close the case"
        if words:
            return words, "lemma"
        if passive is not None and (passive.tag_ in ("VBZ", "VBP") or word in ("is", "are", "am")):
            if self.verb.lemma_.lower() in _RESULT_VERBS:
                return ["has"], "participle"  # "The review is booked" -> "[Who] has booked"
            return [], "present"
        return [], "past"

    def _form(self, token: Any, form: str) -> str:
        lemma = token.lemma_.lower()
        if form == "ing":
            return present_participle(lemma)
        if form == "participle":
            return token.lower_
        if form == "lemma":
            return lemma
        if form == "present":
            return third_person(lemma)
        return past_tense(token.text)

    def _adverbs(self, start: int) -> list[Any]:
        """Adverbs between the start of the clause and the verb ('quickly', 'never', 'yet')."""
        skip = {t.i for t in self.group if t.lower_ in ("not", "n't", "n’t") or t.dep_ != "neg"}
        if self.subject is not None:
            skip.update(range(self.subject.start, self.subject.end))
        if self.control is not None:  # "does not yet appear to": said by the control verb
            skip.update(range(self.subject.end if self.subject else self.control.i, self.verb.i))
        return [t for t in self.doc[start : self.verb.i] if t.i not in skip and not t.is_punct]

    def _tail(self) -> tuple[list[str], int]:
        """Coordinated participles ('assessed and moved') and stranded prepositions ('to')."""
        doc, verb = self.doc, self.verb
        extra: list[Any] = []
        index = verb.i + 1
        if (
            index < len(doc)
            and doc[index].dep_ == "prt"
            and doc[index].head.i == verb.i
            and self.subject is not None
            and not all(t.tag_ in ("PRP", "NNP", "NNPS") for t in self.subject)
        ):  # "Home visit carried out" -> "[who] carried out the home visit" ("picked Tom up")
            extra = [doc[index]]
            index += 1
        if (
            index + 1 < len(doc)
            and doc[index].dep_ == "cc"
            and doc[index + 1].dep_ == "conj"
            and doc[index + 1].head.i == verb.i
            and _shares_the_passive(doc[index + 1])
        ):
            extra += [doc[index], doc[index + 1]]
            index += 2
        stranded: list[str] = []
        if index < len(doc) and doc[index].lower_ in _STRANDED:
            following = doc[index + 1] if index + 1 < len(doc) else None
            has_object = any(c.dep_ == "pobj" for c in doc[index].children)
            loose = following is None or following.is_punct  # pos_ is unset in fragments
            if not has_object and (loose or following.pos_ == "ADV" or following.tag_ == "RB"):
                stranded = [doc[index].lower_]
                index += 1
        return [*(t.text for t in extra), *stranded], index

    # -- assembly ---------------------------------------------------------------------------
    def rewrite(self) -> str:
        if not self.whole and self.gerund():
            # "being moved" has no finite verb of its own: the sentence around it is the clause
            self.whole, self.opening = True, self._governing_start()
            try:
                text = self.rewrite()
            finally:
                self.whole, self.opening = False, 0
            capped = cap_words(text, MAX_CLAUSE_WORDS + 4)
            return capped if capped == text else capped + ("?" if self.question else "")
        if self.judgement():
            return self._judgement_rewrite()
        doc, verb = self.doc, self.verb
        starts = [t.i for t in self.group]
        if self.subject is not None and not self.borrowed:
            starts.append(self.subject.start)
        start = min([*starts, verb.i])
        relative = self._relative()
        prefix_end = self.subject.end if relative and self.subject is not None else start
        prefix = doc[self.opening : prefix_end].text if self.whole else ""
        if prefix and relative and self.subject is not None and self.subject[0].lower_ == "who":
            prefix = prefix[: -len("who")] + "whom"
        auxes, form = self._verb_group()
        tail, rest_start = self._tail()
        main = [self._form(verb, "lemma" if self._do_support(auxes, form) else form)]
        if tail and len(tail) >= 2 and doc[verb.i + 1].dep_ == "cc":
            conj = doc[verb.i + 2]
            main = [
                *main,
                tail[0],
                self._form(conj, "lemma" if self._do_support(auxes, form) else form),
            ]
            tail = tail[2:]
        main += tail
        adverbs = [t.text for t in self._adverbs(start)]
        group = self._arrange(auxes, form, adverbs, main)
        middle: list[str] = []
        if self.control is not None and self.subject is not None:
            middle = _singular_words(
                doc[self.subject.end : self.auxes[0].i if self.auxes else verb.i]
            )
        obj = "" if (self._expletive() or relative) else self._object()
        if relative and not self.whole:
            obj = self._antecedent()  # "the plan which was agreed" -> "[who] agreed the plan"
            if not obj and self.subject is not None and self.subject[0].lower_ == "which":
                obj = "this"  # "The PEP is overdue, which has been flagged": the clause before
        if self._needs_the(auxes):
            obj = f"the {obj}"  # "Case to be closed." -> "... close the case"
        end = self._clause_end()
        rest = _strip_end(doc[rest_start:end].text) if rest_start < end else ""
        if self.whole and rest:
            rest = self._restore_shared_subject(rest_start, end, rest)
        if self.question:
            first, *others = group
            clause = [prefix, first, "[who]", *others, obj, rest]
        else:
            clause = [prefix, "[who]", *middle, *group, obj, rest]
        text = capitalise(_join(clause))
        if not self.whole:
            capped = cap_words(text, MAX_CLAUSE_WORDS)
            if capped != text:
                return capped + ("?" if self.question else "")
        return text + self._ending(text)

    def _judgement_rewrite(self) -> str:
        """ "Threshold met for section 47." -> "[Who] decided the threshold was met for section
        47, because [why]." """
        doc, verb = self.doc, self.verb
        start = min([t.i for t in self.group] + [verb.i])
        if self.subject is not None:
            start = min(start, self.subject.start)
        prefix = doc[:start].text if self.whole else ""
        rest_start = verb.i + 1
        end = self._clause_end()
        rest = _strip_end(doc[rest_start:end].text) if rest_start < end else ""
        text = capitalise(_join([prefix, "[who] decided", self.judged(), rest]))
        if not self.whole:
            capped = cap_words(text, MAX_CLAUSE_WORDS)
            if capped != text:
                return capped
        return text + self._ending(text)

    def _needs_the(self, auxes: list[str]) -> bool:
        """Does the active object need "the" the note left out ("Case to be closed", "Plan
        agreed", "Next session was booked")? Never before a name or a word the parse could
        not place that may be one ("wes to be told")."""
        if self.named():
            return False
        if (auxes == ["will"] and self._headline()) or self._bare_noun():
            return True
        if self.fragment_word() and not self._expletive():
            return True  # "Referral made to ..." -> "[who] made the referral to ..."
        subject = self.subject
        if subject is None or self._expletive() or self._relative():
            return False
        words = [t for t in subject if not t.is_punct]
        return (
            len(words) > 1
            and words[0].lower_ in _NEEDS_THE
            and words[0].tag_ == "JJ"
            and subject.root.tag_ == "NN"
        )  # "Next session was booked" -> "[who] booked the next session"

    def _restore_shared_subject(self, rest_start: int, end: int, rest: str) -> str:
        """ "Jayden was seen and appeared well": the second verb keeps its subject when the
        first becomes active ("[who] saw Jayden, and Jayden appeared well")."""
        doc, subject = self.doc, self.subject
        if subject is None or self.borrowed or self._expletive() or self._relative():
            return rest
        for conj in self.verb.children:
            if conj.dep_ != "conj" or conj.i < rest_start or conj.i >= end:
                continue
            if _shares_the_passive(conj) or any(c.dep_.startswith("nsubj") for c in conj.children):
                continue
            cc = next((c for c in self.verb.children if c.dep_ == "cc" and c.i < conj.i), None)
            if cc is None or cc.i < rest_start:
                continue
            before = doc[rest_start : cc.i].text.strip()
            after = _strip_end(doc[cc.i + 1 : end].text)
            words = subject.text if subject.root.tag_ != "PRP" else subject.root.lower_
            if subject[0].tag_ not in ("NNP", "NNPS", "PRP") and subject[0].text != "I":
                words = words[:1].lower() + words[1:]
            return (
                _join([before + ",", cc.text, words, after])
                if before
                else _join([",", cc.text, words, after])
            )
        return rest

    def _clause_end(self) -> int:
        """Where the flagged clause ends: clauses joined to it by 'and' or ';' are left out."""
        verb = self.verb
        if self.whole:
            return len(self.doc)
        end = verb.i + 1
        for child in verb.children:
            if child.i < verb.i or child.dep_ in ("punct", "parataxis", "cc"):
                continue
            if child.dep_ == "conj" and not _shares_the_passive(child) and not _nested(child):
                continue  # another clause with its own subject or verb group
            end = max(end, child.right_edge.i + 1)
        while end - 1 > verb.i and (
            self.doc[end - 1].dep_ in ("cc", "punct") or self.doc[end - 1].lower_ in ("and", "or")
        ):
            end -= 1  # "found to be adequate and [mum has ...]": the "and" goes too
        return end

    def _antecedent(self) -> str:
        """The noun a relative clause hangs from ('the plan' in 'the plan which was agreed')."""
        head = self.verb.head
        if self.verb.dep_ != "relcl" or head.i >= self.verb.i:
            return ""
        span = self.doc[head.left_edge.i : head.i + 1]
        first = span[0]
        words = [_lower_first(first) if not _letters_before(self.doc, first.i) else first.text]
        return "".join([words[0] + first.whitespace_, *(t.text_with_ws for t in span[1:])]).strip()

    def _headline(self) -> bool:
        """A bare noun before 'to be' ("Case to be closed"), as in a heading or a list."""
        subject = self.subject
        return (
            subject is not None
            and (self.compound or _bare_phrase(subject))
            and any(t.lower_ == "to" for t in self.auxes)
        )

    def _bare_noun(self) -> bool:
        """A singular common noun with no determiner and no auxiliary, as notes write ("Plan
        agreed", "Case discussed in supervision"): the active object takes "the". With an
        auxiliary ("Contact with dad was cancelled") the bare noun is the writer's own."""
        subject = self.subject
        if subject is None or self.auxes or self.compound or self._expletive():
            return False
        if self._relative():
            return False
        return _bare_phrase(subject)

    def _do_support(self, auxes: list[str], form: str) -> bool:
        return not auxes and form in ("present", "past") and (self.negated or self.question)

    def _arrange(
        self, auxes: list[str], form: str, adverbs: list[str], main: list[str]
    ) -> list[str]:
        """Put auxiliaries, 'not', adverbs and the verb in order."""
        words = list(auxes)
        if self._do_support(auxes, form):
            words = ["does" if form == "present" else "did"]
        if not words:
            return [*(["not"] if self.negated else []), *adverbs, *main]
        first, others = words[0], words[1:]
        if self.negated:
            if first == "can":
                first = "cannot"
            else:
                others = ["not", *others]
        return [first, *adverbs, *others, *main] if not self.question else [first, *others, *main]

    def _ending(self, text: str) -> str:
        if self.question:
            return "?"
        if not self.reason:
            return ""
        if _REASON_RE.search(self.text):
            return "."
        if text.endswith(_CLOSING) and text[:-1].endswith((".", "!", "?")):
            return " This was because [why]."
        return ", because [why]."


def _nested(verb: Any) -> bool:
    """A gerund passive the parse joined to the clause with no "and" ("regarding homework not
    being handed in"): words of the clause, not a clause of its own."""
    group = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    auxes = [t for t in group if t.dep_ != "neg"]
    if not auxes or auxes[0].lower_ not in ("being", "getting"):
        return False
    first = min(t.i for t in group)
    return first > 0 and verb.doc[first - 1].pos_ in ("NOUN", "PROPN", "PRON")


def _bare_phrase(subject: Any) -> bool:
    """A singular common noun with no determiner ("case", "CP plan", "Family Support Hub
    referral"): names may modify it ("CIN meeting"), but not be it ("Kody")."""
    words = [t for t in subject if not t.is_punct]
    if not words or subject.root.tag_ != "NN" or words[0].tag_ in _DETERMINER_TAGS:
        return False
    if any(t.dep_ in ("poss", "det", "nummod") or t.tag_ in ("PRP", "CD") for t in words):
        return False
    root = subject.root
    return all(
        t.i == root.i or t.tag_ not in ("NNP", "NNPS") or t.dep_ == "compound" for t in words
    ) and not any(t.tag_ in ("NNP", "NNPS") and t.i > root.i for t in words)


def _pos(token: Any) -> bool:
    """A passive auxiliary the lemmatiser missed ("Tom's been told": 's)."""
    return token.dep_ == "auxpass" and token.lower_ in ("'s", "’s")


def _aux_words(tokens: list[Any]) -> list[str]:
    """Auxiliary words spelled out and agreeing with a singular [Who]."""
    words: list[str] = []
    for index, token in enumerate(tokens):
        word = _FULL_MODAL.get(token.lower_, token.lower_)
        if word in ("'s", "’s"):
            following = tokens[index + 1].lower_ if index + 1 < len(tokens) else ""
            word = "has" if following in ("been", "got", "gotten") else "is"
        elif word in ("'ve", "’ve"):
            word = "have"
        if not words or words[-1] not in _BARE_AFTER:
            word = _SINGULAR.get(word, word)
            if word == "have" and token.tag_ != "VB":
                word = "has"
        words.append(word)
    return words


def _singular_words(span: Any) -> list[str]:
    """The control verb ('need', 'are') made to agree with a singular [Who]."""
    words = []
    for index, token in enumerate(span):
        word = token.text
        if index == 0 and token.tag_ == "VBP":
            word = _SINGULAR.get(token.lower_) or third_person(token.lemma_)
        elif index == 0 and token.lower_ in _SINGULAR:
            word = _SINGULAR[token.lower_]
        words.append(word)
    return words


def _letters_before(doc: Any, index: int) -> bool:
    return any(t.text[:1].isalnum() for t in doc[:index])


def _lower_first(token: Any) -> str:
    """Lower-case a sentence-initial word unless it is a name, 'I', 'Mum' or an acronym."""
    text = token.text
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if text != "I" and text.lower() in vocabulary().not_people:
        return text[:1].lower() + text[1:]  # "School were informed" -> "informed school"
    if (
        token.pos_ == "PROPN"
        or (token.tag_ == "NNP" and following is not None and following.text[:1].isupper())
        or text == "I"
        or text.lower() in vocabulary().kin
        or (len(text) > 1 and text.isupper())
    ):
        return text
    return text[:1].lower() + text[1:]


def _strip_end(text: str) -> str:
    """Drop the full stop; a closing quotation mark and what it holds stay as they are."""
    text = text.strip()
    return text if text.endswith(_CLOSING) else text.rstrip(" .!?;:,")


def _join(pieces: list[str]) -> str:
    text = " ".join(p for p in (p.strip() for p in pieces) if p)
    return re.sub(r"\s+([,;:])", r"\1", text)
