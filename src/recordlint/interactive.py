"""`recordlint fix --interactive`: step through each suggestion and choose what to apply.

Keys: ``a`` accept, ``s`` skip, ``e`` edit (then type the replacement), ``A`` accept every
suggestion of this rule, ``q`` quit (keeping what was accepted). The answers are read from
``stream`` when given (a pipe or a test script), else from the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import IO, Any

from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from .analysis import Analysis
from .control_chars import has_control, printable
from .fix import Edit
from .model import Note

CHOICES = ["a", "s", "e", "A", "q"]


class _Lines:
    """A stream whose end raises EOFError, as ``input()`` does (so that a script can end)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def readline(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EOFError
        return line


def review(
    text: str,
    edits: Sequence[Edit],
    *,
    console: Console | None = None,
    stream: IO[str] | None = None,
) -> list[Edit]:
    """Ask about each edit in turn; return the accepted ones (edited where the user chose).

    The end of the input counts as ``q``.
    """
    console = console or Console(stderr=True)
    lines = _Lines(stream) if stream is not None else None
    analysis = Analysis(Note(text=text))
    accepted: list[Edit] = []
    accept_all: set[str] = set()
    for number, edit in enumerate(edits, 1):
        if edit.rule in accept_all:
            accepted.append(edit)
            continue
        _show(console, analysis, edit, number, len(edits))
        choice = _ask(console, lines, _question(edit), choices=CHOICES)
        if choice is None or choice == "q":
            break
        if choice == "A":
            accept_all.add(edit.rule)
        if choice in ("a", "A"):
            accepted.append(edit)
        elif choice == "e":
            new = _ask_replacement(console, lines, edit.new)
            if new is None:
                break
            accepted.append(whole_phrase(text, edit, new) if new else edit)  # empty: keep it
    console.print(f"Accepted {len(accepted)} of {len(edits)} suggestions.")
    return accepted


def whole_phrase(text: str, edit: Edit, new: str) -> Edit:
    """The edit with the words the user typed in place of the whole flagged phrase.

    Typed words that repeat the words just before the flagged ones ("the Public Law
    Outline" for "PLO" in "the PLO") replace those words too, so nothing is doubled.
    """
    start = edit.start
    typed = [word.lower() for word in new.split()]
    for count in range(min(3, len(typed) - 1), 0, -1):
        before = re.search(rf"(?:[\w'’\-]+[ \t]+){{{count}}}$", text[max(0, start - 60) : start])
        if before is not None and before.group().lower().split() == typed[:count]:
            start -= len(before.group())
            break
    return replace(edit, start=start, old=text[start : edit.end], new=new)


def _ask_replacement(console: Console, lines: _Lines | None, default: str) -> str | None:
    """The replacement the user types; asked again while it holds a control character
    (NUL, an escape sequence ...), which has no place in a case note."""
    while True:
        question = Text.assemble(
            "Replace with ", (f"({printable(default, one_line=True)})", "prompt.default")
        )
        new = _ask(console, lines, question, default=default, show_default=False)
        if new is None or not has_control(new):
            return new
        console.print(
            Text("That text holds a control character (such as NUL or ESC); type it again.")
        )


def _ask(console: Console, lines: _Lines | None, question: Text, **options: Any) -> str | None:
    """One answer, or None at the end of the input. Piped answers are echoed."""
    try:
        answer = Prompt.ask(question, console=console, stream=lines, **options)  # type: ignore[arg-type]
    except EOFError:
        console.print()
        return None
    if lines is not None:
        console.print(Text(printable(answer), style="dim"))
    return answer


def _question(edit: Edit) -> Text:
    return Text.assemble(
        "Accept? ",
        ("a", "bold"),
        "ccept, ",
        ("s", "bold"),
        "kip, ",
        ("e", "bold"),
        "dit, ",
        ("A", "bold"),
        f"ll of {printable(edit.rule, one_line=True)}, ",
        ("q", "bold"),
        "uit",
    )


def _show(console: Console, analysis: Analysis, edit: Edit, number: int, total: int) -> None:
    """The rule, the message, and the sentence before and after the change."""
    text = analysis.text
    sentence = (
        analysis.sentences[analysis.sentence_index(edit.start)] if analysis.sentences else None
    )
    start = min(sentence.start, edit.start) if sentence else edit.start
    end = max(sentence.end, edit.end) if sentence else edit.end
    shifted = replace(edit, start=edit.start - start, end=edit.end - start)
    before_text = text[start:end]
    line, _ = analysis.position(edit.start)
    console.print()
    console.print(
        Text.assemble(
            (f"[{number}/{total}] ", "dim"),
            (printable(f"{edit.rule} {edit.name}", one_line=True), "bold"),
            f"  line {line}: ",
            printable(edit.message, one_line=True),
        )
    )
    # the note's own text, with any escape sequence in it shown, not obeyed
    head, tail = printable(before_text[: shifted.start]), printable(before_text[shifted.end :])
    before = Text("  - ", style="red")
    before.append(head)
    before.append(printable(edit.old), style="bold red")
    before.append(tail)
    after = Text("  + ", style="green")
    after.append(head)
    after.append(printable(edit.new), style="bold green")
    after.append(tail)
    console.print(before)
    console.print(after)
