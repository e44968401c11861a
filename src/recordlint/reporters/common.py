"""Helpers the output formats share: display paths, message plus hint, and findings with
stable fingerprints (for SARIF, GitLab and baselines)."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass

from ..model import Finding, NoteResult


def relative_path(path: str | None, cwd: str = ".") -> str:
    """``path`` relative to ``cwd`` with forward slashes; absolute if outside; '-' if none."""
    if not path or path == "-":
        return "-"
    base = os.path.abspath(cwd)
    full = os.path.normpath(os.path.join(base, path))
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # a different drive (Windows)
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def join_message(message: str, hint: str) -> str:
    """The message followed by the hint, with a full stop between them if needed."""
    message, hint = message.strip(), hint.strip()
    if not hint:
        return message
    if not message:
        return hint
    if message[-1] not in ".!?":
        message += "."
    return f"{message} {hint}"


def fingerprint(*parts: object) -> str:
    """SHA-256 hex digest of ``parts``, joined with a separator no text contains."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Located:
    """A finding with its note, display path and stable fingerprint."""

    result: NoteResult
    finding: Finding
    path: str
    fingerprint: str
    #: rule, path, note id and excerpt hashed without the occurrence index (GitHub's form)
    line_hash: str = ""
    occurrence: int = 0


def located_findings(results: list[NoteResult], cwd: str = ".") -> list[Located]:
    """Every finding in report order, each with a fingerprint that survives line shifts.

    The fingerprint hashes rule, path, note id, excerpt (whitespace collapsed) and the
    occurrence index among findings identical in all of those (counted in text order), so
    two identical findings differ while moving text up or down changes neither.
    """
    fingerprints: dict[int, tuple[str, str, int]] = {}
    seen: Counter[tuple[str, str, str, str]] = Counter()
    paths = [relative_path(result.note.path, cwd) for result in results]
    for result, path in zip(results, paths, strict=True):
        for finding in sorted(result.findings, key=lambda f: (f.start, f.end)):
            key = (finding.rule, path, result.note.id or "", " ".join(finding.excerpt.split()))
            fingerprints[id(finding)] = (fingerprint(*key, seen[key]), fingerprint(*key), seen[key])
            seen[key] += 1
    return [
        Located(result, finding, path, *fingerprints[id(finding)])
        for result, path in zip(results, paths, strict=True)
        for finding in result.findings
    ]
