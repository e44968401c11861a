"""Property tests: whatever bytes or table structure a file holds, `check` and `batch` end
with exit status 0, 1 or 2, raise nothing, and leave the file as it was."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordlint.cli import main

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

#: Text with the awkward characters: quotes, separators, line breaks, NUL, escapes, BOMs.
awkward_text = st.text(
    alphabet=st.sampled_from(list("ab Tom said\"',;\t\r\n|\x00\x1b\x85\ufeff\u2028é😀{}[]")),
    max_size=40,
)
cells = st.one_of(awkward_text, st.sampled_from(["text", "Case Note", "id", "author", ""]))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | awkward_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(cells, inner, max_size=4),
    max_leaves=12,
)


def run(*args: str) -> int:
    """Run recordlint in this process; return its exit status (nothing else may escape)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "argv", ["recordlint", *args]),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            main()
        except SystemExit as stop:
            return stop.code if isinstance(stop.code, int) else 0
    return 0


def check_file(name: str, data: bytes, *args: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        status = run(*args[:1], str(path), *args[1:])
        assert status in (0, 1, 2)
        assert path.read_bytes() == data
        assert sorted(p.name for p in Path(folder).iterdir()) == [name]  # nothing left behind


@SETTINGS
@given(st.binary(max_size=3000))
def test_check_survives_any_bytes(data):
    check_file("note.txt", data, "check", "-f", "json", "--select", "RL1,RL4")


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["export.csv", "export.jsonl", "export.xlsx"]))
def test_batch_survives_any_bytes(data, name):
    check_file(name, data, "batch", "--jobs", "1", "-q", "--select", "RL1")


@SETTINGS
@given(
    st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
)
def test_batch_survives_any_csv_structure(rows, delimiter):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    check_file("export.csv", data, "batch", "--jobs", "1", "-q", "--select", "RL1")


@SETTINGS
@given(st.lists(st.one_of(json_values, awkward_text), min_size=1, max_size=8))
def test_batch_survives_any_json_lines(records):
    lines = [json.dumps(r, ensure_ascii=False) if not isinstance(r, str) else r for r in records]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    check_file("export.jsonl", data, "batch", "--jobs", "1", "-q", "--select", "RL1")
