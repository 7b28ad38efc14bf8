"""One table of the benchmarks' results (``benchmarks/results/*.json``), with the targets they answer to.

    .venv/bin/python benchmarks/summary.py [--markdown]

``make bench`` runs every benchmark and then this script; ``--markdown``
prints the table as it appears in the README.  A benchmark that has not been
run is left out.  Writes ``benchmarks/results/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

Row = tuple[str, str, str, str]  # what, measured, target, met ("yes", "NO" or "")


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def _pr(part: dict[str, Any]) -> str:
    return f"P {part['precision']:.3f} R {part['recall']:.3f}"


def rows(results: dict[str, dict[str, Any]]) -> Iterator[Row]:
    """The table's rows from the results found."""
    if "frames_speed" in results:
        f = results["frames_speed"]
        yield (
            f"frame stage / VADER, {f['articles']} PolNeAR articles (same sentences)",
            f"{f['frames_per_vader']:.2f} ({f['frames_ms_per_article']:.1f} ms an article); model loads in "
            f"{f['load_seconds']:.2f} s",
            "<= 1",
            _met(f["frames_per_vader"] <= 1),
        )
    if "measure_speed" in results:
        m = results["measure_speed"]
        where = f"{m['articles']} PolNeAR articles"
        yield (
            f"measure stage, {where}",
            f"{m['articles_per_second']:.0f} articles/s, {m['sentences_per_second']:.0f} sentences/s",
            "",
            "",
        )
        yield (
            "VADER alone / framing (same sentences)",
            f"{m['vader_share']:.2f}",
            ">= 0.5",
            _met(m["vader_share"] >= 0.5),
        )
        yield "plain NLTK pipeline / framing", f"{m['nltk_ratio']:.2f}x", ">= 2x", _met(m["nltk_ratio"] >= 2)
        yield "NLTK tokens / framing tokens", f"{m['token_ratio']:.1f}x", "", ""
        if "gc_saving" in m:
            yield "  saved by the collector threshold", f"{m['gc_saving']:.0%} of framing's time", "", ""
            steps = ", ".join(f"{name} {share:.0%}" for name, share in m["step_shares"].items())
            yield "  measure_article's steps", steps, "", ""
    if "jobs_speed" in results:
        j = results["jobs_speed"]
        yield (
            f"--jobs {j['jobs']} speed-up, {j['articles']} synthetic articles",
            f"{j['speedup']:.2f}x ({j['seconds']['1']} s -> {j['seconds'][str(j['jobs'])]} s)",
            ">= 1.8x",
            _met(j["speedup"] >= 1.8 and j["identical_tables"]),
        )
    if "scale" in results:
        for run in results["scale"]["runs"]:
            n = run["articles"]
            big = n >= 100_000
            yield (
                f"analyze --story auto --jobs {run['jobs']}, {n:,} synthetic articles",
                f"{run['seconds']:.0f} s, peak {run['peak_mb']:.0f} MB"
                + (
                    f" (PSS {run['peak_pss_mb']:.0f} MB, largest worker {run['peak_worker_mb']:.0f} MB)"
                    if "peak_pss_mb" in run
                    else ""
                ),
                "< 900 s, < 4096 MB" if big else "",
                _met(run["seconds"] < 900 and run["peak_mb"] < 4096) if big else "",
            )
            stories, within, across = run["stories"], run["reuse_within"], run["reuse_across"]
            ok = min(stories["precision"], stories["recall"]) >= 0.95
            yield f"  stories found ({n:,})", _pr(stories), ">= 0.95", _met(ok)
            if "reuse" in run:
                yield f"  reuse, all paragraph pairs ({n:,})", _pr(run["reuse"]), "", ""
            yield f"  reuse within stories ({n:,}, alignments)", _pr(within), "", ""
            yield f"  reuse across stories ({n:,}, cross_reuse)", _pr(across), "", ""
    if "main_memory" in results:
        for run in results["main_memory"]["runs"]:
            yield (
                f"  main process, {run['articles']:,} articles read from JSONL",
                f"texts held {run['texts_held_mb']} MB, left on disk {run['texts_on_disk_mb']} MB; "
                f"find_stories peak +{run['find_stories_peak_mb']} MB",
                "",
                "",
            )
    if "stories" in results:
        s = results["stories"]["basil"]
        for name in ("with_dates", "without_dates"):
            ari = s[name]["ari_mean"]
            target = ">= 0.9" if name == "with_dates" else ""
            met = _met(ari >= 0.9) if target else ""
            yield f"BASIL dev: 40 triplets from 120 articles, {name.replace('_', ' ')}", f"ARI {ari:.3f}", target, met
        for part in results["stories"]["synthetic"]:
            yield (
                f"find_stories alone, {part['articles']:,} synthetic articles",
                _pr(part),
                ">= 0.95",
                _met(min(part["precision"], part["recall"]) >= 0.95),
            )
            yield f"find_cross_story_reuse alone, {part['articles']:,} articles", _pr(part["reuse"]), "", ""
    if "align_scale" in results:
        last = results["align_scale"]["results"][-1]
        yield (
            f"align one story of {last['versions']} versions",
            f"{last['align_seconds']:.2f} s, accuracy {last['accuracy']:.3f}",
            "",
            "",
        )


def robustness_rows(results: dict[str, dict[str, Any]]) -> Iterator[Row]:
    """The rows of issue 18's benchmarks: align against measure, long texts, the report at scale, the fuzzer."""
    if "align_measure" in results:
        a = results["align_measure"]
        yield (
            f"align / measure CPU, {a['articles']} PolNeAR articles, --story {a['story']}, {a['attribution']}",
            f"{a['align_measure_ratio']:.2f}",
            "<= 1",
            _met(a["align_measure_ratio"] <= 1),
        )
    if "long_text" in results:
        long = results["long_text"]
        yield (
            f"pathological / normal text, {long['size'] / 1e6:.0f} MB each (worst kind)",
            f"{long['worst_ratio']:.2f}",
            "linear",
            "",
        )
    if "report_scale" in results:
        r = results["report_scale"]["basil"]
        yield (
            f"report, BASIL dev ({r['articles']} articles, {r['stories']} stories)",
            f"{r['report_mb']:.2f} MB, {r['report_s']:.1f} s",
            "< 5 MB, < 10 s",
            _met(r["report_mb"] < 5 and r["report_s"] < 10),
        )
    if "fuzz" in results:
        f = results["fuzz"]
        yield (
            f"fuzzed corpora ({f['corpora']:,}; {f['articles']:,} articles)",
            f"{f['crashes']} crashes, {f['lost']} articles lost",
            "0, 0",
            _met(f["crashes"] == 0 and f["lost"] == 0),
        )


def table(found: list[Row], markdown: bool) -> str:
    header: Row = ("benchmark", "measured", "target", "met")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in found]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *found]) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *found])


def main(results: Path = RESULTS, markdown: bool = False) -> list[Row]:
    found = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(results.glob("*.json"))}
    found.pop("summary", None)
    table_rows = [*rows(found), *robustness_rows(found)]
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(table(table_rows, markdown))
    print(f"\nmachine: {machine}")
    (results / "summary.json").write_text(
        json.dumps({"machine": machine, "rows": [list(r) for r in table_rows]}, indent=2) + "\n", encoding="utf-8"
    )
    return table_rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for the README)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    main(args.results, args.markdown)
