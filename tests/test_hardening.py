"""Bad and hostile input: recordlint never crashes, never runs code it reads, never loses a note.

Rows of the hardening table that concern batch exports live in test_batch*.py and
test_sources_tabular.py; empty, binary and mis-encoded notes in test_cli_check.py.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from recordlint.config import Config
from recordlint.model import Note

NOTE = (
    "Statutory visit to Leah (9). Contact with mum went well. It was decided that Leah will "
    'stay with her aunt. Leah said "I like it here". The ICPC is on 3 May.\n'
)


def _peak_rss_mb(args: list[str], cwd: Path | None = None) -> tuple[int, float]:
    """Run recordlint in a child process; return its exit status and peak RSS in MB."""
    code = (
        "import resource, subprocess, sys\n"
        f"status = subprocess.run({[sys.executable, '-m', 'recordlint', *args]!r},"
        " stdout=subprocess.DEVNULL).returncode\n"
        "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    status, kilobytes = result.stdout.split()
    return int(status), int(kilobytes) / 1024


# --- huge input: completes, memory bounded ------------------------------------------------


@pytest.mark.slow
def test_million_character_line(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("the cat sat on the mat and went to school " * 24_000, encoding="utf-8")
    assert len(path.read_text(encoding="utf-8")) > 1_000_000
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1)
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "RL501" in rules  # one enormous sentence


def test_ten_thousand_one_word_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(["contact"] * 10_000), encoding="utf-8")
    result = run_cli("check", str(path), "--format", "concise")
    assert result.returncode in (0, 1)
    assert b"Traceback" not in result.stderr


@pytest.mark.slow
def test_fifty_megabyte_note_completes_with_bounded_memory(tmp_path):
    """A 50 MB note is checked in segments: memory stays near that of a 2 MB note."""
    unit = (
        "I visited Sam at home today and we talked about school.\n"
        "Sam showed me a drawing of the dog and said he likes the park.\n\n"
    )
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(unit * (2 * 2**20 // len(unit)), encoding="utf-8")
    with big.open("w", encoding="utf-8") as stream:
        for _ in range(25):
            stream.write(unit * (2 * 2**20 // len(unit)))
    assert big.stat().st_size >= 50 * 10**6
    status_small, rss_small = _peak_rss_mb(["check", str(small), "--format", "concise"])
    status_big, rss_big = _peak_rss_mb(["check", str(big), "--format", "concise", "-q"])
    assert status_small in (0, 1) and status_big in (0, 1)
    assert rss_big < rss_small + 250, (rss_small, rss_big)


# --- code never runs from what recordlint reads ---------------------------------------------


def _pack_folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "local.yaml").write_text(body, encoding="utf-8")
    (tmp_path / ".recordlint.yaml").write_text("rule_paths: [packs]\n", encoding="utf-8")
    return folder


RULE = """rules:
  - code: RL901
    name: local-test
    category: jargon
    summary: A test rule.
    message: found {{match}}
    hint: say it plainly
    terms:
      - {term}
"""


def test_rule_pack_with_python_tag_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "pwned"
    _pack_folder(tmp_path, f"rules: !!python/object/apply:os.system ['touch {marker}']\n")
    result = run_cli("check", "-", stdin=NOTE, cwd=tmp_path)
    assert result.returncode == 2
    assert b"local.yaml:1" in result.stderr and b"Traceback" not in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\\\w+\\\\s?)*x", "(?:x|y+)+z"])
def test_catastrophic_regex_is_refused_at_load(tmp_path, pattern):
    _pack_folder(tmp_path, RULE.format(term=f"pattern: '{pattern}'"))
    result = run_cli("check", "-", stdin=NOTE, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert b"local.yaml:2" in result.stderr and b"nested repetition" in result.stderr


def test_invalid_regex_and_wrong_types_in_pack(tmp_path):
    _pack_folder(tmp_path, RULE.format(term="pattern: '(unclosed'"))
    result = run_cli("check", "-", stdin=NOTE, cwd=tmp_path)
    assert result.returncode == 2 and b"invalid regular expression" in result.stderr


def test_local_pack_works(tmp_path):
    _pack_folder(tmp_path, RULE.format(term="match: went well"))
    result = run_cli(
        "check", "-", "--format", "json", "--select", "RL901", stdin=NOTE, cwd=tmp_path
    )
    assert [f["excerpt"] for f in json.loads(result.stdout)["findings"]] == ["went well"]


# --- folders: link loops and unreadable files ----------------------------------------------


def test_symlink_loop_and_unreadable_file_are_reported_and_skipped(tmp_path):
    notes = tmp_path / "notes"
    (notes / "inner").mkdir(parents=True)
    (notes / "inner" / "a.txt").write_text(NOTE, encoding="utf-8")
    (notes / "inner" / "loop").symlink_to(notes, target_is_directory=True)
    locked = notes / "locked.txt"
    locked.write_text(NOTE, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root can read anything: simulate with a dangling link
            locked.chmod(0o644)
            locked.unlink()
            locked.symlink_to(tmp_path / "missing.txt")
        result = run_cli("check", str(notes), "--format", "concise")
    finally:
        if locked.exists():
            locked.chmod(0o644)
    assert result.returncode == 2
    assert b"locked.txt" in result.stderr
    assert b"loop" in result.stderr
    assert result.stdout.count(b"a.txt:") >= 1  # the readable note was still checked


# --- never lose or overwrite what the user wrote --------------------------------------------


def test_output_path_equal_to_input_is_refused(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = run_cli("check", str(note), "--format", "json", "--output", str(note))
    assert result.returncode == 2 and b"refusing" in result.stderr
    assert note.read_text(encoding="utf-8") == NOTE


def test_fix_write_interrupted_keeps_the_original(tmp_path, monkeypatch):
    from recordlint import safe_write

    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safe_write.atomic_write_text(note, "half a note")
    assert note.read_text(encoding="utf-8") == NOTE
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]  # no temp file left behind


def test_fix_write_on_full_disk_keeps_the_original(tmp_path, monkeypatch):
    from recordlint import safe_write
    from recordlint.errors import RecordlintError

    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    with pytest.raises(RecordlintError, match="No space left"):
        safe_write.atomic_write_text(note, "new text")
    assert note.read_text(encoding="utf-8") == NOTE


# --- property tests: any text at all ---------------------------------------------------------

FRAGMENTS = [
    "\r\n", "\r", "\n\n", "\t", '"', "'", "“", "”", "‘", "’", ". ", "? ", ":", "(", ")",
    "\u0301", "\u200f", "\u05d0\u05d1", "😀", "e\u0301", "contact", "Contact with mum",
    "ICPC", " It was decided that ", "the child", "Leah", " said ", "refused to engage",
    "as per procedure", "Case to be closed.", "(ICPC)", "s47",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
        st.sampled_from(FRAGMENTS),
    ),
    max_size=30,
).map("".join)


@pytest.fixture(scope="module")
def any_linter():
    from recordlint.engine import Linter

    return Linter(Config(select=["ALL"], child="Leah"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, note_type=st.sampled_from([None, "visit", "phone-call"]))
def test_check_never_raises_and_offsets_are_consistent(any_linter, text, note_type):
    result = any_linter.lint(Note(text=text, type=note_type))
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.excerpt == text[f.start : f.end]
        assert f.line >= 1 and f.column >= 1
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        # line/column agree with the offsets, whatever the line endings
        before = text[: f.start].replace("\r\n", "\n").replace("\r", "\n")
        assert f.line == before.count("\n") + 1
        assert f.column == len(before) - (before.rfind("\n") + 1) + 1
    assert lines.count("\n") + 1 >= max((f.end_line for f in result.findings), default=1)
    assert 0 <= result.score <= 100


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "note_id": st.text(min_size=1, max_size=12).filter(lambda s: s.strip()),
                "text": st.text(
                    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
                ).filter(lambda s: s.strip()),
                "author": st.text(max_size=20),
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_jsonl_rows_round_trip_through_the_reader(tmp_path_factory, rows):
    from recordlint.sources.tabular import open_export

    path = tmp_path_factory.mktemp("export") / "rows.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    notes = [n for n in open_export(path) if isinstance(n, Note)]
    assert [n.text for n in notes] == [r["text"] for r in rows]
    # ids are identifiers: the reader trims the spaces around them; text is kept exactly
    assert [n.id for n in notes] == [r["note_id"].strip() for r in rows]


def test_resource_module_available():
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def test_empty_exports_are_nothing_to_check_not_errors(tmp_path):
    from conftest import EXAMPLES

    empty, blank = tmp_path / "empty.csv", tmp_path / "blank.csv"
    empty.write_bytes(b"")
    blank.write_text(" \n\n", encoding="utf-8")
    result = run_cli("batch", str(empty), str(blank), str(EXAMPLES / "caseload.csv"), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(b"nothing to check") == 2
    assert b"24 notes checked" in result.stdout
