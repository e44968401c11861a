"""The command-line interface. Commands only: the work happens in the modules they call."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import COMMANDS, load_command
from .commands.options import (
    Child,
    Choices,
    ConfigPath,
    Encoding,
    ExtendSelect,
    Ignore,
    NoteType,
    Select,
    format_choice,
    selection,
    split_list,
)
from .errors import RecordlintError


class LazyGroup(TyperGroup):
    """The top-level group: commands from ``recordlint.commands`` load when first needed."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        names = super().list_commands(ctx)
        return names + [name for name in COMMANDS if name not in names]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        return super().get_command(ctx, cmd_name) or load_command(cmd_name)


app = typer.Typer(
    cls=LazyGroup,
    help="Lint children's social-care case notes for jargon, blame and defensive recording.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"recordlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """recordlint: child-centred case-record checks."""


def _format_help() -> str:
    from .reporters import format_help

    return f"Output format. {format_help()}."


def _format_names() -> list[str]:
    """The choices of `check --format`: the registered formats, read when needed, so that a
    format registered later is a choice too (in the help, the check and shell completion)."""
    from .reporters import REPORTERS

    return list(REPORTERS)


class FailOn(str, Enum):
    """The lowest severity that makes `check` exit 1, or ``never``."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command()
def check(
    paths: list[str] = typer.Argument(
        None, help="Files or folders of .txt/.md notes; '-' reads standard input."
    ),
    output_format: str = typer.Option(
        "text",
        "--format",
        "--output-format",
        "-f",
        help=_format_help(),
        click_type=Choices(_format_names),
    ),
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    fail_on: FailOn | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on findings at or above this severity (default: warning); never: report only.",
    ),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="Exit 0 even when there are findings."
    ),
    statistics: bool = typer.Option(False, "--statistics", help="Also print a count per rule."),
    child: Child = None,
    stdin_filename: str | None = typer.Option(
        None, "--stdin-filename", help="Name to report for standard input."
    ),
    note_type: NoteType = None,
    config: ConfigPath = None,
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only the summary line (text format)."
    ),
    no_color: bool = typer.Option(
        False,
        "--no-color",
        help="No colour (also when NO_COLOR is set or output is not a terminal).",
    ),
    encoding: Encoding = None,
    min_score: int | None = typer.Option(
        None,
        "--min-score",
        min=0,
        max=100,
        help="Also exit 1 when any note scores below this (0-100).",
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not recorded in this baseline file."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file instead of standard output."
    ),
    exclude: list[str] | None = typer.Option(
        None,
        "--exclude",
        help="Skip these when walking folders (glob patterns; replaces defaults).",
    ),
    extend_exclude: list[str] | None = typer.Option(
        None, "--extend-exclude", help="Skip these as well when walking folders (glob patterns)."
    ),
    respect_gitignore: bool | None = typer.Option(
        None,
        "--respect-gitignore/--no-respect-gitignore",
        help="Skip what .gitignore files ignore when walking folders (default: yes).",
        show_default=False,
    ),
    report_unused_ignores: bool = typer.Option(
        False, "--report-unused-ignores", help="Warn (and exit 1) on suppressions that hid nothing."
    ),
) -> None:
    """Check case notes and report findings with child-centred hints."""
    from .runner import CheckOptions, run_check

    options = CheckOptions(
        paths=list(paths or ["-"]),
        format=output_format,
        **selection(select, extend_select, ignore),
        fail_on=None if fail_on is None else FailOn(fail_on).value,
        exit_zero=exit_zero,
        statistics=statistics,
        child=child,
        stdin_filename=stdin_filename,
        note_type=note_type,
        config=config,
        quiet=quiet,
        color=False if no_color else None,
        encoding=encoding,
        min_score=min_score,
        baseline=baseline,
        output=output,
        exclude=split_list(exclude) if exclude is not None else None,
        extend_exclude=split_list(extend_exclude),
        respect_gitignore=respect_gitignore,
        report_unused_ignores=report_unused_ignores,
    )
    raise typer.Exit(run_check(options))


@app.command("rules")
def list_rules(
    output_format: Annotated[str, format_choice()] = "text",
    all_rules: bool = typer.Option(True, "--all/--enabled", help="Show opt-in rules too."),
) -> None:
    """List every rule: code, name, category, default severity and what it catches."""
    from .control_chars import printable
    from .docs import rules_table

    table = rules_table(output_format, include_disabled=all_rules)
    typer.echo(table if output_format == "json" else printable(table))


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule code (RL101) or name (care-jargon)."),
) -> None:
    """Explain a rule: what it catches, why it matters for the child, and examples."""
    from .control_chars import printable
    from .docs import explain_rule

    typer.echo(printable(explain_rule(rule)))


def _stdout_gone() -> None:
    """After a failed write to standard output, send the rest to /dev/null so that Python's
    final flush cannot fail again with a traceback."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _base_error(name: str) -> type[Exception]:
    """Typer's (vendored) Click exception class called ``name``, found from a public one."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


def _usage_message(exc: Exception) -> str:
    """A command-line usage error as one line, naming the command it is about."""
    from .control_chars import printable

    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.info_name and ctx.parent is not None:
        message = f"{ctx.info_name}: {message}"
        if isinstance(exc, _base_error("UsageError")):
            message += f" (see 'recordlint {ctx.info_name} --help')"
    return printable(message, one_line=True)


def main() -> None:
    """Console entry point: one-line errors with exit status 2, never a traceback."""
    from .control_chars import printable

    try:
        status = app(standalone_mode=False, prog_name="recordlint")
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        sys.exit(status if isinstance(status, int) else 0)
    except RecordlintError as exc:
        print(f"recordlint: error: {printable(str(exc), one_line=True)}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # the reader (e.g. `head`) stopped reading: nothing to say
        _stdout_gone()
        sys.exit(2)
    except OSError as exc:  # most often standard output on a full disk
        reason = exc.strerror or str(exc)
        if exc.filename is not None:
            where = printable(str(exc.filename), one_line=True)
            print(f"recordlint: error: {where}: {reason}", file=sys.stderr)
        else:
            _stdout_gone()
            print(f"recordlint: error: cannot write the output: {reason}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("recordlint: interrupted", file=sys.stderr)
        sys.exit(130)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        sys.exit(code or 0)
    except Exception as exc:  # usage errors and the like
        if isinstance(exc, _base_error("ClickException")):
            print(f"recordlint: error: {_usage_message(exc)}", file=sys.stderr)
            sys.exit(2)
        if isinstance(exc, typer.Abort):
            sys.exit(130)
        raise
