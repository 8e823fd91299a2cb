"""Atomic file writes that leave nothing behind, even after a crash.

:func:`atomic_path` writes a file next to its destination under a hidden
temporary name (``.NAME-xxxxxxxx.SUFFIX``) and renames it over the
destination on success. Writers such as GDAL add companions to that
temporary file while they work (``-journal``, ``-wal``, ``-shm``,
``.tmp_rtree_LAYER.db``); an exception removes them all. A process killed
mid-write (``SIGKILL``, power loss) cannot clean up, so every write and
:func:`remove_orphans` remove the leftovers of earlier writes that died.

A live writer's files are never removed: each write holds an exclusive
``flock`` on ``.NAME-xxxxxxxx.SUFFIX.lock`` for as long as it runs, and the
kernel releases that lock when the process ends, however it ends. Temporary
files without a lock file (written by an older version, or on a system
without ``fcntl``) are removed only once they are :data:`STALE_AFTER_S`
seconds old.

This module depends on the standard library only, so every module that
writes files can import it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX; elsewhere orphans are recognised by their age alone
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

#: Age (seconds) after which a temporary file without a lock file counts as orphaned.
STALE_AFTER_S: float = 3600.0
LOCK_SUFFIX = ".lock"
_RANDOM = r"[a-z0-9_]{8}"  # the random part of a tempfile.mkstemp name


def _temp_pattern(path: Path) -> re.Pattern[str]:
    """Names of the temporary files of writes to ``path`` (group 1: the temporary file itself)."""
    return re.compile(rf"^(\.{re.escape(path.stem)}-{_RANDOM}{re.escape(path.suffix)})(.*)$")


def _try_lock(lock: Path) -> int | None:
    """An open descriptor holding the lock, or ``None`` when a live writer holds it (or it is gone)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def remove_orphans(path: str | Path, *, stale_after_s: float | None = None) -> list[Path]:
    """Remove the temporary files left beside ``path`` by writes that died.

    Parameters
    ----------
    path
        A destination written with :func:`atomic_path` (it need not exist).
    stale_after_s
        Age after which temporary files without a lock file are removed;
        defaults to :data:`STALE_AFTER_S`.

    Returns
    -------
    list of pathlib.Path
        The files removed (empty when there was nothing to clean).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".store-abcd1234.gpkg").write_bytes(b"half a file")
    >>> _ = (folder / ".store-abcd1234.gpkg.lock").write_bytes(b"")  # no process holds it
    >>> sorted(p.name for p in remove_orphans(folder / "store.gpkg"))
    ['.store-abcd1234.gpkg', '.store-abcd1234.gpkg.lock']
    >>> folder.rmdir()  # nothing else was left
    """
    path = Path(path)
    stale_after_s = STALE_AFTER_S if stale_after_s is None else stale_after_s
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return []
    pattern = _temp_pattern(path)
    groups: dict[str, list[Path]] = {}
    for name in names:
        match = pattern.match(name)
        if match:
            groups.setdefault(match.group(1), []).append(path.parent / name)
    removed: list[Path] = []
    now = time.time()
    for base, files in groups.items():
        lock = path.parent / f"{base}{LOCK_SUFFIX}"
        if fcntl is not None and lock in files:
            fd = _try_lock(lock)
            if fd is None:
                continue  # a live writer
            try:
                removed += [f for f in files if f != lock and _unlink(f)]
                if _unlink(lock):
                    removed.append(lock)
            finally:
                os.close(fd)
            continue
        try:
            newest = max(f.stat().st_mtime for f in files)
        except FileNotFoundError:
            continue  # a writer just finished
        if now - newest >= stale_after_s:
            removed += [f for f in files if _unlink(f)]
    if removed:
        logger.warning(
            "removed %d temporary file(s) of interrupted writes to %s: %s",
            len(removed),
            path,
            ", ".join(sorted(p.name for p in removed)),
        )
    return removed


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` on success.

    On any exception the temporary file and its companions are removed and
    ``path`` is left as it was. The rename is atomic on POSIX file systems.
    Leftovers of earlier writes that were killed are removed first (see
    :func:`remove_orphans`); while this write runs, its lock file keeps
    other processes from taking its files for leftovers.

    Parameters
    ----------
    path
        The final destination.

    Yields
    ------
    pathlib.Path
        Where to write.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    tmp = Path(tmp_name)
    lock = Path(f"{tmp}{LOCK_SUFFIX}")
    lock_fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    if fcntl is not None:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
    os.close(fd)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        try:
            for leftover in path.parent.glob(f"{tmp.name}*"):
                if leftover != lock:
                    _unlink(leftover)
            _unlink(lock)
        finally:
            os.close(lock_fd)
