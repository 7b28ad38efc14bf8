"""The ``framing`` command.

``framing analyze INPUT --out DIR [--figures DIR]`` runs the pipeline and
writes the tables; ``framing compare DIR --by source`` compares outlets in
them; ``framing eval sentences DATA`` measures the sentence
splitter and ``framing eval basil DATA`` the bias detectors; ``framing
lexicons`` lists the built-in lexicons; ``framing export RESULTS --xlsx FILE``
copies the tables for a spreadsheet (the CSV rule: :mod:`framing.contract.spreadsheet`).  Mistakes in the
input or the options end with one line that names the fix and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import framing
from framing.about import __version__
from framing.problems import FramingError

if TYPE_CHECKING:
    from framing.run import RunOptions

# `framing --help` loads no stage: the stages (pandas, scikit-learn: 0.5 s) are imported when a command runs,
# through framing's lazy names (framing.run.analyze_into, ...). These are the stages' values the options show;
# tests/test_papercuts.py checks each against the constant it copies.
MAX_GROUPS = 20  # framing.compare.MAX_GROUPS
UNITS = ("article", "paragraph")  # framing.frames.coded.UNITS
BUILTIN_FRAMES = "builtin"  # framing.run.options.BUILTIN_FRAMES
STORIES = ("given", "auto")  # framing.run.options.STORIES
ATTRIBUTION_MODES = ("learned", "rules")  # framing.settings.ATTRIBUTION_MODES

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The ``framing`` command's options: one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Compare how news outlets cover the same story.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_analyze(commands)
    _add_compare(commands)
    _add_evaluate(commands)
    _add_frames(commands)
    _add_export(commands)
    lexicons = commands.add_parser("lexicons", help="list the built-in lexicons and word lists")
    lexicons.add_argument("name", nargs="?", help="show the entries of this lexicon")
    return parser


#: Input columns that ``--NAME-column`` renames.
COLUMN_FIELDS = ("id", "text", "source", "title", "date", "story", "url")


def _add_analyze(commands: Any) -> None:
    analyze = commands.add_parser(
        "analyze",
        help="clean, segment and measure articles; write tables (and figures)",
        description="Analyse a folder of .txt files (sub-folders are stories), or a .csv/.jsonl file.",
    )
    analyze.add_argument("input", help="folder of .txt files, or a .txt, .csv, .tsv or .jsonl file")
    analyze.add_argument("--out", required=True, help="folder for the tables (created if missing)")
    analyze.add_argument("--figures", help="folder for the figures (PNG and SVG)")
    analyze.add_argument(
        "--figure-stories",
        default="all",
        metavar="all|ID,ID",
        help="stories whose reuse map and similarity figures --figures draws (default: all)",
    )
    analyze.add_argument(
        "--report",
        metavar="FILE",
        help="write the side-by-side HTML report to this file (a large one: an index, and a page per story in "
        "FILE_files/ beside it)",
    )
    analyze.add_argument("--force", action="store_true", help="write into a non-empty folder framing did not create")
    analyze.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="PATH",
        help="a lexicon TSV; replaces the built-in one of the same name, or adds a new term list (repeatable)",
    )
    for field in COLUMN_FIELDS:
        analyze.add_argument(f"--{field}-column", metavar="NAME", help=f"column holding the {field} (default: {field})")
    analyze.add_argument(
        "--max-mb", type=float, default=5.0, help="skip (and report) articles larger than this (default 5)"
    )
    analyze.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME[=ALIAS,...]",
        help="measure tone toward an entity, with other names after '=': --target Serbia=Serbian,Belgrade (repeatable)",
    )
    analyze.add_argument(
        "--frames",
        default=BUILTIN_FRAMES,
        metavar="MODEL",
        help="frame model for frames.csv: 'builtin' (the five generic news frames; default), a model file trained "
        "with `framing frames train`, or 'none'",
    )
    analyze.add_argument(
        "--attribution",
        choices=list(ATTRIBUTION_MODES),
        default="learned",
        help="'learned': the attribution tagger (a CRF trained on PolNeAR) combined with the rules (default); "
        "'rules': the rules alone (faster)",
    )
    _add_run_options(analyze)


def _add_run_options(analyze: argparse.ArgumentParser) -> None:
    analyze.add_argument(
        "--story",
        choices=list(STORIES),
        default="given",
        help="'given': the stories the input names (story column, sub-folders); 'auto': group the articles "
        "into stories by their text and dates (default: given)",
    )
    analyze.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for the per-article and per-story work (default 1; same tables for any N)",
    )
    analyze.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run the work on a Dask cluster at this address (tcp://host:8786); needs framing-toolkit[dask]",
    )
    analyze.add_argument(
        "--format", choices=["csv", "parquet"], default="csv", help="table format (parquet needs pyarrow)"
    )
    analyze.add_argument("--quiet", action="store_true", help="print nothing but errors, and no progress bar")


def _add_compare(commands: Any) -> None:
    compare = commands.add_parser(
        "compare",
        help="compare outlets (or other groups) in the tables of a run: estimates, tests, distinctive words",
        description="Read the tables `framing analyze` wrote and compare groups of articles with intervals and tests.",
    )
    compare.add_argument("results", help="the --out folder of a `framing analyze` run")
    compare.add_argument(
        "--by",
        default="source",
        help="column of articles.csv to group by (framing's, or one of the input's own, such as a leaning), "
        "or year, month or week of the date (default: source)",
    )
    compare.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME=VALUE,...",
        help="gather values of --by into a named group: --group wire='AP,Reuters' (repeatable; others left out)",
    )
    compare.add_argument(
        "--prior",
        choices=["corpus", "story"],
        default="corpus",
        help="background counts for the distinctive-words prior (default: corpus)",
    )
    compare.add_argument(
        "--keep-stopwords",
        action="store_true",
        help="keep stop words, titles ('mr', 'sen') and the outlets' own names among the distinctive words",
    )
    compare.add_argument(
        "--min-articles",
        type=int,
        default=3,
        help="resample a group's articles when it has at least this many, else the units inside them (default 3)",
    )
    _add_compare_statistics(compare)
    compare.add_argument("--out", help="folder for the comparison tables (default: the results folder)")
    compare.add_argument("--force", action="store_true", help="write into a non-empty folder framing did not create")
    compare.add_argument("--quiet", action="store_true", help="print nothing but errors")


def _add_compare_statistics(compare: argparse.ArgumentParser) -> None:
    """The options of ``framing compare`` that choose the design, the measures and the correction."""
    compare.add_argument(
        "--within",
        metavar="COLUMN",
        help="compare the groups inside each level of this column of articles.csv (e.g. --by lean --within year)",
    )
    compare.add_argument(
        "--design",
        choices=["auto", "matched", "independent"],
        default="auto",
        help="auto: story-matched when two groups share at least 2 stories, else independent articles (default)",
    )
    compare.add_argument(
        "--mixed-voices",
        action="store_true",
        help="also compare the measures that mix the outlet's narration with its sources' speech (sentiment_mean, "
        "loaded_per_1k, ...; left out by default)",
    )
    compare.add_argument(
        "--max-groups",
        type=int,
        default=MAX_GROUPS,
        metavar="N",
        help=f"refuse a grouping with more than N groups: the pairs to test grow as N² (default {MAX_GROUPS})",
    )
    compare.add_argument(
        "--min-shared-stories",
        type=int,
        default=2,
        metavar="N",
        help="compare two groups story by story when at least N stories have articles from both (default 2)",
    )
    compare.add_argument(
        "--family",
        choices=["run", "measure"],
        default="run",
        help="Benjamini-Hochberg over every test of the run (default) or over the pairs of each measure",
    )
    compare.add_argument(
        "--model",
        choices=["mixed"],
        help="also fit a mixed model with a story random intercept to each story-matched measure (statsmodels)",
    )


def _add_evaluate(commands: Any) -> None:
    evaluate = commands.add_parser("eval", help="measure framing against annotated data")
    evaluations = evaluate.add_subparsers(dest="evaluation", required=True, metavar="DATASET")
    sentences = evaluations.add_parser(
        "sentences", help="sentence-boundary F1 against CoreNLP on PolNeAR (corenlp-train.tsv.gz)"
    )
    sentences.add_argument("data", help="the polnear-train folder (holds text/ and corenlp-train.tsv.gz)")
    sentences.add_argument("--json", help="also write the scores to this JSON file")
    polnear = evaluations.add_parser(
        "polnear", help="attribution spans (source, cue, content) against PolNeAR's annotations"
    )
    polnear.add_argument("data", help="the polnear-train folder (holds text/ and attributions/)")
    polnear.add_argument(
        "--split",
        choices=["held_out", "train", "all"],
        default="held_out",
        help="which articles to score (default: held_out, the fifth framing was never tuned on)",
    )
    polnear.add_argument("--json", help="also write the scores to this JSON file")
    basil = evaluations.add_parser(
        "basil", help="sentence-level informational bias (slant) and lexical bias (loaded terms) on BASIL"
    )
    basil.add_argument("data", help="a BASIL folder (holds articles/ and annotations/)")
    basil.add_argument("--json", help="also write the scores to this JSON file")
    frames = evaluations.add_parser(
        "frames",
        help="the built-in frame recipe on the Narrative Frames Corpus: cross-validated F1 beside the baselines, "
        "agreement with the coders, prevalence error before and after correction",
    )
    frames.add_argument("data", help="the narrative-frames folder (holds articles.tsv and annotations.json)")
    frames.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    frames.add_argument("--json", help="also write the scores to this JSON file")
    everything = evaluations.add_parser(
        "all",
        help="every evaluation on the annotated folders under one root (PolNeAR, BASIL, Narrative Frames), "
        "one table beside the published results",
    )
    everything.add_argument("data", help="the folder that holds the corpora (e.g. ../shared/data)")
    everything.add_argument("--folds", type=int, default=5, help="cross-validation folds for the frames (default 5)")
    everything.add_argument("--json", help="also write every report to this JSON file")
    speakers = evaluations.add_parser(
        "speakers", help="who speaks: BASIL's named quote speakers or PolNeAR's named sources against framing's"
    )
    speakers.add_argument("data", help="a BASIL folder (articles/, annotations/) or a PolNeAR folder (attributions/)")
    speakers.add_argument(
        "--split",
        choices=["held_out", "train", "all"],
        default="held_out",
        help="PolNeAR articles to score (default: held_out); BASIL reports its tuned and check years apart",
    )
    speakers.add_argument("--json", help="also write the scores to this JSON file")


def _add_frames(commands: Any) -> None:
    frames = commands.add_parser("frames", help="train a classifier of your own frame codebook on hand-coded texts")
    actions = frames.add_subparsers(dest="frames_command", required=True, metavar="ACTION")
    train = actions.add_parser(
        "train",
        help="cross-validate and train a frame classifier on a coded .csv/.tsv/.jsonl file",
        description="Read hand-coded texts, report cross-validated precision, recall, F1 and Krippendorff's alpha "
        "per frame, then fit on every text and save the model as JSON (framing analyze --frames FILE uses it).",
    )
    train.add_argument("coded", help="the coded file: .csv, .tsv or .jsonl, one text (article or paragraph) per row")
    train.add_argument("--text-column", default="text", metavar="NAME", help="column holding the text (default: text)")
    labels = train.add_mutually_exclusive_group(required=True)
    labels.add_argument(
        "--label-column", metavar="NAME", help="column holding each text's label (several joined by --separator)"
    )
    labels.add_argument("--label-columns", metavar="A,B,...", help="one 0/1 (True/False) column per frame")
    train.add_argument(
        "--coder-column",
        action="append",
        default=[],
        metavar="NAME",
        help="a single coder's labels, for agreement with the model and between coders (repeatable)",
    )
    train.add_argument("--codebook", metavar="A,B,...", help="the allowed labels; any other label is an error")
    train.add_argument("--separator", default=";", help="joins several labels in one cell (default ';')")
    train.add_argument("--unit", choices=UNITS, default="article", help="what one row is (default: article)")
    train.add_argument(
        "--article-column", metavar="NAME", help="with --unit paragraph: the article id, to keep articles in one fold"
    )
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    train.add_argument("--out", required=True, metavar="FILE.json", help="where to save the model")
    train.add_argument("--force", action="store_true", help="replace --out when it exists")


def _add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="copy a run's tables for a spreadsheet: one .xlsx workbook, or CSV files escaped against formulas",
        description="The tables of a run are exact data for pandas and R, not for opening in a spreadsheet (a cell "
        "that begins with =, +, -, @, a tab or a carriage return runs as a formula). Export them for Excel or "
        "LibreOffice: --xlsx writes every text as text; --safe-csv quotes every field and puts a ' before text "
        "that begins like a formula (OWASP's rule).",
    )
    export.add_argument("results", help="the --out folder of a `framing analyze` (or `framing compare`) run")
    export.add_argument("--xlsx", metavar="FILE.xlsx", help="write one workbook, a sheet per table")
    export.add_argument("--safe-csv", metavar="FOLDER", help="write escaped CSV copies of the tables into FOLDER")
    export.add_argument("--force", action="store_true", help="replace the workbook, or write into a non-empty folder")


def _export(args: argparse.Namespace) -> int:
    if not args.xlsx and not args.safe_csv:
        raise FramingError("framing export needs --xlsx FILE.xlsx or --safe-csv FOLDER (or both)")
    if args.xlsx:
        print(f"workbook          {framing.contract.write_xlsx(args.results, args.xlsx, force=args.force)}")
    if args.safe_csv:
        written = framing.contract.write_safe_csv(args.results, args.safe_csv, force=args.force)
        print(f"escaped tables    {args.safe_csv}/ ({', '.join(p.name for p in written)}; for spreadsheets only)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "eval":
            return _evaluate(args)
        if args.command == "lexicons":
            return _lexicons(args)
        if args.command == "frames":
            return _frames(args)
        if args.command == "export":
            return _export(args)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


def _analyze(args: argparse.Namespace) -> int:
    if args.figures or args.report:
        import matplotlib  # lazy: matplotlib is imported only on a path that draws (0.3 s)

        matplotlib.use("Agg")  # the command draws to files only, never to a window
    out = Path(args.out)
    figures = Path(args.figures) if args.figures else None
    options = _run_options(args)  # every option and output path is checked before the input is read
    framing.run.check_outputs(out, figures=figures, report=Path(args.report) if args.report else None, force=args.force)
    client = _dask_client(args.dask) if args.dask else None
    try:
        result = framing.run.analyze_into(
            args.input, out, replace(options, client=client), format=args.format, force=args.force
        )
    finally:
        if client is not None:
            client.close()
    if result.counts is not None and result.counts["articles"] == 0:
        raise FramingError(f"no article could be read from {args.input}; see {out / ('problems.' + args.format)}")
    chosen = None if args.figure_stories == "all" else [s.strip() for s in args.figure_stories.split(",") if s.strip()]
    figure_files = (
        framing.present.plot.save_figures(result, figures, force=args.force, stories=chosen)
        if figures is not None
        else []
    )
    report = result.report(args.report, force=args.force) if args.report else None
    if not args.quiet:
        print(f"framing analyze {args.input}")
        print(result.summary())
        names = sorted(p.name for p in out.iterdir() if p.suffix in (".csv", ".parquet", ".json"))
        print(f"tables            {out}/ ({', '.join(names)})")
        if figures is not None:
            stems = sorted({p.stem.split("-")[0] for p in figure_files})
            print(f"figures           {figures}/ ({', '.join(stems)}; PNG and SVG, {len(figure_files)} files)")
        if report is not None:
            print(f"report            {report}")
    return 0


def _run_options(args: argparse.Namespace) -> RunOptions:
    """The run options the command line asks for (the Dask client is added when it is connected)."""
    if not 0 < args.max_mb < 1e6:  # also refuses nan and inf, which no article limit can be
        raise FramingError(
            f"--max-mb must be a number of megabytes above 0 and below 1000000 (default 5), not {args.max_mb}"
        )
    if args.jobs < 1:
        raise FramingError(f"--jobs must be at least 1, not {args.jobs}")
    columns = {field: getattr(args, f"{field}_column") for field in COLUMN_FIELDS if getattr(args, f"{field}_column")}
    return framing.run.RunOptions(
        lexicons=args.lexicon,
        columns=columns,
        max_chars=int(args.max_mb * 1_000_000),
        targets=_targets(args.target),
        story=args.story,
        progress=not args.quiet,
        jobs=args.jobs,
        frames=None if args.frames == "none" else args.frames,
        attribution=args.attribution,
    )


def _dask_client(address: str) -> Any:
    """A client of the Dask scheduler at ``address``, or one line saying what is missing."""
    try:
        from distributed import Client  # lazy: dask is optional (pip install 'framing-toolkit[dask]')
    except ImportError:
        raise FramingError("--dask needs dask and distributed: pip install 'framing-toolkit[dask]'") from None
    try:
        return Client(address, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise FramingError(
            f"cannot reach a Dask scheduler at {address} ({exc}); start one or check the address"
        ) from None


def _targets(values: Sequence[str]) -> dict[str, list[str]]:
    """``["Serbia=Serbian,Belgrade"]`` as ``{"Serbia": ["Serbian", "Belgrade"]}``."""
    targets: dict[str, list[str]] = {}
    for value in values:
        name, _, aliases = value.partition("=")
        if not name.strip():
            raise FramingError(f"--target {value!r} has no name; write --target NAME or --target NAME=ALIAS,ALIAS")
        targets[name.strip()] = [a.strip() for a in aliases.split(",") if a.strip()]
    return targets


def _compare(args: argparse.Namespace) -> int:
    if args.min_articles < 2:
        raise FramingError(f"--min-articles must be at least 2, not {args.min_articles}")
    if args.min_shared_stories < 2:
        raise FramingError(
            f"--min-shared-stories must be at least 2 (a story-matched test needs two), not {args.min_shared_stories}"
        )
    if args.max_groups < 2:
        raise FramingError(f"--max-groups must be at least 2, not {args.max_groups}")
    tables = framing.contract.read_tables(args.results)
    groups = _groups(args.group)
    comparison = framing.compare.compare(
        tables,
        args.by,
        groups=groups or None,
        prior=args.prior,
        min_articles=args.min_articles,
        design=args.design,
        family=args.family,
        within=args.within,
        model=args.model,
        min_shared=args.min_shared_stories,
        max_groups=args.max_groups,
        mixed_voices=args.mixed_voices,
        keep_stopwords=args.keep_stopwords,
    )
    out = Path(args.out) if args.out else Path(args.results)
    written = comparison.save(out, force=args.force)
    if not args.quiet:
        within = f" --within {args.within}" if args.within else ""
        print(f"framing compare {args.results} --by {args.by}{within}")
        print(comparison.summary())
        print(f"tables            {out}/ ({', '.join(p.name for p in written)})")
    return 0


def _groups(values: Sequence[str]) -> dict[str, list[str]]:
    """``["wire=AP,Reuters"]`` as ``{"wire": ["AP", "Reuters"]}``."""
    groups: dict[str, list[str]] = {}
    for value in values:
        name, _, members = value.partition("=")
        members_list = [m.strip() for m in members.split(",") if m.strip()]
        if not name.strip() or not members_list:
            raise FramingError(f"--group {value!r} needs a name and values: --group NAME=VALUE,VALUE")
        groups[name.strip()] = members_list
    return groups


def _evaluate(args: argparse.Namespace) -> int:
    if args.evaluation == "polnear":
        report = framing.evaluate.polnear_evaluation(Path(args.data), split=args.split)
        print(framing.evaluate.polnear_table(report))
        scores: dict = report
    elif args.evaluation == "speakers":
        report = framing.evaluate.speakers_evaluation(Path(args.data), split=args.split)
        print(framing.evaluate.speakers_table(report))
        scores = report
    elif args.evaluation == "all":
        if args.folds < 2:
            raise FramingError(f"--folds must be at least 2, not {args.folds}")
        report = framing.evaluate.overview(
            Path(args.data), folds=args.folds, progress=lambda name: print(f"evaluating {name} ...", file=sys.stderr)
        )
        print(framing.evaluate.overview_table(report))
        scores = report
    elif args.evaluation == "frames":
        if args.folds < 2:
            raise FramingError(f"--folds must be at least 2, not {args.folds}")
        report = framing.evaluate.frames_evaluation(Path(args.data), folds=args.folds)
        print(framing.evaluate.frames_table(report))
        scores = report
    elif args.evaluation == "basil":
        report = framing.evaluate.basil_evaluation(Path(args.data))
        print(framing.evaluate.basil_table(report))
        scores = report
    else:
        evaluation = framing.evaluate.sentence_boundaries(Path(args.data))
        print(evaluation.table())
        scores = evaluation.as_dict()
    if args.json:
        Path(args.json).write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _lexicons(args: argparse.Namespace) -> int:
    if args.name in framing.read.lexicon_files.word_list_names():
        print(framing.read.lexicon_files.word_list_table(args.name).to_csv(sep="\t", index=False), end="")
        return 0
    if args.name:
        lexicon = framing.lexicons.builtin_lexicon(args.name)
        print(lexicon.to_frame().to_csv(sep="\t", index=False), end="")
        return 0
    for name in framing.lexicons.builtin_lexicon_names():
        lexicon = framing.lexicons.builtin_lexicon(name)
        categories = ", ".join(lexicon.categories()[:6])
        print(f"{name:18} v{lexicon.version:6} {len(lexicon):5} entries  {categories}")
    print("word lists (the words the rules look up; lexicons/word_lists/):")
    for name in framing.read.lexicon_files.word_list_names():
        table = framing.read.lexicon_files.word_list_table(name)
        categories = ", ".join(list(dict.fromkeys(table["category"]))[:6])
        version = framing.read.lexicon_files.word_list_file(name).meta["version"]
        print(f"{name:18} v{version:6} {len(table):5} words    {categories}")
    return 0


def _frames(args: argparse.Namespace) -> int:
    def names(value: str | None) -> list[str] | None:
        return [name.strip() for name in value.split(",") if name.strip()] if value else None

    model, validation = framing.frames.train_codebook(
        args.coded,
        text_column=args.text_column,
        label_column=args.label_column,
        label_columns=names(args.label_columns),
        coder_columns=args.coder_column,
        codebook=names(args.codebook),
        separator=args.separator,
        unit=args.unit,
        article_column=args.article_column,
        folds=args.folds,
        out=args.out,
        force=args.force,
    )
    print(f"framing frames train {args.coded}")
    print(validation.table())
    kind = "multi-label" if model.multi_label_ else "single-label"
    print(f"model             {args.out} ({kind}: {', '.join(model.frames_)}; use it with --frames {args.out})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
