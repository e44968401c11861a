"""The pre-commit hook: its files pattern picks notes (not READMEs or changelogs), its
comments point at documentation that exists, and the README's local hook agrees with it."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


@pytest.fixture(scope="module")
def hook() -> dict:
    (found,) = [h for h in yaml.safe_load(HOOKS.read_text("utf-8")) if h["id"] == "recordlint"]
    return found


@pytest.mark.parametrize(
    "path, checked",
    [
        ("notes/visit.txt", True),
        ("answers/home-visit/rewrite.md", True),
        ("visit.MD", True),
        ("README.md", False),
        ("docs/readme.txt", False),
        ("CHANGELOG.md", False),
        ("training/Changelog.txt", False),
        ("notes/readme-for-carers.md", True),  # only the README itself is left out
        ("notes/visit.csv", False),
        ("rules/jargon.yaml", False),
    ],
)
def test_files_pattern_picks_notes_only(hook, path, checked):
    assert bool(re.search(hook["files"], path)) is checked


def test_hook_comment_points_at_documentation_that_exists():
    comments = " ".join(line for line in HOOKS.read_text("utf-8").splitlines() if "#" in line)
    assert "docs/" not in comments
    assert "README.md" in comments
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "\n### pre-commit\n" in readme


def test_readme_local_hook_uses_the_same_files_pattern(hook):
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n### pre-commit\n", 1)[1].split("\n### ", 1)[0]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    local = [
        h for b in blocks for repo in b["repos"] if repo["repo"] == "local" for h in repo["hooks"]
    ]
    assert local and local[0]["language"] == "system"
    assert local[0]["files"] == hook["files"]
    assert local[0]["entry"] == hook["entry"]
