"""Hostile input that used to end in a traceback: now one line naming the file, exit 2
(or, for one bad record of an export, a skipped row and the run goes on)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import run_main
from recordlint.config import load_config
from recordlint.errors import ConfigError, InputError
from recordlint.sources.tabular import RowProblem, open_export

# -- JSON and JSON Lines ----------------------------------------------------------------------


def test_deep_nesting_and_huge_numbers_in_json_lines_skip_the_line_and_go_on(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"id": "1", "text": "First note."}),
        '{"id": "2", "text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "3", "text": "huge", "n": ' + "9" * 10_000 + "}",
        json.dumps({"id": "4", "text": "Last note."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(open_export(path))
    assert [i.id for i in items if not isinstance(i, RowProblem)] == ["1", "4"]
    problems = [i for i in items if isinstance(i, RowProblem)]
    assert [(p.row, p.reason) for p in problems] == [(2, "invalid JSON"), (3, "invalid JSON")]
    assert "nested too deeply" in str(problems[0])


def test_deep_nesting_in_a_json_array_is_a_one_line_error(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        '[{"id": "1", "text": "First note."},\n {"id": "2", "text": "x", "deep": '
        + "[" * 100_000
        + "]" * 100_000
        + "}]",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"export\.json:2: element 2 is nested too deeply"):
        list(open_export(path))


def test_a_huge_number_in_a_json_array_is_a_one_line_error(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('[{"id": "1", "text": "x", "n": ' + "7" * 10_000 + "}]", encoding="utf-8")
    with pytest.raises(InputError, match="element 1"):
        list(open_export(path))


# -- config ----------------------------------------------------------------------------------


def test_a_threshold_with_a_non_text_key_is_a_one_line_error(tmp_path):
    path = tmp_path / ".recordlint.yaml"
    path.write_text("thresholds:\n  1: 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold names must be text"):
        load_config(path)


# -- a full disk --------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_a_one_line_error(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("It was decided that Tom will move.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "recordlint", "check", str(note), "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in err and err.count("\n") == 1 and "No space left" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_batch_findings_on_a_full_device_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    export = tmp_path / "export.csv"
    export.write_text('id,text\n1,"Contact went well."\n', encoding="utf-8")
    findings = tmp_path / "findings.csv"
    findings.symlink_to("/dev/full")
    code, _, err = run_main(
        monkeypatch, capsys, "batch", str(export), "-o", str(findings), "--jobs", "1", "--quiet"
    )
    assert code == 2
    assert "findings.csv: cannot write: No space left on device" in err


# -- compare and a tampered results file -------------------------------------------------------


@pytest.fixture
def saved(tmp_path, monkeypatch, capsys) -> Path:
    export = tmp_path / "export.csv"
    export.write_text(
        "id,author,team,text\n1,Ann,North,Contact with mum went well.\n"
        "2,Bob,South,It was decided that Tom will move.\n",
        encoding="utf-8",
    )
    path = tmp_path / "run.json"
    code, _, err = run_main(
        monkeypatch, capsys, "batch", str(export), "--save", str(path), "--jobs", "1", "--quiet"
    )
    assert code == 0, err
    return path


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(overall=5),
        lambda d: d["teams"].update(North="x"),
        lambda d: d["teams"]["North"].update(mean_score="high"),
        lambda d: d.update(categories={"jargon": {"share": "lots"}}),
    ],
)
def test_a_tampered_results_file_is_a_one_line_error(saved, tmp_path, monkeypatch, capsys, tamper):
    data = json.loads(saved.read_text(encoding="utf-8"))
    tamper(data)
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    for order in ((saved, tampered), (tampered, saved)):
        code, _, err = run_main(monkeypatch, capsys, "compare", *map(str, order))
        assert code == 2
        assert err.count("\n") == 1 and "tampered.json: results file is damaged" in err


# -- workers left behind when the main process dies ----------------------------------------


@pytest.mark.slow
def test_orphaned_workers_end_quietly(tmp_path):
    export = tmp_path / "export.csv"
    rows = [f'{i},"Contact with mum went well on visit {i}. The placement is stable."'
            for i in range(20_000)]  # fmt: skip
    export.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "rl.yaml"
    config.write_text("ignore: []\n", encoding="utf-8")  # every rule: the spaCy parse keeps it busy
    process = subprocess.Popen(
        [sys.executable, "-m", "recordlint", "batch", str(export), "--jobs", "2",
         "--config", str(config), "-o", str(tmp_path / "f.csv")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    import psutil

    parent = psutil.Process(process.pid)

    def pool_workers() -> list[psutil.Process]:
        found = []
        for child in parent.children():
            try:
                if "spawn_main" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:
                pass
        return found

    deadline = time.monotonic() + 120
    while len(pool_workers()) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # the workers are busy linting (the whole run takes several seconds)
    workers = parent.children()
    ended = process.poll() is not None
    assert not ended, f"the batch ended too soon: {process.stderr.read().decode()[-2000:]}"
    assert len(pool_workers()) == 2, "the two workers did not start"
    os.kill(process.pid, signal.SIGKILL)
    _, err = process.communicate(timeout=120)  # returns when every worker has closed stderr
    assert "Traceback" not in err.decode(), err.decode()[-2000:]
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive


# -- values that used to pass load and misbehave ----------------------------------------------

_PACK_HEAD = (
    "rules:\n  - code: RL951\n    name: my-terms\n    kind: terms\n    category: jargon\n"
    "    severity: warning\n    summary: s\n    why: w\n    message: m\n    hint: h\n"
)


def _user_pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(_PACK_HEAD + body, encoding="utf-8")
    config = tmp_path / ".recordlint.yaml"
    config.write_text("rule_paths: [./packs]\n", encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('    terms:\n      - match: ""\n', "'match' must be non-empty text"),
        ("    terms:\n      - match: ['widget', '  ']\n", "'match' must be non-empty text"),
        ('    terms:\n      - pattern: ""\n', "'pattern' must be a non-empty"),
        ("    terms:\n      - match: widget\n        alternatives: 5\n", "'alternatives' must"),
    ],
)
def test_an_empty_or_mistyped_term_in_a_pack_is_refused_at_load(
    tmp_path, monkeypatch, capsys, body, message
):
    _user_pack(tmp_path, body)
    note = tmp_path / "n.txt"
    note.write_text("We met at the widget shop.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(monkeypatch, capsys, "check", "n.txt")
    assert code == 2
    assert message in err
    assert "mine.yaml:2:" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_threshold_that_is_not_a_finite_number_is_refused(tmp_path, value):
    config = tmp_path / ".recordlint.yaml"
    config.write_text(f"thresholds:\n  reading_grade: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold 'reading_grade' must be a positive number"):
        load_config(config)


@pytest.mark.parametrize(
    "entry",
    [
        '{term: "", suggest: x}',
        '{term: "   ", suggest: x}',
        "{term: widget, suggest: x, alternatives: 5}",
        "{term: widget, suggest: x, safe: sometimes}",
    ],
)
def test_an_empty_or_mistyped_config_jargon_entry_is_refused(tmp_path, entry):
    config = tmp_path / ".recordlint.yaml"
    config.write_text(f"jargon:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'jargon' must be a list"):
        load_config(config)
