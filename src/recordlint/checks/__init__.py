"""Rule kinds, each a small module that registers its class with :data:`base.KINDS`.

:data:`KIND_MODULES` names the module of every kind, so that a pack can be validated without
importing them all (`recordlint rules` stays fast); :func:`load_kinds` imports them.
"""

from __future__ import annotations

import importlib

KIND_MODULES: dict[str, str] = {
    "terms": "terms",
    "acronym": "acronym",
    "passive": "passive",
    "rationale": "rationale",
    "child-voice": "voice",
    "blame": "blame",
    "character": "character",
    "scare-quote": "scare_quotes",
    "long-sentence": "readability",
    "long-paragraph": "readability",
    "reading-grade": "readability",
}


def load_kinds() -> None:
    """Import every rule-kind module, so that :data:`base.KINDS` is complete."""
    for module in sorted(set(KIND_MODULES.values())):
        importlib.import_module(f"{__name__}.{module}")
