"""Running the pipeline: over a corpus, in batches of whole stories, in one process, several, or on Dask.

>>> result = analyze([{"id": "a", "text": "Rain\\n\\nIt rained.", "source": "AP"}])
>>> len(result.articles)
1
"""

from __future__ import annotations

from framing.run.checks import check_outputs
from framing.run.options import RunOptions
from framing.run.pipeline import analyze, analyze_into
from framing.run.result import Result

__all__ = ["Result", "RunOptions", "analyze", "analyze_into", "check_outputs"]
