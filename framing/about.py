"""framing's version, and the versions of the packages its results depend on (recorded in every run manifest).

>>> installed_version("numpy") != "not installed"
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["PACKAGES", "__version__", "installed_version"]

#: Packages whose versions go into the run manifest (results can depend on them).
PACKAGES = (
    "framing-toolkit",
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "nltk",
    "vaderSentiment",
    "python-crfsuite",
    "wordfreq",
    "matplotlib",
    "rapidfuzz",
    "jinja2",
    "tqdm",
)


def installed_version(package: str) -> str:
    """The installed version of ``package``, or ``"not installed"``."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


#: framing's own version ("0+unknown" when it runs from a source tree that is not installed).
__version__ = installed_version("framing-toolkit").replace("not installed", "0+unknown")
