"""Stage packages that can be called as their main function.

``framing.compare`` is the compare stage's package (``framing.compare.estimates``,
``framing.compare.similarity``, ...) and, called, its main function:
``framing.compare(result)`` is ``framing.compare.compare(result)``.  The same
holds for ``framing.clean``.

>>> import framing
>>> callable(framing.compare), framing.compare.estimates.__name__
(True, 'estimates')
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["callable_stage"]


def callable_stage(module_name: str, function: Callable[..., Any]) -> None:
    """Make the module ``module_name`` callable as ``function`` (call it at the end of the package's ``__init__``)."""

    class CallableStage(ModuleType):
        __doc__ = sys.modules[module_name].__doc__

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    CallableStage.__call__.__doc__ = function.__doc__
    sys.modules[module_name].__class__ = CallableStage
