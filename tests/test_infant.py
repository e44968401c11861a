"""Is the named child a baby? (for "the baby" as a role label, RL213)"""

from __future__ import annotations

import pytest

from recordlint.analysis import Analysis
from recordlint.checks.infant import child_is_infant
from recordlint.model import Note


@pytest.mark.parametrize(
    ("text", "infant"),
    [
        ("Visit to Ruby (7 weeks) at home.", True),
        ("Call about Ruby, aged 9 months, from the health visitor.", True),
        ("Ruby (1) was asleep in her cot.", True),
        ("Visit to Ruby (7) and her baby brother.", False),
        ("Ruby (14 years) was at school.", False),
        ("Ruby's mum said the baby is due in May.", False),
    ],
)
def test_the_age_given_for_the_childs_name(text, infant):
    assert child_is_infant(Analysis(Note(text=text, child="Ruby"))) is infant


def test_the_baby_is_left_alone_when_it_is_a_younger_sibling(linter):
    note = Note(text="Visit to Tia (6). The baby was crying, and Tia sang to him.", child="Tia")
    assert "RL213" not in {f.rule for f in linter.lint(note).findings}
    note = Note(text="Visit to Tia (6 months). The baby was crying when I arrived.", child="Tia")
    assert "RL213" in {f.rule for f in linter.lint(note).findings}
