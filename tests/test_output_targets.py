"""Where `check --output` may write: its own standard output without truncating what it
was redirected to, and never over (or into the folder of) one of your rule packs."""

from __future__ import annotations

import subprocess
import sys

from cli_helpers import run_main

PACK = """\
rules:
  - code: TOT101
    name: test-output-jargon
    category: jargon
    summary: A test term.
    message: '"{match}" is jargon.'
    hint: Say it plainly.
    terms:
      - match: respite
"""


def test_dev_stdout_appends_to_the_file_stdout_was_redirected_to(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("It was decided that Tom will move.\n", encoding="utf-8")
    log = tmp_path / "log.txt"
    script = (
        f"echo before; {sys.executable} -m recordlint check {note} -f concise "
        "-o /dev/stdout --select RL4; echo after"
    )
    with log.open("w") as handle:
        subprocess.run(["sh", "-c", script], stdout=handle, timeout=300, check=False)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "before" and lines[-1] == "after", lines
    assert any(f"{note}:1:" in line and "RL4" in line for line in lines[1:-1]), lines


def _user_pack(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.yaml").write_text(PACK, encoding="utf-8")
    config = tmp_path / "cfg.yaml"
    config.write_text(f"rule_paths: [{packs.as_posix()}]\n", encoding="utf-8")
    note = tmp_path / "n.txt"
    note.write_text("We talked about respite care.\n", encoding="utf-8")
    return packs, config, note


def test_output_is_never_written_over_a_rule_pack(tmp_path, monkeypatch, capsys):
    packs, config, note = _user_pack(tmp_path)
    code, _, err = run_main(
        monkeypatch, capsys, "check", str(note), "--config", str(config),
        "-o", str(packs / "mine.yaml"),
    )  # fmt: skip
    assert code == 2 and "refusing to write output over a rule pack" in err
    assert (packs / "mine.yaml").read_text(encoding="utf-8") == PACK


def test_output_is_never_a_new_pack_in_a_pack_folder(tmp_path, monkeypatch, capsys):
    packs, config, note = _user_pack(tmp_path)
    target = packs / "report.yaml"
    code, _, err = run_main(
        monkeypatch, capsys, "check", str(note), "--config", str(config), "-f", "json",
        "-o", str(target),
    )  # fmt: skip
    assert code == 2 and "rule pack folder" in err and not target.exists()
    beside = packs / "report.json"  # not a pack: allowed
    code, _, err = run_main(
        monkeypatch, capsys, "check", str(note), "--config", str(config), "-f", "json",
        "-o", str(beside),
    )  # fmt: skip
    assert code == 1, err
    assert "TOT101" in beside.read_text(encoding="utf-8")
