"""`recordlint batch` and `compare`: formats, encodings, awkward rows, outputs, redaction."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from recordlint.batch.aggregate import Ranked, counter_median
from recordlint.batch.redact import Pseudonyms, team_letters
from recordlint.batch.report_assets import SCRIPT
from recordlint.batch.spans import segments
from recordlint.cli import main
from recordlint.reporters.findings_table import COLUMNS

MAKE_EXPORT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_export.py"
AWKWARD = Path(__file__).resolve().parent / "data" / "exports" / "awkward.csv"
NOTES = 200
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def generate(folder: Path, fmt: str = "csv", encoding: str = "utf-8", notes: int = NOTES,
             seed: int = 11) -> Path:  # fmt: skip
    """A generated export (skips the test when the generator is not there)."""
    if not MAKE_EXPORT.is_file():
        pytest.skip("the export generator (shared/bench/make_export.py) is not available")
    suffix = {"tsv": ".tsv", "jsonl": ".jsonl"}.get(fmt, ".csv")
    out = folder / f"export-{fmt}-{encoding}-{notes}-{seed}{suffix}"
    if not out.exists():
        subprocess.run(
            [sys.executable, str(MAKE_EXPORT), "--notes", str(notes), "--seed", str(seed),
             "--format", fmt, "--encoding", encoding, "--out", str(out), "--quiet"],
            check=True,
            timeout=120,
        )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exports")


def batch(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str):
    """Run `recordlint batch ARGS` in this process (the spaCy model loads once)."""
    monkeypatch.setattr(sys, "argv", ["recordlint", "batch", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out = capsys.readouterr()
    return stop.value.code, out.out, out.err


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a text export, read with the csv module (the expected values)."""
    encoding = "cp1252" if "cp1252" in path.name else "utf-8-sig"
    with open(path, encoding=encoding, newline="") as f:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in f]
        return list(csv.DictReader(f, delimiter="\t" if path.suffix == ".tsv" else ","))


# -- generated exports of each format and encoding -----------------------------------------


@pytest.mark.parametrize(
    ("fmt", "encoding", "text_header"),
    [
        ("csv", "utf-8", "Case Note"),
        ("csv-minimal", "utf-8", "Case Note"),
        ("tsv", "utf-8", "Case Note"),
        ("jsonl", "utf-8", "text"),
        ("csv", "utf-8-sig", "Case Note"),
        ("csv", "cp1252", "Case Note"),
    ],
)
def test_generated_exports(exports, tmp_path, capsys, monkeypatch, fmt, encoding, text_header):
    export = generate(exports, fmt, encoding)
    saved = tmp_path / "results.json"
    code, out, err = batch(capsys, monkeypatch, str(export), "--jobs", "1", "--save", str(saved))
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["notes"] == NOTES and data["skipped"] == 0
    source = data["inputs"][0]
    assert source["columns"]["text"] == text_header
    assert source["format"] == ("jsonl" if fmt == "jsonl" else "tsv" if fmt == "tsv" else "csv")
    assert source["encoding"] == encoding
    assert not any("undecodable" in w for w in source["warnings"])
    rows = read_rows(export)
    author_key = "author" if fmt == "jsonl" else "Author"
    assert set(data["authors"]) == {r[author_key] for r in rows}
    assert sum(g["notes"] for g in data["teams"].values()) == NOTES
    assert "(no date)" not in data["months"] and len(data["months"]) > 1
    assert {"visit", "phone-call"} <= set(data["types"])
    assert data["overall"]["seen_notes"] > 0 and data["overall"]["decision_notes"] > 0
    assert "By team" in out and "By author" in out and "Stop / start / continue" in out
    assert "columns: text=" in err  # the columns used are said


def test_json_array_and_several_exports_in_one_run(exports, tmp_path, capsys, monkeypatch):
    rows = read_rows(generate(exports, "jsonl"))
    array = tmp_path / "notes.json"
    array.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    saved = tmp_path / "results.json"
    code, _, err = batch(
        capsys, monkeypatch, str(array), str(AWKWARD), "--jobs", "1", "--save", str(saved)
    )
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [i["format"] for i in data["inputs"]] == ["json", "csv"]
    assert [i["notes"] for i in data["inputs"]] == [NOTES, 5]
    assert data["notes"] == NOTES + 5 and data["skipped"] == 4


def test_xlsx_export_first_sheet_and_named_sheet(exports, tmp_path, capsys, monkeypatch):
    from datetime import datetime

    import openpyxl

    rows = read_rows(generate(exports))
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "About"
    cover.append(["Exported from the case-management system"])
    sheet = book.create_sheet("Notes")
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        values = [row[h] for h in headers]
        when = datetime.strptime(row["Note Date"], "%d/%m/%Y %H:%M")
        values[headers.index("Note Date")] = when  # a real date cell
        sheet.append(values)
    path = tmp_path / "caseload.xlsx"
    book.save(path)

    code, _, err = batch(capsys, monkeypatch, str(path), "--jobs", "1")
    assert code == 2 and "no note text column" in err  # the first sheet has no notes

    saved = tmp_path / "results.json"
    code, out, err = batch(
        capsys, monkeypatch, str(path), "--sheet", "Notes", "--jobs", "1", "--save", str(saved)
    )
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["notes"] == NOTES and data["inputs"][0]["format"] == "xlsx"
    assert "(no date)" not in data["months"]
    assert set(data["authors"]) == {r["Author"] for r in rows}


def test_shipped_caseload(tmp_path, capsys, monkeypatch):
    path = EXAMPLES / "caseload.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    code, out, err = batch(capsys, monkeypatch, str(path), "--jobs", "1", "--top", "3")
    assert code == 0, err
    assert f"{len(rows)} notes checked from 1 export; no rows skipped" in out
    for team in {r["Team"] for r in rows}:
        assert team in out
    assert "Lowest-scoring notes" in out and "Exemplar notes" in out
    assert "Decisions without a reason" in out and "Child's voice missing" in out


def test_awkward_export_counts_skipped_rows(tmp_path, capsys, monkeypatch):
    saved = tmp_path / "awkward.json"
    code, out, err = batch(capsys, monkeypatch, str(AWKWARD), "--jobs", "1", "--save", str(saved))
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["notes"] == 5
    assert data["skipped_by_reason"] == {"ragged row": 2, "empty text": 2}
    assert data["unreadable_dates"] == 2
    source = data["inputs"][0]
    assert source["skipped"]["ragged row"]["rows"] == [4, 11]
    assert source["skipped"]["empty text"]["rows"] == [5, 10]
    assert source["unreadable_dates"]["rows"] == [7, 8]
    assert "4 rows skipped (2 ragged row, 2 empty text)" in out
    assert "2 notes with an unreadable date" in out
    assert "awkward.csv:4: ragged row" in err and "duplicate column 'Team'" in err
    assert data["authors"]["Zoë Hartley"]["notes"] == 2  # the note with an embedded newline
    assert data["months"]["(no date)"]["notes"] == 2


def test_column_options(tmp_path, capsys, monkeypatch):
    export = tmp_path / "renamed.csv"
    export.write_text(
        "Ref,Narrative text,Who,Unit,Kind,When\n"
        'R1,"I visited Amy at home. Amy said she likes her school.",Kim Lee,Unit 1,Home Visit,'
        "01/03/2024\n",
        encoding="utf-8",
    )
    saved = tmp_path / "r.json"
    code, _, err = batch(
        capsys, monkeypatch, str(export), "--jobs", "1", "--text-col", "Narrative text",
        "--id-col", "Ref", "--author-col", "Who", "--team-col", "Unit", "--type-col", "Kind",
        "--date-col", "", "--save", str(saved),
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["inputs"][0]["columns"] == {
        "text": "Narrative text", "id": "Ref", "author": "Who", "team": "Unit", "type": "Kind",
    }  # fmt: skip
    assert list(data["months"]) == ["(no date)"] and list(data["teams"]) == ["Unit 1"]


def test_missing_text_column_lists_headers(tmp_path):
    export = tmp_path / "no-text.csv"
    export.write_text("ID,Author,Date\n1,Kim,01/01/2024\n", encoding="utf-8")
    result = run_cli("batch", str(export), "--jobs", "1")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "no note text column" in err and "'Author'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# -- outputs ---------------------------------------------------------------------------------


def formula_export(path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Case Note ID", "Author", "Team", "Note Type", "Case Note"])
        writer.writerow([
            '=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "-Team", "Home Visit",
            '=HYPERLINK("http://x","click") It was decided that the case will close.',
        ])  # fmt: skip
        writer.writerow([
            "@SUM(A1)", "Kim Lee", "Team A", "Supervision",
            "+cmd|' /C calc'!A0 was discussed. The placement was ended by the team.",
        ])  # fmt: skip
    return path


def test_output_csv_neutralises_formulas(tmp_path, capsys, monkeypatch):
    export = formula_export(tmp_path / "formulas.csv")
    findings = tmp_path / "findings.csv"
    code, _, err = batch(capsys, monkeypatch, str(export), "--jobs", "1", "-o", str(findings))
    assert code == 0, err
    with open(findings, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(COLUMNS) and len(rows) > 3
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert '\'=HYPERLINK("http://x","click")' in cells
    assert "'+cmd|' /C calc'!A0" in cells and "'-Team" in cells and "'@SUM(A1)" in cells
    assert any(
        c.startswith("'=HYPERLINK") for row in rows[1:] for c in row[COLUMNS.index("excerpt") :]
    )


def test_output_jsonl_rows_carry_note_metadata(tmp_path, capsys, monkeypatch):
    findings = tmp_path / "findings.jsonl"
    code, _, err = batch(capsys, monkeypatch, str(AWKWARD), "--jobs", "1", "-o", str(findings))
    assert code == 0, err
    rows = [json.loads(line) for line in findings.read_text(encoding="utf-8").splitlines()]
    assert rows and all(set(r) == set(COLUMNS) for r in rows)
    assert {r["note_id"] for r in rows} <= {"AW01", "AW02", "AW05", "AW06", "AW07"}
    ava = [r for r in rows if r["note_id"] == "AW07"]
    assert ava and ava[0]["author"] == "Sam Carter" and ava[0]["date"] == "2024-02-20T09:15"


def test_redact_leaves_no_names_ids_or_text(exports, tmp_path, capsys, monkeypatch):
    export = generate(exports)
    rows = read_rows(export)
    outputs = {
        "findings": tmp_path / "findings.csv",
        "html": tmp_path / "report.html",
        "md": tmp_path / "report.md",
        "save": tmp_path / "results.json",
    }
    code, out, err = batch(
        capsys, monkeypatch, str(export), "--jobs", "1", "--redact",
        "-o", str(outputs["findings"]), "--report", str(outputs["html"]),
        "--report", str(outputs["md"]), "--save", str(outputs["save"]),
    )  # fmt: skip
    assert code == 0, err
    written = {name: path.read_text(encoding="utf-8-sig") for name, path in outputs.items()}
    written["stdout"] = out
    secrets = (
        {r["Author"] for r in rows} | {r["Person ID"] for r in rows} | {r["Team"] for r in rows}
    )
    passages = {
        line.strip()[:40]
        for r in rows
        for line in r["Case Note"].splitlines()
        if len(line.strip()) >= 40
    }
    assert len(passages) > NOTES
    for name, text in written.items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{name} shows {leaked[:3]}"
        quoted = [p for p in passages if p in text]
        assert not quoted, f"{name} quotes note text: {quoted[:2]}"
    assert "Worker 01" in written["html"] and "Team A" in written["md"]
    findings = list(csv.DictReader(written["findings"].splitlines()))
    assert findings and all(not f["excerpt"] and not f["suggestion"] for f in findings)
    assert all(f["author"].startswith("Worker ") for f in findings)
    assert all(f["child_id"].startswith("Child ") for f in findings)
    data = json.loads(written["save"])
    assert data["redacted"] and not data["phrases"]


@pytest.mark.slow
def test_jobs_2_gives_the_same_results_as_jobs_1(exports, tmp_path, capsys, monkeypatch):
    export = generate(exports, "csv-minimal", seed=12)
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    code, _, err = batch(
        capsys, monkeypatch, str(export), "--jobs", "1", "--save", str(one),
        "-o", str(tmp_path / "one.csv"),
    )  # fmt: skip
    assert code == 0, err
    result = run_cli(
        "batch", str(export), "--jobs", "2", "--save", str(two), "-o", str(tmp_path / "two.csv"),
        "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (one, two))
    assert first["run"]["jobs"] == 1 and second["run"]["jobs"] == 2
    for data in (first, second):
        del data["created"], data["run"]
    assert first == second
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_html_report_escapes_note_text_and_is_self_contained(tmp_path, capsys, monkeypatch):
    export = tmp_path / "script.csv"
    with open(export, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Case Note ID", "Author", "Team", "Note Type", "Note Date", "Case Note"])
        writer.writerow([
            "N<1>", "<b>Bob</b>", "Team & Co", "Home Visit", "01/03/2024",
            "Visit to Amy. <script>alert(1)</script> The YP presented as settled. "
            'Amy said "I\'m <em>fine</em>".',
        ])  # fmt: skip
    html_path, md_path = tmp_path / "report.html", tmp_path / "report.md"
    code, _, err = batch(
        capsys, monkeypatch, str(export), "--jobs", "1", "--report", str(html_path),
        "--report", str(md_path),
    )  # fmt: skip
    assert code == 0, err
    page = html_path.read_text(encoding="utf-8")
    # one script: the report's own table sorter, with nothing from the export in it
    assert page.lower().count("<script") == 1 and f"<script>{SCRIPT}</script>" in page
    assert "alert" not in SCRIPT and "http" not in SCRIPT
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bob&lt;/b&gt;" in page and "<b>Bob</b>" not in page
    assert "Team &amp; Co" in page and "N&lt;1&gt;" in page
    assert "<mark" in page and 'title="RL' in page
    for external in ("<link", "@import", "url(", 'src="http', "src='http", 'href="http'):
        assert external not in page
    for section in ("summary", "stop-start-continue", "category-chart", "teams", "authors",
                    "trend-chart", "lowest", "exemplars"):  # fmt: skip
        assert f'id="{section}"' in page
    markdown = md_path.read_text(encoding="utf-8")
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "## Stop / start / continue" in markdown and "## By team" in markdown


def test_output_over_input_is_refused(tmp_path):
    export = tmp_path / "notes.csv"
    export.write_bytes((EXAMPLES / "caseload.csv").read_bytes())
    array = tmp_path / "notes.json"
    array.write_text(json.dumps([{"text": "Visit to Amy.", "id": "1"}]), encoding="utf-8")
    before = export.read_bytes(), array.read_bytes()
    attempts = [
        (export, "--output", str(export)),
        (export, "--output", str(tmp_path / "sub" / ".." / "notes.csv")),
        (array, "--save", str(array)),
    ]
    for source, option, target in attempts:
        result = run_cli("batch", str(source), "--jobs", "1", option, target)
        err = result.stderr.decode()
        assert result.returncode == 2, (option, err)
        assert "input" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert (export.read_bytes(), array.read_bytes()) == before
    result = run_cli("batch", str(export), "--jobs", "1", "--output", "x.txt")
    assert result.returncode == 2 and ".csv, .jsonl or .xlsx" in result.stderr.decode()
    result = run_cli("batch", str(export), "--jobs", "1", "--report", "x.pdf")
    assert result.returncode == 2 and ".html or .md" in result.stderr.decode()


def test_fail_on_is_off_unless_asked(capsys, monkeypatch):
    code, out, _ = batch(capsys, monkeypatch, str(AWKWARD), "--jobs", "1", "--quiet")
    assert code == 0 and out.count("\n") == 1 and "5 notes checked" in out
    code, _, _ = batch(capsys, monkeypatch, str(AWKWARD), "--jobs", "1", "-q", "--fail-on", "info")
    assert code == 1
    code, _, err = batch(capsys, monkeypatch, str(AWKWARD), "--jobs", "1", "--fail-on", "bad")
    assert code == 2 and "--fail-on" in err


def test_compare_two_saved_results(tmp_path, capsys, monkeypatch):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    path = str(EXAMPLES / "caseload.csv")
    small = ("--min-notes", "1")  # the shipped export's teams are small
    assert batch(capsys, monkeypatch, path, "--jobs", "1", "-q", "--save", str(old), *small)[0] == 0
    code, _, _ = batch(
        capsys, monkeypatch, path, "--jobs", "1", "-q", "--save", str(new), "--ignore", "acronym",
        *small,
    )  # fmt: skip
    assert code == 0
    monkeypatch.setattr(sys, "argv", ["recordlint", "compare", str(old), str(new), "-f", "json"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 0
    result = json.loads(capsys.readouterr().out)
    acronym = result["categories"]["acronym"]
    assert acronym["old"] > 0 and acronym["new"] == 0 and acronym["change"] == -acronym["old"]
    assert result["overall"]["mean_score"]["change"] > 0
    team = next(iter(result["teams"].values()))
    assert team["status"] == "both" and team["mean_score"]["change"] >= 0

    monkeypatch.setattr(sys, "argv", ["recordlint", "compare", str(old), str(new)])
    with pytest.raises(SystemExit) as stop:
        main()
    out = capsys.readouterr().out
    assert stop.value.code == 0 and "By team" in out and "Acronyms" in out and "pts" in out

    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "something else"}', encoding="utf-8")
    for bad in (broken, tmp_path / "missing.json", EXAMPLES / "caseload.csv"):
        result = run_cli("compare", str(old), str(bad))
        err = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_ctrl_c_leaves_a_valid_findings_file(exports, tmp_path):
    # Long enough (a minute or more) that the interrupt lands mid-run even on a busy machine.
    export = generate(exports, notes=20_000, seed=13)
    findings = tmp_path / "findings.csv"
    report = tmp_path / "report.html"
    process = subprocess.Popen(
        [sys.executable, "-m", "recordlint", "batch", str(export), "--jobs", "1", "-o",
         str(findings), "--report", str(report)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if findings.exists() and findings.stat().st_size > 20_000:
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert "interrupted after" in err.decode() and "Traceback" not in err.decode()
    with open(findings, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) > 10 and all(len(row) == len(COLUMNS) for row in rows)
    assert not report.exists()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


# -- small parts ----------------------------------------------------------------------------


def test_pseudonyms_are_stable_and_in_order_of_appearance():
    names = Pseudonyms()
    assert names("author", "Kim Lee") == "Worker 01"
    assert names("author", "Sam Carter") == "Worker 02"
    assert names("author", "Kim Lee") == "Worker 01"
    assert names("team", "North") == "Team A" and names("team", "South") == "Team B"
    assert names("child_id", "P1") == "Child 0001" and names("child", "P1") == "Child 0001"
    assert [team_letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_counter_median_and_ranked_heap():
    assert counter_median(Counter({1: 1, 2: 1, 10: 1})) == 2
    assert counter_median(Counter({1: 2, 3: 2})) == 2
    assert counter_median(Counter()) is None
    ranked = Ranked(2)
    for seq, score in enumerate([50, 20, 90, 20]):
        ranked.offer((-score, -seq), lambda s=score, q=seq: (s, q))
    assert ranked.items() == [(20, 1), (20, 3)]


def test_segments_split_overlapping_marks():
    marks = [{"start": 0, "end": 5}, {"start": 3, "end": 8}]
    pieces = segments("abcdefghij", marks)
    assert [p for p, _ in pieces] == ["abc", "de", "fgh", "ij"]
    assert [len(m) for _, m in pieces] == [1, 2, 1, 0]
