"""A faster stand-in for spaCy's attribute ruler, with the same result.

The English models' attribute ruler sets each token's coarse part of speech, morphology and
some lemmas from about 180 token patterns (mostly "this fine tag", some "this word with
this tag", a few two-word sequences). spaCy runs them through its general ``Matcher``,
which tries every pattern at every token. Here the same patterns are indexed by the token
attribute they test first (the word, else the tag), and applied in the ruler's own order
(pattern by pattern, later ones overriding), with the ruler's own attribute setter. A
model whose ruler uses anything else (an operator, another attribute) keeps spaCy's.
"""

from __future__ import annotations

import re
from typing import Any

#: Token attributes a pattern may test here: their place in a token's row (see ``_row``).
_COLUMNS = {"TAG": 0, "LOWER": 1, "ORTH": 2, "TEXT": 2, "DEP": 3, "IS_SPACE": 4}


def _row(token: Any) -> tuple[str, str, str, str, bool]:
    """The attributes the patterns test, read once per token."""
    return token.tag_, token.lower_, token.text, token.dep_, token.is_space


#: One test of a token pattern: (attribute's column, how: "in", "not in" or "regex", values).
Test = tuple[int, str, Any]


def _token_tests(token_pattern: dict[str, Any]) -> list[Test] | None:
    """The tests of one token pattern, or None if it uses something not handled here."""
    tests: list[Test] = []
    for key, value in token_pattern.items():
        if key not in _COLUMNS:
            return None
        column = _COLUMNS[key]
        if isinstance(value, (str, bool)):
            tests.append((column, "in", frozenset([value])))
        elif isinstance(value, dict) and len(value) == 1:
            ((how, values),) = value.items()
            if how in ("IN", "NOT_IN") and isinstance(values, list):
                tests.append((column, how.lower().replace("_", " "), frozenset(values)))
            elif how == "REGEX" and isinstance(values, str):
                tests.append((column, "regex", re.compile(values)))
            else:
                return None
        else:
            return None
    return tests


def _matches(tests: list[Test], row: tuple) -> bool:
    for column, how, values in tests:
        value = row[column]
        if how == "in":
            if value not in values:
                return False
        elif how == "not in":
            if value in values:
                return False
        elif not (isinstance(value, str) and values.search(value)):
            return False
    return True


class FastAttributeRuler:
    """Applies a loaded ``AttributeRuler``'s patterns to a parsed ``Doc``, as it would."""

    def __init__(self, ruler: Any, rules: list[tuple[int, list[list[Test]]]]) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._attrs = ruler.attrs
        self._indices = ruler.indices
        # one-token patterns by the word they need, else by the tag they need, else any
        self._by_word: dict[str, list[tuple[int, list[Test]]]] = {}
        self._by_tag: dict[str, list[tuple[int, list[Test]]]] = {}
        self._any: list[tuple[int, list[Test]]] = []
        #: longer patterns, with the words their first token may be (None: any)
        self._longer: list[tuple[int, list[list[Test]], frozenset[str] | None]] = []
        for rule_id, sequence in rules:
            if len(sequence) > 1:
                first = [v for c, how, v in sequence[0] if c == _COLUMNS["LOWER"] and how == "in"]
                self._longer.append((rule_id, sequence, first[0] if first else None))
                continue
            tests = sequence[0]
            keyed = {column: values for column, how, values in tests if how == "in"}
            if _COLUMNS["LOWER"] in keyed:
                for word in keyed[_COLUMNS["LOWER"]]:
                    self._by_word.setdefault(word, []).append((rule_id, tests))
            elif _COLUMNS["TAG"] in keyed:
                for tag in keyed[_COLUMNS["TAG"]]:
                    self._by_tag.setdefault(tag, []).append((rule_id, tests))
            else:
                self._any.append((rule_id, tests))

    @classmethod
    def of(cls, ruler: Any) -> FastAttributeRuler | None:
        """The stand-in for ``ruler``, or None if one of its patterns is not handled."""
        rules: list[tuple[int, list[list[Test]]]] = []
        for rule_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                sequence = [_token_tests(token) for token in pattern]
                if not sequence or any(tests is None for tests in sequence):
                    return None
                rules.append((rule_id, sequence))  # type: ignore[arg-type]
        return cls(ruler, rules)

    def __call__(self, doc: Any) -> Any:
        rows = [_row(token) for token in doc]
        found: set[tuple[int, int, int]] = set()  # (rule, start, end), each match once
        for i, row in enumerate(rows):
            for rule_id, tests in (
                *self._by_word.get(row[1], ()),
                *self._by_tag.get(row[0], ()),
                *self._any,
            ):
                if _matches(tests, row):
                    found.add((rule_id, i, i + 1))
        for rule_id, sequence, first_words in self._longer:
            width = len(sequence)
            for start in range(len(rows) - width + 1):
                if first_words is not None and rows[start][1] not in first_words:
                    continue
                if all(_matches(tests, rows[start + k]) for k, tests in enumerate(sequence)):
                    found.add((rule_id, start, start + width))
        for rule_id, start, end in sorted(found):  # the ruler's order: later rules win
            index = self._indices[rule_id]
            if not -(end - start) <= index < end - start:
                doc[start:end][index]  # out of the match: spaCy's own error
            self._set(doc[start + index if index >= 0 else end + index], self._attrs[rule_id])
        return doc
