"""Who needs support: teams and workers ranked by the shares that most need attention,
each with its Wilson confidence interval and the number of notes behind it.

A group with fewer than ``min_notes`` notes is shown but neither ranked nor flagged: its
figures are too uncertain to judge. A measure is *flagged* when the lower end of the group's
95% interval is above the service's own share: the rate is clearly higher, not just by
chance.
"""

from __future__ import annotations

import math
from typing import Any

#: The default fewest notes a team or worker needs to be ranked or flagged.
MIN_NOTES = 20
#: 95% two-sided.
Z = 1.959964
#: What is measured: name -> (label, count key, base key), from a group's figures.
MEASURES: dict[str, tuple[str, str, str]] = {
    "no_reason": ("Decisions without a reason", "no_reason", "decision_notes"),
    "no_voice": ("Child seen, no voice", "no_voice", "seen_notes"),
    "blaming": ("Blaming or labelling words", "blaming", "notes"),
}


def wilson(part: int, whole: int, z: float = Z) -> tuple[float, float] | None:
    """The Wilson score interval of ``part / whole`` (None when ``whole`` is 0)."""
    if whole <= 0:
        return None
    p = part / whole
    denominator = 1 + z * z / whole
    centre = (p + z * z / (2 * whole)) / denominator
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / denominator
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def measure(group: dict[str, Any], key: str, service: float | None, judged: bool) -> dict:
    """One measure of a group: share, base, interval, and whether it is flagged."""
    _, count_key, base_key = MEASURES[key]
    part, whole = group.get(count_key) or 0, group.get(base_key) or 0
    interval = wilson(part, whole)
    flagged = bool(judged and interval and service is not None and interval[0] > service)
    return {
        "count": part,
        "base": whole,
        "share": round(part / whole, 4) if whole else None,
        "low": interval[0] if interval else None,
        "high": interval[1] if interval else None,
        "flag": flagged,
    }


def rank_groups(
    groups: dict[str, dict[str, Any]], service: dict[str, Any], min_notes: int = MIN_NOTES
) -> list[dict[str, Any]]:
    """Rows for each group, the ones that most need attention first.

    Order: groups with enough notes before the others; then the number of flagged measures;
    then how far the lowest plausible rate (interval low end) is above the service's share,
    on the measure where it is furthest.
    """
    rows = []
    for name, group in groups.items():
        judged = group["notes"] >= min_notes
        measures = {
            key: measure(group, key, service_share(service, key), judged) for key in MEASURES
        }
        excess = max(
            (
                m["low"] - service_share(service, key)
                for key, m in measures.items()
                if m["low"] is not None and service_share(service, key) is not None
            ),
            default=-1.0,
        )
        rows.append(
            {
                "name": name,
                "notes": group["notes"],
                "judged": judged,
                "flags": sum(m["flag"] for m in measures.values()),
                "excess": round(excess, 4),
                "measures": measures,
            }
        )
    rows.sort(key=lambda r: (not r["judged"], -r["flags"], -r["excess"], r["name"].casefold()))
    rank = 0
    for row in rows:
        row["rank"] = (rank := rank + 1) if row["judged"] else None
    return rows


def service_share(service: dict[str, Any], key: str) -> float | None:
    _, count_key, base_key = MEASURES[key]
    whole = service.get(base_key) or 0
    return round((service.get(count_key) or 0) / whole, 4) if whole else None
