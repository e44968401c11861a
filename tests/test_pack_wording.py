"""The shipped packs' example rewrites never guess the child's sex: a hint about
``{child}`` uses the child's name or neutral words, never he, she, his or her."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parents[1] / "rules"
_GENDERED = re.compile(r"\b(?:he|him|his|she|her|hers|himself|herself)\b", re.IGNORECASE)
_CHILD_FIELD = re.compile(r"\{(?:child|Child|child_name|Child_name|child_possessive)\}")


def _texts(node, key=""):
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _texts(value, str(name))
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item, key)
    elif isinstance(node, str) and key in ("hint", "message", "prompt"):
        yield node


_ADULT_PRONOUNS = (
    (re.compile(r"\b(?:mum|mother)\b", re.IGNORECASE), re.compile(r"\b(?:she|her)\b")),
    (re.compile(r"\b(?:dad|father)\b", re.IGNORECASE), re.compile(r"\b(?:he|him|his)\b")),
)


def _about_adults(text: str) -> str:
    """``text`` less the child's fields and the pronouns of a mum or dad it names."""
    text = _CHILD_FIELD.sub("", text)
    for role, pronouns in _ADULT_PRONOUNS:
        if role.search(text):
            text = pronouns.sub("", text)
    return text


def test_no_hint_about_the_child_guesses_their_sex():
    offending = []
    for pack in sorted(RULES.glob("*.yaml")):
        for text in _texts(yaml.safe_load(pack.read_text(encoding="utf-8"))):
            if _CHILD_FIELD.search(text) and _GENDERED.search(_about_adults(text)):
                offending.append(f"{pack.name}: {text}")
    assert not offending, "\n".join(offending)


def test_the_check_finds_a_gendered_example():
    assert _GENDERED.search(_about_adults('e.g. "{Child} smiled and ate all his tea"'))
    assert not _GENDERED.search(_about_adults('e.g. "Dad told me he visits {child}"'))
