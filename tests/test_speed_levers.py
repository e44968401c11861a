"""The engine's shortcuts change nothing: the same findings with and without them."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict

import pytest

from conftest import EXAMPLES, ROOT, SHARED
from recordlint.engine import Linter
from recordlint.model import Finding, Note
from test_batch import generate

#: Sentences around the participles the passive rule never flags ("upset", "hurt").
TRICKY = [
    "Maya was upset when we spoke. She was pleased and was asked to choose the colour.",
    "Leo was hurt by his brother and got told off for it.",
    "Amira was worried about school, so it was decided she would move.",
    "The referral was abused as a route to services? No: it was sent late and was upset by it.",
    "Kai got excited, then was taken to the park.",
    "Dad was tired. Mum was relieved. Nobody was blamed.",
    "It was agreed at the meeting, where everyone was concerned, that contact will stop.",
    "Jay is based in the flat and is being supported to cook.",
]


def _all(linter: Linter, notes: list[Note]) -> list[list[dict]]:
    return [
        [f.to_dict() for f in result.findings] + [result.words, result.grade, result.score]
        for result in linter.lint_many(notes)
    ]


def _compare(notes: list[Note]) -> int:
    fast, exact = Linter(), Linter(shortcuts=False)
    got, expected = _all(fast, notes), _all(exact, notes)
    assert got == expected
    return sum(len(row) - 3 for row in got)


def test_shortcuts_keep_every_finding_on_the_examples_and_tricky_sentences():
    notes = [Note(text=p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    notes += [Note(text=text) for text in TRICKY]
    assert _compare(notes) > 20
    passives = [f for f in Linter().lint(Note(text=TRICKY[0])).findings if f.category == "passive"]
    assert [f.excerpt for f in passives] == ["was asked"]


def test_shortcuts_keep_every_finding_on_a_generated_export(tmp_path):
    export = generate(tmp_path, "jsonl", notes=150, seed=31)
    with export.open(encoding="utf-8") as rows:
        notes = [Note(text=json.loads(row)["text"]) for row in rows]
    assert _compare(notes) > 300


def test_participles_never_flagged_are_not_parsed():
    rule = next(r for r in Linter().rules if r.kind == "passive")
    assert not rule.candidate("She was upset and tired after school.")
    assert not rule.candidate("She was hurt when she fell off her bike.")
    assert rule.candidate("Sam was upset and was told to go to bed.")
    assert rule.candidate("It was decided that Sam will stay.")
    exact = Linter(shortcuts=False)
    assert next(r for r in exact.rules if r.kind == "passive").candidate("Sam was worried.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tasha and I agreed that Callum will stay, because he is settled.",  # subject, adjective
        "Logan made her a collage and told me why it matters.",  # objects after the verbs
        "This was a planned visit to see how Rónán is getting on.",  # "a planned visit"
        "Ibrahim's needs are being met by Nadia, who knows him well.",  # an agent
        "Concerns were raised by school about Ellie's weight.",
        "Dawn was tearful when we talked about school.",  # "talked" has its own subject
    ],
)
def test_sentences_that_cannot_hold_a_flagged_passive_are_not_parsed(sentence):
    rule = next(r for r in Linter().rules if r.kind == "passive")
    assert not rule.candidate(sentence)
    exact = next(r for r in Linter(shortcuts=False).rules if r.kind == "passive")
    assert exact.candidate(sentence)  # without the shortcuts they are parsed


@pytest.mark.parametrize(
    "sentence",
    [
        "Medical completed the same day.",  # "the" opens a time, not an object
        "Referral made to CAMHS after the visit.",  # a note-style passive
        "Concerns were raised by letter about Ellie's weight.",  # "by letter" names no one
        "She was picked up and taken home.",
        "Dawn was tearful and was told to wait.",
        "Plan: review booked for March.",
    ],
)
def test_sentences_that_may_hold_a_flagged_passive_are_parsed(sentence):
    rule = next(r for r in Linter().rules if r.kind == "passive")
    assert rule.candidate(sentence)


def test_shortcuts_keep_every_finding_on_the_labelled_notes():
    paths = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    paths += sorted((SHARED / "corpus").glob("dev*.jsonl")) if SHARED.exists() else []
    notes = [
        Note(text=json.loads(line)["text"])
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert _compare(notes) > (600 if SHARED.exists() else 20)


def test_to_dict_is_the_dataclass_dict():
    finding = Finding(
        "RL101", "care-jargon", "jargon", Linter().rules[0].meta.severity, "m", "h", None, 3, 9
    )
    expected = asdict(finding)
    expected["severity"] = finding.severity.value
    assert finding.to_dict() == expected
    assert list(finding.to_dict()) == list(expected)
    finding.start = 4  # the engine moves findings of long notes: the dict follows
    assert finding.to_dict()["start"] == 4


def test_findings_table_rows_unchanged_by_to_dict(tmp_path):
    from recordlint.reporters.findings_table import COLUMNS, FindingsWriter

    note = Note(text="It was decided that contact will stop.", id="N1", author="A")
    findings = Linter().lint(note).findings
    path = tmp_path / "out.csv"
    with FindingsWriter(path) as writer:
        writer.write(note, findings)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["rule"] for r in rows] == [f.rule for f in findings]
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["excerpt"] == findings[0].excerpt


def test_a_long_note_finds_what_its_segments_find(monkeypatch):
    from recordlint import engine

    monkeypatch.setattr(engine, "SEGMENT_CHARS", 3_000)
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    text = (body + "\n\n") * 3
    long_result = Linter().lint(Note(text=text))  # segments, with the shared term prefilter
    expected = []
    for offset, segment in engine.segments(text):
        for finding in Linter().lint(Note(text=segment)).findings:  # one note: no prefilter
            expected.append((finding.rule, finding.start + offset, finding.end + offset))
    note_level = {r.meta.code for r in Linter().rules if r.note_level}
    got = [(f.rule, f.start, f.end) for f in long_result.findings if f.rule not in note_level]
    assert got == [e for e in expected if e[0] not in note_level]
    assert len(got) > 50


def test_word_count_bound_never_skips_a_long_sentence():
    from recordlint.analysis import count_words
    from recordlint.checks.readability import could_not_exceed

    for text in ["a b c d", "a b c d e", "I-a b'c 1.5 d", "a  b", "x" * 9, "a,b,c,d,e,f"]:
        for limit in range(0, 8):
            if could_not_exceed(len(text), limit):
                assert count_words(text) <= limit, (text, limit)
    sentence = " ".join(["go"] * 31) + "."
    findings = Linter().lint(Note(text=sentence)).findings
    assert [f.rule for f in findings if f.category == "readability"] == ["RL501"]


def _note_sentences() -> list[str]:
    from recordlint.analysis import Analysis

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + TRICKY
    texts += [
        "Mum didn't attend. He's been told he can't go, and they'd nothin' to say. Y' know.",
        "Whether or not Dad comes, that's the plan; those who can will. Something's wrong.",
        "  She  said: 'I ain't going' (twice).\n\nSomeone who'd know says it's fine.",
    ]
    sentences = []
    for text in texts:
        analysis = Analysis(Note(text=text))
        sentences += [s.text(analysis.text) for s in analysis.sentences]
    return sentences


def test_the_fast_attribute_ruler_sets_what_the_models_ruler_sets():
    from spacy.tokens import Doc

    from recordlint.attribute_rules import FastAttributeRuler

    nlp = Linter().nlp
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.of(ruler)
    assert fast is not None
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe(_note_sentences()))

    def attributes(finish) -> list[tuple]:
        docs = [finish(Doc(d.vocab).from_bytes(d.to_bytes())) for d in parsed]
        return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for d in docs for t in d]

    expected = attributes(ruler)
    assert len(expected) > 500
    assert {pos for pos, *_ in expected} >= {"NOUN", "VERB", "AUX", "PRON", "SCONJ", "PART"}
    assert attributes(fast) == expected


def test_a_ruler_with_patterns_it_cannot_read_keeps_spacys():
    from recordlint.attribute_rules import FastAttributeRuler
    from recordlint.nlp import import_spacy

    nlp = import_spacy().blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert FastAttributeRuler.of(ruler) is None
    ruler = nlp.add_pipe("attribute_ruler", name="second")
    ruler.add([[{"LOWER": {"IN": ["ca"]}}, {"LOWER": "n't"}]], {"LEMMA": "can"})
    assert FastAttributeRuler.of(ruler) is not None


def test_hints_do_not_depend_on_the_parse_cache():
    note = Note(
        text="Visit to Kayden at home. It was agreed that the plan continues for another "
        "three months. Mum kicked off when I asked about school.",
        child="Kayden",
    )
    cached = [f.to_dict() for f in Linter().lint(note).findings]
    uncached = [f.to_dict() for f in Linter(parse_cache=0).lint(note).findings]
    assert uncached == cached
    decision = next(f for f in cached if f["category"] == "rationale")
    assert "[Who] agreed that the plan continues" in decision["hint"]


def test_a_batch_of_notes_is_parsed_in_one_stream(monkeypatch):
    linter = Linter(parse_cache=0)
    calls: list[int] = []
    parses = linter._parses
    monkeypatch.setattr(
        linter, "_parses", lambda wanted: calls.append(len(wanted)) or parses(wanted)
    )
    notes = [
        Note(text=f"Mum kicked off again on day {k}. It was decided that Leo would stay.")
        for k in range(5)
    ]
    results = list(linter.lint_many(notes))
    labels = [f for r in results for f in r.findings if f.category == "judgemental"]
    assert len(labels) == 5 and all("Mum" in f.hint for f in labels)
    assert calls == [10]  # the labels' and the passives' sentences, in one call


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"\bdecided\b", True),
        (r"\b(?:is|are)\s+to\s+stay\b", True),
        (r"^\W*(?:decision|outcome)s?\s*:", True),
        (r"\bthis|that", False),  # the second alternative may start anywhere
        (r"\?\s*$", False),
        (r"\b-\d", False),  # a boundary before punctuation
        (r"\b\d+", False),  # cannot be pinned down: left alone
        (r"(?:\bx)", False),
    ],
)
def test_patterns_that_start_at_a_word_or_a_line(pattern, anchored):
    from recordlint.checks.first_chars import starts_at_word_or_line

    assert starts_at_word_or_line(pattern) is anchored


def test_cues_searched_from_word_starts_find_what_they_found_before():
    import re

    from recordlint.checks.regex_safety import compile_any

    cues = [r"\bdecided\b", r"\bagree(?:d|s)?\b", r"^\W*(?:decision|outcome)s?\s*:", r"\bNFA\b"]
    texts = [
        "Decision: Kai to stay. It was decided; we agreed. NFA.\n- outcome: closed",
        "undecided, disagreed, NFAs, re-decided and co-agreed (agrees) — decided",
        "Outcomes :\n  Decisions: none\nnfa",
    ]
    plain = re.compile("|".join(f"(?:{c})" for c in cues), re.I | re.M)
    for trusted in (True, False):
        quick = compile_any(cues, re.I | re.M, trusted=trusted)
        for text in texts:
            found = [m.span() for m in quick.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)]
            assert found
