"""The CI formats read by their real consumers: GitHub code scanning's SARIF fields,
sarif-tools, the SARIF multitool (when ``SARIF_MULTITOOL`` names it), junitparser with
GitLab's fields, and the line formats' one-finding-a-line promise."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from recordlint.model import Note
from recordlint.reporters import REPORTERS, ReportContext, get_reporter

# Flagged words that cross a line break ("strategy / discussion"), repeated identical
# findings ("LAC" twice), a decision without a reason and a passive.
VISIT = (
    "Home visit to Kian (8).\n\n"
    "We held a strategy\ndiscussion about the LAC review. It was decided that\n"
    "the LAC review will go ahead next week.\n"
)
CALL = "Phone call with Kian's dad. Contact was cancelled by the LA.\n"


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> tuple[Path, list]:
    """Two note files in a project folder, linted once for every test of the module."""
    from recordlint.config import Config
    from recordlint.engine import Linter

    root = tmp_path_factory.mktemp("project")
    (root / "notes").mkdir()
    for name, text in (("visit.txt", VISIT), ("call.txt", CALL)):
        (root / "notes" / name).write_text(text, encoding="utf-8")
    linter = Linter(Config())
    results = [
        linter.lint(Note(text=(root / "notes" / n).read_text("utf-8"), path=f"notes/{n}"))
        for n in ("visit.txt", "call.txt")
    ]
    return root, results, [r.meta for r in linter.rules]


def render(notes, fmt: str, **kwargs) -> str:
    root, results, rules = notes
    ctx = ReportContext(rules=rules, version="0.1.0", cwd=str(root), **kwargs)
    return get_reporter(fmt)(results, ctx)


# -- SARIF for GitHub code scanning --------------------------------------------------------


def test_sarif_carries_the_fields_github_reads(notes):
    root = notes[0]
    run = json.loads(render(notes, "sarif"))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.as_uri() + "/"}}
    for rule in driver["rules"]:
        assert "{" not in rule["help"]["text"] and "}" not in rule["help"]["text"], rule["id"]
        assert rule["help"]["markdown"] and rule["helpUri"].startswith("https://")
        assert rule["properties"]["precision"] in ("very-high", "high", "medium", "low")
        assert rule["properties"]["problem.severity"] in ("error", "warning", "recommendation")
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert all(re.fullmatch(r"[0-9a-f]{16}:\d+", h) for h in hashes), hashes
    assert len(set(hashes)) == len(hashes)  # the two "LAC review" findings differ ...
    twice = [
        h
        for r, h in zip(run["results"], hashes, strict=True)
        if r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "LAC review"
    ]
    assert len(twice) == 2 and len({h.split(":")[0] for h in twice}) == 1  # ... by occurrence
    assert sorted(h.split(":")[1] for h in twice) == ["1", "2"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%" and location["uri"].startswith("notes/")


def test_help_text_shows_placeholders_readably():
    from recordlint.reporters.sarif import readable_template

    shown = readable_template('Say it the way {child} would: "{suggestion}".')
    assert shown == 'Say it the way [the child\'s name] would: "[the suggested words]".'
    assert readable_template("No {placeholder} here.") == "No [placeholder] here."
    assert readable_template("No placeholders here.") == "No placeholders here."


def test_line_hash_survives_lines_moving(notes, tmp_path):
    from recordlint.config import Config
    from recordlint.engine import Linter

    linter = Linter(Config())
    before = linter.lint(Note(text=CALL, path="notes/call.txt"))
    after = linter.lint(Note(text="\n\nAdded above.\n\n" + CALL, path="notes/call.txt"))
    rules = [r.meta for r in linter.rules]

    def hashes(result):
        log = get_reporter("sarif")([result], ReportContext(rules=rules, cwd=str(tmp_path)))
        found = json.loads(log)["runs"][0]["results"]
        return {r["partialFingerprints"]["primaryLocationLineHash"] for r in found}

    assert hashes(before) == hashes(after) and hashes(before)


def test_sarif_tools_reads_every_finding(notes, tmp_path):
    loader = pytest.importorskip("sarif.loader")
    path = tmp_path / "report.sarif"
    path.write_text(render(notes, "sarif"), encoding="utf-8")
    records = loader.load_sarif_file(str(path)).get_records()
    expected = [(f"notes/{n}", f.rule, f.line) for n, r in zip(
        ("visit.txt", "call.txt"), notes[1], strict=True) for f in r.findings]  # fmt: skip
    assert sorted((r["Location"], r["Code"], r["Line"]) for r in records) == sorted(expected)
    assert {r["Tool"] for r in records} == {"recordlint"}
    assert all("{" not in r["Description"] for r in records)


@pytest.mark.skipif(not os.environ.get("SARIF_MULTITOOL"), reason="SARIF_MULTITOOL not set")
def test_sarif_multitool_validates_with_no_errors_or_warnings(notes, tmp_path):
    report, verdict = tmp_path / "report.sarif", tmp_path / "validation.sarif"
    report.write_text(render(notes, "sarif", statistics=True), encoding="utf-8")
    dead_proxy = "http://127.0.0.1:9"  # the validator's URL check must not reach out
    env = {**os.environ, "HTTP_PROXY": dead_proxy, "HTTPS_PROXY": dead_proxy}
    command = [os.environ["SARIF_MULTITOOL"], "validate", str(report), "-o", str(verdict)]
    command += ["--level", "Error;Warning", "--kind", "Fail"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    findings = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    assert [(f["ruleId"], f["message"]) for f in findings] == []


# -- JUnit for GitLab ----------------------------------------------------------------------


def test_junitparser_sees_code_message_and_file(notes, tmp_path):
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "report.xml"
    path.write_text(render(notes, "junit"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    assert {case._elem.get("file") for case in cases} == {"notes/visit.txt", "notes/call.txt"}
    assert len(cases) == len(notes[1])
    several = False
    for case, result in zip(cases, notes[1], strict=True):
        # GitLab stores a test case's <failure> as its output: one element, never an array
        failures = [r for r in case.result if isinstance(r, junitparser.Failure)]
        failing = [f for f in result.findings if f.severity.rank >= 2]
        assert len(failures) == (1 if failing else 0)
        if not failing:
            continue
        several = several or len(failing) > 1
        (failure,) = failures
        lines = (failure.text or "").splitlines()
        assert len(lines) == len(failing)  # one finding a line, in the note's order
        for line, finding in zip(lines, failing, strict=True):
            message = " ".join(finding.message.split())
            assert line.startswith(f"{finding.rule} {finding.line}:{finding.column} ")
            assert message in line
        assert {f.rule for f in failing} <= set(re.findall(r"RL\d+", failure.message or ""))
        assert failure.type == max(failing, key=lambda f: f.severity.rank).severity.value
    assert several  # the notes have a test case with several findings


# -- one finding a line, statistics in every format ----------------------------------------


@pytest.mark.parametrize("fmt", ["concise", "github", "jsonl"])
def test_line_formats_print_one_finding_a_line(notes, fmt):
    lines = render(notes, fmt).split("\n")
    assert len(lines) == sum(len(r.findings) for r in notes[1])
    if fmt == "concise":
        joined = [line for line in lines if '"strategy discussion"' in line]
        assert len(joined) == 1 and joined[0].startswith("notes/visit.txt:3:")


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_statistics_in_every_format(notes, fmt, capsys, monkeypatch):
    from recordlint.runner import CheckOptions, run_check

    root, results = notes[0], notes[1]
    acronyms = sum(f.rule == "RL111" for r in results for f in r.findings)
    assert acronyms >= 2
    line = rf"^\s+{acronyms}  RL111  undefined-acronym$"
    monkeypatch.chdir(root)
    assert run_check(CheckOptions(paths=["notes"], format=fmt, statistics=True)) == 1
    out, err = capsys.readouterr()
    if fmt == "json":
        stats = json.loads(out)["statistics"]
        assert {"RL101", "RL111", "RL401"} <= set(stats)
        assert stats["RL111"]["count"] == acronyms
    elif fmt == "sarif":
        stats = json.loads(out)["runs"][0]["properties"]["statistics"]
        assert stats["RL111"] == {
            "name": "undefined-acronym",
            "category": "acronym",
            "count": acronyms,
        }
    elif fmt == "junit":
        counts = re.findall(r'name="RL111 undefined-acronym" value="(\d+)"', out)
        assert sum(map(int, counts)) == acronyms
    elif fmt == "text":
        assert re.search(line, out, re.M)
    else:  # standard output stays what its reader parses; the counts go to stderr
        assert re.search(line, err, re.M)
        assert not re.search(line, out, re.M)
