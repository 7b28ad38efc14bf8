"""The HTML report: self-contained pages that show every finding in the articles' own text.

:func:`render_report` returns the report as one page and :func:`write_report`
writes it: one page, or for a large report (more than :data:`ONE_FILE_STORIES`
stories, or story sections over :data:`ONE_FILE_BYTES`) an index page and one
page per story in a folder beside it.  The corpus's figures are drawn once and
embedded as PNG ``data:`` URIs (:mod:`framing.present.report.figures`).  For
each story the page has an overview (the versions in story order with their key
numbers, the reuse map where it says something and the versions' similarity),
then a side-by-side view: one column per version, aligned
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
images, no address outside the report's own pages (relative links between the
index and the story pages), and every piece of text taken from the articles
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
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from framing.about import __version__
from framing.present.report.figures import _corpus_figures, similarity_table
from framing.present.report.story import ReportSource, _stories
from framing.present.report.target import GENERATOR, check_report_path, is_framing_page, pages_folder
from framing.present.report.views import _category_styles, _problems, _stance_styles, _story_view
from framing.problems import FramingError

__all__ = ["render_report", "write_report"]

#: The mark that tells :func:`write_report` a file is a framing report it may overwrite.
#: A report whose story sections take more than this many bytes is an index page and one page per story.
ONE_FILE_BYTES = 4_000_000
#: A report of more stories than this is an index page and one page per story.
ONE_FILE_STORIES = 25


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
    """The whole HTML report of ``result`` as one page (deterministic: same result, same bytes).

    Parameters
    ----------
    result
        A :class:`framing.Result`, as returned by :func:`framing.analyze`.
    figures
        Embed the figures (drawing them takes most of the time); ``False`` leaves them out.
    """
    parts = _Parts(result, figures)
    sections = [section for _entry, section in parts.sections()]
    return parts.index([entry for entry, _section in parts.entries], sections)


def write_report(
    result: ReportSource,
    path: str | Path,
    *,
    force: bool = False,
    figures: bool = True,
    max_bytes: int = ONE_FILE_BYTES,
    max_stories: int = ONE_FILE_STORIES,
) -> Path:
    """Write the HTML report of ``result`` to ``path`` (a file; its folder is created) and return the path.

    A report of at most ``max_stories`` stories whose sections take at most
    ``max_bytes`` is one page.  A larger one is an index page at ``path``
    (the corpus's figures, the list of stories, the legend) and one page per
    story in the folder ``PATH_files/`` beside it (``story-0001.html``, ...),
    linked both ways with relative links.  Story pages are written as they
    are made, so memory stays bounded by the largest story.

    ``figures``: embed the figures, as :func:`render_report` does.  An
    existing file is overwritten only when framing wrote it (a report) or
    ``force`` is true, so a typo cannot clobber a user's file.

    Raises
    ------
    FramingError
        When ``path`` is a folder, an existing file that is not a framing
        report (without ``force``), or cannot be written.
    """
    target = Path(path)
    folder = pages_folder(check_report_path(target, force=force))
    parts = _Parts(result, figures)
    held: list[str] = []
    size, split = 0, len(parts.stories) > max_stories
    written: list[Path] = []
    for number, (_entry, section) in enumerate(parts.sections(), start=1):
        if not split:
            held.append(section)
            size += len(section)
            split = size > max_bytes
            if split:  # too large for one page: the sections held so far get pages of their own
                written += [_story_page(parts, target, i, held_section) for i, held_section in enumerate(held, 1)]
                held = []
        else:
            written.append(_story_page(parts, target, number, section))
    for i, (entry, _section) in enumerate(parts.entries, start=1):
        entry["href"] = f"{quote(folder.name)}/{_page_name(i)}" if split else f"#{entry['anchor']}"
    _remove_stale_pages(folder, keep=set(written))
    _write(target, parts.index([e for e, _s in parts.entries], held, pages=f"{folder.name}/" if split else ""))
    return target


def _page_name(number: int) -> str:
    return f"story-{number:04d}.html"


class _Parts:
    """The parts of a report: the context every page shares, and each story's index entry and section."""

    def __init__(self, result: ReportSource, figures: bool):
        self.result = result
        self.figures = figures
        self.stories = _stories(result)
        self.entries: list[tuple[dict[str, Any], str]] = []
        title = "framing report" + (f": {self.stories[0].name}" if len(self.stories) == 1 else "")
        self.shared = {
            "generator": f"{GENERATOR} {__version__}",
            "categories": _category_styles(result),
            "stances": _stance_styles(result),
            "title": title,
        }

    def sections(self) -> Iterator[tuple[dict[str, Any], str]]:
        """Each story's index entry and its rendered section, one story at a time."""
        table = similarity_table(self.result)
        template = _environment().get_template("story.html.j2")
        for story in self.stories:
            view = _story_view(self.result, story, self.figures, table)
            entry = {"heading": view["heading"], "name": view["name"], "anchor": view["anchor"]}
            entry["href"] = f"#{view['anchor']}"
            section = template.render(story=view)
            self.entries.append((entry, section))
            yield entry, section
            self.entries[-1] = (entry, "")

    def index(self, entries: list[dict[str, Any]], sections: list[str], *, pages: str = "") -> str:
        """The report's first page: with every section (one page), or with links to the story pages."""
        return (
            _environment()
            .get_template("report.html.j2")
            .render(
                **self.shared,
                stories=entries,
                sections=[Markup(section) for section in sections],  # rendered by story.html.j2, autoescape on
                figures=_corpus_figures(self.result) if self.figures else [],
                article_count=len(self.result.tables["articles"]),
                problems=_problems(self.result),
                notes=[str(n) for n in self.result.notes],
                pages=pages,
            )
        )


def _story_page(parts: _Parts, target: Path, number: int, section: str) -> Path:
    """Write story ``number``'s page into the folder beside the report ``target``, linked back to it."""
    shared = {**parts.shared, "title": f"framing report: {parts.stories[number - 1].name}"}
    page = (
        _environment()
        .get_template("story_page.html.j2")
        .render(**shared, section=Markup(section), index=f"../{quote(target.name)}")
    )
    return _write(pages_folder(target) / _page_name(number), page)


def _remove_stale_pages(folder: Path, keep: set[Path]) -> None:
    """Remove the story pages of an earlier report in ``folder`` that this one did not write (and the folder if
    that leaves it empty)."""
    if not folder.is_dir():
        return
    for page in folder.glob("story-*.html"):
        if page not in keep and is_framing_page(page):
            page.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()


def _write(target: Path, page: str) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encode("utf-8"))
    except OSError as exc:
        raise FramingError(f"cannot write {target} ({exc.strerror}); choose a file you can write to") from None
    return target
