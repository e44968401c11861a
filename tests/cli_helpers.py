"""Running the console entry point in-process, as the tests of error handling do."""

from __future__ import annotations

import sys

from recordlint.cli import main


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``recordlint ARGS``; return its exit status, standard output and standard error."""
    monkeypatch.setattr(sys, "argv", ["recordlint", *args])
    try:
        main()
        code = 0
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else (0 if stopped.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err
