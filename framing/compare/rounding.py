"""The rounding every table of the compare stage gets before it is returned.

>>> import pandas as pd
>>> rounded(pd.DataFrame({"x": [0.1 + 0.2]}))["x"].tolist()
[0.3]
"""

from __future__ import annotations

import pandas as pd

__all__ = ["rounded"]


def rounded(table: pd.DataFrame, digits: int = 6) -> pd.DataFrame:
    """Floats rounded, so that tables on disk are byte-identical across platforms' last-bit noise."""
    floats = table.select_dtypes(include="float").columns
    table[floats] = table[floats].round(digits)
    return table
