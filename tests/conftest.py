"""Shared fixtures: one Linter for the session, a CLI runner, and paths to shared data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recordlint.config import Config
from recordlint.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def linter() -> Linter:
    """The default rule set, shared by tests (the spaCy model loads once)."""
    return Linter(Config())


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None, env=None):
    """Run ``recordlint ARGS`` in a subprocess, as a user would."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "recordlint", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli
