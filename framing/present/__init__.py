"""The present stage: the run summary, publication figures (:mod:`framing.present.plot`) and the HTML
report (:mod:`framing.present.report`).
"""

from __future__ import annotations
