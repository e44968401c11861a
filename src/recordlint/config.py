"""Configuration: discovery, validation with file:line errors, and defaults.

Sources, in order of precedence: command-line options, then ``--config PATH`` or the first
``.recordlint.yaml`` / ``pyproject.toml`` with a ``[tool.recordlint]`` table found upward from
the checked file's folder (``discover_from``; the working folder by default), then the
defaults below.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Severity
from .yaml_files import key_lines, parse_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".recordlint.yaml", ".recordlint.yml")
FAIL_ON_CHOICES = ("error", "warning", "info", "never")


@dataclass
class Thresholds:
    """Numbers the readability rules use."""

    sentence_words: int = 30
    paragraph_words: int = 150
    reading_grade: float = 10.0
    grade_min_words: int = 50


@dataclass
class Config:
    """Settings for one run."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: Thresholds = field(default_factory=Thresholds)
    jargon: list[dict[str, Any]] = field(default_factory=list)
    allowed_acronyms: list[str] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    #: Rules (codes, names, categories) that report every use of the same words, not the first.
    repeat: list[str] = field(default_factory=list)
    rule_paths: list[Path] = field(default_factory=list)
    model: str | None = None
    fail_on: str = "warning"
    child: str | None = None
    note_type: str | None = None
    source: Path | None = None
    #: Walking folders: patterns (.gitignore syntax) to skip; ``None``: the defaults.
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    #: Suppressions (see ``suppress.py``): glob -> rules, note id -> rules.
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    per_note_ignores: dict[str, list[str]] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        """The folder the config's relative patterns are relative to."""
        return self.source.parent if self.source is not None else Path.cwd()


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _rules_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, (str, int)) and not isinstance(k, bool) and _str_list(v)
        for k, v in value.items()
    )


def _term_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, dict)
        and isinstance(v.get("term"), str)
        and v["term"].strip() != ""
        and isinstance(v.get("suggest"), str)
        and _str_list(v.get("alternatives", []))
        and isinstance(v.get("safe", False), bool)
        for v in value
    )


# key -> (check, description of the expected type)
_SCHEMA: dict[str, tuple[Any, str]] = {
    "select": (_str_list, "a list of rule codes, names or categories"),
    "extend_select": (_str_list, "a list of rule codes, names or categories"),
    "ignore": (_str_list, "a list of rule codes, names or categories"),
    "severity": (_str_map, "a mapping of rule or category to error/warning/info"),
    "thresholds": (lambda v: isinstance(v, dict), "a mapping"),
    "jargon": (
        _term_list,
        "a list of {term: ..., suggest: ...} entries, each term non-empty text "
        "(optional: alternatives, a list of text; safe, true or false)",
    ),
    "allowed_acronyms": (_str_list, "a list of acronyms"),
    "acronyms": (_str_map, "a mapping of acronym to its spelling-out"),
    "repeat": (_str_list, "a list of rule codes, names or categories"),
    "rule_paths": (_str_list, "a list of folders of YAML rule packs"),
    "model": (lambda v: isinstance(v, str), "a spaCy model name"),
    "fail_on": (lambda v: v in FAIL_ON_CHOICES, "one of " + ", ".join(FAIL_ON_CHOICES)),
    "child": (lambda v: isinstance(v, str), "a name"),
    "exclude": (_str_list, "a list of glob patterns"),
    "extend_exclude": (_str_list, "a list of glob patterns"),
    "respect_gitignore": (lambda v: isinstance(v, bool), "true or false"),
    "per_file_ignores": (_rules_map, "a mapping of glob pattern to a list of rules"),
    "per_note_ignores": (_rules_map, "a mapping of note id to a list of rules"),
}
_THRESHOLDS: dict[str, type | tuple[type, ...]] = {
    "sentence_words": int,
    "paragraph_words": int,
    "reading_grade": (int, float),
    "grade_min_words": int,
}
_JARGON_KEYS = {"term", "suggest", "safe", "hint", "alternatives"}


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``.

    A folder that cannot be searched (no permission) is passed over: nothing in it can be
    read either, so the walk reports it instead of the run stopping here.
    """

    def is_file(path: Path) -> bool:
        try:
            return path.is_file()
        except OSError:  # Python 3.11 raises PermissionError in an unreadable folder
            return False

    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            if is_file(folder / name):
                return folder / name
        pyproject = folder / "pyproject.toml"
        if is_file(pyproject) and "[tool.recordlint]" in _read(pyproject):
            return pyproject
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None


def load_config(path: Path | None = None, *, discover_from: Path | None = None) -> Config:
    """Load and validate a config file; with no path, discover one upward from a folder."""
    if path is None:
        path = find_config((discover_from or Path.cwd()).resolve())
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError(str(path), "config file not found")
    if path.name == "pyproject.toml":
        data, lines = _load_toml(path)
    else:
        data, lines = _load_yaml(path)
    return _build(data, lines, path)


def _load_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    data, node = parse_yaml(_read(path), str(path), ConfigError, with_nodes=True)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "the config must be a mapping of keys to values")
    return data, key_lines(node)


def _load_toml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    text = _read(path)
    try:
        data = tomllib.loads(text).get("tool", {}).get("recordlint", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.startswith("[tool.recordlint")
        elif in_table and "=" in stripped:
            lines.setdefault(stripped.split("=", 1)[0].strip().strip('"'), number)
    return data, lines


def _build(data: dict[str, Any], lines: dict[str, int], path: Path) -> Config:
    config = Config(source=path)
    for raw_key, value in data.items():
        where = f"{path}:{lines[raw_key]}" if raw_key in lines else str(path)
        key = str(raw_key).replace("-", "_")
        if key not in _SCHEMA:
            known = ", ".join(k.replace("_", "-") for k in _SCHEMA)
            raise ConfigError(where, f"unknown key '{raw_key}' (known keys: {known})")
        check, expected = _SCHEMA[key]
        if not check(value):
            raise ConfigError(where, f"'{raw_key}' must be {expected}")
        _apply(config, key, value, where, path)
    return config


def _apply(config: Config, key: str, value: Any, where: str, path: Path) -> None:
    if key == "severity":
        for target, level in value.items():
            if level not in ("error", "warning", "info"):
                raise ConfigError(where, f"severity of '{target}' must be error, warning or info")
            config.severity[target] = Severity(level)
    elif key == "thresholds":
        for raw_name, number in value.items():
            if not isinstance(raw_name, str):
                raise ConfigError(where, f"threshold names must be text, not {raw_name!r}")
            name = raw_name.replace("-", "_")
            expected = _THRESHOLDS.get(name)
            if expected is None:
                known = ", ".join(_THRESHOLDS)
                raise ConfigError(where, f"unknown threshold '{name}' (known: {known})")
            if (
                isinstance(number, bool)
                or not isinstance(number, expected)
                or not math.isfinite(number)
                or number <= 0
            ):
                raise ConfigError(where, f"threshold '{name}' must be a positive number")
            setattr(config.thresholds, name, number)
    elif key == "jargon":
        for entry in value:
            unknown = set(entry) - _JARGON_KEYS
            if unknown:
                raise ConfigError(where, f"unknown key(s) in jargon entry: {', '.join(unknown)}")
        config.jargon = list(value)
    elif key in ("per_file_ignores", "per_note_ignores"):
        setattr(config, key, {str(k): list(v) for k, v in value.items()})
    elif key == "rule_paths":
        config.rule_paths = [(path.parent / p).resolve() for p in value]
    else:
        setattr(config, key, value)
