"""Accuracy against labelled corpora: note-level precision/recall per category, term recall.

Each development corpus beside the checkout (``../shared/corpus``: dev, dev2a, dev2b) is
scored on its own, and every category must reach the thresholds on every corpus. A case not
met yet is marked ``xfail(strict=True)`` with the figure measured, so it cannot pass
unnoticed and the threshold is never lowered. Run with ``-s`` to see the tables.
"""

from __future__ import annotations

import pytest

from corpus_score import CORPORA, EXTRA_CORPUS, load, score, table
from recordlint.model import CATEGORIES

MIN_PRECISION = 0.90
MIN_RECALL = 0.90
MIN_TERM_RECALL = 0.90

#: The thresholds the notes in ``tests/data/extra_notes.jsonl`` have been held to.
EXTRA_MIN = 0.85

#: (corpus, category, measure) not yet at the threshold, with what was measured.
NOT_YET_MET: dict[tuple[str, str, str], str] = {}  # every case is met at present

_SCORES: dict[str, object] = {}


def _score(name: str, linter):
    if name not in _SCORES:
        result = score(load(CORPORA[name]), linter)
        print(f"\n== {name}\n{table(result)}")
        _SCORES[name] = result
    return _SCORES[name]


def _case(name: str, category: str, measure: str):
    marks = [pytest.mark.skipif(not CORPORA[name].exists(), reason="shared corpus not present")]
    measured = NOT_YET_MET.get((name, category, measure))
    if measured is not None:
        reason = f"{category} {measure} on {name}: {measured} (threshold not met yet)"
        marks.append(pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(name, category, measure, marks=marks, id=f"{name}-{category}-{measure}")


CASES = [
    _case(name, category, measure)
    for name in CORPORA
    for category in CATEGORIES
    for measure in ("precision", "recall")
]
TERM_CASES = [_case(name, "term", "recall") for name in CORPORA]
CLEAN_CASES = [_case(name, "clean", "notes") for name in CORPORA]


@pytest.mark.parametrize(("name", "category", "measure"), CASES)
def test_every_category_meets_the_thresholds_on_every_corpus(linter, name, category, measure):
    result = _score(name, linter)
    if measure == "precision":
        assert result.precision(category) >= MIN_PRECISION, table(result)
    else:
        assert result.recall(category) >= MIN_RECALL, table(result)


@pytest.mark.parametrize(("name", "category", "measure"), TERM_CASES)
def test_term_recall_meets_the_threshold_on_every_corpus(linter, name, category, measure):
    result = _score(name, linter)
    assert result.term_recall() >= MIN_TERM_RECALL, table(result)


@pytest.mark.skipif(not EXTRA_CORPUS.exists(), reason="extra corpus not present")
def test_extra_corpus_in_other_voices_meets_thresholds(linter):
    result = score(load(EXTRA_CORPUS), linter)
    print(table(result))
    for category in CATEGORIES:
        assert result.precision(category) >= EXTRA_MIN, table(result)
        assert result.recall(category) >= EXTRA_MIN, table(result)
    assert result.term_recall() >= MIN_TERM_RECALL, table(result)


@pytest.mark.parametrize(("name", "category", "measure"), CLEAN_CASES)
def test_clean_notes_get_no_findings(linter, name, category, measure):
    clean = [r for r in load(CORPORA[name]) if not r["expect"]["categories"]]
    result = score(clean, linter)
    flagged = {c: ids for c, ids in result.fp.items() if ids}
    assert not flagged


@pytest.mark.parametrize("path", list(CORPORA.values()), ids=lambda p: p.stem)
def test_every_category_holds_on_every_development_corpus(linter, path):
    """P and R >= 0.90 in every category, term recall >= 0.90 overall and within each span
    category, on each corpus alone (two of them in voices the rules were not tuned on)."""
    if not path.exists():
        pytest.skip(f"{path.name} not present")
    result = score(load(path), linter)
    report = f"{path.name}\n{table(result)}"
    print(report)
    for category in CATEGORIES:
        assert result.precision(category) >= 0.90, report
        assert result.recall(category) >= 0.90, report
    assert result.term_recall() >= 0.90, report
    for covered, total in result.terms.values():
        assert total == 0 or covered / total >= 0.90, report
