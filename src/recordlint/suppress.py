"""Suppressions: findings a user has chosen not to see, and the ones that matched nothing.

Three kinds, none of which asks for a marker inside a child's record:

- ``per-file-ignores`` in the config: a glob (``.gitignore`` syntax, relative to the config
  file's folder) mapped to rules, for example ``"training/*.md": [RL101]``;
- ``per-note-ignores`` in the config: a note id from a caseload export mapped to rules;
- in Markdown training material, ``<!-- recordlint-disable RL101 -->`` ...
  ``<!-- recordlint-enable -->`` (see :mod:`recordlint.sources.markdown`).

Rules are named as for ``--ignore``: codes, code prefixes, names, categories or ``ALL``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from .model import Finding, NoteResult
from .scoring import note_score
from .sources.markdown import disabled_regions, is_markdown


def picks(selector: str, finding: Finding) -> bool:
    """Does a rule selector pick ``finding``'s rule?"""
    from .checks.packs import matches

    meta = SimpleNamespace(code=finding.rule, name=finding.name, category=finding.category)
    return matches(selector, meta)  # type: ignore[arg-type]


def _glob(pattern: str):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def _check_rules(config) -> None:
    """Refuse a suppression naming no rule (a typo would otherwise hide nothing silently)."""
    from .checks.packs import load_rule_specs, matches
    from .errors import ConfigError

    specs = load_rule_specs(config.rule_paths)
    where = str(config.source or "config")
    for key in ("per_file_ignores", "per_note_ignores"):
        for target, selectors in getattr(config, key).items():
            for selector in selectors:
                if not any(matches(selector, meta) for meta, _ in specs):
                    raise ConfigError(
                        where,
                        f"{key.replace('_', '-')} '{target}': '{selector}' matches no rule "
                        "code, name or category",
                    )


@dataclass
class Ignore:
    """One suppression entry and whether it has been needed."""

    where: str  # for messages: "config:line: per-file-ignores 'glob'" or "file:line"
    selectors: tuple[str, ...]  # empty: every rule
    applied: bool = False  # it covered at least one note or region checked in this run
    used: bool = False  # it suppressed at least one finding

    def covers(self, finding: Finding) -> bool:
        return not self.selectors or any(picks(s, finding) for s in self.selectors)


@dataclass
class Suppressor:
    """Applies the config's and the notes' suppressions and remembers what they did."""

    per_file: list[tuple[object, Ignore]] = field(default_factory=list)  # (PathSpec, entry)
    per_note: dict[str, Ignore] = field(default_factory=dict)
    base: Path = field(default_factory=Path.cwd)
    inline: list[Ignore] = field(default_factory=list)

    @classmethod
    def from_config(cls, config) -> Suppressor:
        """The suppressions of a :class:`~recordlint.config.Config`."""
        source = config.source
        base = source.parent if source is not None else Path.cwd()
        label = str(source) if source is not None else "config"
        if config.per_file_ignores or config.per_note_ignores:
            _check_rules(config)
        per_file = [
            (
                _glob(glob),
                Ignore(f"{label}: per-file-ignores '{glob}'", tuple(rules)),
            )
            for glob, rules in config.per_file_ignores.items()
        ]
        per_note = {
            note_id: Ignore(f"{label}: per-note-ignores '{note_id}'", tuple(rules))
            for note_id, rules in config.per_note_ignores.items()
        }
        return cls(per_file=per_file, per_note=per_note, base=base.resolve())

    def _relative(self, path: str) -> str | None:
        try:
            relative = os.path.relpath(os.path.abspath(path), self.base)
        except ValueError:
            return None
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return None
        return relative.replace(os.sep, "/")

    def apply(self, result: NoteResult) -> NoteResult:
        """``result`` without its suppressed findings (and its score recomputed)."""
        note = result.note
        active: list[tuple[Ignore, int, int]] = []
        if note.path and note.path != "-" and self.per_file:
            relative = self._relative(note.path)
            for spec, entry in self.per_file:
                if relative is not None and spec.match_file(relative):  # type: ignore[attr-defined]
                    active.append((entry, 0, len(note.text)))
        if note.id is not None and str(note.id) in self.per_note:
            active.append((self.per_note[str(note.id)], 0, len(note.text)))
        if is_markdown(note.path) and "recordlint-" in note.text:
            for region in disabled_regions(note.text):
                entry = Ignore(f"{note.path}:{region.line}: recordlint-disable", region.selectors)
                self.inline.append(entry)
                active.append((entry, region.start, region.end))
        if not active:
            return result
        kept: list[Finding] = []
        for finding in result.findings:
            covering = [
                entry
                for entry, start, end in active
                if start <= finding.start < end and entry.covers(finding)
            ]
            for entry in covering:
                entry.used = True
            if not covering:
                kept.append(finding)
        for entry, _, _ in active:
            entry.applied = True
        if len(kept) == len(result.findings):
            return result
        return replace(result, findings=kept, score=note_score(kept))

    def unused(self) -> list[str]:
        """One line per suppression that covered a checked note but hid nothing."""
        entries = [e for _, e in self.per_file] + list(self.per_note.values()) + self.inline
        lines = []
        for entry in entries:
            if entry.applied and not entry.used:
                rules = ", ".join(entry.selectors) or "every rule"
                lines.append(f"{entry.where} ({rules}) suppressed nothing")
        return lines
