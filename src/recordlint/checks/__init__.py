"""Rule kinds. Importing this package registers every kind with :data:`base.KINDS`."""

from . import acronym, passive, rationale, readability, terms, voice  # noqa: F401
