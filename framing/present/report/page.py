"""The HTML report: one self-contained page that shows every finding in the articles' own text.

:func:`render_report` returns the page and :func:`write_report` writes it.  For
each story the page has an overview (the versions in story order with their key
numbers, and every figure of :data:`framing.present.plot.FIGURES` embedded as a
PNG ``data:`` URI), then a side-by-side view: one column per version, aligned
paragraphs on one row (:mod:`framing.present.report.layout`), added paragraphs
alone on their row, and a visible gap where a version lacks what the others
carry.  Loaded terms, other lexicon hits, reporting verbs by stance, speakers,
quotations and word swaps are highlighted in place from the tables' offsets
(:mod:`framing.present.report.highlight`); editorial paragraphs carry their
score and evidence.  :mod:`framing.present.report.story` indexes each story's
tables and :mod:`framing.present.report.views` makes what the template shows.

The page works offline and runs no code: it has no script at all (the
highlight layers are switched with CSS-only check boxes), a
Content-Security-Policy that allows nothing but inline styles and ``data:``
images, no external address, and every piece of text taken from the articles
or the tables is HTML-escaped.  The same result gives byte-identical HTML.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire <b>",
...                    "text": "Talks end\\n\\nThe minister insisted the talks were a fiasco."}])
>>> page = render_report(result, figures=False)
>>> "Wire &lt;b&gt;" in page, "Wire <b>" in page
(True, False)
>>> page.count('<mark class="loaded cat-hyperbole_intensifier" title="loaded: hyperbole_intensifier (fiasco)">')
1
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from framing.about import __version__
from framing.present.report.story import ReportSource, _stories
from framing.present.report.views import _category_styles, _problems, _stance_styles, _story_view
from framing.problems import FramingError

__all__ = ["render_report", "write_report"]

#: The mark that tells :func:`write_report` a file is a framing report it may overwrite.
GENERATOR = "framing-toolkit"


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("framing.present.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_report(result: ReportSource, *, figures: bool = True) -> str:
    """The whole HTML report of ``result`` as one string (deterministic: same result, same bytes).

    Parameters
    ----------
    result
        A :class:`framing.Result`, as returned by :func:`framing.analyze`.
    figures
        Embed the figures of :data:`framing.present.plot.FIGURES` (drawing them takes
        most of the time); ``False`` leaves them out.
    """
    stories = [_story_view(result, story, figures) for story in _stories(result)]
    articles = result.tables["articles"]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            generator=f"{GENERATOR} {__version__}",
            stories=stories,
            article_count=len(articles),
            categories=_category_styles(result),
            stances=_stance_styles(result),
            problems=_problems(result),
            notes=[str(n) for n in result.notes],
        )
    )


def write_report(result: ReportSource, path: str | Path, *, force: bool = False) -> Path:
    """Write the HTML report of ``result`` to ``path`` (a file; its folder is created) and return the path.

    An existing file is overwritten only when framing wrote it (a report) or
    ``force`` is true, so a typo cannot clobber a user's file.

    Raises
    ------
    FramingError
        When ``path`` is a folder, an existing file that is not a framing
        report (without ``force``), or cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise FramingError(f"{target} is a folder; give a file name for the report, such as {target / 'report.html'}")
    if target.exists() and not force and not _is_report(target):
        raise FramingError(
            f"{target} exists and is not a framing report; choose a new file name or add --force "
            "(force=True in Python) to overwrite it"
        )
    page = render_report(result)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encode("utf-8"))
    except OSError as exc:
        raise FramingError(f"cannot write {target} ({exc.strerror}); choose a file you can write to") from None
    return target


def _is_report(path: Path) -> bool:
    """Whether ``path`` is a page that framing wrote (its head names framing as the generator)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR} '.encode() in head
