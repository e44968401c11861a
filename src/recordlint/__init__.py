"""recordlint: a case-record quality checker for children's social care."""

__version__ = "0.1.0"
