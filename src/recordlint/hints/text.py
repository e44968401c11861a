"""Filling hint templates: every ``{field}`` becomes words, never a raw field name.

Pack messages and hints are templates (``'Use {child}''s name, e.g. "{rewritten}"'``).
:func:`fill` fills them for one finding; :func:`readable` shows a template without a note
(``explain``, SARIF rule help), each field as a bracketed placeholder a reader understands.
"""

from __future__ import annotations

import re

#: How each field reads when there is no note to fill it from.
READABLE: dict[str, str] = {
    "child": "[the child's name]",
    "Child": "[The child's name]",
    "child_possessive": "[the child's name]'s",
    "child_name": "[the child's name]",
    "Child_name": "[The child's name]",
    "person": "[the person]",
    "Person": "[The person]",
    "match": "[the flagged words]",
    "sentence": "[your sentence]",
    "template": "[your sentence, rewritten]",
    "rewritten": "[your sentence with the change made]",
    "suggestion": "[the suggested words]",
    "alternatives": "[other words]",
    "expansion": "[the words in full]",
    "verb": "[did what to]",
    "object": "",
    "prompt": "What did [the child's name] say, show or want today?",
    "type": "note",
    "type_note": "note",
}

_FIELD_RE = re.compile(r"\{\{|\}\}|\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")
_EMPTY = "\ue000"  # where an empty field was, until :func:`tidy` closes the gap
_EMPTY_BEFORE_RE = re.compile(r"[ \t]*\ue000[ \t]*(?=[,.;:!?]|$)")


def fields(template: str) -> list[str]:
    """The field names a template uses, in order (``{child}`` -> ``child``)."""
    return [m.group(1) for m in _FIELD_RE.finditer(template) if m.group(1)]


def placeholder(name: str) -> str:
    """The readable stand-in for a field ('child' -> "[the child's name]")."""
    if name in READABLE:
        return READABLE[name]
    words = name.replace("_", " ").strip()
    return f"[{words}]" if words else "[...]"


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its fields filled from ``values``; a missing one reads as a placeholder.

    ``{{`` and ``}}`` stand for a brace; a lone brace is kept as it is.
    """

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]  # "{{" or "}}"
        value = values.get(name)
        if value is None:
            value = placeholder(name)
        return str(value) or _EMPTY

    return tidy(_FIELD_RE.sub(one, template))


def readable(template: str) -> str:
    """A template as a reader should see it with no note: ``{child}`` -> "[the child's name]"."""
    return fill(template, {})


def tidy(text: str) -> str:
    """Close the gap an empty field leaves: no space before punctuation, one between words."""
    if _EMPTY not in text:
        return text
    text = _EMPTY_BEFORE_RE.sub("", text)
    return re.sub(r"[ \t]*\ue000[ \t]*", " ", text)


def capitalise(text: str) -> str:
    """Upper-case the first letter when nothing but punctuation comes before it."""
    for index, char in enumerate(text):
        if char.isalnum():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def cap_words(text: str, limit: int) -> str:
    """At most ``limit`` words; a cut is marked with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + " …"
