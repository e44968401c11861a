"""Typed options for rule kinds: each kind declares a frozen dataclass, checked from it.

A rule kind says what its YAML keys are by subclassing :class:`Options`::

    @dataclass(frozen=True)
    class RationaleOptions(Options):
        decision_cues: tuple[str, ...] = regex_list(required=True)
        window: int = 1

:func:`parse_options` turns a rule's YAML mapping into that dataclass and refuses, with a
message naming the key, an unknown key (suggesting the nearest known one), a value of the
wrong type, a value outside a ``Literal``, a number that is not finite (``.nan``, ``.inf``)
and, when asked, a regular expression that is invalid, could backtrack for ever or matches
empty text (see :func:`~recordlint.checks.regex_safety.empty_reason`). The types understood
are ``str``, ``bool``, ``int``, ``float``, ``Literal[...]``, ``X | None``, ``tuple[T, ...]``
(a YAML list), ``dict[str, T]`` and, for lists of sub-entries, ``tuple[dict[str, Any], ...]``
with ``entry_list(Schema)``.
"""

from __future__ import annotations

import difflib
import math
import types
import typing
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from functools import cache
from typing import Any, Literal, TypeVar, Union

from .checks.regex_safety import empty_reason, unsafe_reason

_REGEX = "regex"
_SPAN = "span"
_SLOT = "slot"
_ENTRIES = "entries"
_REQUIRED = "required"

T = TypeVar("T", bound="Options")


class OptionError(ValueError):
    """An option value that does not fit its declaration (the message names the key)."""


@dataclass(frozen=True)
class Options:
    """Base of every kind's options. A kind with no options of its own uses it as is."""

    def get(self, name: str, default: Any = None) -> Any:
        """An option by name, or ``default`` when this kind has no such option."""
        value = getattr(self, name, default)
        return default if value is None else value

    def __getitem__(self, name: str) -> Any:
        """A declared option by name (``KeyError`` for a name the kind does not declare)."""
        if name not in _declaration(type(self))[0]:
            raise KeyError(name)
        return getattr(self, name)

    def check(self) -> str | None:
        """A kind's own cross-field check: why the options are refused, or None."""
        return None

    def check_regexes(self) -> str | None:
        """A kind's own check of the regexes it builds from its options (run where the
        pack's regexes are checked, as for ``regex()`` fields): why refused, or None."""
        return None


def regex(*, required: bool = False, span: bool = False, slot: str | None = None) -> Any:
    """A field holding one regular expression (None when absent).

    ``span``: what it matches becomes a finding (so it must not match empty text anywhere);
    otherwise it is a cue. ``slot``: a placeholder such as ``{child}`` that the rule fills in
    before compiling; the checks run with a name in its place.
    """
    return field(default=None, metadata=_regex_metadata(required, span, slot))


def regex_list(*, required: bool = False, span: bool = False, slot: str | None = None) -> Any:
    """A field holding a list of regular expressions (a tuple; empty when absent); see
    :func:`regex`."""
    return field(default=(), metadata=_regex_metadata(required, span, slot))


def _regex_metadata(required: bool, span: bool, slot: str | None) -> dict[str, Any]:
    return {_REGEX: True, _REQUIRED: required, _SPAN: span, _SLOT: slot}


def required() -> Any:
    """A field the YAML must give (it has no sensible default)."""
    return field(default=None, metadata={_REQUIRED: True})


def entry_list(schema: type[Options]) -> Any:
    """A list of mappings, each checked against ``schema`` but kept as the mapping it was."""
    return field(default=(), metadata={_ENTRIES: schema})


def option_names(cls: type[Options]) -> list[str]:
    """The YAML keys a kind accepts."""
    return [f.name for f in fields(cls)]


def regex_fields(cls: type[Options]) -> list[str]:
    """The keys of ``cls`` that hold regular expressions."""
    return [f.name for f in fields(cls) if f.metadata.get(_REGEX)]


def regex_reason(pattern: str, *, span: bool = False, slot: str | None = None) -> str | None:
    """Why a pack's regular expression is refused, or None: invalid, could backtrack for
    ever, or matches empty text (``span``: its matches become findings; ``slot``: a
    placeholder the rule fills in, checked with a name in its place)."""
    filled = pattern.replace(slot, "Sam") if slot and isinstance(pattern, str) else pattern
    return unsafe_reason(filled) or empty_reason(filled, span=span)


def parse_options(
    cls: type[T],
    data: Mapping[str, Any],
    *,
    check_regex: bool = True,
    ignore: frozenset[str] = frozenset(),
    known: tuple[str, ...] = (),
) -> T:
    """``data`` as an instance of ``cls``; :class:`OptionError` names what is wrong.

    ``ignore`` are keys handled elsewhere (a rule's metadata); ``known`` adds names to the
    "did you mean" suggestions. Regexes are checked for safety when ``check_regex``.
    """
    declared, hints = _declaration(cls)
    for key in data:
        if key in declared or key in ignore:
            continue
        guess = difflib.get_close_matches(str(key), [*declared, *known], n=1, cutoff=0.7)
        tip = f" (did you mean '{guess[0]}'?)" if guess else ""
        raise OptionError(f"unknown key '{key}'{tip}")
    values: dict[str, Any] = {}
    for name, spec in declared.items():
        if name not in data or data[name] is None:
            if spec.metadata.get(_REQUIRED):
                raise OptionError(f"'{name}' is required")
            continue
        values[name] = _field_value(name, data[name], hints[name], spec, check_regex)
    options = cls(**values)
    reason = options.check() or (options.check_regexes() if check_regex else None)
    if reason:
        raise OptionError(reason)
    return options


@cache
def _declaration(cls: type[Options]) -> tuple[dict[str, Field], dict[str, Any]]:
    """The fields of ``cls`` by name, and their resolved types (worked out once)."""
    return {f.name: f for f in fields(cls)}, typing.get_type_hints(cls)


def _field_value(name: str, value: Any, hint: Any, spec: Field, check_regex: bool) -> Any:
    schema = spec.metadata.get(_ENTRIES)
    if schema is not None:
        if not isinstance(value, list):
            raise OptionError(f"'{name}' must be a list, not {_shown(value)}")
        for number, item in enumerate(value, 1):
            if not isinstance(item, dict):
                raise OptionError(f"{name} entry {number} must be a mapping, not {_shown(item)}")
            try:
                parse_options(schema, item, check_regex=check_regex)
            except OptionError as exc:
                raise OptionError(f"{name} entry {number}: {exc}") from None
        return tuple(value)
    converted = _convert(name, value, hint)
    if spec.metadata.get(_REGEX) and check_regex:
        span, slot = spec.metadata.get(_SPAN, False), spec.metadata.get(_SLOT)
        for pattern in converted if isinstance(converted, tuple) else (converted,):
            if isinstance(pattern, str) and not pattern.strip():
                raise OptionError(f"'{name}' must be a non-empty regular expression")
            reason = regex_reason(pattern, span=span, slot=slot)
            if reason:
                raise OptionError(f"{name} {pattern!r} refused: {reason}")
    return converted


def _convert(name: str, value: Any, hint: Any) -> Any:
    """``value`` checked against the type ``hint`` (lists become tuples)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        problems = []
        for option in options:
            try:
                return _convert(name, value, option)
            except OptionError as exc:
                problems.append(str(exc))
        if len(options) == 1:
            raise OptionError(problems[0])
        raise OptionError(f"'{name}' must be {' or '.join(_describe(o) for o in options)}")
    if origin is Literal:
        if value not in args:
            allowed = ", ".join(str(a) for a in args)
            raise OptionError(f"'{name}' must be one of {allowed}, not {_shown(value)}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise OptionError(f"'{name}' must be a list, not {_shown(value)}")
        return tuple(_convert(name, item, args[0]) for item in value)
    if origin is dict:
        if not isinstance(value, dict):
            raise OptionError(f"'{name}' must be a mapping, not {_shown(value)}")
        return {
            _convert(name, key, args[0]): _convert(name, item, args[1])
            for key, item in value.items()
        }
    if hint is bool:
        if not isinstance(value, bool):
            raise OptionError(f"'{name}' must be true or false, not {_shown(value)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError(f"'{name}' must be a whole number, not {_shown(value)}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(f"'{name}' must be a number, not {_shown(value)}")
        try:
            number = float(value)
        except OverflowError:  # a whole number too big for a float
            number = math.inf
        if not math.isfinite(number):  # .nan and .inf would turn a comparison off
            raise OptionError(f"'{name}' must be a finite number, not {_shown(value)}")
        return number
    if hint is str:
        if not isinstance(value, str):
            raise OptionError(
                f"'{name}' has {_shown(value)}, not text "
                "(quote words that YAML reads otherwise, such as 'No', 'On', 'Yes')"
            )
        return value
    if hint is Any:
        return value
    raise TypeError(f"option '{name}' has a type the schema does not know: {hint!r}")


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is tuple:
        return "a list"
    if origin is dict:
        return "a mapping"
    return {str: "text", bool: "true or false", int: "a whole number"}.get(hint, str(hint))


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"
