"""Snapshots of the text, JSON and SARIF output for one fixture note, compared exactly.

A change to what recordlint prints shows here as a diff. When the change is meant, write
the snapshots again with ``RECORDLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py``
and review the diff of ``tests/data/snapshots`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recordlint.cli import app

DATA = Path(__file__).parent / "data"
SNAPSHOTS = DATA / "snapshots"
NOTE = "snapshots/note.txt"  # relative to DATA, as the reports show it
#: A fixed selection, so that a new rule elsewhere does not change these snapshots.
RULES = "RL101,RL111,RL201,RL320,RL401"
UPDATE = os.environ.get("RECORDLINT_UPDATE_SNAPSHOTS") == "1"


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("sarif", "sarif")])
def test_output_matches_its_snapshot(monkeypatch, fmt, suffix):
    monkeypatch.chdir(DATA)
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(
        app, ["check", NOTE, "--format", fmt, "--select", RULES, "--no-color"]
    )
    assert result.exit_code == 1, result.output  # the note has findings
    # SARIF names the folder it ran in (%SRCROOT%): the same snapshot for every checkout
    output = result.output.replace(DATA.resolve().as_uri() + "/", "file:///checkout/tests/data/")
    snapshot = SNAPSHOTS / f"note.{fmt}.{suffix}"
    if UPDATE:
        snapshot.write_text(output, encoding="utf-8")
    expected = snapshot.read_text(encoding="utf-8")
    assert output == expected, f"{snapshot.name} differs (see the module docstring)"


def test_the_snapshots_agree_with_each_other():
    """The three formats report the same findings, at the same places."""
    import json

    found = json.loads((SNAPSHOTS / "note.json.json").read_text(encoding="utf-8"))["findings"]
    sarif = json.loads((SNAPSHOTS / "note.sarif.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    text = (SNAPSHOTS / "note.text.txt").read_text(encoding="utf-8")
    assert len(found) == len(results) == 8
    for finding, result in zip(found, results, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["ruleId"] == finding["rule"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert f"{finding['line']}:{finding['column']}  {finding['severity']}" in text
