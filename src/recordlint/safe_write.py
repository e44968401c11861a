"""Writing files without ever losing what the user wrote.

A regular file (or a new path) is written through a temporary file in the same folder and
renamed over the target only when complete, so an interrupted or failed write leaves the old
file as it was. Anything else (a device such as ``/dev/null``, a FIFO, ``/dev/stdout``) is
written directly: renaming over it would replace the device node with a file. New files get
the usual permissions (``0666`` less the umask); a replaced file keeps its own.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from .errors import RecordlintError

#: Backups tried before giving up: FILE.bak, FILE.bak.1, ... FILE.bak.999.
MAX_BACKUPS = 1000


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def refuse_input_path(output: Path, inputs: Iterable[str | Path | None], what: str = "") -> None:
    """Refuse to write ``output`` when it is one of ``inputs``.

    Paths are compared resolved through symbolic links, and existing files by device and
    inode, so a hard link or another spelling of an input is refused too. ``what`` names the
    kind of input in the message ("the baseline", "the config file").
    """
    target = Path(os.path.realpath(output))
    target_id = _identity(output)
    for item in inputs:
        if item is None or str(item) in ("-", ""):
            continue
        source = Path(item)
        same = Path(os.path.realpath(source)) == target
        if not same and target_id is not None:
            same = _identity(source) == target_id
        if same:
            name = what or "an input file"
            raise RecordlintError(f"{output}: refusing to write output over {name} ({item})")


def refuse_pack_folders(output: Path, folders: Iterable[Path]) -> None:
    """Refuse to write ``output`` over one of your rule packs, or as a new YAML file in a
    pack folder (it would be read as a pack on the next run)."""
    for folder in folders:
        files = sorted(Path(folder).glob("*.y*ml")) if Path(folder).is_dir() else []
        refuse_input_path(output, files, "a rule pack")
        inside = Path(os.path.realpath(output)).parent == Path(os.path.realpath(folder))
        if inside and Path(output).suffix.lower() in (".yaml", ".yml"):
            raise RecordlintError(
                f"{output}: refusing to write output into the rule pack folder {folder}"
            )


#: Paths that name this process's own standard output or error: written to as a stream,
#: since opening them would truncate a file that standard output was redirected to.
_OWN_STREAMS = {
    "/dev/stdout": "stdout", "/dev/fd/1": "stdout", "/proc/self/fd/1": "stdout",
    "/dev/stderr": "stderr", "/dev/fd/2": "stderr", "/proc/self/fd/2": "stderr",
}  # fmt: skip


def _writes_directly(path: Path) -> bool:
    """Is ``path`` something other than a regular file (or a new path in a folder)?"""
    absolute = os.path.abspath(path)
    if absolute.startswith(("/dev/", "/proc/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _failed(path: Path, exc: OSError) -> RecordlintError:
    reason = exc.strerror or str(exc)
    return RecordlintError(f"{path}: cannot write: {reason}")


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path``: atomically for a regular file, directly for a device."""
    with atomic_writer(path, encoding) as stream:
        stream.write(text)


@contextlib.contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream that becomes ``path`` when the block ends without an exception.

    A regular file (or a new path) is written to a temporary file in the same folder and
    renamed over ``path`` at the end; if the block fails, the temporary file is removed and
    ``path`` is left as it was. A device, FIFO or ``/dev/stdout`` is written directly.
    """
    path = Path(path)
    own = _OWN_STREAMS.get(os.path.abspath(path))
    if own is not None:
        stream = getattr(sys, own)
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            raise _failed(path, exc) from None
        return
    if _writes_directly(path):
        try:
            with open(path, "w", encoding=encoding, newline="") as stream:
                yield stream
        except OSError as exc:
            raise _failed(path, exc) from None
        return
    folder = Path(os.path.realpath(path)).parent
    existing = path.exists()
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _failed(path, exc) from None
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        mode = path.stat().st_mode & 0o7777 if existing else 0o666 & ~_umask()
        os.chmod(temp_name, mode)
        os.replace(temp_name, os.path.realpath(path))
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise _failed(path, exc) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def backup_path(path: Path) -> Path:
    """The first of ``FILE.bak``, ``FILE.bak.1``, ``FILE.bak.2`` ... that does not exist."""
    first = path.with_name(path.name + ".bak")
    for number in range(MAX_BACKUPS):
        candidate = first if number == 0 else first.with_name(f"{first.name}.{number}")
        if not os.path.lexists(candidate):
            return candidate
    raise RecordlintError(f"{path}: too many backups ({first}.*); remove some first")


def keep_backup(path: Path) -> Path:
    """Copy ``path`` to a new backup file (never over an existing one); return its path."""
    for _ in range(10):  # another process may take the same name between check and create
        copy = backup_path(path)
        try:
            with open(path, "rb") as source, open(copy, "xb") as target:
                shutil.copyfileobj(source, target)
                target.flush()
                os.fsync(target.fileno())
        except FileExistsError:
            continue
        except OSError as exc:
            with contextlib.suppress(OSError):
                copy.unlink()  # a partial copy: the original is still there
            raise _failed(copy, exc) from None
        with contextlib.suppress(OSError):  # the copy exists; its mode is a nicety
            shutil.copymode(path, copy)
        return copy
    raise RecordlintError(f"{path}: cannot choose a backup name; try again")


def digest(data: bytes) -> str:
    """A fingerprint of a file's bytes, to tell whether it changed since it was read."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The fingerprint of ``path`` now, or None when it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return digest(stream.read())
    except OSError:
        return None


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` so that two `fix --write` runs cannot interleave.

    A second run that finds the file locked is refused at once rather than made to wait.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RecordlintError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RecordlintError(
                f"{path}: another recordlint is changing this file; nothing written"
            ) from None
        except OSError:
            pass  # a file system without locks: the changed-since-read check still applies
        yield
    finally:
        os.close(handle)


def replace_if_unchanged(
    path: Path, read_digest: str, text: str, encoding: str, *, backup: bool
) -> Path | None:
    """Replace ``path`` with ``text`` unless it changed since it was read (``read_digest``).

    Keeps a backup first (unless ``backup`` is False) and returns its path.
    """
    if file_digest(path) != read_digest:
        raise RecordlintError(
            f"{path}: the file changed while recordlint was working on it; nothing written "
            "(run fix again)"
        )
    copy = keep_backup(path) if backup else None
    try:
        atomic_write_text(path, text, encoding=encoding)
    except BaseException:
        if copy is not None:  # the original is untouched: the copy is not needed
            with contextlib.suppress(OSError):
                copy.unlink()
        raise
    return copy
