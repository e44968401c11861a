"""Errors that end a run with a one-line message and exit status 2."""

from __future__ import annotations


class RecordlintError(Exception):
    """A user-facing problem (bad input, bad config, usage). Printed as one line; exit 2."""

    exit_code = 2


class LocatedError(RecordlintError):
    """A problem at a place: ``location`` is 'file' or 'file:line'."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:  # so that it crosses process boundaries
        return (self.__class__, (self.location, self.message))


class InputError(LocatedError):
    """A file or row that cannot be read."""


class ConfigError(LocatedError):
    """A configuration file or rule pack that is not valid."""
