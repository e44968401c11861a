"""The CI examples run as tests, and the README quotes them word for word, so neither rots.

The `recordlint ...` lines of examples/ci/github-workflow.yml and examples/ci/gitlab-ci.yml
are run (as `python -m recordlint ...`) on a copy of the example notes, and README.md must
contain each file's full text inside a fenced code block.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "examples" / "ci"
EXAMPLE_FILES = ("github-workflow.yml", "gitlab-ci.yml")


def _lines(script: object) -> list[str]:
    if isinstance(script, str):
        return script.splitlines()
    if isinstance(script, list):
        return [line for item in script for line in _lines(item)]
    return []


def recordlint_commands(name: str) -> list[str]:
    """The shell lines starting with `recordlint` in a workflow's steps or a job's script."""
    document = yaml.safe_load((CI / name).read_text("utf-8"))
    scripts: list[object] = []
    if "jobs" in document:  # GitHub Actions
        for job in document["jobs"].values():
            scripts += [step.get("run") for step in job.get("steps", [])]
    else:  # GitLab CI: every mapping with a script is a job
        for job in document.values():
            if isinstance(job, dict):
                scripts += [job.get(k) for k in ("before_script", "script", "after_script")]
    return [line.strip() for line in _lines(scripts) if line.strip().startswith("recordlint ")]


def run_line(line: str, cwd: Path) -> tuple[int, str]:
    """Run one `recordlint ...` line; return the exit status and what it wrote."""
    words = shlex.split(line)
    target = None
    if ">" in words:
        index = words.index(">")
        target, words = cwd / words[index + 1], words[:index]
    assert not {"|", "&&", ";", ">>", "2>"} & set(words), f"unsupported shell syntax: {line}"
    result = subprocess.run(
        [sys.executable, "-m", "recordlint", *words[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if target is not None:  # what the shell's `> FILE` does
        target.write_text(result.stdout, encoding="utf-8")
    return result.returncode, result.stdout


def check_format(line: str, output: str) -> None:
    """The output is non-empty and in the format the line asks for."""
    assert output.strip(), f"no output from: {line}"
    words = shlex.split(line)
    fmt = words[words.index("--format") + 1] if "--format" in words else "text"
    if fmt == "github":
        assert all(row.startswith("::") for row in output.splitlines() if row.strip())
    elif fmt == "gitlab":
        issues = json.loads(output)
        assert isinstance(issues, list) and issues
        assert all({"check_name", "fingerprint", "location"} <= set(i) for i in issues)
    elif fmt == "sarif":
        assert json.loads(output)["runs"][0]["results"]
    elif fmt == "junit":
        assert ET.fromstring(output).tag in ("testsuites", "testsuite")
    elif fmt in ("json",):
        assert json.loads(output)["findings"]


@pytest.fixture
def notes_repo(tmp_path: Path) -> Path:
    """A small repository: notes/ holds a copy of the example notes."""
    examples = sorted((ROOT / "examples").glob("*.txt"))
    assert examples, "examples/*.txt is empty; the CI examples need notes to check"
    (tmp_path / "notes").mkdir()
    for path in examples:
        shutil.copy(path, tmp_path / "notes" / path.name)
    return tmp_path


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_ci_example_commands_run(name: str, notes_repo: Path) -> None:
    commands = recordlint_commands(name)
    assert commands, f"no recordlint command found in examples/ci/{name}"
    for line in commands:
        status, output = run_line(line, notes_repo)
        assert status in (0, 1), f"{line} exited {status}"
        check_format(line, output)


def _fenced_blocks(markdown: str) -> list[str]:
    pattern = re.compile(r"^(`{3,}|~{3,})[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
    return [match.group(2) for match in pattern.finditer(markdown)]


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_readme_quotes_ci_example_verbatim(name: str) -> None:
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    text = (CI / name).read_text("utf-8").strip("\n")
    blocks = _fenced_blocks(readme.read_text("utf-8"))
    assert any(text in block for block in blocks), (
        f"README.md has no fenced code block containing examples/ci/{name} word for word; "
        "copy the file's full text into the README"
    )
