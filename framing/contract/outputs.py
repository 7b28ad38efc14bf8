"""The life of a results folder: one run at a time, tables moved into place when whole, the manifest last.

A run holds an operating-system lock on ``.framing.lock`` in its folder for
as long as it writes there, so that a second run into the same folder stops
at once (the lock dies with its process: a lock file left by a killed run
blocks nobody).  Every table is written under a temporary name and moved into
place when it is complete; ``manifest.json`` is written last and says
``"complete": true``.  A folder whose manifest is missing holds a run that
did not finish, and nothing reads it.  A rerun removes the tables the
previous run listed in its manifest, never a file framing did not write.

>>> import tempfile, pathlib
>>> folder = OutputFolder.open(pathlib.Path(tempfile.mkdtemp()) / "results", force=False)
>>> with folder:
...     folder.begin()
...     _ = (folder.path / "articles.csv").write_text("article_id\\n", encoding="utf-8")
...     _ = folder.finish({"tables": {"articles": 0}}, format="csv")
>>> complete_manifest(folder.path)["complete"], sorted(p.name for p in folder.path.iterdir())
(True, ['.framing', 'articles.csv', 'manifest.json'])
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from framing.problems import FramingError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

__all__ = [
    "LOCK",
    "MANIFEST",
    "MARKER",
    "FolderLock",
    "OutputFolder",
    "check_folder",
    "complete_manifest",
    "manifest_format",
    "move_into_place",
    "prepare_folder",
    "run_started",
    "temporary_path",
    "write_complete_manifest",
    "write_text_whole",
]

#: The file that marks a folder as framing's.
MARKER = ".framing"
_MARKER_TEXT = "This folder was written by framing; later framing runs may overwrite its files.\n"
#: The manifest's file name; a folder holds a complete run only once it is written.
MANIFEST = "manifest.json"
#: what ``framing compare`` writes beside a run's tables: its parameters, notes and the files it wrote
COMPARISON = "comparison.json"
#: The file a run holds its lock on.
LOCK = ".framing.lock"
#: How the name of a file being written ends until it is moved into place.
PART = ".framing-part"
#: The table formats, in the order an older manifest (without its format) is guessed.
_FORMATS = ("csv", "parquet")


def check_folder(folder: Path, *, force: bool) -> Path:
    """Whether framing may write into ``folder`` (without creating it): one line saying why not.

    A folder that exists, is not empty and has no ``.framing`` mark is
    refused unless ``force`` is given, so that a typo cannot overwrite a
    user's work.

    >>> import tempfile
    >>> notes = Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = notes.write_text("mine", encoding="utf-8")
    >>> check_folder(notes, force=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    framing.problems.FramingError: ... is a file, not a folder; choose a folder name for the output
    """
    if folder.exists() and not folder.is_dir():
        raise FramingError(f"{folder} is a file, not a folder; choose a folder name for the output")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).exists() and not force:
        raise FramingError(
            f"{folder} is not empty and was not written by framing; choose a new folder or add --force to write into it"
        )
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise FramingError(f"{existing} is a file, so {folder} cannot be made; choose another folder for the output")
    return folder


def prepare_folder(folder: Path, *, force: bool) -> Path:
    """Create ``folder`` (after :func:`check_folder`) and mark it as framing's."""
    check_folder(folder, force=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise FramingError(f"cannot write to {folder} ({exc.strerror}); choose a folder you can write to") from None
    return folder


def _remove_if_unused(folder: Path) -> None:
    """Remove ``folder``, made by a run that failed, when it holds nothing but framing's mark."""
    with contextlib.suppress(OSError):  # someone else writes there now: leave it
        if {p.name for p in folder.iterdir()} <= {MARKER}:
            (folder / MARKER).unlink(missing_ok=True)
            folder.rmdir()


def temporary_path(path: Path) -> Path:
    """Where ``path`` is written until it is complete: a hidden name in the same folder.

    >>> temporary_path(Path("out/articles.csv")).as_posix()
    'out/.articles.csv.framing-part'
    """
    return path.with_name(f".{path.name}{PART}")


def move_into_place(path: Path) -> Path:
    """Move the complete file written at ``temporary_path(path)`` to ``path`` (replacing it at once)."""
    try:
        os.replace(temporary_path(path), path)
    except OSError as exc:  # on Windows: a program (a spreadsheet) holds the old file open
        raise FramingError(f"cannot replace {path} ({exc.strerror}); close it where it is open and run again") from None
    return path


def write_text_whole(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` so that a reader sees the old file or the whole new one, never a part."""
    temporary_path(path).write_text(text, encoding="utf-8")
    return move_into_place(path)


class FolderLock:
    """An operating-system lock on ``.framing.lock`` in ``folder``, held by this process until released.

    ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows; either ends with
    the process, so a killed run leaves no lock behind (at most the file).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK
        self._handle: IO[bytes] | None = None

    def acquire(self) -> FolderLock:
        """Take the lock, or stop with one line naming the folder when another run holds it."""
        for _ in range(10):  # the file may be removed by the run that held it between opening and locking
            handle = self.path.open("a+b")
            if not _try_lock(handle):
                handle.close()
                raise FramingError(
                    f"{self.folder} is being written by another framing run; wait for it to end or choose another "
                    "--out folder"
                )
            if _same_file(handle, self.path):
                self._handle = handle
                return self
            handle.close()
        raise FramingError(f"cannot lock {self.path}; another program keeps replacing it")

    def release(self) -> None:
        """Remove the lock file (POSIX; where it can be) and let the lock go."""
        if self._handle is None:
            return
        if sys.platform != "win32":  # removed while still locked, so that no other run locks the file being removed
            self.path.unlink(missing_ok=True)
        self._handle.close()  # closing the file lets the lock go
        self._handle = None
        if sys.platform == "win32":
            with contextlib.suppress(OSError):  # another run has it open: it will lock it
                self.path.unlink(missing_ok=True)

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(handle: IO[bytes]) -> bool:
    """Lock ``handle``'s file without waiting; whether it was free."""
    try:
        if sys.platform == "win32":
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same_file(handle: IO[bytes], path: Path) -> bool:
    """Whether ``path`` still names the file ``handle`` has open (not removed and made again meanwhile)."""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest in ``folder``, or ``None`` when there is none."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise _unfinished(folder, f"its {MANIFEST} cannot be read") from None
    if not isinstance(manifest, dict):
        raise _unfinished(folder, f"its {MANIFEST} is not a framing manifest")
    return manifest


def complete_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the complete run in ``folder``; one line that says to rerun ``framing analyze`` when the
    run did not finish (no manifest, or one not marked complete).  A manifest written before runs were marked
    (no ``complete``) is complete."""
    manifest = read_manifest(folder)
    if manifest is None:
        raise _unfinished(folder, f"it holds no {MANIFEST}")
    if manifest.get("complete", True) is not True:
        raise _unfinished(folder, f"its {MANIFEST} is not marked complete")
    return manifest


def _unfinished(folder: Path, why: str) -> FramingError:
    return FramingError(
        f"{folder} holds a framing run that did not finish ({why}); run `framing analyze` into it again"
    )


def write_complete_manifest(folder: Path, manifest: Mapping[str, Any], *, format: str) -> Path:
    """Write ``manifest`` as ``manifest.json`` in ``folder`` (sorted keys, UTF-8, one trailing newline), with
    the tables' ``format`` and ``"complete": true``: the last file of a run, written whole."""
    whole = {**manifest, "format": format, "complete": True}
    text = json.dumps(whole, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return write_text_whole(folder / MANIFEST, text)


def run_started(folder: Path) -> bool:
    """Whether a framing run has written into ``folder`` (its manifest, its lock or a half-written table is
    there), finished or not."""
    return (folder / MANIFEST).is_file() or (folder / LOCK).is_file() or any(folder.glob(f".*{PART}"))


def manifest_format(manifest: Mapping[str, Any], folder: Path) -> str:
    """The table format of the run ``manifest`` describes: as it says, or, for a manifest written before it
    said, the format of the newest ``articles`` file in ``folder``."""
    if manifest.get("format") in _FORMATS:
        return str(manifest["format"])
    found = [(folder / f"articles.{f}", f) for f in _FORMATS if (folder / f"articles.{f}").is_file()]
    return max(found, key=lambda pair: pair[0].stat().st_mtime_ns)[1] if found else _FORMATS[0]


def _previous_files(folder: Path) -> list[Path]:
    """The files framing's previous run in ``folder`` wrote (its manifest's tables, the manifest) and files left
    half-written by a run that was killed."""
    parts = sorted(p for p in folder.glob(f".*{PART}") if p.is_file())
    try:
        manifest = read_manifest(folder)
    except FramingError:  # a damaged manifest: only its own file is known to be framing's
        return [folder / MANIFEST, *parts]
    if manifest is None:
        return parts
    tables = manifest.get("tables")
    names = [str(name) for name in tables] if isinstance(tables, Mapping) else []
    formats = [manifest["format"]] if manifest.get("format") in _FORMATS else list(_FORMATS)
    listed = [folder / f"{name}.{f}" for name in names for f in formats if "/" not in name and "\\" not in name]
    return [folder / MANIFEST, *listed, *_comparison_files(folder), *parts]  # the manifest first


def _comparison_files(folder: Path) -> list[Path]:
    """The tables a ``framing compare`` of the previous run wrote beside it (listed in its ``comparison.json``,
    which goes too): a comparison of old results must not look like one of the new."""
    info = folder / COMPARISON
    try:
        files = json.loads(info.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    names = [str(name) for name in files if isinstance(name, str) and Path(name).name == name]
    return [*(folder / name for name in names), info]


class OutputFolder:
    """A results folder for one run: checked, created and locked by :meth:`open`, emptied of the previous run's
    tables by :meth:`begin`, marked complete by :meth:`finish`.  Used as a context manager: the lock is let go
    at its end; a run that fails leaves no half-written file, nor the folder when it made it and wrote
    nothing."""

    def __init__(self, path: Path, lock: FolderLock, created: bool) -> None:
        self.path = path
        self._lock = lock
        self._created = created
        self._finished = False

    @classmethod
    def open(cls, folder: Path, *, force: bool) -> OutputFolder:
        """Check ``folder`` may be written (:func:`check_folder`), create and mark it, and lock it."""
        created = not folder.exists()
        prepare_folder(folder, force=force)
        try:
            lock = FolderLock(folder).acquire()
        except BaseException:
            if created:
                _remove_if_unused(folder)
            raise
        return cls(folder, lock, created)

    def begin(self) -> None:
        """Remove what framing's previous run here wrote (listed in its manifest), the manifest first: from now
        on, until :meth:`finish`, the folder holds no complete run."""
        for path in _previous_files(self.path):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise FramingError(
                    f"cannot remove {path}, written by framing's previous run ({exc.strerror}); close it where it "
                    "is open and run again"
                ) from None

    def finish(self, manifest: Mapping[str, Any], *, format: str) -> Path:
        """Write ``manifest`` last (:func:`write_complete_manifest`); return its path."""
        path = write_complete_manifest(self.path, manifest, format=format)
        self._finished = True
        return path

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if not self._finished:
                for path in self.path.glob(f".*{PART}"):
                    path.unlink(missing_ok=True)
        finally:
            self._lock.release()
        if not self._finished and self._created:
            _remove_if_unused(self.path)
