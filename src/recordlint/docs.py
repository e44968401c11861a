"""`rules` and `explain` output, generated from the rules' own metadata."""

from __future__ import annotations

import json

from .checks.base import RuleMeta
from .checks.packs import load_rule_specs
from .errors import RecordlintError
from .hints.text import readable


def all_rules() -> list[RuleMeta]:
    return sorted((meta for meta, _ in load_rule_specs(check_terms=False)), key=lambda m: m.code)


def rules_table(output_format: str = "text", include_disabled: bool = True) -> str:
    rules = [r for r in all_rules() if include_disabled or r.enabled]
    if output_format == "json":
        return json.dumps(
            [
                {"code": r.code, "name": r.name, "category": r.category,
                 "severity": r.severity.value, "enabled": r.enabled, "summary": r.summary}
                for r in rules
            ],
            indent=2,
        )  # fmt: skip
    if output_format != "text":
        raise RecordlintError(f"unknown format '{output_format}' (choose text or json)")
    width = max(len(r.name) for r in rules)
    lines = []
    for r in rules:
        flag = "" if r.enabled else " (opt-in)"
        columns = f"{r.code}  {r.name:<{width}}  {r.category:<15}  {r.severity.value:<7}"
        lines.append(f"{columns}  {r.summary}{flag}")
    return "\n".join(lines)


def find_rule(key: str) -> RuleMeta:
    for meta in all_rules():
        if key.upper() == meta.code or key.lower() == meta.name:
            return meta
    raise RecordlintError(f"no rule called '{key}' (see 'recordlint rules')")


def explain_rule(key: str) -> str:
    meta = find_rule(key)
    parts = [
        f"{meta.code} {meta.name}",
        f"category: {meta.category} · default severity: {meta.severity.value}"
        + ("" if meta.enabled else " · opt-in (select it to use it)"),
        "",
        "What it catches",
        f"  {meta.summary}",
        "",
        "Why it matters for the child",
        *(f"  {line}" for line in _wrap(meta.why)),
        "",
        "What to write instead",
        *(f"  {line}" for line in _wrap(readable(meta.hint))),
    ]
    if meta.examples.bad:
        parts += ["", "Flagged", *(f"  ✗ {e}" for e in meta.examples.bad)]
    if meta.examples.good:
        parts += ["", "Not flagged", *(f"  ✓ {e}" for e in meta.examples.good)]
    return "\n".join(parts)


def _wrap(text: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]
