"""Where notes come from: note files, standard input and caseload exports.

:func:`read_one` is the one way every command (check, fix, baseline, diff, exercise) reads a
note file; exports are opened by :mod:`recordlint.sources.tabular`.
"""

from __future__ import annotations

from .reading import read_one

__all__ = ["read_one"]
