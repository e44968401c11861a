"""Markdown notes are read as Markdown: code, URLs and comments are not prose; offsets stay
those of the file; inline disable/enable comments turn rules off for a stretch."""

from __future__ import annotations

import pytest

from recordlint.model import Note
from recordlint.sources.markdown import disabled_regions, is_markdown, mask_markdown

TRAINING = """# Home visit: Amira (9)

- Amira showed me her room.
- Contact with dad went well.

```text
Poor example: It was decided that contact will stop. The LAC review is booked.
```

Say `LAC` only once you have spelled it out. Read [the plain-words guide](https://example.org/contact-LAC).
<!-- contact LAC note for trainers -->
Autolinks too: <https://example.org/IRO/contact>.

[guide]: https://example.org/respite-LAC
"""


def test_mask_keeps_length_and_line_breaks():
    masked = mask_markdown(TRAINING)
    assert len(masked) == len(TRAINING)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(TRAINING) if c == "\n"
    ]


def test_mask_hides_code_urls_and_comments_but_not_prose():
    masked = mask_markdown(TRAINING)
    for hidden in ("It was decided", "`LAC`", "https://", "trainers", "respite", "```"):
        assert hidden not in masked, hidden
    for kept in ("# Home visit: Amira (9)", "- Contact with dad went well.", "Say ", "Read [the"):
        assert kept in masked, kept
    start = TRAINING.index("- Contact")
    assert masked[start : start + 30] == TRAINING[start : start + 30]  # same offsets


def test_unclosed_fence_runs_to_the_end_and_tilde_fences_count():
    text = "Before.\n~~~\nIt was decided.\n~~~\nAfter.\n```\nLAC to the end\n"
    masked = mask_markdown(text)
    assert "Before." in masked and "After." in masked
    assert "decided" not in masked and "LAC" not in masked


def test_inline_code_does_not_swallow_a_paragraph():
    text = "A lone ` tick here.\n\nContact with mum ` later."
    assert mask_markdown(text) == text


@pytest.mark.parametrize("path, md", [("a.md", True), ("A.MARKDOWN", True), ("a.txt", False)])
def test_markdown_by_name(path, md):
    assert is_markdown(path) is md


def test_disabled_regions():
    text = (
        "one\n<!-- recordlint-disable RL101, passive -->\ntwo\n<!-- recordlint-enable -->\n"
        "three\n<!-- recordlint-disable -->\nfour\n```\n<!-- recordlint-enable -->\n```\nfive"
    )
    first, second = disabled_regions(text)
    assert first.selectors == ("RL101", "passive") and first.line == 2
    assert text[first.start : first.end].strip() == "two"
    assert second.selectors == () and second.end == len(text)  # the fenced enable is code


def test_linting_markdown_skips_code_and_keeps_positions(linter):
    result = linter.lint(Note(text=TRAINING, path="training/visit.md"))
    assert result.note.text == TRAINING  # the note as given, not the masked view
    lines = TRAINING.splitlines()
    for finding in result.findings:
        assert TRAINING[finding.start : finding.end] == finding.excerpt
        assert lines[finding.line - 1][finding.column - 1 :].startswith(finding.excerpt[:5])
    flagged = {(f.rule, f.line) for f in result.findings}
    assert ("RL101", 4) in flagged  # "Contact" in a list item
    assert not any(f.line in (7, 10, 11, 12, 14) and f.rule == "RL101" for f in result.findings)
    assert not any(f.rule in ("RL401", "RL320") for f in result.findings)  # only in code


def test_the_same_text_as_plain_text_is_flagged_everywhere(linter):
    result = linter.lint(Note(text=TRAINING, path="training/visit.txt"))
    assert any(f.rule == "RL401" for f in result.findings)  # no Markdown reading for .txt


def test_disable_comments_hide_findings_in_their_stretch(linter):
    text = (
        "Contact went well.\n\n<!-- recordlint-disable RL101 -->\n"
        "Contact went well again.\n<!-- recordlint-enable -->\nContact with dad went well.\n"
    )
    result = linter.lint(Note(text=text, path="exercise.md"))
    assert [f.line for f in result.findings if f.rule == "RL101"] == [1, 6]
    plain = linter.lint(Note(text=text, path="exercise.txt"))
    assert [f.line for f in plain.findings if f.rule == "RL101"] == [1, 4, 6]


def test_fix_never_changes_masked_text(tmp_path):
    from conftest import run_cli

    note = tmp_path / "lesson.md"
    text = (
        "Contact with mum went well.\n\n```\nContact with mum was cancelled.\n```\n\n"
        "Keep `contact` as written. See [contact](https://example.org/contact).\n"
    )
    note.write_text(text, encoding="utf-8")
    result = run_cli("fix", str(note), "--write", "--no-backup", "--select", "RL101")
    assert result.returncode == 0, result.stderr
    fixed = note.read_text("utf-8")
    assert fixed.startswith("Family time with mum went well.")
    assert "```\nContact with mum was cancelled.\n```" in fixed
    assert "`contact`" in fixed and "(https://example.org/contact)" in fixed
