"""Score recordlint against a labelled corpus (the dev corpus's scoring rules).

Run directly to print the tables: ``python tests/corpus_score.py [CORPUS.jsonl ...] [--misses]``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from recordlint.config import Config
from recordlint.engine import Linter
from recordlint.model import CATEGORIES, Note

SPAN_CATEGORIES = ("jargon", "acronym", "judgemental", "depersonalising", "passive", "defensive")
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEV_CORPUS = CORPUS_DIR / "dev.jsonl"
#: The development corpora, each scored on its own.
CORPORA = {name: CORPUS_DIR / f"{name}.jsonl" for name in ("dev", "dev2a", "dev2b")}
EXTRA_CORPUS = Path(__file__).resolve().parent / "data" / "extra_notes.jsonl"


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    fp: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    fn: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    terms: dict[str, list[int]] = field(
        default_factory=lambda: {c: [0, 0] for c in SPAN_CATEGORIES}
    )
    missed_terms: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float:
        tp, fp = self.tp[category], len(self.fp[category])
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, category: str) -> float:
        tp, fn = self.tp[category], len(self.fn[category])
        return tp / (tp + fn) if tp + fn else 1.0

    def term_recall(self) -> float:
        covered = sum(v[0] for v in self.terms.values())
        total = sum(v[1] for v in self.terms.values())
        return covered / total if total else 1.0


def load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def score(records: list[dict], linter: Linter | None = None) -> Score:
    linter = linter or Linter(Config())
    notes = [
        Note(text=r["text"], id=r["id"], type=r["type"], child=r.get("child")) for r in records
    ]
    result = Score()
    for record, outcome in zip(records, linter.lint_many(notes), strict=True):
        predicted = {f.category for f in outcome.findings}
        expected = set(record["expect"]["categories"])
        for category in CATEGORIES:
            if category in predicted and category in expected:
                result.tp[category] += 1
            elif category in predicted:
                result.fp[category].append(record["id"])
            elif category in expected:
                result.fn[category].append(record["id"])
        text = record["text"]
        for category, terms in record["expect"].get("terms", {}).items():
            spans = [(f.start, f.end) for f in outcome.findings if f.category == category]
            for term in terms:
                result.terms[category][1] += 1
                occurrences = []
                start = text.find(term)
                while start >= 0:
                    occurrences.append((start, start + len(term)))
                    start = text.find(term, start + 1)
                if any(s < oe and e > os for s, e in spans for os, oe in occurrences):
                    result.terms[category][0] += 1
                else:
                    result.missed_terms.append(f"{record['id']} {category}: {term}")
    return result


def table(result: Score) -> str:
    lines = [f"{'category':<16} {'P':>5} {'R':>5}  FP / FN"]
    for c in CATEGORIES:
        lines.append(
            f"{c:<16} {result.precision(c):5.2f} {result.recall(c):5.2f}  "
            f"{','.join(result.fp[c]) or '-'} / {','.join(result.fn[c]) or '-'}"
        )
    lines.append(f"term recall {result.term_recall():.3f}")
    for c, (covered, total) in result.terms.items():
        lines.append(f"  {c:<16} {covered}/{total}")
    return "\n".join(lines)


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or [DEV_CORPUS]
    shared = Linter(Config())
    for path in paths:
        outcome = score(load(path), shared)
        if len(paths) > 1:
            print(f"== {path.name}")
        print(table(outcome))
        if "--misses" in sys.argv:
            print("\n".join(outcome.missed_terms))
