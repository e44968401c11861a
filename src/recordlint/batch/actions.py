"""What to stop, start and continue, drawn from a batch summary.

*Stop* lists the most frequent wording patterns; *start* the missing elements (reasons for
decisions, the child's voice) when they are missing often; *continue* the strengths. A
missing element appears under Start or under Continue, never both: it is a strength only
when it is missing in at most :data:`STRENGTH_SHARE` of the notes where it is expected.
"""

from __future__ import annotations

from typing import Any

from .aggregate import EXEMPLAR_SCORE, EXEMPLAR_WORDS, NOT_GIVEN, share
from .labels import CATEGORY_LABELS

STOP_TEXT = {
    "jargon": "using care-system jargon",
    "acronym": "using acronyms the child and family may not know",
    "judgemental": "using blaming or labelling words",
    "depersonalising": "calling the child by a role label instead of their name",
    "passive": "hiding who acted behind passive verbs",
    "defensive": "writing defensive stock phrases",
    "readability": "writing long, hard-to-read sentences and paragraphs",
}
CONTINUE_TEXT = {
    "jargon": "writing in plain words",
    "acronym": "spelling out acronyms",
    "judgemental": "describing what happened without blaming or labelling",
    "depersonalising": "using the child's name",
    "passive": "saying who did what",
    "defensive": "recording what was done and why, not stock phrases",
    "rationale": "giving the reasons for decisions",
    "child-voice": "recording the child's own words, actions and wishes",
    "readability": "writing short, readable sentences",
}
#: A category flagged in at most this share of notes counts as a strength.
STRENGTH_SHARE = 0.10
#: A rule flagged in at least this share of notes is a pattern to stop.
PATTERN_SHARE = 0.02
ACTIONS_EACH = 4


def strength(missing_share: float | None) -> bool:
    """Is a missing element rare enough (at most STRENGTH_SHARE) to count as a strength?"""
    return missing_share is not None and missing_share <= STRENGTH_SHARE


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def derive_actions(data: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """What to stop, start and continue, from a batch summary."""
    return {"stop": _stop(data), "start": _start(data), "continue": _continue(data)}


def _item(title: str, detail: str) -> dict[str, str]:
    return {"title": title, "detail": detail}


def _stop(data: dict[str, Any]) -> list[dict[str, str]]:
    """The most frequent wording patterns, one item per category, most frequent first."""
    by_category: dict[str, list[str]] = {}
    for rule in data["rules"]:
        category = rule["category"]
        if category not in STOP_TEXT or (rule["share"] or 0) < PATTERN_SHARE:
            continue
        if category not in by_category and len(by_category) == ACTIONS_EACH:
            continue
        parts = by_category.setdefault(category, [])
        if len(parts) == 2:
            continue
        part = f"{rule['rule']} {rule['name']} in {_pct(rule['share'])} of notes"
        phrases = data.get("phrases", {}).get(rule["rule"])
        if phrases:
            shown = ", ".join(f"\u201c{p}\u201d ({n:,})" for p, n in phrases[:4])
            part += f", most often {shown}"
        parts.append(part)
    return [
        _item(f"Stop {STOP_TEXT[category]}", "; ".join(parts) + ".")
        for category, parts in by_category.items()
    ]


def _start(data: dict[str, Any]) -> list[dict[str, str]]:
    overall, checked = data["overall"], data["categories_checked"]
    items: list[tuple[float, dict[str, str]]] = []
    if "rationale" in checked and overall["no_reason"] and not strength(overall["no_reason_share"]):
        items.append(
            (
                overall["no_reason_share"],
                _item(
                    "Start giving the reason for every decision",
                    f"{_pct(overall['no_reason_share'])} of notes that record a decision "
                    f"({overall['no_reason']:,} of {overall['decision_notes']:,}) give no "
                    "reason. Add \u201cbecause ...\u201d in words the child would understand.",
                ),
            )
        )
    if "child-voice" in checked and overall["no_voice"] and not strength(overall["no_voice_share"]):
        items.append(
            (
                overall["no_voice_share"],
                _item(
                    "Start recording the child's own words, actions and wishes",
                    f"{_pct(overall['no_voice_share'])} of notes where the child was seen "
                    f"({overall['no_voice']:,} of {overall['seen_notes']:,}) do not "
                    "say what the child said, showed, felt or wanted.",
                ),
            )
        )
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items[:ACTIONS_EACH]]


def _continue(data: dict[str, Any]) -> list[dict[str, str]]:
    items = []
    checked, overall = data["categories_checked"], data["overall"]
    strengths = sorted(
        (c for c in checked if c in STOP_TEXT),
        key=lambda c: (data["categories"][c]["share"] or 0, c),
    )
    for category in strengths[:2]:
        value = data["categories"][category]["share"]
        if value is None or value > STRENGTH_SHARE:
            break
        label = CATEGORY_LABELS[category].lower()
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT[category]}",
                f"Only {_pct(value)} of notes were flagged for {label}.",
            )
        )
    voiced = overall["seen_notes"] - overall["no_voice"]
    if "child-voice" in checked and voiced and strength(overall["no_voice_share"]):
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT['child-voice']}",
                f"{_pct(share(voiced, overall['seen_notes']))} of notes where the child "
                f"was seen ({voiced:,}) record what the child said or wanted.",
            )
        )
    reasoned = overall["decision_notes"] - overall["no_reason"]
    if "rationale" in checked and reasoned and strength(overall["no_reason_share"]):
        items.append(
            _item(
                f"Continue {CONTINUE_TEXT['rationale']}",
                f"{_pct(share(reasoned, overall['decision_notes']))} of notes that record a "
                f"decision ({reasoned:,}) say why.",
            )
        )
    if data["exemplars"]:
        count = len(data["exemplars"])
        items.append(
            _item(
                "Continue sharing good recording",
                f"{count} exemplar note{'s' if count != 1 else ''} (score {EXEMPLAR_SCORE}+, "
                f"{EXEMPLAR_WORDS}+ words) {'are' if count != 1 else 'is'} listed in the "
                "report to discuss in supervision and team meetings.",
            )
        )
    teams = {k: v for k, v in data["teams"].items() if k != NOT_GIVEN and v["notes"] >= 10}
    if len(teams) >= 2:
        best = max(teams, key=lambda k: (teams[k]["mean_score"], k))
        items.append(
            _item(
                f"Continue learning from {best}",
                f"{best} has the highest mean score ({teams[best]['mean_score']}) over "
                f"{teams[best]['notes']:,} notes.",
            )
        )
    return items[:ACTIONS_EACH]
