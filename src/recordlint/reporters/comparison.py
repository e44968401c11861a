"""How `exercise` and `diff` show a comparison of two versions of a note: plain text, a
table on the terminal, or JSON. Everything a person reads has its control characters made
visible."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..exercise import Comparison
    from ..model import Finding

EXCERPT_WIDTH = 60
#: The formats a comparison can be shown in.
FORMATS = ("text", "json")


def check_format(output_format: str) -> None:
    """Refuse a format a comparison cannot be shown in (exit 2)."""
    from ..errors import RecordlintError

    if output_format not in FORMATS:
        raise RecordlintError(f"unknown format '{output_format}' (choose from text, json)")


def _short(text: str, width: int = EXCERPT_WIDTH) -> str:
    from ..control_chars import printable

    text = printable(" ".join(text.split()), one_line=True)
    return f'"{text}"' if len(text) <= width else f'"{text[: width - 1]}…"'


def _where(finding: Finding) -> str:
    return f"{finding.rule} {finding.category}, line {finding.line}"


def plain_report(comparison: Comparison, header: list[str], reasons: list[str] | None) -> str:
    """The comparison as plain text (for logs, files and pipes)."""
    out = [*header]
    before, after = comparison.before, comparison.after
    out.append(f"Before: {before.note.label}  (score {before.score}/100)")
    out.append(f"After:  {after.note.label}  (score {after.score}/100)")
    out.append("")
    out.append(f"Fixed ({len(comparison.fixed)}):")
    out += [f"  {_where(f)}: {_short(f.excerpt)}" for f in comparison.fixed] or ["  none"]
    out.append(f"Remaining ({len(comparison.remaining)}):")
    for old, new in comparison.remaining:
        out.append(f"  {_where(new)} (was line {old.line}): {_short(new.excerpt)}")
        out.append(f"    hint: {new.hint}")
    if not comparison.remaining:
        out.append("  none")
    out.append(f"Introduced ({len(comparison.introduced)}):")
    for new in comparison.introduced:
        out.append(f"  {_where(new)}: {_short(new.excerpt)}")
        out.append(f"    hint: {new.hint}")
    if not comparison.introduced:
        out.append("  none")
    if comparison.facts:
        kept = sum(check.after for check in comparison.facts)
        out.append(f"Facts kept ({kept} of {len(comparison.facts)}):")
        for check in comparison.facts:
            state = "kept" if check.after else ("LOST" if check.before else "absent")
            out.append(f"  {state:<6} {check.fact.label}")
    out.append(f"Score: {before.score} -> {after.score}")
    if reasons is not None:
        out.append("")
        out.append("Result: PASS" if not reasons else "Result: FAIL")
        out += [f"  - {reason}" for reason in reasons]
    return "\n".join(out)


def rich_report(comparison: Comparison, header: list[str], reasons: list[str] | None) -> None:
    """The comparison as a side-by-side table on the terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..control_chars import printable

    console = Console(highlight=False)
    for index, line in enumerate(header):
        console.print(Text(printable(line), style="bold" if index == 0 else ""))
    before, after = comparison.before, comparison.after
    console.print(Text(f"Before: {printable(before.note.label, one_line=True)}"))
    console.print(Text(f"After:  {printable(after.note.label, one_line=True)}"))
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("Before", ratio=1)
    table.add_column("After", ratio=1)
    table.add_row("Score", f"{before.score}/100", f"{after.score}/100")

    def cell(finding: Finding, hint: bool = False) -> Text:
        text = Text.assemble((_where(finding), "dim"), "\n", _short(finding.excerpt))
        if hint:
            text.append(f"\n{printable(finding.hint)}", style="italic")
        return text

    for finding in comparison.fixed:
        table.add_row(Text("fixed", style="green"), cell(finding), Text("✓ fixed", style="green"))
    for old, new in comparison.remaining:
        table.add_row(
            Text("remaining", style="yellow"),
            cell(old),
            cell(new, hint=True),
        )
    for new in comparison.introduced:
        table.add_row(Text("introduced", style="red"), "—", cell(new, hint=True))
    for check in comparison.facts:
        state = (
            Text("kept", style="green")
            if check.after
            else Text("LOST", style="bold red")
            if check.before
            else Text("absent", style="dim")
        )
        present = "present" if check.before else "absent"
        table.add_row("fact", f"{check.fact.label}: {present}", state)
    console.print(table)
    counts = (
        f"{len(comparison.fixed)} fixed, {len(comparison.remaining)} remaining, "
        f"{len(comparison.introduced)} introduced; score {before.score} → {after.score}"
    )
    console.print(counts)
    if reasons is not None:
        if reasons:
            console.print(Text("FAIL", style="bold red"))
            for reason in reasons:
                console.print(f"  - {reason}")
        else:
            console.print(Text("PASS", style="bold green"))


def show_comparison(
    comparison: Comparison,
    header: list[str],
    reasons: list[str] | None,
    output_format: str,
    color: bool | None,
    extra: dict | None = None,
) -> None:
    import json

    from ..exercise import comparison_dict
    from ..runner import use_color

    if output_format == "json":
        data = {**(extra or {}), **comparison_dict(comparison)}
        if reasons is not None:
            data["passed"] = not reasons
            data["reasons"] = reasons
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif use_color(color):
        rich_report(comparison, header, reasons)
    else:
        from ..control_chars import printable

        typer.echo(printable(plain_report(comparison, header, reasons)))
