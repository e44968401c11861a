"""Hint quality, measured on every shipped corpus and example note.

- No message, hint, ``explain`` text or SARIF rule help shows a raw ``{field}``.
- Every capitalised name in a hint occurs in its note, or is the child's name given.
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
# The start of a sentence of the hint itself (not of a quoted example).
SENTENCE_START_RE = re.compile(r"(?:^|[.?!:;]\s+)([A-Z][a-z]+)")
#: Words that start a quoted example in a hint and are not names, and days and months.
QUOTE_OPENERS = {"I", "We", "When", "She", "He", "They", "Mum", "Dad"}
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
    words |= {w.capitalize() for w in vocabulary().kin}
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


def test_every_name_in_a_hint_is_in_its_note():
    checked = 0
    for result in _results():
        note = result.note
        for f in result.findings:
            for name in _names(f.hint):
                # The first word of a quoted rewrite is capitalised: "spoke to ..." -> "Spoke".
                opens_quote = f'"{name}' in f.hint and name.lower() in note.text.lower()
                assert name in note.text or name == note.child or opens_quote, (
                    note.label,
                    f.rule,
                    f.hint,
                )
                checked += 1
    assert checked > 100  # the check sees names: the note's children and people


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
