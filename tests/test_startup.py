"""Start-up stays light: `--version` imports neither pydantic nor spaCy, and Typer/Click
raise no deprecation warning."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("pydantic")  # installed with spaCy: the import must still not happen

PROBE = (
    "import sys\nfrom recordlint import cli\n"
    "try:\n    cli.app(ARGS, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
    "print(sorted(m for m in ('pydantic', 'spacy', 'textstat', 'nltk') if m in sys.modules))\n"
)


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["check", "--help"], ["rules"], ["explain", "RL101"]]
)
def test_start_up_imports_no_pydantic_nor_spacy(args):
    code = PROBE.replace("ARGS", repr(args))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


def test_version_raises_no_deprecation_warning():
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-m", "recordlint", "--version"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("recordlint ") and result.stderr == ""
