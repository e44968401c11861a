"""Readability works with the network blocked: nothing is downloaded at run time."""

from __future__ import annotations

import subprocess
import sys

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


def test_grade_agrees_with_textstat_on_real_notes():
    """Our fast grade stays close to textstat's CMU-dictionary grade on real notes."""
    import json
    import statistics

    import textstat

    from conftest import EXAMPLES
    from recordlint.readability import reading_grade

    notes = [p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt")]
    extra = EXAMPLES.parent / "tests" / "data" / "extra_notes.jsonl"
    notes += [json.loads(line)["text"] for line in extra.read_text(encoding="utf-8").splitlines()]
    differences = [
        reading_grade(n) - textstat.flesch_kincaid_grade(n) for n in notes if len(n.split()) >= 50
    ]
    assert len(differences) >= 20
    assert abs(statistics.mean(differences)) < 0.75
    assert max(abs(d) for d in differences) < 2.0
