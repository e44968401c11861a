"""Rewrite exercises: load an exercise file, compare two versions of a note, judge a rewrite.

An exercise file is YAML::

    title: Tom's home visit            # optional, shown to trainees
    instructions: Rewrite the note ... # optional, shown to trainees
    original: poor-note.txt            # the note to rewrite, relative to this file
    child: Tom                         # optional: the child's name
    type: visit                        # optional: the note type (visit, meeting, closure ...)
    must_fix: [jargon, passive, rationale]   # categories the rewrite must clear
    keep:                              # facts the rewrite must keep
      - Tom                            # a literal phrase (any case, any spacing)
      - 3 May
      - pattern: "stay(s|ing)? with (his )?aunt"   # a regular expression (any case)
        label: where Tom will live     # optional name for the fact in reports
    min_score: 70                      # optional: the rewrite must score at least this

Findings are matched between the two versions by rule and words (whitespace collapsed),
counting repeats, as in baselines. A rewrite passes when it has no finding of a ``must_fix``
category (none left, none new), keeps every fact and reaches ``min_score``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .baseline import excerpt_key
from .checks.regex_safety import Matcher, compile_pattern, unsafe_reason
from .config import Config
from .errors import InputError
from .model import CATEGORIES, Finding, Note, NoteResult
from .reporters.summary import plural
from .sources.files import SourceProblem
from .sources.note_types import note_type_slug
from .sources.reading import not_regular
from .yaml_files import parse_yaml

KEYS = ("title", "instructions", "original", "child", "type", "must_fix", "keep", "min_score")
_TEXT_KEYS = ("title", "instructions", "original", "child", "type")


@dataclass(frozen=True)
class Fact:
    """A fact the rewrite must keep: a literal phrase or a regular expression."""

    label: str
    regex: Matcher
    is_pattern: bool = False

    def found_in(self, text: str) -> bool:
        return self.regex.search(text) is not None


def phrase_fact(phrase: str) -> Fact:
    """A literal phrase, matched ignoring case and spacing, as whole words."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    if re.match(r"\w", phrase.strip()):
        body = r"(?<!\w)" + body
    if re.search(r"\w$", phrase.strip()):
        body += r"(?!\w)"
    return Fact(label=" ".join(phrase.split()), regex=re.compile(body, re.IGNORECASE))


def pattern_fact(pattern: str, label: str | None = None) -> Fact:
    """A regular expression (matched ignoring case); raises ValueError when it is unsafe."""
    reason = unsafe_reason(pattern)
    if reason:
        raise ValueError(reason)
    regex = compile_pattern(pattern, re.IGNORECASE, trusted=False, where="keep pattern")
    return Fact(label=label or pattern, regex=regex, is_pattern=True)


@dataclass
class Exercise:
    """A validated exercise file with its original note loaded."""

    path: Path
    original: Note
    must_fix: tuple[str, ...] = ()
    keep: tuple[Fact, ...] = ()
    child: str | None = None
    note_type: str | None = None
    min_score: int | None = None
    title: str | None = None
    instructions: str | None = None


# -- loading ------------------------------------------------------------------------------


def read_note_file(path: str, encoding: str | None = None) -> Note:
    """Read one note file ('-' is standard input); a problem is an InputError (exit 2)."""
    from .sources import read_one

    item = read_one(path, encoding=encoding)
    if isinstance(item, SourceProblem):
        raise InputError(item.location, item.message)
    return item


def _lines(node: yaml.Node | None) -> tuple[dict[str, int], list[int]]:
    """Line numbers of the top-level keys, and of the items of the 'keep' list."""
    keys: dict[str, int] = {}
    items: list[int] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                keys[key.value] = key.start_mark.line + 1
                if key.value == "keep" and isinstance(value, yaml.SequenceNode):
                    items = [item.start_mark.line + 1 for item in value.value]
    return keys, items


def _parse(path: Path) -> tuple[dict[str, Any], dict[str, int], list[int]]:
    reason = not_regular(path, "an exercise file", "such as exercise.yaml")
    if reason == "no such file or folder":
        raise InputError(str(path), "exercise file not found")
    if reason:  # a FIFO would block for ever, a device such as /dev/zero never ends
        raise InputError(str(path), reason)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "exercise file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read exercise file: {exc}") from None
    data, node = parse_yaml(text, str(path), InputError, with_nodes=True)
    if not isinstance(data, dict):
        raise InputError(str(path), "an exercise file must be a mapping of keys to values")
    keys, items = _lines(node)
    return data, keys, items


def _fact(value: Any, where: str, original: str) -> Fact:
    if isinstance(value, str) and value.strip():
        fact = phrase_fact(value)
    elif isinstance(value, dict):
        unknown = set(value) - {"pattern", "label"}
        if unknown:
            raise InputError(
                where, f"unknown key(s) in a 'keep' entry: {', '.join(sorted(unknown))}"
            )
        pattern, label = value.get("pattern"), value.get("label")
        if not isinstance(pattern, str) or not pattern:
            raise InputError(where, "a 'keep' entry that is a mapping needs 'pattern: REGEX'")
        if label is not None and not isinstance(label, str):
            raise InputError(where, "'label' must be text")
        try:
            fact = pattern_fact(pattern, label)
        except ValueError as exc:
            raise InputError(where, f"pattern {pattern!r} refused: {exc}") from None
    else:
        raise InputError(where, "each 'keep' entry must be a phrase or {pattern: REGEX}")
    if not fact.found_in(original):
        raise InputError(where, f"fact {fact.label!r} is not in the original note")
    return fact


def _categories(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise InputError(where, "'must_fix' must be a list of categories")
    for category in value:
        if category not in CATEGORIES:
            known = ", ".join(CATEGORIES)
            raise InputError(where, f"unknown category '{category}' (known: {known})")
    return tuple(dict.fromkeys(value))


def _is_score(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100


def load_exercise(path: Path, encoding: str | None = None) -> Exercise:
    """Read and validate an exercise file; problems are InputErrors with file:line."""
    data, lines, item_lines = _parse(path)

    def where(key: str) -> str:
        return f"{path}:{lines[key]}" if key in lines else str(path)

    for key in data:
        if key not in KEYS:
            raise InputError(
                where(str(key)), f"unknown key '{key}' (known keys: {', '.join(KEYS)})"
            )
    for key in _TEXT_KEYS:
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise InputError(where(key), f"'{key}' must be text")
    if "original" not in data:
        raise InputError(str(path), "missing 'original: NOTE-FILE' (the note to rewrite)")
    original_path = path.parent / data["original"]
    reason = not_regular(original_path, "a note file", "such as a .txt note")
    if reason == "no such file or folder":
        raise InputError(where("original"), f"original note '{original_path}' not found")
    if reason:
        raise InputError(where("original"), f"original note '{original_path}' {reason}")
    original = read_note_file(str(original_path), encoding)

    must_fix = _categories(data.get("must_fix", []), where("must_fix"))
    keep = data.get("keep", [])
    if not isinstance(keep, list):
        raise InputError(where("keep"), "'keep' must be a list of phrases or {pattern: REGEX}")
    facts = []
    for index, value in enumerate(keep):
        line = item_lines[index] if index < len(item_lines) else None
        facts.append(_fact(value, f"{path}:{line}" if line else where("keep"), original.text))

    min_score = data.get("min_score")
    if min_score is not None and not _is_score(min_score):
        raise InputError(where("min_score"), "'min_score' must be a whole number from 0 to 100")

    note_type = note_type_slug(data["type"]) if "type" in data else None
    return Exercise(
        path=path,
        original=original,
        must_fix=must_fix,
        keep=tuple(facts),
        child=data["child"].strip() if "child" in data else None,
        note_type=note_type,
        min_score=min_score,
        title=data.get("title"),
        instructions=data.get("instructions"),
    )


# -- comparing ------------------------------------------------------------------------------


@dataclass
class FactCheck:
    """Whether a fact is in the version before and after."""

    fact: Fact
    before: bool
    after: bool

    @property
    def lost(self) -> bool:
        return self.before and not self.after


@dataclass
class Comparison:
    """Two versions of a note, linted, with findings matched between them."""

    before: NoteResult
    after: NoteResult
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[tuple[Finding, Finding]] = field(default_factory=list)  # (before, after)
    introduced: list[Finding] = field(default_factory=list)
    facts: list[FactCheck] = field(default_factory=list)

    @property
    def lost_facts(self) -> list[FactCheck]:
        return [check for check in self.facts if check.lost]


def _key(finding: Finding) -> tuple[str, str]:
    return (finding.rule, excerpt_key(finding.excerpt))


def match_findings(
    before: NoteResult, after: NoteResult, facts: tuple[Fact, ...] = ()
) -> Comparison:
    """Match findings by rule and words, in text order, counting repeats."""
    waiting: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in sorted(before.findings, key=lambda f: (f.start, f.end)):
        waiting[_key(finding)].append(finding)
    comparison = Comparison(before=before, after=after)
    matched: set[int] = set()
    for finding in sorted(after.findings, key=lambda f: (f.start, f.end)):
        queue = waiting.get(_key(finding))
        if queue:
            old = queue.pop(0)
            matched.add(id(old))
            comparison.remaining.append((old, finding))
        else:
            comparison.introduced.append(finding)
    comparison.fixed = [f for f in before.findings if id(f) not in matched]
    comparison.facts = [
        FactCheck(fact, fact.found_in(before.note.text), fact.found_in(after.note.text))
        for fact in facts
    ]
    return comparison


def compare_notes(
    before: Note, after: Note, config: Config, facts: tuple[Fact, ...] = ()
) -> Comparison:
    """Lint both versions with one linter and match their findings."""
    from .engine import Linter

    for note in (before, after):
        if config.note_type and not note.type:
            note.type = config.note_type
    first, second = Linter(config).lint_many([before, after])
    return match_findings(first, second, facts)


def exercise_config(exercise: Exercise, config: Config) -> Config:
    """``config`` with the exercise's child and note type on top."""
    if exercise.child:
        config.child = exercise.child
    if exercise.note_type:
        config.note_type = exercise.note_type
    return config


def failures(exercise: Exercise, comparison: Comparison) -> list[str]:
    """Why the rewrite does not pass (empty: it passes)."""
    reasons = []
    for category in exercise.must_fix:
        left = sum(1 for _, f in comparison.remaining if f.category == category)
        new = sum(1 for f in comparison.introduced if f.category == category)
        if left:
            reasons.append(f"{category}: {plural(left, 'finding')} still to fix")
        if new:
            reasons.append(f"{category}: {plural(new, 'new finding')} in the rewrite")
    for check in comparison.lost_facts:
        reasons.append(f"fact lost: {check.fact.label}")
    if exercise.min_score is not None and comparison.after.score < exercise.min_score:
        reasons.append(f"score {comparison.after.score} is below the minimum {exercise.min_score}")
    return reasons


# -- machine-readable ----------------------------------------------------------------------


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The parts of a finding a comparison report needs."""
    return {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "line": finding.line,
        "column": finding.column,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "hint": finding.hint,
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data for ``--format json``."""

    def side(result: NoteResult) -> dict[str, Any]:
        return {
            "path": result.note.path,
            "score": result.score,
            "words": result.words,
            "findings": len(result.findings),
        }

    remaining = []
    for old, new in comparison.remaining:
        entry = finding_dict(new)
        entry["before_line"] = old.line
        remaining.append(entry)
    return {
        "before": side(comparison.before),
        "after": side(comparison.after),
        "fixed": [finding_dict(f) for f in comparison.fixed],
        "remaining": remaining,
        "introduced": [finding_dict(f) for f in comparison.introduced],
        "facts": [
            {
                "fact": check.fact.label,
                "kind": "pattern" if check.fact.is_pattern else "phrase",
                "before": check.before,
                "after": check.after,
                "kept": check.after,
            }
            for check in comparison.facts
        ],
    }
