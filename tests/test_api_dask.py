"""`recordlint.api.lint_records` and `batch --engine dask` on a local Dask cluster."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from recordlint.api import lint_records
from recordlint.cli import main
from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.errors import RecordlintError
from recordlint.model import Note
from test_batch import generate

NOTES = [
    {
        "id": "A1",
        "text": "It was decided that Sam will move to the new foster placement next week. "
        'Sam was seen alone and said "I want to stay at my school".',
        "child": "Sam",
        "type": "visit",
    },
    {"id": "A2", "text": "Phoned the school. The SENCO said Sam has settled well this term."},
    {"id": "A3", "text": "I read Sam the letter from his dad and we talked about his worries."},
]


def run_batch(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.setattr(sys, "argv", ["recordlint", "batch", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out = capsys.readouterr()
    return stop.value.code, out.out, out.err


def test_lint_records_matches_the_linter_record_by_record():
    facts = lint_records(NOTES, Config())
    assert len(facts) == len(NOTES)
    linter = Linter(Config())
    for record, fact in zip(NOTES, facts, strict=True):
        expected = linter.lint(Note(**record))
        assert [f.to_dict() for f in fact.findings] == [f.to_dict() for f in expected.findings]
        assert (fact.words, fact.score) == (expected.words, expected.score)
    rules = {f.rule for f in facts[0].findings}
    assert "RL320" in rules or any(f.category == "passive" for f in facts[0].findings)
    assert facts[0].decision and not facts[2].decision
    # pure: the same batch again (now with warm caches) gives the same answer
    again = lint_records([Note(**r) for r in NOTES], Config())
    assert [[f.to_dict() for f in x.findings] for x in again] == [
        [f.to_dict() for f in x.findings] for x in facts
    ]


def test_lint_records_honours_the_config_and_refuses_bad_records():
    only_jargon = lint_records(NOTES, Config(select=["jargon"]))
    assert only_jargon[0].findings and {f.category for f in only_jargon[0].findings} == {"jargon"}
    assert lint_records([], Config()) == []
    with pytest.raises(RecordlintError, match="'text'"):
        lint_records([{"id": "no text"}], Config())


def test_engine_options_are_checked(tmp_path, capsys, monkeypatch):
    export = tmp_path / "notes.jsonl"
    export.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    code, _, err = run_batch(capsys, monkeypatch, str(export), "--engine", "spark")
    assert code == 2 and "--engine must be local or dask" in err
    code, _, err = run_batch(capsys, monkeypatch, str(export), "--scheduler", "tcp://x:1")
    assert code == 2 and "--scheduler needs --engine dask" in err


def test_dask_engine_without_dask_says_how_to_install(tmp_path, capsys, monkeypatch):
    export = tmp_path / "notes.jsonl"
    export.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    code, _, err = run_batch(capsys, monkeypatch, str(export), "--engine", "dask", "--quiet")
    assert code == 2 and "pip install 'recordlint[dask]'" in err
    assert "Traceback" not in err


def _outputs(folder: Path) -> tuple[dict, bytes, str]:
    saved = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    del saved["run"]
    report = (folder / "report.md").read_text(encoding="utf-8").replace(saved.pop("created"), "")
    return saved, (folder / "findings.csv").read_bytes(), report


def _batch_into(capsys, monkeypatch, export: Path, folder: Path, *engine: str) -> None:
    folder.mkdir()
    code, _, err = run_batch(
        capsys, monkeypatch, str(export), "--quiet", "-o", str(folder / "findings.csv"),
        "--save", str(folder / "results.json"), "--report", str(folder / "report.md"), *engine,
    )  # fmt: skip
    assert code == 0, err


def test_dask_local_cluster_gives_the_same_outputs_as_jobs_1(tmp_path, capsys, monkeypatch):
    distributed = pytest.importorskip("distributed")
    export = generate(tmp_path, "csv", notes=120, seed=21)
    _batch_into(capsys, monkeypatch, export, tmp_path / "local", "--jobs", "1")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,  # in-process workers: no process start-up
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address="127.0.0.1:0",
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        assert len(client.nthreads()) == 2
        monkeypatch.setattr("recordlint.batch.dask_engine.PARTITION", 25)  # several partitions
        _batch_into(
            capsys, monkeypatch, export, tmp_path / "dask", "--engine", "dask",
            "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    local, dask_run, *_ = (_outputs(tmp_path / name) for name in ("local", "dask"))
    assert local[0]["notes"] == 120 and local[0]["findings"] > 0
    assert dask_run[0] == local[0]  # saved results
    assert dask_run[1] == local[1]  # findings table, byte for byte
    assert dask_run[2] == local[2]  # report


def test_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("recordlint.batch.dask_engine.CONNECT_TIMEOUT", 1)
    export = tmp_path / "notes.jsonl"
    export.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    code, _, err = run_batch(
        capsys, monkeypatch, str(export), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_dask_without_a_scheduler_starts_a_local_cluster(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    from conftest import run_cli

    export = generate(tmp_path, "jsonl", notes=60, seed=22)
    _batch_into(capsys, monkeypatch, export, tmp_path / "local", "--jobs", "1")
    (tmp_path / "dask").mkdir()
    result = run_cli(
        "batch", str(export), "--quiet", "--engine", "dask", "--jobs", "2",
        "-o", str(tmp_path / "dask" / "findings.csv"),
        "--save", str(tmp_path / "dask" / "results.json"),
        "--report", str(tmp_path / "dask" / "report.md"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
