"""Map the note-type labels that case-management systems show to recordlint's type slugs.

To teach recordlint a new label, add one line to :data:`NOTE_TYPES`. Labels are matched
ignoring case, spacing and punctuation ("Telephone Call (Incoming)" is "Telephone Call -
Incoming"). A value that is already a slug passes through; an unknown label becomes its
slugified form ("Initial Child Protection Conference" -> "initial-child-protection-conference").
"""

from __future__ import annotations

import re

#: System label -> slug.
NOTE_TYPES: dict[str, str] = {
    "Visit": "visit",
    "Home Visit": "visit",
    "Statutory Visit": "visit",
    "School Visit": "visit",
    "Unannounced Visit": "visit",
    "Announced Visit": "visit",
    "Meeting": "meeting",
    "Core Group Meeting": "meeting",
    "Child in Need Meeting": "meeting",
    "Professionals Meeting": "meeting",
    "Direct Work": "direct-work",
    "Direct Work Session": "direct-work",
    "Supervision": "supervision",
    "Case Supervision": "supervision",
    "Management Oversight": "management-oversight",
    "Manager Oversight": "management-oversight",
    "Telephone Call": "phone-call",
    "Telephone Call - Incoming": "phone-call",
    "Telephone Call - Outgoing": "phone-call",
    "Phone Call": "phone-call",
    "Phone Call - Incoming": "phone-call",
    "Phone Call - Outgoing": "phone-call",
    "Case Closure": "closure",
    "Closure": "closure",
    "Assessment": "assessment",
    "Child and Family Assessment": "assessment",
    "Single Assessment": "assessment",
    "Strategy Discussion": "strategy-discussion",
    "Strategy Meeting": "strategy-discussion",
    "Child Looked After Review": "review",
    "Looked After Review": "review",
    "CLA Review": "review",
    "Review": "review",
}

#: Every slug the table can produce.
SLUGS: frozenset[str] = frozenset(NOTE_TYPES.values())


def slugify(label: str) -> str:
    """Lower-case words joined by hyphens: "Core Group Meeting" -> "core-group-meeting"."""
    words = re.findall(r"[^\W_]+", label.casefold().replace("&", " and "))
    return "-".join(words)


_BY_SLUG: dict[str, str] = {slugify(label): slug for label, slug in NOTE_TYPES.items()}


def note_type_slug(label: object) -> str | None:
    """The slug for a system label; None when the label is blank."""
    if label is None:
        return None
    slug = slugify(str(label))
    if not slug:
        return None
    if slug in SLUGS:
        return slug
    return _BY_SLUG.get(slug, slug)
