"""Supervisor views of a batch: period, filters, who needs support, trends, actions."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from recordlint.batch.actions import derive_actions
from recordlint.batch.filters import period_of, periods_between
from recordlint.batch.support import rank_groups, wilson
from recordlint.cli import main

GOOD = (
    "We agreed the visit will move to Friday because {c} has swimming on Thursday. "
    '{c} said "I like my new bike" and showed me her room.'
)
NO_REASON = 'Home visit. It was decided that family time will stop. {c} said "I miss my nan".'
BLAME = "Mum refused to engage with the plan. We agreed to meet again because mum asked for time."
NO_VOICE = "Visited {c} at home. {c} was seen in the bedroom and the home was tidy."
HEADERS = ["Note ID", "Note Date", "Author", "Team", "Note Type", "Case Note"]


def _rows() -> list[list[str]]:
    """Asha (30 notes, mostly good), Ben (5 notes, all poor), Cara (30, many without a
    reason); no notes at all in April 2025."""
    plan = [
        ("Asha Patel", "Team North", ["2025-01", "2025-02", "2025-03"], [GOOD] * 24 + [BLAME] * 3
         + [NO_VOICE] * 3),
        ("Ben Cole", "Team North", ["2025-02"], [NO_REASON] * 3 + [BLAME] * 2),
        ("Cara Diaz", "Team South", ["2025-01", "2025-02", "2025-05", "2025-06"],
         [NO_REASON] * 18 + [BLAME] * 6 + [GOOD] * 6),
    ]  # fmt: skip
    rows, number = [], 0
    for author, team, months, notes in plan:
        for index, template in enumerate(notes):
            number += 1
            month = months[index % len(months)]
            day = f"{index % 27 + 1:02d}/{month[5:]}/{month[:4]}"
            kind = "Telephone Call" if template is BLAME else "Home Visit"
            rows.append([f"N{number:03d}", day, author, team, kind, template.format(c="Mia")])
    return rows


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sup") / "caseload.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(_rows())
    return path


def run(tmp_path: Path, capsys, *args: str) -> tuple[int, dict, str, str]:
    saved = tmp_path / f"r{len(list(tmp_path.iterdir()))}.json"
    argv = sys.argv
    sys.argv = ["recordlint", "batch", *args, "--jobs", "1", "--save", str(saved)]
    try:
        with pytest.raises(SystemExit) as stop:
            main()
    finally:
        sys.argv = argv
    out = capsys.readouterr()
    data = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}
    return stop.value.code, data, out.out, out.err


@pytest.fixture(scope="module")
def whole(export: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The run over the whole export (shared by the tests that only read it)."""
    folder = tmp_path_factory.mktemp("whole")
    saved = folder / "r.json"
    argv = sys.argv
    sys.argv = ["recordlint", "batch", str(export), "--jobs", "1", "-q", "--save", str(saved)]
    try:
        with pytest.raises(SystemExit):
            main()
    finally:
        sys.argv = argv
    return json.loads(saved.read_text(encoding="utf-8"))


def test_a_worker_with_five_notes_is_shown_but_not_ranked_or_flagged(whole):
    authors = {row["name"]: row for row in whole["support"]["authors"]}
    ben = authors["Ben Cole"]
    assert ben["notes"] == 5 and not ben["judged"] and ben["rank"] is None
    service = whole["support"]["service"]["no_reason"]
    assert ben["measures"]["no_reason"]["share"] > 1.5 * service  # a high rate, yet
    assert ben["flags"] == 0 and not any(m["flag"] for m in ben["measures"].values())
    cara, asha = authors["Cara Diaz"], authors["Asha Patel"]
    assert cara["rank"] == 1 and cara["measures"]["no_reason"]["flag"]
    assert asha["rank"] == 2 and not asha["measures"]["no_reason"]["flag"]
    low, high = cara["measures"]["no_reason"]["low"], cara["measures"]["no_reason"]["high"]
    assert low < cara["measures"]["no_reason"]["share"] < high
    assert [r["name"] for r in whole["support"]["authors"]][-1] == "Ben Cole"


def test_period_statement_and_gaps_in_the_trend(whole):
    period = whole["period"]
    assert period["first"].startswith("2025-01") and period["last"].startswith("2025-06")
    assert period["months"] == 6 and period["empty_months"] == 1
    assert period["notes_per_month"] == round(65 / 6, 1)
    trend = whole["trend"]
    assert trend["points"] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert trend["overall"]["2025-04"] is None  # a gap, not a zero
    assert trend["overall"]["2025-05"]["notes"] == 7
    assert trend["teams"]["Team North"]["2025-05"] is None


def test_one_definition_of_decisions_without_a_reason(whole):
    category = whole["categories"]["rationale"]
    overall = whole["overall"]
    assert category["share"] == overall["no_reason_share"]
    assert category["base"] == overall["decision_notes"] < whole["notes"]
    voice = whole["categories"]["child-voice"]
    assert voice["share"] == overall["no_voice_share"] and voice["base"] == overall["seen_notes"]


def test_filters_change_the_figures(export, tmp_path, capsys, whole):
    code, south, out, _ = run(tmp_path, capsys, str(export), "--team", "team south")
    assert code == 0 and south["notes"] == 30 and list(south["authors"]) == ["Cara Diaz"]
    assert south["filtered_out"] == 35 and south["filters"] == ["team: team south"]
    assert south["overall"]["no_reason_share"] > whole["overall"]["no_reason_share"]
    assert "only notes team: team south (35 left out)" in out
    code, none, out, err = run(tmp_path, capsys, str(export), "--team", "team nowhere")
    assert code == 0 and none["notes"] == 0
    assert "no note matched team: team nowhere (65 left out)" in out
    assert "warning: no note matched team: team nowhere" in err
    assert "readable date" not in out
    code, late, _, _ = run(tmp_path, capsys, str(export), "--since", "2025-05-01")
    assert late["notes"] == 14 and late["period"]["first"] >= "2025-05-01"
    assert set(late["authors"]) == {"Cara Diaz"}
    code, two, _, _ = run(
        tmp_path, capsys, str(export), "--author", "Asha Patel", "--author", "ben cole",
        "--until", "2025-02-28",
    )  # fmt: skip
    assert set(two["authors"]) == {"Asha Patel", "Ben Cole"}
    assert two["notes"] == 20 + 5 and two["period"]["last"] <= "2025-02-28"


def test_quarters_and_bad_filter_values(export, tmp_path, capsys):
    report = tmp_path / "report.md"
    code, data, _, _ = run(tmp_path, capsys, str(export), "--period", "month", "--report",
                           str(report))  # fmt: skip
    assert "| 2025-04 | 0 | \u2013 | \u2013 | \u2013 |" in report.read_text(encoding="utf-8")
    code, data, _, _ = run(tmp_path, capsys, str(export), "--period", "quarter")
    assert data["trend"]["points"] == ["2025-Q1", "2025-Q2"]
    assert data["trend"]["overall"]["2025-Q2"]["notes"] == 14
    code, _, _, err = run(tmp_path, capsys, str(export), "--since", "31/01/2025")
    assert code == 2 and "--since '31/01/2025'" in err and "Traceback" not in err
    code, _, _, err = run(tmp_path, capsys, str(export), "--period", "week")
    assert code == 2 and "--period" in err


def test_wilson_interval_and_periods():
    assert wilson(5, 10) == (0.2366, 0.7634)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) is None
    low, high = wilson(40, 100)
    wide_low, wide_high = wilson(4, 10)
    assert wide_low < low < 0.4 < high < wide_high  # fewer notes, wider interval
    assert period_of("2024-11-03", "quarter") == "2024-Q4" and period_of(None) is None
    assert periods_between("2024-Q3", "2025-Q1", "quarter") == ["2024-Q3", "2024-Q4", "2025-Q1"]
    assert periods_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_min_notes_decides_who_is_ranked():
    service = {"notes": 100, "decision_notes": 100, "no_reason": 20, "seen_notes": 0,
               "no_voice": 0, "blaming": 0}  # fmt: skip
    group = {"notes": 12, "decision_notes": 12, "no_reason": 12, "seen_notes": 0,
             "no_voice": 0, "blaming": 0}  # fmt: skip
    assert rank_groups({"A": group}, service)[0]["rank"] is None
    row = rank_groups({"A": group}, service, min_notes=10)[0]
    assert row["rank"] == 1 and row["measures"]["no_reason"]["flag"]


def _actions(no_voice: int, seen: int) -> dict:
    overall = {"no_reason": 0, "decision_notes": 0, "no_reason_share": None,
               "no_voice": no_voice, "seen_notes": seen,
               "no_voice_share": no_voice / seen}  # fmt: skip
    data = {"overall": overall, "categories_checked": ["child-voice"], "rules": [],
            "categories": {}, "exemplars": [], "teams": {}}  # fmt: skip
    return derive_actions(data)


def test_the_childs_voice_is_under_start_or_continue_never_both():
    def titles(actions: dict, kind: str) -> str:
        return " ".join(i["title"] for i in actions[kind])

    rare = _actions(no_voice=2, seen=100)
    assert "child's own words" in titles(rare, "continue")
    assert "child's own words" not in titles(rare, "start")
    often = _actions(no_voice=30, seen=100)
    assert "child's own words" in titles(often, "start")
    assert "child's own words" not in titles(often, "continue")


def test_feedback_pages_per_worker(export, tmp_path, capsys):
    folder = tmp_path / "feedback"
    folder.mkdir()
    mine = folder / "cara-diaz.md"
    mine.write_text("my own notes for Cara's supervision\n", encoding="utf-8")
    code, data, _, err = run(tmp_path, capsys, str(export), "--feedback", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "asha-patel.html", "asha-patel.md", "ben-cole.html", "ben-cole.md",
        "cara-diaz.html", "cara-diaz.md", "cara-diaz.md.bak",
    ]  # fmt: skip
    assert (folder / "cara-diaz.md.bak").read_text(encoding="utf-8").startswith("my own notes")
    page = (folder / "cara-diaz.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert "Recording feedback: Cara Diaz" in page and "2025-01" in page
    # her most frequent pattern, with a real sentence from her own notes and its hint
    assert "decision-without-reason" in page
    assert "It was decided that family time will stop." in page and "Something to try" in page
    assert 'id="worker-trend"' in page and "<polyline" in page
    md_page = (folder / "cara-diaz.md").read_text(encoding="utf-8")
    assert "## Three things to work on" in md_page and "It was decided that family time" in md_page
    asha = (folder / "asha-patel.html").read_text(encoding="utf-8")
    assert "One of your notes to share" not in asha  # her notes are too short to be exemplars
    assert "What you do well" in asha and "against" in asha
    ben = (folder / "ben-cole.md").read_text(encoding="utf-8")
    assert "fewer than 20 notes, the figures below are a guide only" in ben
    assert "| 2025-04 | 0 | \u2013 | \u2013 |" in md_page  # a month without her notes: a gap
    # a second run writes over its own pages without backing them up
    code, _, _, _ = run(tmp_path, capsys, str(export), "--feedback", str(folder))
    assert not (folder / "asha-patel.html.bak").exists()


def test_feedback_into_a_file_is_refused_before_the_run(export, tmp_path, capsys):
    code, _, out, err = run(tmp_path, capsys, str(export), "--feedback", str(export))
    assert code == 2 and "--feedback needs a folder" in err and "Traceback" not in err
    assert out == "" and len(err.strip().splitlines()) == 1


def test_feedback_pages_are_redacted_with_redact(export, tmp_path, capsys):
    folder = tmp_path / "feedback"
    code, _, _, err = run(tmp_path, capsys, str(export), "--feedback", str(folder), "--redact")
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["worker-01.html", "worker-01.md", "worker-02.html", "worker-02.md",
                     "worker-03.html", "worker-03.md"]  # fmt: skip
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        for secret in ("Cara", "Asha", "Ben Cole", "Mia", "family time will stop", "Team North"):
            assert secret not in text, (path.name, secret)
        assert "Something to try" in text


def test_compare_labels_runs_and_leaves_small_groups_unchanged(export, tmp_path, capsys):
    _, old, _, _ = run(tmp_path, capsys, str(export), "--until", "2025-01-31")
    _, new, _, _ = run(tmp_path, capsys, str(export), "--since", "2025-02-01")
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    new_path.write_text(json.dumps(new), encoding="utf-8")
    argv = sys.argv
    for args in ([], ["--format", "json"]):
        sys.argv = ["recordlint", "compare", str(old_path), str(new_path), *args]
        try:
            with pytest.raises(SystemExit) as stop:
                main()
        finally:
            sys.argv = argv
        assert stop.value.code in (0, None)
        out = capsys.readouterr().out
        if args:
            result = json.loads(out)
        else:
            text = out
    assert "old 2025-01-" in text and "caseload.csv" in text
    assert (" better" in text or " worse" in text) and "too few notes" in text
    assert (
        result["old"]["label"].startswith("2025-01-") and "caseload.csv" in result["old"]["label"]
    )
    assert result["new"]["label"].startswith("2025-02-")
    from recordlint.batch.compare import compare_results, redact_comparison

    hidden = redact_comparison(compare_results(old, new))
    assert "caseload.csv" not in json.dumps(hidden) and hidden["old"]["label"].startswith("2025-01")
    cara = result["authors"]["Cara Diaz"]  # 16 notes in January, 14 later: too few to tell
    assert cara["status"] == "too few notes" and cara["mean_score"]["change"] is None
    score = result["overall"]["mean_score"]
    assert score["direction"] == ("better" if score["change"] > 0 else "worse")


def test_findings_xlsx_is_a_real_workbook(export, tmp_path, capsys):
    from datetime import date

    from openpyxl import load_workbook

    tricky = tmp_path / "tricky.csv"
    with open(tricky, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerow(["=HYPERLINK(\"x\")", "14/02/2025", "@Sam", "+Team", "Home Visit",
                         NO_REASON.format(c="Mia")])  # fmt: skip
    out = tmp_path / "findings.xlsx"
    code, _, _, err = run(tmp_path, capsys, str(tricky), "--output", str(out))
    assert code == 0, err
    book = load_workbook(out)
    sheet = book["Findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["note_id", "child_id", "author", "team", "date", "type"]
    row = [c for c in sheet[2]]
    assert row[0].value == '=HYPERLINK("x")' and row[0].data_type == "s"  # text, not a formula
    assert row[2].value == "@Sam" and row[2].data_type == "s"
    assert row[4].value.date() == date(2025, 2, 14) and row[4].is_date
    assert isinstance(row[header.index("line")].value, int)
    assert sheet.max_row == 1 + sum(1 for _ in sheet.iter_rows(min_row=2))
    assert sheet.auto_filter.ref == f"A1:T{sheet.max_row}"
    csv_out = tmp_path / "findings.csv"
    code, _, _, _ = run(tmp_path, capsys, str(tricky), "--output", str(csv_out))
    data = csv_out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"'=HYPERLINK" in data


def test_a_date_column_mixing_day_first_and_month_first_is_warned(tmp_path, capsys):
    mixed = tmp_path / "mixed.csv"
    with open(mixed, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        for number, when in enumerate(["14/02/2025", "02/14/2025", "03/04/2025", "05/06/2025",
                                       "2025-03-01"]):  # fmt: skip
            writer.writerow([f"N{number}", when, "Asha", "T", "Home Visit", GOOD.format(c="Mia")])
    code, data, _, err = run(tmp_path, capsys, str(mixed))
    assert code == 0
    assert "the date column 'Note Date' mixes day-first and month-first dates" in err
    assert "2 ambiguous dates" in err and "1 only readable day-first, 1 only month-first" in err
    assert any("mixes day-first" in w for w in data["inputs"][0]["warnings"])
    clean = tmp_path / "clean.csv"
    with open(clean, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        for number, when in enumerate(["14/02/2025", "03/04/2025", "25/12/2024"]):
            writer.writerow([f"N{number}", when, "Asha", "T", "Home Visit", GOOD.format(c="Mia")])
    code, _, _, err = run(tmp_path, capsys, str(clean))
    assert "mixes day-first" not in err


MAKE_EXPORT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_export.py"


@pytest.mark.slow
def test_every_supervisor_view_on_a_generated_caseload(tmp_path, capsys):
    """5,000 generated notes (several teams, years of dates): every output at once."""
    import subprocess

    from openpyxl import load_workbook

    if not MAKE_EXPORT.is_file():
        pytest.skip("the export generator (shared/bench/make_export.py) is not available")
    export = tmp_path / "caseload-5000.csv"
    subprocess.run(
        [sys.executable, str(MAKE_EXPORT), "--notes", "5000", "--seed", "3", "--out",
         str(export), "--quiet"],
        check=True, timeout=300,
    )  # fmt: skip
    report, markdown = tmp_path / "report.html", tmp_path / "report.md"
    feedback, table = tmp_path / "feedback", tmp_path / "findings.xlsx"
    code, data, out, err = run(
        tmp_path, capsys, str(export), "--period", "quarter", "--report", str(report),
        "--report", str(markdown), "--feedback", str(feedback), "--output", str(table),
    )  # fmt: skip
    assert code == 0, err
    assert data["notes"] == 5000 and len(data["teams"]) >= 4
    period = data["period"]
    assert period["first"] < period["last"] and period["months"] >= 24
    assert f"Notes dated {period['first']} to {period['last']}" in out
    points = data["trend"]["points"]
    assert len(points) >= 8 and all("-Q" in p for p in points)
    assert sum(g["notes"] for g in data["trend"]["overall"].values() if g) == 5000
    support = data["support"]
    assert all(row["rank"] for row in support["teams"])  # every team has 20+ notes
    judged = [row for row in support["authors"] if row["judged"]]
    assert judged and all(row["notes"] >= 20 for row in judged)
    assert all(row["rank"] is None for row in support["authors"] if row["notes"] < 20)
    assert any(row["flags"] for row in judged)
    page = report.read_text(encoding="utf-8")
    assert 'id="heatmap"' in page and 'id="support-authors"' in page and "-Q" in page
    assert "Who needs support" in markdown.read_text(encoding="utf-8")
    pages = sorted(feedback.glob("*.html"))
    assert len(pages) == len([a for a in data["authors"] if a != "(not given)"])
    assert len(list(feedback.glob("*.md"))) == len(pages)
    sample = pages[0].read_text(encoding="utf-8")
    assert "Three things to work on" in sample and "From your note" in sample
    sheet = load_workbook(table, read_only=True)["Findings"]
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == data["findings"] + 1


def test_exemplars_say_why_they_are_good(linter):
    from recordlint.batch.aggregate import strengths_of
    from recordlint.batch.run import facts_of
    from recordlint.model import Note

    note = Note(
        text='I visited Mia at home. Mia said "I like my new school" and showed me her '
        "drawings. We agreed Mia will stay with her aunt because she feels safe there.",
        type="visit",
    )
    facts = facts_of(linter.lint(note))
    why = strengths_of(note, facts)
    assert "gives the reason for each decision" in why
    assert "records the child's own words, actions or wishes (in their own words)" in why
    assert "uses plain language, not care-system jargon" in why
    poor = Note(text="It was decided that the placement will end. The YP was seen.", type="visit")
    poor_why = strengths_of(poor, facts_of(linter.lint(poor)))
    assert not any("reason" in w or "plain language" in w or "own words" in w for w in poor_why)


def test_decisions_come_from_the_rationale_rule(linter):
    from recordlint.batch.run import facts_of
    from recordlint.model import Note

    note = Note(text="We agreed the visit will move to Friday because Mia has swimming.")
    result = linter.lint(note)
    assert result.decisions and facts_of(result).decision
    result.decisions = []  # the rule found no decision: none is counted, whatever the text
    assert not facts_of(result).decision
    talk = linter.lint(Note(text="Mum asked how decisions about school are made."))
    assert not talk.decisions and not facts_of(talk).decision  # talk about decisions


def test_the_summary_is_typed_and_versioned(whole, tmp_path):
    from recordlint.batch.results import load_results
    from recordlint.batch.summary import SUMMARY_VERSION, BatchSummary, GroupFigures

    summary = BatchSummary.from_json(whole)
    assert isinstance(summary.overall, GroupFigures) and summary.overall.notes == 65
    assert isinstance(summary.teams["Team South"], GroupFigures)
    assert summary.trend.overall["2025-04"] is None and summary.period.months == 6
    assert summary.categories["rationale"].base == summary.overall.decision_notes
    assert summary.to_json() == whole  # what --save wrote reads back unchanged
    assert whole["version"] == SUMMARY_VERSION == 2
    path = tmp_path / "old.json"
    for version, readable in ((1, True), (2, True), (3, False)):
        path.write_text(json.dumps({**whole, "version": version}), encoding="utf-8")
        if readable:
            assert load_results(path)["version"] == version
        else:
            with pytest.raises(Exception, match="version 3 is not supported"):
                load_results(path)


def test_redacted_filters_name_no_one(export, tmp_path, capsys):
    code, data, out, _ = run(
        tmp_path, capsys, str(export), "--team", "Team South", "--author", "Cara Diaz", "--redact"
    )
    assert code == 0 and data["notes"] == 30
    assert data["filters"] == ["1 team chosen", "1 author chosen"]
    assert "Team South" not in out + json.dumps(data) and "Cara" not in out + json.dumps(data)
