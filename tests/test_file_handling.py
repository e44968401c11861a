"""File handling like ruff: what a folder walk skips, the config that applies to each file,
and suppressions that never need a marker in a child's record."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from recordlint.sources.files import DEFAULT_EXCLUDE, WalkFilter, walk_notes

JARGON = "Contact with mum went well on Saturday.\n"


def write(path: Path, text: str = JARGON) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def walked(folder: Path, skip: WalkFilter | None = None) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in walk_notes(folder, skip))


def default_filter(base: Path, respect_gitignore: bool = True, extra=()) -> WalkFilter:
    return WalkFilter.build([(base, [*DEFAULT_EXCLUDE, *extra])], respect_gitignore)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of notes with the folders a walk should and should not enter."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "notes" / "visit.txt")
    write(tmp_path / "notes" / "drafts" / "draft.txt")
    write(tmp_path / "notes" / "drafts" / "keep.md")
    write(tmp_path / "notes" / "scratch.tmp.md")
    write(tmp_path / ".gitignore", "*.tmp.md\n")
    write(tmp_path / "notes" / ".gitignore", "drafts/*\n!drafts/keep.md\n")
    write(tmp_path / ".hidden" / "secret.txt")
    write(tmp_path / "env" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "env" / "lib" / "site.txt")
    write(tmp_path / "node_modules" / "pkg" / "README.md")
    write(tmp_path / "venv" / "notes.txt")
    return tmp_path


def test_walk_skips_hidden_virtual_envs_defaults_and_gitignored(repo):
    assert walked(repo, default_filter(repo)) == ["notes/drafts/keep.md", "notes/visit.txt"]


def test_walk_without_gitignore(repo):
    assert walked(repo, default_filter(repo, respect_gitignore=False)) == [
        "notes/drafts/draft.txt",
        "notes/drafts/keep.md",
        "notes/scratch.tmp.md",
        "notes/visit.txt",
    ]


def test_gitignore_above_the_walked_folder_counts_inside_a_repository(repo):
    assert walked(repo / "notes", default_filter(repo)) == ["drafts/keep.md", "visit.txt"]


def test_gitignore_outside_a_repository_is_not_read(tmp_path):
    write(tmp_path / ".gitignore", "*.txt\n")
    write(tmp_path / "a.txt")
    assert walked(tmp_path, default_filter(tmp_path)) == ["a.txt"]


def test_exclude_patterns_are_globs_relative_to_their_base(repo):
    skip = default_filter(repo, extra=["notes/drafts/", "visit.*"])
    assert walked(repo, skip) == []
    only_nested = WalkFilter.build([(repo / "notes", ["drafts/**/*.md"])])
    assert "notes/drafts/keep.md" not in walked(repo, only_nested)
    assert "notes/visit.txt" in walked(repo, only_nested)


def _check(cwd: Path, *args: str):
    """`check --select RL101` (no spaCy model needed), concise output."""
    result = run_cli("check", *args, "--select", "RL101", "-f", "concise", cwd=cwd)
    lines = result.stdout.decode().splitlines()
    return result, sorted({line.split(":", 1)[0] for line in lines})


def test_cli_exclude_extend_exclude_and_gitignore_options(repo):
    result, files = _check(repo, ".")
    assert result.returncode == 1 and files == ["notes/drafts/keep.md", "notes/visit.txt"]
    _, files = _check(repo, ".", "--no-respect-gitignore", "--extend-exclude", "drafts")
    assert files == ["notes/scratch.tmp.md", "notes/visit.txt"]
    _, files = _check(repo, ".", "--exclude", "notes/visit.txt")  # replaces the defaults
    assert files == ["node_modules/pkg/README.md", "notes/drafts/keep.md", "venv/notes.txt"]
    _, files = _check(repo, "notes/scratch.tmp.md", "--exclude", "*.md")  # named outright
    assert files == ["notes/scratch.tmp.md"]


def test_config_exclude_keys(repo):
    write(repo / ".recordlint.yaml", "extend-exclude: ['drafts/']\nrespect-gitignore: false\n")
    _, files = _check(repo, ".")
    assert files == ["notes/scratch.tmp.md", "notes/visit.txt"]
    _, files = _check(repo, ".", "--respect-gitignore")  # the command line wins
    assert files == ["notes/visit.txt"]


def test_config_is_found_relative_to_each_checked_file(tmp_path):
    write(tmp_path / "team-a" / "visit.txt")
    write(tmp_path / "team-b" / "visit.txt")
    write(tmp_path / "team-c" / "deep" / "visit.txt")
    write(tmp_path / "team-b" / ".recordlint.yaml", "ignore: [RL101]\n")
    write(tmp_path / "team-c" / "pyproject.toml", "[tool.recordlint]\nignore = ['jargon']\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result, files = _check(elsewhere, str(tmp_path))
    assert result.returncode == 1
    assert [Path(f).parent.name for f in files] == ["team-a"]
    only_b, files = _check(tmp_path, "team-b/visit.txt")
    assert only_b.returncode == 0 and files == []
    forced, files = _check(tmp_path, "team-b", "--config", str(tmp_path / "team-c" / "x.yaml"))
    assert forced.returncode == 2 and b"recordlint: error: " in forced.stderr


def test_fix_uses_the_config_beside_the_file(tmp_path):
    note = write(tmp_path / "team-b" / "visit.txt")
    write(tmp_path / "team-b" / ".recordlint.yaml", "ignore: [RL101]\n")
    result = run_cli("fix", str(note), "--select", "jargon", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == b""  # RL101 is off for team-b


def test_per_file_ignores(tmp_path):
    write(tmp_path / "training" / "poor-example.md")
    write(tmp_path / "training" / "answer.md")
    write(tmp_path / "notes" / "poor-example.md")
    write(tmp_path / ".recordlint.yaml", "per-file-ignores:\n  'training/poor-*.md': [jargon]\n")
    _, files = _check(tmp_path, ".")
    assert files == ["notes/poor-example.md", "training/answer.md"]


def test_per_file_ignore_naming_no_rule_is_an_error(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / ".recordlint.yaml", "per-file-ignores:\n  '*.txt': [RL1O1]\n")
    result = run_cli("check", "a.txt", "--select", "RL101", cwd=tmp_path)
    assert result.returncode == 2
    assert b"per-file-ignores '*.txt': 'RL1O1' matches no rule" in result.stderr


def test_per_note_ignores_in_a_batch_export(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "Case Note ID,Case Note\n"
        "N-1,Contact with mum went well.\nN-2,Contact with dad went well.\n",
        encoding="utf-8",
    )
    write(tmp_path / ".recordlint.yaml", "per-note-ignores:\n  N-2: [RL101]\n")
    out = tmp_path / "findings.jsonl"
    result = run_cli(
        "batch", str(export), "--select", "RL101", "--quiet", "--output", str(out), cwd=tmp_path
    )
    assert result.returncode in (0, 1), result.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {row["note_id"] for row in rows if row["rule"] == "RL101"} == {"N-1"}


def test_report_unused_ignores(tmp_path):
    write(tmp_path / "lesson.md", (
        "<!-- recordlint-disable RL101 -->\nContact went well.\n<!-- recordlint-enable -->\n"
        "<!-- recordlint-disable RL101 -->\nMum and I talked.\n<!-- recordlint-enable -->\n"
    ))  # fmt: skip
    write(tmp_path / "visit.txt", "I talked with Amira.\n")
    write(tmp_path / ".recordlint.yaml", (
        "per-file-ignores:\n  'visit.txt': [RL101]\n  'absent.txt': [RL101]\n"
    ))  # fmt: skip
    quiet = run_cli("check", ".", "--select", "RL101", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == b""
    loud = run_cli("check", ".", "--select", "RL101", "--report-unused-ignores", cwd=tmp_path)
    assert loud.returncode == 1
    warnings = loud.stderr.decode().splitlines()
    assert len(warnings) == 2, warnings
    assert all(w.startswith("recordlint: warning: ") for w in warnings)
    assert any("lesson.md:4: recordlint-disable (RL101) suppressed nothing" in w for w in warnings)
    assert any("per-file-ignores 'visit.txt' (RL101) suppressed nothing" in w for w in warnings)
    assert os.path.exists(tmp_path / "lesson.md")


def test_readme_configuration_example_is_a_valid_config(tmp_path):
    import re

    from conftest import ROOT
    from recordlint.config import load_config

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Configuration\n", 1)[1]
    example = re.search(r"```yaml\n(select: .*?)```", section, re.S).group(1)
    path = write(tmp_path / ".recordlint.yaml", example)
    config = load_config(path)
    assert config.extend_exclude == ["*.draft.md"] and config.respect_gitignore is True
    assert config.per_file_ignores["handouts/**"] == ["RL111"]
    assert config.per_note_ignores == {"CN0048213": ["RL401"]}


def test_output_is_never_written_over_a_nested_config(tmp_path):
    write(tmp_path / "team" / "visit.txt")
    config = write(tmp_path / "team" / ".recordlint.yaml", "ignore: [RL111]\n")
    result = run_cli(
        "check", "team", "--select", "RL101", "-f", "json", "-o", str(config), cwd=tmp_path
    )
    assert result.returncode == 2 and b"config file" in result.stderr
    assert config.read_text("utf-8") == "ignore: [RL111]\n"
