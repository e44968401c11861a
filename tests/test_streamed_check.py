"""A very large note file is checked piece by piece (``sources.stream``): the same findings
as when it is read whole, the same errors, and the note never held in memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recordlint import engine
from recordlint.cli import app
from recordlint.errors import RecordlintError
from recordlint.sources import stream

# Non-ASCII words on purpose: a character cut across two reads must decode whole.
PARAGRAPHS = [
    "Home visit to Zoë and her mum. The placement is stable and LAC review is due.\n"
    "Zoë was told about the plan. It was decided that contact would stay weekly.\n",
    "Mum refused to engage with the worker’s questions and was very aggressive.\n",
    "Zoë said “I like my new school” and showed me a drawing of her cat.\n"
    "As per procedure, the case was stepped down to early help.\n",
    "Dad was not present. Strategy discussion held; outcome to be confirmed by the SW.\n",
]


def _note(repeats: int) -> str:
    return "\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(repeats))


@pytest.fixture
def small_pieces(monkeypatch):
    """Stream any file over 2 KB, in pieces of 700 characters, read 97 bytes at a time."""
    monkeypatch.setattr(stream, "STREAM_BYTES", 2_000)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 97)
    monkeypatch.setattr(engine, "SEGMENT_CHARS", 700)


def _check(*args: str):
    return CliRunner().invoke(app, ["check", *args])


def _whole(monkeypatch, *args: str):
    """The same check with the file read whole (nothing is large enough to stream)."""
    with monkeypatch.context() as patch:
        patch.setattr(stream, "STREAM_BYTES", 10**12)
        return _check(*args)


@pytest.mark.parametrize("fmt", ["jsonl", "concise"])
def test_streamed_findings_are_those_of_the_whole_note(tmp_path, monkeypatch, small_pieces, fmt):
    path = tmp_path / "long.txt"
    path.write_text(_note(40), encoding="utf-8")
    calls = []
    monkeypatch.setattr(engine.Linter, "lint_pieces", _spy(engine.Linter.lint_pieces, calls))
    streamed = _check(str(path), "--format", fmt, "--child", "Zoë", "--note-type", "visit")
    assert calls, "the file was not checked piece by piece"
    whole = _whole(
        monkeypatch, str(path), "--format", fmt, "--child", "Zoë", "--note-type", "visit"
    )
    assert streamed.exit_code == whole.exit_code == 1
    assert streamed.stdout == whole.stdout
    lines = streamed.stdout.splitlines()
    assert len(lines) > 40
    if fmt == "jsonl":
        rules = [json.loads(line)["rule"] for line in lines]
        assert rules.count("RL411") <= 1  # a note-level rule reports once for the note
        text = path.read_text(encoding="utf-8")
        for row in map(json.loads, lines):
            line = text.splitlines()[row["line"] - 1]
            assert line[row["column"] - 1 :].startswith(text[row["start"] : row["end"]][:10])


def _spy(method, calls):
    def spy(self, *args, **kwargs):
        calls.append(1)
        return method(self, *args, **kwargs)

    return spy


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_stream_as_they_read(tmp_path, monkeypatch, small_pieces, encoding):
    path = tmp_path / "long.txt"
    path.write_text(_note(20), encoding=encoding)
    streamed = _check(str(path), "--format", "jsonl")
    whole = _whole(monkeypatch, str(path), "--format", "jsonl")
    assert streamed.exit_code == 1 and streamed.stdout == whole.stdout


def test_a_bad_byte_late_in_the_file_is_reported_before_any_finding_is_written(
    tmp_path, monkeypatch, small_pieces
):
    path = tmp_path / "long.txt"
    data = _note(30).encode("utf-8")
    path.write_bytes(data + b"\nThe end \xff of the note.\n")
    out = tmp_path / "findings.jsonl"
    streamed = _check(str(path), "--format", "jsonl", "--output", str(out))
    assert streamed.exit_code == 2
    assert f"invalid UTF-8 at byte offset {len(data) + 9}" in streamed.stderr
    assert "Traceback" not in streamed.output
    assert out.read_text(encoding="utf-8") == ""  # no finding of a note that was not read
    whole = _whole(monkeypatch, str(path), "--format", "jsonl", "--output", str(out))
    assert whole.exit_code == 2 and whole.stderr == streamed.stderr


def test_the_output_file_is_written_whole_and_never_over_the_note(tmp_path, small_pieces):
    path = tmp_path / "long.txt"
    path.write_text(_note(30), encoding="utf-8")
    before = path.read_bytes()
    refused = _check(str(path), "--format", "jsonl", "--output", str(path))
    assert isinstance(refused.exception, RecordlintError)  # the command line's exit 2
    assert "refusing to write output over an input file" in str(refused.exception)
    assert path.read_bytes() == before
    out = tmp_path / "findings.jsonl"
    written = _check(str(path), "--format", "jsonl", "--output", str(out), "--statistics")
    assert written.exit_code == 1
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows and all(json.loads(row)["file"] == str(path) for row in rows)
    counted = sum(int(line.split()[0]) for line in written.stderr.splitlines())
    assert counted == len(rows)  # --statistics counts what was written
    assert not list(tmp_path.glob(".findings.jsonl.*"))  # no temporary file left behind


def test_exit_code_and_min_score_follow_the_whole_note(tmp_path, monkeypatch, small_pieces):
    path = tmp_path / "long.txt"
    path.write_text(_note(30), encoding="utf-8")
    for args in (["--fail-on", "error"], ["--min-score", "99", "--fail-on", "never"]):
        streamed = _check(str(path), "--format", "concise", *args)
        whole = _whole(monkeypatch, str(path), "--format", "concise", *args)
        assert streamed.exit_code == whole.exit_code, args


def test_formats_that_need_every_finding_read_the_note_whole(tmp_path, monkeypatch, small_pieces):
    path = tmp_path / "long.txt"
    path.write_text(_note(30), encoding="utf-8")
    calls = []
    monkeypatch.setattr(engine.Linter, "lint_pieces", _spy(engine.Linter.lint_pieces, calls))
    result = _check(str(path), "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["findings"]
    markdown = tmp_path / "long.md"
    markdown.write_text(_note(30), encoding="utf-8")
    assert _check(str(markdown), "--format", "jsonl").exit_code == 1
    assert calls == []


def test_a_streamed_note_is_never_decoded_whole(tmp_path, monkeypatch, small_pieces):
    from recordlint.sources import files

    def whole_decode(*args, **kwargs):
        raise AssertionError("the whole file was decoded")

    monkeypatch.setattr(files, "decode", whole_decode)
    sizes = []
    pieces = stream.NoteStream.pieces
    monkeypatch.setattr(
        stream.NoteStream, "pieces", lambda self, size: _sizes(pieces(self, size), sizes)
    )
    path = tmp_path / "long.txt"
    path.write_text(_note(60), encoding="utf-8")
    assert _check(str(path), "--format", "jsonl").exit_code == 1
    assert len(sizes) >= 10 and max(sizes) <= engine.SEGMENT_CHARS
    assert sum(sizes) == len(path.read_text(encoding="utf-8"))


def _sizes(pieces, sizes):
    for offset, piece in pieces:
        assert offset == sum(sizes)
        sizes.append(len(piece))
        yield offset, piece


def _peak_checking(path: Path, out: Path) -> int:
    args = [str(path), "--format", "jsonl", "--select", "RL101", "--output", str(out)]
    tracemalloc.start()
    try:
        assert _check(*args).exit_code == 1
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_the_note_grows(tmp_path, monkeypatch):
    """Three times the note, not three times the memory: the peak is that of one piece."""
    monkeypatch.setattr(stream, "STREAM_BYTES", 100_000)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 1 << 16)
    monkeypatch.setattr(engine, "SEGMENT_CHARS", 20_000)
    peaks = []
    for size in (1_000_000, 3_000_000):
        path = tmp_path / f"note-{size}.txt"
        with path.open("w", encoding="utf-8") as handle:
            while handle.tell() < size:
                handle.write(_note(200))
        _peak_checking(path, tmp_path / "warm.jsonl")  # rules built, modules imported
        peaks.append(_peak_checking(path, tmp_path / "o.jsonl"))
    assert peaks[1] < 1.5 * peaks[0], peaks
    assert peaks[1] < 3_000_000 / 2, peaks  # the note's text (more, in memory) is never held
