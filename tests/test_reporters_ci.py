"""Machine-readable CI formats: SARIF, JUnit XML, GitHub annotations, GitLab Code Quality."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from recordlint.checks.base import Examples, RuleMeta
from recordlint.model import Finding, Note, NoteResult, Severity
from recordlint.reporters import (
    REPORTERS,
    ReportContext,
    get_reporter,
    github,
    gitlab,
    junit,
    sarif,
)
from recordlint.reporters.common import relative_path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
CI_FORMATS = ("sarif", "junit", "github", "gitlab")

JARGON = RuleMeta(
    code="RL101",
    name="care-jargon",
    category="jargon",
    severity=Severity.WARNING,
    summary="Service jargon a child or family would not use.",
    why="Children read their records later; jargon hides what happened.",
    message="'{match}' is service jargon",
    hint="Say what happened in plain words.",
    examples=Examples(bad=["Mum was non-compliant."], good=["Mum did not come."]),
)
BLAME = RuleMeta(
    code="RL201",
    name="blaming-language",
    category="judgemental",
    severity=Severity.ERROR,
    summary="Wording that blames the family.",
    why="Blaming words shut down partnership.",
    message="'{match}' blames the parent",
    hint="Describe the behaviour and its impact.",
    examples=Examples(),
)
PASSIVE = RuleMeta(
    code="RL301",
    name="passive-voice",
    category="passive",
    severity=Severity.INFO,
    summary="Passive voice hides who acted.",
    why="Records should say who did what.",
    message="Passive voice",
    hint="Name who acted.",
    examples=Examples(),
)
RULES = [JARGON, BLAME, PASSIVE]


def finding(
    meta: RuleMeta,
    excerpt: str,
    line: int,
    column: int,
    *,
    start: int = 0,
    message: str | None = None,
    hint: str | None = None,
) -> Finding:
    """A single-line finding of ``excerpt`` at ``line``:``column`` (1-based)."""
    return Finding(
        rule=meta.code,
        name=meta.name,
        category=meta.category,
        severity=meta.severity,
        message=message if message is not None else meta.message.format(match=excerpt),
        hint=hint if hint is not None else meta.hint,
        suggestion=None,
        start=start,
        end=start + len(excerpt),
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(excerpt),
        excerpt=excerpt,
    )


def shifted(item: Finding, lines: int) -> Finding:
    """The same finding, ``lines`` further down the note."""
    return dataclasses.replace(
        item, line=item.line + lines, end_line=item.end_line + lines, start=item.start + 40
    )


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    (tmp_path / "notes").mkdir()
    return tmp_path


@pytest.fixture
def results(cwd: Path) -> list[NoteResult]:
    visit = Note(text="...", path=str(cwd / "notes" / "visit.md"), type="visit")
    clean = Note(text="...", path="notes/./clean.md")
    row1 = Note(text="...", path="notes/case log.csv", id="row-1")
    row2 = Note(text="...", path="notes/case log.csv", id="row-2")
    return [
        NoteResult(
            visit,
            [
                finding(JARGON, "non-compliant", 2, 5, start=12),
                finding(BLAME, "failed to protect", 4, 1, start=60),
            ],
        ),
        NoteResult(clean, []),
        NoteResult(row1, [finding(PASSIVE, "was seen", 1, 10, start=9)]),
        NoteResult(row2, [finding(JARGON, "LAC", 1, 1)]),
    ]


def context(cwd: Path, **kwargs: object) -> ReportContext:
    return ReportContext(rules=RULES, version="0.1.0", cwd=str(cwd), **kwargs)  # type: ignore[arg-type]


# -- registration ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CI_FORMATS)
def test_formats_are_registered(name: str) -> None:
    assert callable(get_reporter(name))


def test_relative_path(cwd: Path) -> None:
    assert sarif.relative_path(str(cwd / "notes" / "a.md"), str(cwd)) == "notes/a.md"
    assert sarif.relative_path("./notes/../notes/a.md", str(cwd)) == "notes/a.md"
    assert sarif.relative_path(None, str(cwd)) == "-"
    outside = sarif.relative_path(str(cwd.parent / "elsewhere.md"), str(cwd))
    assert outside == (cwd.parent / "elsewhere.md").as_posix()


# -- SARIF ----------------------------------------------------------------------------------


def sarif_validators() -> list[type]:
    """The validator the schema declares, plus Draft 7 (the schemastore copy's draft)."""
    declared = jsonschema.validators.validator_for(SCHEMA)
    return [declared, jsonschema.Draft7Validator]


@pytest.mark.parametrize("validator", sarif_validators(), ids=lambda v: v.__name__)
@pytest.mark.parametrize("redact", [False, True])
def test_sarif_validates_against_schema(
    validator: type, redact: bool, cwd: Path, results: list[NoteResult]
) -> None:
    validator.check_schema(SCHEMA)
    log = json.loads(sarif.render(results, context(cwd, extra={"redact": redact})))
    errors = list(validator(SCHEMA, format_checker=validator.FORMAT_CHECKER).iter_errors(log))
    assert errors == []


def test_sarif_schema_rejects_a_broken_log() -> None:
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}  # driver needs a name
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    assert not validator.is_valid(broken)


def test_sarif_run_and_rules(cwd: Path, results: list[NoteResult]) -> None:
    log = json.loads(sarif.render(results, context(cwd)))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "recordlint"
    assert driver["version"] == "0.1.0"
    assert [r["id"] for r in driver["rules"]] == ["RL101", "RL201", "RL301"]
    first = driver["rules"][0]
    assert first["name"] == "care-jargon"
    assert first["shortDescription"]["text"] == JARGON.summary
    assert first["fullDescription"]["text"] == JARGON.why
    assert first["help"]["text"] == (
        f"{JARGON.summary}\n\n{JARGON.why}\n\nWhat to write instead: {JARGON.hint}"
    )
    assert "- Mum was non-compliant." in first["help"]["markdown"]
    assert first["helpUri"].startswith("https://") and driver["informationUri"]
    assert first["properties"]["precision"] == "high"  # a word-list rule
    problem = [r["properties"]["problem.severity"] for r in driver["rules"]]
    assert problem == ["warning", "error", "recommendation"]
    assert first["properties"]["category"] == "jargon"
    levels = [r["defaultConfiguration"]["level"] for r in driver["rules"]]
    assert levels == ["warning", "error", "note"]


def test_sarif_results_and_locations(cwd: Path, results: list[NoteResult]) -> None:
    run = json.loads(sarif.render(results, context(cwd)))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    found = run["results"]
    assert [r["ruleId"] for r in found] == ["RL101", "RL201", "RL301", "RL101"]
    for result in found:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = found[0]
    assert first["level"] == "warning"
    assert first["message"]["text"] == (
        "'non-compliant' is service jargon. Say what happened in plain words."
    )
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "notes/visit.md", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {
        "startLine": 2,
        "startColumn": 5,
        "endLine": 2,
        "endColumn": 18,  # exclusive: 5 + len("non-compliant")
        "snippet": {"text": "non-compliant"},
    }
    assert found[2]["level"] == "note"
    location = found[2]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "notes/case%20log.csv"
    assert found[2]["properties"]["noteId"] == "row-1"


def test_sarif_redact_drops_snippets(cwd: Path, results: list[NoteResult]) -> None:
    text = sarif.render(results, context(cwd, extra={"redact": True}))
    assert "snippet" not in text
    assert "non-compliant'" in text  # the message itself is the engine's to redact


def test_sarif_unknown_rule_and_missing_position(cwd: Path) -> None:
    odd = dataclasses.replace(
        finding(JARGON, "x", 1, 1), rule="RL999", name="other", line=0, column=0
    )
    log = json.loads(sarif.render([NoteResult(Note(text="x", path="a.md"), [odd])], context(cwd)))
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][3]["id"] == "RL999"
    assert run["results"][0]["ruleIndex"] == 3
    assert "region" not in run["results"][0]["locations"][0]["physicalLocation"]
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    assert validator.is_valid(log)


def test_sarif_fingerprints_stable_across_line_shifts(cwd: Path) -> None:
    one = finding(JARGON, "LAC", 3, 1, start=20)
    note = Note(text="...", path="a.md")
    before = json.loads(sarif.render([NoteResult(note, [one])], context(cwd)))
    after = json.loads(sarif.render([NoteResult(note, [shifted(one, 5)])], context(cwd)))
    fingerprint = before["runs"][0]["results"][0]["partialFingerprints"]
    assert fingerprint == after["runs"][0]["results"][0]["partialFingerprints"]


def test_sarif_empty_run_is_valid(cwd: Path) -> None:
    log = json.loads(sarif.render([], context(cwd)))
    assert log["runs"][0]["results"] == []
    assert jsonschema.validators.validator_for(SCHEMA)(SCHEMA).is_valid(log)


# -- JUnit ----------------------------------------------------------------------------------


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_counts_with_warning_threshold(cwd: Path, results: list[NoteResult]) -> None:
    root = parse_junit(junit.render(results, context(cwd, fail_on=Severity.WARNING)))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "2")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "notes/visit.md",
        "notes/clean.md",
        "notes/case log.csv",
    ]
    for suite in suites:
        cases = suite.findall("testcase")
        failing = [c for c in cases if c.find("failure") is not None]
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(failing))
    visit, clean, csv = suites
    (failure,) = visit.findall("testcase/failure")  # one failure holds both findings
    assert failure.get("message") == "2 findings: RL101, RL201"
    assert failure.get("type") == "error"  # the highest severity among them
    assert failure.text == (
        "RL101 2:5 [jargon] 'non-compliant' is service jargon \"non-compliant\""
        " -- hint: Say what happened in plain words.\n"
        "RL201 4:1 [judgemental] 'failed to protect' blames the parent \"failed to protect\""
        " -- hint: Describe the behaviour and its impact."
    )
    assert {c.get("file") for c in visit.findall("testcase")} == {"notes/visit.md"}
    (clean_case,) = clean.findall("testcase")
    assert clean_case.get("classname") == "notes/clean.md"
    assert list(clean_case) == []  # a note with no findings passes
    assert [c.get("name") for c in csv.findall("testcase")] == ["row-1", "row-2"]
    info_case, jargon_case = csv.findall("testcase")
    assert info_case.find("failure") is None  # info is below the threshold
    assert (info_case.findtext("system-out") or "").startswith("RL301 1:10 [passive] ")
    (lone,) = jargon_case.findall("failure")  # a lone finding is its own summary
    assert lone.get("message") == "RL101 [jargon] 'LAC' is service jargon"
    assert lone.get("type") == "warning"


def test_junit_never_fails_without_threshold(cwd: Path, results: list[NoteResult]) -> None:
    root = parse_junit(junit.render(results, context(cwd, fail_on=None)))
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []
    assert root.get("tests") == "4"


def test_junit_error_threshold_fails_only_errors(cwd: Path, results: list[NoteResult]) -> None:
    root = parse_junit(junit.render(results, context(cwd, fail_on=Severity.ERROR)))
    failures = root.findall(".//failure")
    assert [f.get("message", "").split()[0] for f in failures] == ["RL201"]
    assert failures[0].get("type") == "error"
    assert (failures[0].text or "").startswith("RL201 4:1 ")
    visit = root.find("testsuite/testcase")
    assert visit is not None  # the warning below the threshold moves to <system-out>
    assert (visit.findtext("system-out") or "").startswith("RL101 2:5 [jargon] ")
    assert root.get("failures") == "1"


def test_junit_one_failure_a_note_with_every_finding(cwd: Path) -> None:
    """GitLab keeps a test case's ``failure`` as one value: several would be an array."""
    note = Note(text="...", path="notes/long.md")
    findings = [
        finding(JARGON, "LAC", 1, 1),
        finding(PASSIVE, "was seen", 2, 3),
        finding(BLAME, "failed to\nprotect", 3, 7, hint="Describe\nthe impact."),
        finding(JARGON, "non-compliant", 5, 2, message="'non-compliant'\nis jargon"),
    ]
    root = parse_junit(junit.render([NoteResult(note, findings)], context(cwd)))
    (case,) = root.findall(".//testcase")
    (failure,) = case.findall("failure")
    assert failure.get("message") == "3 findings: RL101 (2), RL201"
    assert failure.get("type") == "error"
    assert (failure.text or "").splitlines() == [
        "RL101 1:1 [jargon] 'LAC' is service jargon \"LAC\""
        " -- hint: Say what happened in plain words.",
        "RL201 3:7 [judgemental] 'failed to protect' blames the parent \"failed to protect\""
        " -- hint: Describe the impact.",
        "RL101 5:2 [jargon] 'non-compliant' is jargon \"non-compliant\""
        " -- hint: Say what happened in plain words.",
    ]
    assert case.findtext("system-out") == (
        'RL301 2:3 [passive] Passive voice "was seen" -- hint: Name who acted.'
    )
    assert (root.get("tests"), root.get("failures")) == ("1", "1")


def test_junitparser_reads_one_failure_a_test_case(
    cwd: Path, results: list[NoteResult], tmp_path: Path
) -> None:
    junitparser = pytest.importorskip("junitparser")
    report = tmp_path / "report.xml"
    report.write_text(junit.render(results, context(cwd)), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    cases = {(suite.name, case.name): case for suite in xml for case in suite}
    assert len(cases) == 4
    for result in results:
        path = relative_path(result.note.path, str(cwd))
        case = cases[(path, result.note.id or path)]
        failures = [r for r in case.result if isinstance(r, junitparser.Failure)]
        failing = [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]
        assert len(failures) == (1 if failing else 0), path
        if failing:
            text = failures[0].text or ""
            assert len(text.splitlines()) == len(failing)
            for item in failing:
                assert item.rule in text and item.message in text
                assert item.rule in (failures[0].message or "")


def test_junit_escapes_markup_and_control_characters(cwd: Path) -> None:
    nasty = finding(BLAME, 'Mum & "Dad" <x>\x0b', 1, 1, hint="Use <plain> & kind words.")
    note = Note(text="...", path="a&b.md", id='<id "1">')
    root = parse_junit(junit.render([NoteResult(note, [nasty])], context(cwd)))
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message", "").startswith('RL201 [judgemental] \'Mum & "Dad" <x>')
    assert "Use <plain> & kind words." in (failure.text or "")
    case = root.find(".//testcase")
    assert case is not None and case.get("name") == '<id "1">'


def test_junit_redact_drops_excerpt(cwd: Path, results: list[NoteResult]) -> None:
    text = junit.render(results, context(cwd, extra={"redact": True}))
    failure = parse_junit(text).find(".//failure")
    assert failure is not None
    assert failure.text == (
        "RL101 2:5 [jargon] 'non-compliant' is service jargon"
        " -- hint: Say what happened in plain words.\n"
        "RL201 4:1 [judgemental] 'failed to protect' blames the parent"
        " -- hint: Describe the behaviour and its impact."
    )


def test_junit_no_results(cwd: Path) -> None:
    root = parse_junit(junit.render([], context(cwd)))
    assert (root.get("tests"), root.get("failures")) == ("0", "0")


# -- GitHub ---------------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),"
    r"title=(?P<title>[^,:]+)::(?P<message>[^\r\n]+)$"
)


def test_github_lines(cwd: Path, results: list[NoteResult]) -> None:
    lines = github.render(results, context(cwd)).splitlines()
    assert len(lines) == 4
    matches = [ANNOTATION.match(line) for line in lines]
    assert all(matches), lines
    first = matches[0]
    assert first is not None
    assert first.groupdict() == {
        "level": "warning",
        "file": "notes/visit.md",
        "line": "2",
        "col": "5",
        "end_line": "2",
        "end_col": "18",
        "title": "RL101 care-jargon",
        "message": "'non-compliant' is service jargon. Say what happened in plain words.",
    }
    assert [m.group("level") for m in matches if m] == ["warning", "error", "notice", "warning"]
    assert matches[2] is not None and matches[2].group("file") == "notes/case log.csv"


def test_github_escaping() -> None:
    odd = finding(JARGON, "x", 1, 1, message="50% done, see: notes\r\nnext", hint="")
    odd = dataclasses.replace(odd, name="a,b:c%")
    line = github.annotation(odd, "dir,1/a:b.md")
    assert line == (
        "::warning file=dir%2C1/a%3Ab.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=RL101 a%2Cb%3Ac%25::50%25 done, see: notes%0D%0Anext"
    )
    assert "\n" not in line


def test_github_multiline_finding_has_no_columns() -> None:
    long = dataclasses.replace(finding(JARGON, "a\nb", 2, 4), end_line=3, end_column=2)
    line = github.annotation(long, "a.md")
    assert line.startswith("::warning file=a.md,line=2,endLine=3,title=RL101 care-jargon::")


def test_github_nothing_found(cwd: Path) -> None:
    assert github.render([NoteResult(Note(text="ok", path="a.md"), [])], context(cwd)) == ""


# -- GitLab ---------------------------------------------------------------------------------


def test_gitlab_shape(cwd: Path, results: list[NoteResult]) -> None:
    issues = json.loads(gitlab.render(results, context(cwd)))
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        lines = issue["location"]["lines"]
        assert isinstance(lines["begin"], int) and lines["begin"] >= 1
        assert isinstance(lines["end"], int) and lines["end"] >= lines["begin"]
        assert isinstance(issue["categories"], list) and issue["categories"]
    first = issues[0]
    assert first["check_name"] == "RL101"
    assert first["location"] == {"path": "notes/visit.md", "lines": {"begin": 2, "end": 2}}
    assert [i["severity"] for i in issues] == ["minor", "major", "info", "minor"]
    assert len({i["fingerprint"] for i in issues}) == 4


def test_gitlab_fingerprints_stable_and_distinct(cwd: Path) -> None:
    note = Note(text="...", path="notes/a.md")
    twins = [finding(JARGON, "LAC", 1, 1, start=0), finding(JARGON, "LAC", 2, 1, start=20)]
    before = json.loads(gitlab.render([NoteResult(note, twins)], context(cwd)))
    moved = [shifted(f, 3) for f in twins]
    after = json.loads(gitlab.render([NoteResult(note, moved)], context(cwd)))
    assert before[0]["fingerprint"] != before[1]["fingerprint"]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] == [4, 5]
    other = json.loads(
        gitlab.render([NoteResult(Note(text="...", path="notes/b.md"), twins)], context(cwd))
    )
    assert other[0]["fingerprint"] != before[0]["fingerprint"]


# -- CI examples ----------------------------------------------------------------------------

COMMAND = re.compile(r"recordlint check \S+.*?--format[ =](\w+)")


def commands_in(value: object) -> list[str]:
    """Every string in a parsed YAML document that runs ``recordlint check``."""
    if isinstance(value, dict):
        return [c for v in value.values() for c in commands_in(v)]
    if isinstance(value, list):
        return [c for v in value for c in commands_in(v)]
    return [value] if isinstance(value, str) and "recordlint check" in value else []


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("github-workflow.yml", "github"), ("gitlab-ci.yml", "gitlab")],
)
def test_ci_examples_parse_and_use_registered_formats(name: str, fmt: str) -> None:
    document = yaml.safe_load((ROOT / "examples" / "ci" / name).read_text("utf-8"))
    formats = [m.group(1) for c in commands_in(document) for m in COMMAND.finditer(c)]
    assert fmt in formats
    assert set(formats) <= set(REPORTERS)


def test_docs_yaml_blocks_parse_and_use_registered_formats() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```ya?ml\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 2
    formats = set()
    for block in blocks:
        document = yaml.safe_load(block)
        formats |= {m.group(1) for c in commands_in(document) for m in COMMAND.finditer(c)}
    assert formats <= set(REPORTERS)
    assert {"github", "gitlab", "sarif", "junit"} <= formats
