"""The hints layer's parts on their own, and what it changes in output: templates filled
readably, 'the' before a spelled-out acronym, one finding per acronym and per span, the
interactive edit of a whole phrase, and terminal output that fits its width."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys

import pytest

from recordlint.analysis import Analysis
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.fix import Edit
from recordlint.hints.article import needs_article
from recordlint.hints.clause import clause_at
from recordlint.hints.text import fill, readable
from recordlint.interactive import review, whole_phrase
from recordlint.model import Note
from recordlint.reporters import ReportContext
from recordlint.reporters.text import crop, render


# -- templates ------------------------------------------------------------------------------
def test_fill_never_leaves_a_raw_field():
    assert fill("Use {child}'s name.", {"child": "Esme"}) == "Use Esme's name."
    assert fill("Use {child}'s name.", {}) == "Use [the child's name]'s name."
    assert fill("say {unheard_of} now", {}) == "say [unheard of] now"
    assert fill("who {verb} {object}.", {"verb": "decided", "object": ""}) == "who decided."
    assert fill("a {{literal}} brace and a lone { one", {}) == "a {literal} brace and a lone { one"


def test_readable_shows_placeholders_a_reader_understands():
    assert readable("{prompt} e.g. '{Child} told me ...'") == (
        "What did [the child's name] say, show or want today? e.g. '[The child's name] told me ...'"
    )
    assert readable("e.g. {template}") == "e.g. [your sentence, rewritten]"


def test_clause_at_keeps_only_the_clause_with_the_words():
    sentence = "I rang the school on Monday; it was agreed that Ellis will stay in his class."
    start = sentence.index("agreed")
    assert (
        clause_at(sentence, start, start + 6) == "It was agreed that Ellis will stay in his class"
    )
    long = "Plan agreed " + " ".join(["today"] * 30)
    assert clause_at(long, 5, 11).endswith("…") and len(clause_at(long, 5, 11).split()) <= 19


# -- acronyms -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "acronym", "expected"),
    [
        ("SW attended the meeting.", "SW", True),
        ("I spoke to TM after.", "TM", True),
        ("The IRO chaired it.", "IRO", False),
        ("Our IRO chaired it.", "IRO", False),
        ("The PEP meeting is on Monday.", "PEP", False),
        ("ICPC on Friday.", "ICPC", False),  # a heading: no article
        ("Mum's SW rang.", "SW", False),
    ],
)
def test_needs_article(text, acronym, expected):
    start = text.index(acronym)
    assert needs_article(text, start, start + len(acronym)) is expected


def test_an_acronym_is_reported_once_unless_repeat_is_asked_for(tmp_path):
    text = "SW visited. Later SW rang mum and SW wrote to school."
    once = Linter(Config(select=["RL111"])).lint(Note(text=text)).findings
    assert [f.excerpt for f in once] == ["SW"]
    assert once[0].suggestion == "the social worker (SW)"  # "The" at the start, in the fix
    every = Linter(Config(select=["RL111"], repeat=["RL111"])).lint(Note(text=text)).findings
    assert [f.excerpt for f in every] == ["SW", "SW", "SW"]


def test_the_same_words_give_one_finding_with_the_other_rule_folded_in(linter):
    result = linter.lint(Note(text="It is believed that Noor is settled at home."))
    on_words = [f for f in result.findings if f.start == 0]
    assert [(f.rule, f.also) for f in on_words] == [("RL303", ["RL320"])]


def test_a_role_acronym_keeps_both_its_findings():
    linter = Linter(Config(child="Sami"))
    result = linter.lint(Note(text="Visit to Sami (11). The YP said he likes his room."))
    rules = {f.rule for f in result.findings if f.excerpt in ("The YP", "YP")}
    assert {"RL212"} <= rules
    assert all(not f.also for f in result.findings if f.rule == "RL212")


# -- fix --interactive ------------------------------------------------------------------------
def test_interactive_edit_replaces_the_whole_phrase():
    text = "We are in the PLO now."
    start = text.index("PLO")
    edit = Edit(start, start + 3, "PLO", "Public Law Outline (PLO)", rule="RL111")
    widened = whole_phrase(text, edit, "the Public Law Outline")
    assert text[: widened.start] + widened.new + text[widened.end :] == (
        "We are in the Public Law Outline now."
    )
    same = whole_phrase(text, edit, "Public Law Outline")
    assert (same.start, same.old) == (start, "PLO")
    chosen = review(
        text, [edit], console=_quiet(), stream=io.StringIO("e\nthe Public Law Outline\n")
    )
    assert [(e.old, e.new) for e in chosen] == [("the PLO", "the Public Law Outline")]


def _quiet():
    from rich.console import Console

    return Console(file=io.StringIO())


# -- terminal output ---------------------------------------------------------------------------
NOTE = (
    "Visit to Jayden (9). Contact with dad was reviewed at the meeting as per procedure and the "
    "carers were informed of the outcome straight after it, which everyone thought was fine. "
    "SW attended."
)


@pytest.mark.parametrize("width", [80, 60])
def test_the_text_reporter_fits_a_terminal_width(linter, width):
    result = linter.lint(Note(text=NOTE, path="visit.txt"))
    context = ReportContext(rules=[r.meta for r in linter.rules], extra={"width": width})
    lines = render([result], context).splitlines()
    assert max(len(line) for line in lines) <= width
    checked = 0
    for source, marks in zip(lines, lines[1:], strict=False):
        if source.startswith("      │ ") and marks.startswith("      │ ") and "^" in marks:
            start = marks.index("^")
            run = len(marks) - start
            under = source[start : start + run].rstrip("…")
            assert under and under[0] != " "  # the carets start under the first letter
            word = re.sub(r"\W", "", under.split()[0])
            assert word and word.lower() in NOTE.lower()
            checked += 1
    assert checked >= 4
    hints = [line for line in lines if line.startswith("      hint: ")]
    assert hints
    continued = [
        line for line in lines if line.startswith(" " * 12) and not line.strip().startswith("│")
    ]
    assert continued  # long hints wrap, indented under the hint


def test_a_long_span_is_cut_to_the_room():
    line = "word " * 60
    shown, start, marked = crop(line, 10, 250, room=50)
    assert len(shown) <= 50 and start + marked <= len(shown)


def test_without_a_width_each_finding_stays_on_its_lines(linter):
    result = linter.lint(Note(text=NOTE, path="visit.txt"))
    out = render([result], ReportContext(rules=[r.meta for r in linter.rules]))
    assert any(line.startswith("  1:") and "does not say who" in line for line in out.splitlines())


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_check_on_a_terminal_asks_for_the_note():
    controller, terminal = pty.openpty()
    try:
        done = subprocess.Popen(
            [sys.executable, "-m", "recordlint", "check", "--select", "RL101"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.write(controller, b"Contact went well.\n\x04")
        out, err = done.communicate(timeout=120)
    finally:
        os.close(controller)
        os.close(terminal)
    assert "Paste the note, then press Ctrl-D" in err.decode()
    assert b"RL101" in out


def test_piped_input_gets_no_prompt(cli):
    done = cli("check", "--select", "RL101", stdin="Contact went well.\n")
    assert b"Paste the note" not in done.stderr
    assert b"RL101" in done.stdout


def test_analysis_has_no_parser_without_a_parse_rule():
    lexical = Linter(Config(select=["RL101"]))
    assert lexical.analyse(Note(text="x")).parser is None
    assert isinstance(lexical.analyse(Note(text="x")), Analysis)


def test_fix_adds_the_article_an_acronym_needs(cli):
    done = cli("fix", "-", stdin="SW attended. I spoke to TM after. Tom has ADHD.\n")
    assert done.stdout.decode() == (
        "The social worker (SW) attended. I spoke to the team manager (TM) after. "
        "Tom has attention deficit hyperactivity disorder (ADHD).\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CIN plan to be updated.", "[Who] will update the CIN plan, because [why]."),
        ("Tom was upset and was sent home early.", "[Who] sent Tom home early, because [why]."),
        (
            "Home conditions were found to be adequate and mum has engaged well.",
            "[Who] found home conditions to be adequate, because [why].",
        ),
    ],
)
def test_passive_hints_on_note_style_and_joined_clauses(linter, text, expected):
    hints = [f.hint for f in linter.lint(Note(text=text)).findings if f.rule == "RL320"]
    assert hints == [f'Name who acted and why, e.g. "{expected}"']


def test_a_passive_that_hides_who_acted_is_not_folded_into_a_phrase_rule(linter):
    result = linter.lint(Note(text="All actions have been completed."))
    rules = sorted(f.rule for f in result.findings)
    assert "RL320" in rules and len(rules) >= 2
    assert all(not f.also for f in result.findings)
