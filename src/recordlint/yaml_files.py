"""Reading YAML safely, with errors that name the file and line."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import RecordlintError
from .limits import ENV, current

#: libyaml's C loader when it is installed (much faster); both refuse tags such as !!python.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(
    text: str, where: str, error: type[RecordlintError], *, with_nodes: bool = False
) -> tuple[Any, yaml.Node | None]:
    """Parse ``text`` (from file ``where``) safely; with ``with_nodes``, also its node tree.

    The node tree gives the line of every key, for messages such as ``file:3: unknown key``.
    Invalid YAML, a tag that would build a Python object, or aliases that would expand
    beyond the YAML limits (a "billion laughs" file) raise ``error(location, ...)``.
    """
    try:
        node = None
        if with_nodes or "&" in text:  # no anchor, no alias: nothing to expand
            node = yaml.compose(text, Loader=SafeLoader)
            check_expansion(node, where, error)
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"{where}:{mark.line + 1}" if mark else where
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(location, f"invalid YAML: {problem}") from None  # type: ignore[call-arg]
    except RecursionError:
        raise error(where, "invalid YAML: nested too deeply") from None  # type: ignore[call-arg]
    return data, node if with_nodes else None


def check_expansion(node: yaml.Node | None, where: str, error: type[RecordlintError]) -> None:
    """Refuse a document with more aliases, or more nodes once aliases are expanded, than
    the YAML limits allow."""
    limits = current()
    sizes: dict[int, int] = {}
    aliases = 0

    def size(item: yaml.Node) -> int:
        nonlocal aliases
        known = sizes.get(id(item))
        if known is not None:  # seen before: this is an alias to it
            aliases += 1
            if aliases > limits.yaml_aliases:
                raise error(  # type: ignore[call-arg]
                    f"{where}:{item.start_mark.line + 1}",
                    f"more than {limits.yaml_aliases} YAML aliases (set {ENV['yaml_aliases']} "
                    "to allow more)",
                )
            return known
        sizes[id(item)] = 1  # a node that contains itself counts once
        total = 1
        if isinstance(item, yaml.SequenceNode):
            total += sum(size(child) for child in item.value)
        elif isinstance(item, yaml.MappingNode):
            total += sum(size(key) + size(value) for key, value in item.value)
        sizes[id(item)] = total
        if total > limits.yaml_nodes:
            raise error(  # type: ignore[call-arg]
                f"{where}:{item.start_mark.line + 1}",
                f"YAML aliases expand to more than {limits.yaml_nodes:,} values (set "
                f"{ENV['yaml_nodes']} to allow more)",
            )
        return total

    if node is not None:
        size(node)


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The 1-based line of each top-level key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
