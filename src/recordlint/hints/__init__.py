"""Rewrite hints: the layer that turns a finding into words a practitioner can copy.

- :mod:`.text`: fill a template for a finding; show one readably where there is no note
  (``{child}`` -> "[the child's name]"): :func:`readable`.
- :mod:`.inflect`: verb forms. :mod:`.active`: a passive clause made active, with [who].
- :mod:`.clause`: the clause of a sentence that holds a finding.
- :mod:`.describe`: the person a label is about (the subject, from the parse), and a prompt
  to describe what they did and said.
- :mod:`.article`: "the" before a spelled-out acronym where the grammar needs it.
- :mod:`.words`: the word lists for people, read from ``rules/people.yaml``.
"""

from __future__ import annotations

from .text import fill, readable

__all__ = ["fill", "readable"]
