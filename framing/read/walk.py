"""Every file in a folder of articles, and a problem row for each thing in it that cannot be listed or followed.

A folder is walked by hand (not ``Path.rglob``, which skips a folder it may
not list without a word):

* a sub-folder that cannot be listed (no permission) is an ``error`` row
  naming it: its articles are left out, the rest is read; the input folder
  itself unlistable is a one-line :class:`~framing.problems.FramingError`;
* a link to a file is followed; a link that leads nowhere (dangling) or back
  to itself (a loop) is an ``error`` row naming it; a link to a file outside
  the input folder is read, with a ``warning`` row naming where it leads (the
  user put it there, but the run now depends on a file outside its input);
* a link to a folder is not followed (a link could lead back up the tree):
  an ``error`` row names it;
* names starting with a dot (``.git``, ``.DS_Store``) are skipped, as before.

Files come in the order of their paths below the folder (``a/b.txt`` after
``a-b.txt``), whatever order the file system lists them in.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "b.txt").write_text("Rain.", encoding="utf-8")
>>> (root / "a.txt").symlink_to(root / "gone.txt")
>>> listing = _list_folder(root)
>>> [p.name for p in listing.files], [p.message[:36] for p in listing.problems]
(['b.txt'], ['not read: a link to a file that does'])
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from framing.problems import FramingError, Problem

#: Suffixes (and names) of the files a folder's links are checked for leading outside it.
_READ_NAMES = (".txt", "manifest.csv")


@dataclass
class _Listing:
    """The files under a folder (links to files among them), and the problems met while listing it."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _real(path: Path) -> Path:
    """Where ``path`` leads, never raising for a link loop (``Path.resolve`` raises ``RuntimeError`` for one)."""
    return Path(os.path.realpath(path))


def _list_folder(root: Path) -> _Listing:
    """The files under ``root`` in the order of their relative paths, with problem rows (see the module)."""
    listing = _Listing()
    inside = _real(root)
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            if folder == root:
                raise FramingError(f"{root} cannot be listed ({exc.strerror}); check its permissions") from None
            message = f"not read: the folder cannot be listed ({exc.strerror}); its articles are left out, "
            listing.problems.append(Problem(str(folder), None, "error", message + "check its permissions"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                _add_link(path, inside, listing)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            else:
                listing.files.append(path)
    listing.files.sort(key=lambda p: p.relative_to(root).as_posix())
    listing.problems.sort(key=lambda p: p.input)
    return listing


def _add_link(path: Path, inside: Path, listing: _Listing) -> None:
    """A link found in the folder: its target as a file of the listing, or a problem row."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            message = "not read: a link that leads back to itself (a symlink loop); remove it or point it at a file"
        elif isinstance(exc, FileNotFoundError):
            message = f"not read: a link to a file that does not exist ({os.readlink(path)}); remove or fix the link"
        else:
            message = f"not read: the link cannot be followed ({exc.strerror}); check it and its target"
        listing.problems.append(Problem(str(path), None, "error", message))
        return
    if target.is_dir():
        listing.problems.append(
            Problem(
                str(path),
                None,
                "error",
                f"not read: a link to a folder ({target}); framing does not follow links to folders, "
                "copy the folder in or analyse it as an input of its own",
            )
        )
        return
    if path.name.lower().endswith(_READ_NAMES) and not target.is_relative_to(inside):
        listing.problems.append(
            Problem(
                str(path),
                None,
                "warning",
                f"a link to a file outside the input folder ({target}); read all the same: "
                "the results depend on that file too",
            )
        )
    listing.files.append(path)
