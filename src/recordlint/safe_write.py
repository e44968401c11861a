"""Writing files without ever losing what the user wrote: temp file + rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RecordlintError


def refuse_input_path(output: Path, inputs: list[str]) -> None:
    """Refuse to write ``output`` when it is one of the input files."""
    target = output.resolve()
    for item in inputs:
        if item in ("-", "") or item is None:
            continue
        source = Path(item)
        try:
            same = source.exists() and target.exists() and os.path.samefile(source, target)
        except OSError:
            same = False
        if same or source.resolve() == target:
            raise RecordlintError(f"{output}: refusing to write output over an input file")


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename."""
    folder = path.resolve().parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RecordlintError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise RecordlintError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
