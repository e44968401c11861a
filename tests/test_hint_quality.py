"""Hint quality, measured on every shipped corpus and example note.

- No message, hint, ``explain`` text or SARIF rule help shows a raw ``{field}``.
- Every capitalised name in a hint occurs in its note (as a whole word), or is the child's
  name given; a family word ("Mum") in a hint is one the note uses.
- A passive's message says "it" only of a thing: never of a person or a plural.
- Passive and rationale hints, completed and checked again by recordlint, no longer have the
  finding they were written to fix.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED
from recordlint.checks.packs import load_rule_specs
from recordlint.config import Config
from recordlint.docs import all_rules, explain_rule
from recordlint.engine import Linter
from recordlint.hints.words import vocabulary
from recordlint.model import Note, NoteResult
from recordlint.reporters import ReportContext, get_reporter

SHARED_CORPORA = sorted((SHARED / "corpus").glob("*.jsonl")) if (SHARED / "corpus").is_dir() else []
#: The project's own labelled notes are read too, so the tests have material without ../shared.
CORPORA = [*SHARED_CORPORA, *sorted((Path(__file__).parent / "data").glob("*.jsonl"))]
FIELD_RE = re.compile(r"\{\s*[A-Za-z_]\w*\s*\}")
# A capitalised word (or hyphenated pair) outside [brackets].
WORD_RE = re.compile(r"(?<![\w'’\-])[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?![\w'’\-]*\])")
BRACKETS_RE = re.compile(r"\[[^\]]*\]")
# The start of a sentence of a template, or of a quoted example in it ('e.g. "When ...').
SENTENCE_START_RE = re.compile(r"(?:^|[.?!:;]\s+|[\"“]\s*)([A-Z][a-z]+)")
#: Pronouns that may open a quoted example, and days and months: never names.
QUOTE_OPENERS = {"I", "We", "She", "He", "They"}
CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}  # fmt: skip
#: A word quoted on its own is a word being talked about ('"Abscond" is prison language').
QUOTED_WORD_RE = re.compile(r'"[A-Za-z][\w\-]*"')


def _example_notes() -> list[Note]:
    notes = []
    for path in sorted(EXAMPLES.rglob("*.txt")):
        notes.append(Note(text=path.read_text(encoding="utf-8"), path=str(path)))
    return notes


def _corpus_notes() -> list[Note]:
    notes = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            notes.append(
                Note(text=data["text"], id=data["id"], type=data.get("type"), child=data["child"])
            )
    return notes


@cache
def _results() -> list[NoteResult]:
    """Every note, checked with every rule (opt-in ones too)."""
    linter = Linter(Config(select=["ALL"]))
    return list(linter.lint_many([*_example_notes(), *_corpus_notes()]))


@cache
def _ordinary_words() -> frozenset[str]:
    """Capitalised words a hint may hold that are not people: its own sentence openers, family
    words, and the words of acronyms spelled out."""
    words = set(QUOTE_OPENERS) | CALENDAR
    words |= set(vocabulary().titles)
    for meta, options in load_rule_specs():
        templates = [meta.hint, meta.message]
        for entry in options.get("terms", ()) or ():
            templates += [entry.get("hint") or "", entry.get("message") or ""]
        for template in templates:
            words |= set(SENTENCE_START_RE.findall(BRACKETS_RE.sub("", template)))
        expansions = dict(options.get("expansions", {}) or {})
        for meanings in (options.get("ambiguous", {}) or {}).values():
            expansions.update({m: m for m in meanings})
        for expansion in expansions.values():
            words |= set(WORD_RE.findall(expansion))
    return frozenset(words)


def _names(hint: str) -> list[str]:
    ordinary = _ordinary_words()
    text = QUOTED_WORD_RE.sub(" ", BRACKETS_RE.sub(" ", hint))
    return [w for w in WORD_RE.findall(text) if w not in ordinary]


def test_the_corpora_and_examples_are_read():
    results = _results()
    assert len(results) >= len(_example_notes())
    if SHARED_CORPORA:
        assert len(results) >= 200
    assert sum(len(r.findings) for r in results) > (500 if SHARED_CORPORA else 150)


def test_no_raw_field_in_any_message_hint_or_rewrite():
    for result in _results():
        for f in result.findings:
            for text in (f.message, f.hint, f.sentence_rewrite or ""):
                assert not FIELD_RE.search(text), (result.note.label, f.rule, text)


def _has_word(word: str, text: str, *, ignore_case: bool = False) -> bool:
    """Does ``word`` occur in ``text`` as a whole word ("Sam" is not in "Samira")?"""
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", text, flags) is not None


def _name_is_in_note(name: str, hint: str, note: Note) -> bool:
    if name == note.child or _has_word(name, note.text):
        return True
    if name.lower() in vocabulary().kin:  # "Mum" as a name: the note must speak of her
        return _has_word(name, note.text, ignore_case=True)
    # The first word of a quoted rewrite is capitalised: "spoke to ..." -> "Spoke".
    opens_quote = re.search(rf'["“]{re.escape(name)}(?![\w\-])', hint) is not None
    return opens_quote and _has_word(name.lower(), note.text)


def test_every_name_in_a_hint_is_in_its_note():
    checked = 0
    for result in _results():
        note = result.note
        for f in result.findings:
            for name in _names(f.hint):
                assert _name_is_in_note(name, f.hint, note), (note.label, f.rule, name, f.hint)
                checked += 1
    assert checked > 100  # the check sees names: the note's children and people


def test_the_name_check_matches_whole_words():
    note = Note(text="Samira said she likes school. Mum was there.")
    assert not _name_is_in_note("Sam", 'e.g. "Sam said"', note)
    assert _name_is_in_note("Samira", 'e.g. "Samira said"', note)
    assert _name_is_in_note("Mum", 'e.g. "When I asked Mum"', note)
    assert not _name_is_in_note("Dad", 'e.g. "When I asked Dad"', note)
    assert not _name_is_in_note("When", 'e.g. "When Samira"', Note(text="Samira came."))
    assert _name_is_in_note("Spoke", 'e.g. "Spoke to Samira"', Note(text="spoke to Samira"))


#: "who <verb> it." at the end of a passive's message.
IT_RE = re.compile(r"does not say who [\w ]+ it\.$")
_PLURAL_AUX = {"were", "are", "have", "'re", "’re", "weren't", "aren't", "haven't"}


def _person_or_plural(doc, verb, note: Note) -> str | None:
    """Why the subject of the passive ``verb`` is a person or plural (None: it is not)."""
    vocab = vocabulary()
    subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if subjects and subjects[0].lower_ in ("it", "this", "that", "which", "what"):
        return None
    if any(a in _PLURAL_AUX for a in auxes):
        return f"plural verb {auxes}"
    if not subjects:
        return None
    head = subjects[0]
    low = head.lower_
    if head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children):
        return "plural subject"
    people = set(vocab.kin) | set(vocab.groups) | vocab.helpers | vocab.child_labels
    if low in people or low in ("he", "she", "they", "i", "we", "you"):
        return f"person word {low!r}"
    if note.child and head.text == note.child:
        return "the child's name"
    return None


def test_a_passive_message_says_it_only_of_a_thing():
    """ "The family were informed" -> "who informed them", never "who informed it"."""
    from recordlint.nlp import load_parser

    nlp = load_parser()
    checked = 0
    for result in _results():
        note = result.note
        for f in result.findings:
            if f.rule != "RL320" or not IT_RE.search(f.message):
                continue
            low = max(note.text.rfind(c, 0, f.start) for c in ".!?\n") + 1
            high = min(
                [i for i in (note.text.find(c, f.end) for c in ".!?\n") if i >= 0]
                or [len(note.text)]
            )
            doc = nlp(note.text[low : high + 1])
            verb_end = f.end - low
            verbs = [t for t in doc if t.idx < verb_end <= t.idx + len(t.text)]
            if not verbs:
                continue
            why = _person_or_plural(doc, verbs[0], note)
            assert why is None, (note.label, f.excerpt, f.message, why)
            checked += 1
    assert checked >= (40 if SHARED_CORPORA else 10)


def test_the_message_check_sees_people_and_plurals():
    from recordlint.nlp import load_parser

    nlp = load_parser()
    for text, word, person in [
        ("The family were informed by letter.", "informed", True),
        ("The school nurse has been informed.", "informed", True),
        ("Mum was told.", "told", True),
        ("The report was sent to school.", "sent", False),
        ("It was decided that Tom stays.", "decided", False),
    ]:
        doc = nlp(text)
        verb = next(t for t in doc if t.text == word)
        assert (_person_or_plural(doc, verb, Note(text=text)) is not None) is person, text


def _templates() -> list[tuple[str, str]]:
    """(rule code, template) for every message and hint of every shipped rule and term."""
    found = []
    for meta, options in load_rule_specs():
        found += [(meta.code, meta.hint), (meta.code, meta.message)]
        for entry in options.get("terms", ()) or ():
            found += [(meta.code, entry.get("hint") or ""), (meta.code, entry.get("message") or "")]
    return found


def test_no_pack_template_names_a_made_up_person():
    """Checked on the templates themselves, so a hint no note triggers is checked too."""
    for code, template in _templates():
        literal = FIELD_RE.sub(" ", template)
        assert not _names(literal), (code, template)


def test_the_name_check_catches_an_invented_name():
    assert _names('Describe what the person did, e.g. "Stacey kept the door shut".') == ["Stacey"]
    assert _names('Say whose home it is, e.g. "at Sam and Alex\'s home".') == ["Sam", "Alex"]
    assert _names('Use [the child\'s name], e.g. "When I asked Mum ..."') == []


def test_explain_and_sarif_help_show_no_raw_field():
    for meta in all_rules():
        text = explain_rule(meta.code)
        assert not FIELD_RE.search(text), (meta.code, text)
    linter = Linter(Config(select=["ALL"]))
    context = ReportContext(rules=[r.meta for r in linter.rules], version="0")
    note = Note(text="Contact with mum went well.\n", path="note.txt")
    sarif = json.loads(get_reporter("sarif")([linter.lint(note)], context))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(linter.rules)
    for rule in rules:
        assert not FIELD_RE.search(rule["help"]["text"]), (rule["id"], rule["help"])
    explained = explain_rule("RL411")
    assert "[the child's name]" in explained


EXAMPLE_RE = re.compile(r'e\.g\. "(?P<example>.+)"$')
FILLERS = [
    (re.compile(r"\[who\]", re.I), "the team manager"),
    (re.compile(r"\[why\]|\[reason[^\]]*\]"), "she asked me to"),
    (re.compile(r"\s*…"), ""),
]


def _completed(hint: str) -> str | None:
    """The hint's example, completed as a practitioner would (None: no example)."""
    match = EXAMPLE_RE.search(hint.strip())
    if match is None:
        return None
    text = match.group("example")
    for pattern, words in FILLERS:
        text = pattern.sub(words, text)
    return text if text.endswith((".", "?")) else text + "."


@pytest.mark.parametrize("rule", ["RL320", "RL401"])
def test_a_completed_hint_no_longer_has_its_finding(rule):
    every = [
        (r, f) for r in _results() for f in r.findings if f.rule == rule and _completed(f.hint)
    ]
    # A spread of 40 from the shared corpora; without them, every one the project's notes give.
    sample = every[::3][:40] if SHARED_CORPORA else every
    assert len(sample) >= (20 if SHARED_CORPORA else 8)
    linter = Linter(Config(select=[rule]))
    for result, finding in sample:
        text = _completed(finding.hint)
        again = linter.lint(Note(text=text, child=result.note.child)).findings
        if rule == "RL320":
            verb = finding.excerpt.split()[-1].lower()
            again = [f for f in again if f.excerpt.split()[-1].lower() == verb]
        assert not again, (finding.excerpt, text, [f.excerpt for f in again])


def test_a_hint_rewrites_only_the_flagged_clause():
    long_ones = [
        f for r in _results() for f in r.findings if f.rule in ("RL320", "RL401") and f.hint
    ]
    example_words = [len(_completed(f.hint).split()) for f in long_ones if _completed(f.hint)]
    assert example_words and max(example_words) <= 25
    full = [f for f in long_ones if f.sentence_rewrite]
    assert full and any(len(f.sentence_rewrite.split()) > 25 for f in full)


def test_findings_name_the_rules_folded_into_them():
    folded = [f for r in _results() for f in r.findings if f.also]
    assert folded
    for f in folded:
        assert f.rule not in f.also


def test_the_shipped_vocabulary_file_is_in_the_rules_folder():
    path = Path(__file__).resolve().parents[1] / "rules" / "people.yaml"
    assert path.is_file()
    assert vocabulary().kin["mum"] == "she" and vocabulary().kin["dad"] == "he"
