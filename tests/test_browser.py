"""The seeds report in a real browser: headless Chromium shows it offline with no console error.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``make test``
installs them when run as root, through ``scripts/ensure_chromium.sh``) and
selenium (the dev extra); without them the test skips and says how to get them.
Selenium is given the driver's path, so Selenium Manager never tries to
download one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing.present.report.page import write_report

INSTALL = (
    "Chromium not found: install the Debian packages chromium and chromium-driver "
    "(apt-get install chromium chromium-driver), which make test does when run as root"
)
#: Flags for a closed network: no background connections, no first-run work, no sandbox (root in a container).
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def _program(name: str) -> str | None:
    fixed = Path("/usr/bin") / name
    return str(fixed) if fixed.exists() else shutil.which(name)


@pytest.fixture(scope="module")
def programs() -> tuple[str, str]:
    """Paths of Chromium and its driver; skips the module when either, or selenium, is missing."""
    browser, driver = _program("chromium"), _program("chromedriver")
    if browser is None or driver is None:
        pytest.skip(INSTALL)
    try:
        import selenium  # noqa: F401  # lazy: optional; the module is skipped without it
    except ImportError:
        pytest.skip("selenium is not installed: pip install -c constraints.txt -e '.[dev]'")
    return browser, driver


@pytest.fixture
def chromium(programs, tmp_path):
    """A headless Chromium driven by selenium, with browser console logging on."""
    from selenium import webdriver  # lazy: optional; the module is skipped without it
    from selenium.webdriver.chrome.service import Service  # lazy: as above

    browser, driver = programs
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(60)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def seeds_report(programs, seeds_result, tmp_path_factory) -> Path:
    return write_report(seeds_result, tmp_path_factory.mktemp("report") / "report.html")


def test_seeds_report_shows_every_loaded_term_without_console_errors(seeds_result, seeds_report, chromium, tmp_path):
    chromium.get(seeds_report.as_uri())
    marks = chromium.execute_script("return document.querySelectorAll('mark.loaded').length")
    figures_shown = chromium.execute_script(
        "return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
    )
    fetched = chromium.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    screenshot = tmp_path / "report.png"
    assert chromium.save_screenshot(str(screenshot))
    severe = [entry for entry in chromium.get_log("browser") if entry["level"] == "SEVERE"]

    assert severe == []
    body = seeds_result.paragraphs.loc[seeds_result.paragraphs["role"] == "body", ["article_id", "paragraph"]]
    terms = seeds_result.terms.merge(body, on=["article_id", "paragraph"])
    assert marks == int((terms["lexicon"] == "loaded").sum()) == 30
    assert figures_shown == len(chromium.find_elements("css selector", "img")) > 0
    assert fetched == []
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


def test_highlight_switches_work_without_script(seeds_report, chromium):
    chromium.get(seeds_report.as_uri())
    background = "return getComputedStyle(document.querySelector('mark.loaded')).backgroundColor"
    shown = chromium.execute_script(background)
    chromium.find_element("css selector", "label[for='show-loaded']").click()
    hidden = chromium.execute_script(background)
    assert shown != "rgba(0, 0, 0, 0)" and hidden == "rgba(0, 0, 0, 0)"
    assert chromium.execute_script("return document.scripts.length") == 0
