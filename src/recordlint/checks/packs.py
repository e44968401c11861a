"""Load YAML rule packs, validate them, and build the selected rules."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import Config
from ..errors import ConfigError
from ..model import CATEGORIES, Severity
from ..schema import OptionError, Options, parse_options
from ..yaml_files import parse_yaml
from . import KIND_MODULES, load_kinds
from .base import KINDS, BadExample, Examples, Rule, RuleMeta

CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_META_KEYS = {
    "code", "name", "category", "severity", "summary", "why", "message", "hint",
    "examples", "kind", "enabled", "in_quotes", "note_types",
}  # fmt: skip
_REQUIRED = ("code", "name", "category", "summary", "message", "hint")


def builtin_rules_dir() -> Path:
    """The packs shipped with recordlint: inside the package when installed, else the repo."""
    installed = Path(__file__).resolve().parent.parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


@lru_cache(maxsize=16)
def _read_pack(path: Path) -> tuple[tuple[dict[str, Any], int], ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read rule pack: {exc}") from None
    data, _ = parse_yaml(text, str(path), ConfigError)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(str(path), "a rule pack must be a mapping with a 'rules' list")
    return tuple((entry, index) for index, entry in enumerate(data["rules"]))


@lru_cache(maxsize=16)
def _rule_lines(path: Path) -> list[int]:
    """The line where each rule of a pack starts (parsed again only to report an error)."""
    _, node = parse_yaml(path.read_text(encoding="utf-8"), str(path), ConfigError, with_nodes=True)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _fail(path: Path, index: int, message: str) -> ConfigError:
    """An error for rule number ``index`` of a pack, located at its line."""
    lines = _rule_lines(path)
    line = lines[index] if index < len(lines) else 1
    return ConfigError(f"{path}:{line}", message)


def _validate(
    entry: Any,
    path: Path,
    index: int,
    check_terms: bool = True,
    builtin: bool = False,
    check_options: bool = True,
) -> tuple[RuleMeta, Any]:
    """One rule entry as its metadata and its kind's typed options.

    ``check_terms``: also check the safety of its regexes. ``check_options=False`` (listing
    rules only) leaves the options unchecked, as the mapping they were.
    """  # fmt: skip
    if not isinstance(entry, dict):
        raise _fail(path, index, "each rule must be a mapping")
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _fail(path, index, f"rule is missing '{key}' (a non-empty string)")
    code, name, category = entry["code"], entry["name"], entry["category"]
    if not CODE_RE.match(code):
        raise _fail(path, index, f"rule code '{code}' must look like RL123")
    if not NAME_RE.match(name):
        raise _fail(path, index, f"rule name '{name}' must be kebab-case")
    if category not in CATEGORIES:
        raise _fail(path, index, f"{code}: unknown category '{category}'")
    severity = entry.get("severity", "warning")
    if severity not in ("error", "warning", "info"):
        raise _fail(path, index, f"{code}: severity must be error, warning or info")
    kind = entry.get("kind", "terms")
    if kind not in KIND_MODULES and kind not in KINDS:
        raise _fail(path, index, f"{code}: unknown rule kind '{kind}'")
    examples = entry.get("examples") or {}
    if not isinstance(examples, dict) or not all(
        isinstance(examples.get(k, []), list) for k in ("bad", "good")
    ):
        raise _fail(path, index, f"{code}: examples must have 'bad' and 'good' lists")
    for key in ("enabled", "in_quotes"):
        if not isinstance(entry.get(key, False), bool):
            raise _fail(path, index, f"{code}: '{key}' must be true or false")
    note_types = entry.get("note_types") or []
    if not isinstance(note_types, list) or not all(
        isinstance(t, str) and NAME_RE.match(t) for t in note_types
    ):
        raise _fail(path, index, f"{code}: note_types must be a list of note types (visit, ...)")
    meta = RuleMeta(
        code=code,
        name=name,
        category=category,
        severity=Severity(severity),
        summary=entry["summary"].strip(),
        why=str(entry.get("why", "")).strip(),
        message=entry["message"],
        hint=entry["hint"],
        examples=_examples(examples, code, path, index),
        kind=kind,
        enabled=bool(entry.get("enabled", True)),
        in_quotes=bool(entry.get("in_quotes", False)),
        pack=path.stem,
        note_types=tuple(note_types),
        builtin=builtin,
    )
    if not check_options:
        return meta, {k: v for k, v in entry.items() if k not in _META_KEYS}
    try:
        return meta, _options(path, index, kind, check_terms)
    except OptionError as exc:
        raise _fail(path, index, f"{code}: {exc}") from None


def _examples(examples: dict[str, Any], code: str, path: Path, index: int) -> Examples:
    """A rule's examples; a ``bad`` one may be a mapping with its ``text``, ``span`` and
    ``fix`` (see :class:`BadExample`)."""
    bad, checked = [], []
    for number, item in enumerate(examples.get("bad", []), 1):
        if isinstance(item, dict):
            try:
                example = parse_options(BadExample, item)
            except OptionError as exc:
                raise _fail(path, index, f"{code}: bad example {number}: {exc}") from None
            checked.append(example)
            bad.append(example.text)
        else:
            bad.append(str(item))
    return Examples(bad=bad, good=[str(x) for x in examples.get("good", [])], checked=checked)


@lru_cache(maxsize=1024)
def _options(path: Path, index: int, kind: str, check_regex: bool) -> Options:
    """The typed options of rule ``index`` of a pack (frozen, so shared between loads)."""
    load_kinds()
    entry = _read_pack(path)[index][0]
    raw = {k: v for k, v in entry.items() if k not in _META_KEYS}
    return parse_options(
        KINDS[kind].options_type, raw, check_regex=check_regex, known=tuple(sorted(_META_KEYS))
    )


def load_rule_specs(
    extra_dirs: list[Path] | None = None, *, check_terms: bool = True, check_builtin: bool = False
) -> list[tuple[RuleMeta, Any]]:
    """Every rule declared in the built-in packs and in ``extra_dirs``, validated.

    The regexes of your own packs (``extra_dirs``) are checked on every load: invalid ones,
    and ones that could backtrack for ever, are refused. The shipped packs' regexes are
    checked by the test suite instead (``check_builtin=True``), which keeps start-up fast.
    Each rule's options are checked against its kind's declared ``options_type`` and
    returned as an instance of it. ``check_terms=False`` (for listing rules only) skips the
    option and regex checks altogether and returns the options as plain mappings.
    """
    specs: list[tuple[RuleMeta, Any]] = []
    seen: dict[str, Path] = {}
    builtin = builtin_rules_dir()
    for folder in [builtin, *(extra_dirs or [])]:
        if not folder.is_dir():
            raise ConfigError(str(folder), "rule pack folder not found")
        check = check_terms and (folder != builtin or check_builtin)
        for path in sorted(folder.glob("*.y*ml")):
            for entry, index in _read_pack(path):
                meta, options = _validate(
                    entry, path, index, check, folder == builtin, check_options=check_terms
                )
                for key in (meta.code, meta.name):
                    if key in seen:
                        raise _fail(path, index, f"'{key}' is already defined in {seen[key]}")
                    seen[key] = path
                specs.append((meta, options))
    return specs


def matches(selector: str, meta: RuleMeta) -> bool:
    """Does a selector (code, code prefix, name, category or ALL) pick this rule?"""
    selector = selector.strip()
    return (
        selector.upper() == "ALL"
        or meta.code.startswith(selector.upper())
        or selector.lower() in (meta.name, meta.category)
    )


def check_selectors(selectors: list[str], specs: list[tuple[RuleMeta, Any]]) -> None:
    """Refuse a selector that picks no rule (a typo would otherwise pass silently)."""
    for selector in selectors:
        if not any(matches(selector, meta) for meta, _ in specs):
            raise ConfigError("selection", f"'{selector}' matches no rule code, name or category")


def selected_specs(config: Config) -> list[tuple[RuleMeta, Options]]:
    """The rules this run uses, after select / extend-select / ignore and severity overrides."""
    specs = load_rule_specs(config.rule_paths)
    check_selectors(
        [*(config.select or []), *config.extend_select, *config.ignore, *config.repeat], specs
    )
    check_selectors(list(config.severity), specs)
    chosen = []
    for meta, options in specs:
        if config.select is not None:
            on = any(matches(s, meta) for s in config.select)
        else:
            on = meta.enabled
        on = on or any(matches(s, meta) for s in config.extend_select)
        on = on and not any(matches(s, meta) for s in config.ignore)
        if on:
            for target, level in config.severity.items():
                if matches(target, meta):
                    meta.severity = level
            chosen.append((meta, options))
    return chosen


def build_rules(config: Config) -> list[Rule]:
    """Instantiate the selected rules."""
    load_kinds()
    return [KINDS[meta.kind](meta, options, config) for meta, options in selected_specs(config)]
