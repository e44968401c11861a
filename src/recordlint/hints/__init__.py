"""Rewrite hints: the layer that turns a finding into words a practitioner can copy.

- :mod:`.text`: fill a template for a finding; show one readably (``{child}`` ->
  "[the child's name]") where there is no note.
- :mod:`.inflect`: verb forms. :mod:`.active`: a passive clause made active.
- :mod:`.describe`: a label turned into a prompt to describe what happened, about the person
  the label is about. :mod:`.article`: "a"/"the" before a spelled-out acronym.
- :mod:`.placeholders`: the names a hint may use (the note's own, or the child's).
- :mod:`.words`: the word lists, read from ``rules/people.yaml``.
"""

from __future__ import annotations

from .text import fill, readable

__all__ = ["fill", "readable"]
