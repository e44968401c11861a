"""Reading YAML safely, with errors that name the file and line."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import RecordlintError

#: libyaml's C loader when it is installed (much faster); both refuse tags such as !!python.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(
    text: str, where: str, error: type[RecordlintError], *, with_nodes: bool = False
) -> tuple[Any, yaml.Node | None]:
    """Parse ``text`` (from file ``where``) safely; with ``with_nodes``, also its node tree.

    The node tree gives the line of every key, for messages such as ``file:3: unknown key``.
    Invalid YAML, or a tag that would build a Python object, raises ``error(location, ...)``.
    """
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
        node = yaml.compose(text, Loader=SafeLoader) if with_nodes else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"{where}:{mark.line + 1}" if mark else where
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(location, f"invalid YAML: {problem}") from None  # type: ignore[call-arg]
    return data, node


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The 1-based line of each top-level key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
