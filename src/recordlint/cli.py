"""The command-line interface. Commands only: the work happens in the modules they call."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import typer
from typer.core import TyperGroup

from . import __version__
from .commands import COMMANDS, load_command
from .commands.options import (
    Child,
    ConfigPath,
    Encoding,
    ExtendSelect,
    Ignore,
    NoteType,
    Select,
    selection,
)
from .errors import RecordlintError


class LazyGroup(TyperGroup):
    """The top-level group: commands from ``recordlint.commands`` load when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return names + [name for name in COMMANDS if name not in names]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or load_command(cmd_name)


app = typer.Typer(
    cls=LazyGroup,
    help="Lint children's social-care case notes for jargon, blame and defensive recording.",
    no_args_is_help=True,
    add_completion=False,
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


@app.command()
def check(
    paths: list[str] = typer.Argument(
        None, help="Files or folders of .txt/.md notes; '-' reads standard input."
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=_format_help()),
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on findings at or above: error, warning (default), info, never.",
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
) -> None:
    """Check case notes and report findings with child-centred hints."""
    from .runner import CheckOptions, run_check

    if fail_on is not None and fail_on not in ("error", "warning", "info", "never"):
        raise RecordlintError("--fail-on must be one of error, warning, info, never")
    options = CheckOptions(
        paths=list(paths or ["-"]),
        format=output_format,
        **selection(select, extend_select, ignore),
        fail_on=fail_on,
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
    )
    raise typer.Exit(run_check(options))


@app.command("rules")
def list_rules(
    output_format: str = typer.Option("text", "--format", "-f", help="text or json."),
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


def main() -> None:
    """Console entry point: one-line errors with exit status 2, never a traceback."""
    from .control_chars import printable

    try:
        status = app(standalone_mode=False)
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
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(2)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(130)
        raise
