"""The report in a real browser: headless Chromium shows the seeds' offline with no console error, and runs none
of 60 XSS payloads put in every field, with or without the page's Content-Security-Policy.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``make test``
installs them when run as root, through ``scripts/ensure_chromium.sh``) and
selenium (the dev extra); without them the test skips and says how to get them.
Selenium is given the driver's path, so Selenium Manager never tries to
download one.
"""

from __future__ import annotations

import re
import shutil
import time
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


# --- 60 XSS payloads in every field ----------------------------------------------------------------------------

#: What a payload does when it runs: sets a flag the test reads back (and, for some, changes the title).
RAN = "top.__xss=1"
#: Classic shapes from the OWASP XSS filter evasion cheat sheet, each doing :data:`RAN` when it runs.
PAYLOADS = [
    f"<script>{RAN}</script>",
    f"<SCRIPT>{RAN}</SCRIPT>",
    f"<ScRiPt>{RAN}</sCrIpT>",
    f"<script src=data:text/javascript,{RAN}></script>",
    f"<script>/*</script>*/{RAN}</script>",
    f"<img src=x onerror={RAN}>",
    f"<IMG SRC=x OnErRoR={RAN}>",
    f'<img src="x" onerror="{RAN}">',
    "<img src=x onerror=&#116;op.__xss=1>",
    "<img src=x onerror=&#x74;&#x6f;&#x70;.__xss=1>",
    f"<img/src=x/onerror={RAN}>",
    f"<img src=`x` onerror={RAN}>",
    f"<img\tsrc=x\tonerror={RAN}>",
    f"<svg onload={RAN}>",
    f"<svg/onload={RAN}>",
    f"<svg><script>{RAN}</script></svg>",
    f"<svg><animate onbegin={RAN} attributeName=x dur=1s>",
    f"<math><mtext><img src=x onerror={RAN}></mtext></math>",
    f"<body onload={RAN}>",
    f"<iframe src=javascript:{RAN}></iframe>",
    "<iframe srcdoc='<script>parent.__xss=1</script>'></iframe>",
    f"<a href=javascript:{RAN}>click</a>",
    f"<a href=JaVaScRiPt:{RAN}>click</a>",
    f"<a href=&#106;avascript:{RAN}>click</a>",
    f"<a href=java&#x09;script:{RAN}>click</a>",
    f"<a href='data:text/html,<script>{RAN}</script>'>x</a>",
    "<object data=data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9MTwvc2NyaXB0Pg==></object>",
    f"<embed src=javascript:{RAN}>",
    f"<form><button formaction=javascript:{RAN}>go</button></form>",
    f"<input autofocus onfocus={RAN}>",
    f"<select autofocus onfocus={RAN}></select>",
    f"<textarea autofocus onfocus={RAN}></textarea>",
    f"</textarea><script>{RAN}</script>",
    f"</title><script>{RAN}</script>",
    f"</style><script>{RAN}</script>",
    f"</noscript><script>{RAN}</script>",
    f"<details open ontoggle={RAN}>",
    f"<video><source onerror={RAN}></video>",
    f"<audio src=x onerror={RAN}>",
    f"<marquee onstart={RAN}>x</marquee>",
    f'<div style="background:url(javascript:{RAN})">x</div>',
    f'<div style="width:expression({RAN})">x</div>',
    f"<style>@import 'javascript:{RAN}';</style>",
    f"<link rel=stylesheet href=javascript:{RAN}>",
    f"<meta http-equiv=refresh content='0;url=javascript:{RAN}'>",
    f"<base href=javascript:{RAN}//>",
    f'"><script>{RAN}</script>',
    f"'><img src=x onerror={RAN}>",
    f'" onmouseover="{RAN}" x="',
    f"' onfocus='{RAN}' autofocus x='",
    f'" autofocus onfocus={RAN} x="',
    f"${{{RAN}}}",
    f"`${{{RAN}}}`",
    f"{{{{constructor.constructor('{RAN}')()}}}}",
    f"&lt;script&gt;{RAN}&lt;/script&gt;",
    f"&#60;script&#62;{RAN}&#60;/script&#62;",
    f"%3Cscript%3E{RAN}%3C/script%3E",
    f"\\u003cscript\\u003e{RAN}\\u003c/script\\u003e",
    f'<!--<img src="--><img src=x onerror={RAN}//">',
    f"<![CDATA[<script>{RAN}</script>]]>",
]
#: The payloads that can be a file or folder name (no slash).
NAMEABLE = [p for p in PAYLOADS if "/" not in p and "\\" not in p]


def _hostile_corpus(root: Path) -> None:
    """Two stories (folders named by payloads) of three versions (files named by payloads), with payloads in the
    text, titles and outlets (manifests), and an empty file named by a payload (a row of problems.csv)."""
    body = "Critics slammed the reckless plan as a disgrace, officials said on Tuesday."
    for s in range(2):
        story = root / f"story {s} {NAMEABLE[s]}"
        story.mkdir()
        rows = ["file,source,title"]
        for v in range(3):
            name = f"v{v} {NAMEABLE[2 + 3 * s + v]}.txt"
            chosen = PAYLOADS[s * 30 : s * 30 + 30]
            text = "\n\n".join(
                [f"Plan {s} stalls {PAYLOADS[v]}", body, *(f"The minister said {p} was a fiasco." for p in chosen)]
            )
            (story / name).write_text(text, encoding="utf-8")
            source, title = PAYLOADS[10 + 3 * s + v], PAYLOADS[20 + 3 * s + v]
            rows.append(",".join('"' + value.replace('"', '""') + '"' for value in (name, source, title)))
        (story / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / f"story 0 {NAMEABLE[0]}" / f"{NAMEABLE[-1]}.txt").write_text("", encoding="utf-8")


LEXICON = f"""# name: x{PAYLOADS[6]}
# version: 1.0
# description: {PAYLOADS[0]}
# source: {PAYLOADS[13]}
# license: {PAYLOADS[46]}
# matching: tokens
# categories: c1{PAYLOADS[47]} = {PAYLOADS[1]}; c2 = {PAYLOADS[48]}
term	category	weight	note
reckless	c1{PAYLOADS[47]}	1	{PAYLOADS[5]}
disgrace	c2	1	{PAYLOADS[32]}
"""
LOADED = f"""# name: loaded
# version: 1.0
# description: {PAYLOADS[33]}
# source: {PAYLOADS[34]}
# license: x
# matching: tokens
# categories: hype{PAYLOADS[49]} = {PAYLOADS[35]}; slur{PAYLOADS[33]} = x
term	category	weight	note
fiasco	hype{PAYLOADS[49]}	1	{PAYLOADS[36]}
slammed	slur{PAYLOADS[33]}	1	x
"""


@pytest.fixture(scope="module")
def hostile_report(programs, tmp_path_factory) -> Path:
    from framing.cli import main  # lazy: the module is skipped without chromium; the import is light anyway

    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    _hostile_corpus(root / "corpus")
    (root / "lexicon.tsv").write_text(LEXICON, encoding="utf-8")
    (root / "loaded.tsv").write_text(LOADED, encoding="utf-8")
    report = root / "report.html"
    args = ["analyze", str(root / "corpus"), "--out", str(root / "out"), "--report", str(report), "--quiet"]
    args += ["--lexicon", str(root / "lexicon.tsv"), "--lexicon", str(root / "loaded.tsv")]
    args += ["--target", f"{PAYLOADS[14]}={PAYLOADS[7]},{PAYLOADS[45]}"]
    assert main(args) == 0
    return report


def _loaded(chromium, page: Path) -> dict:
    chromium.get(page.as_uri())
    return chromium.execute_script(
        """return {
            ran: window.__xss === 1 || document.title.indexOf('xss') >= 0,
            title: document.title,
            scripts: document.scripts.length,
            handlers: Array.from(document.querySelectorAll('*')).flatMap(
                e => Array.from(e.attributes).map(a => a.name).filter(n => n.startsWith('on'))),
            foreign: document.querySelectorAll('iframe, object, embed, svg, math, form, input:not(.switch), '
                + 'textarea, select, video, audio, marquee, details:not(.evidence):not(.blocks):not(.frame-evidence), '
                + 'base, link, meta[http-equiv=refresh], body style, a[href^="javascript"]').length,
            images: Array.from(document.images).map(i => i.getAttribute('src').slice(0, 22)),
            text: Array.from(document.querySelectorAll('.para-text, details.blocks li')).map(
                e => e.textContent).join('\\n'),
            page: document.body.textContent,
            titles: Array.from(document.querySelectorAll('[title]')).map(e => e.title).join('\\n'),
        }"""
    )


def test_sixty_xss_payloads_in_every_field_run_neither_with_nor_without_the_csp(hostile_report, chromium, tmp_path):
    page = hostile_report.read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', page)
    assert policy is not None
    bare = tmp_path / "report-without-csp.html"
    bare.write_text(page.replace(policy.group(0), ""), encoding="utf-8")
    assert "Content-Security-Policy" not in bare.read_text(encoding="utf-8")
    assert len(PAYLOADS) == 60 and len(set(PAYLOADS)) == 60
    for report in (hostile_report, bare):
        loaded = _loaded(chromium, report)
        time.sleep(0.5)  # let autofocus, media errors and animations fire, if anything had made them
        assert chromium.execute_script("return window.__xss === undefined") and not loaded["ran"], report.name
        assert loaded["title"] == "framing report"
        assert loaded["scripts"] == 0 and loaded["handlers"] == [] and loaded["foreign"] == 0
        assert {src for src in loaded["images"]} == {"data:image/png;base64,"}
        assert [p for p in PAYLOADS if p not in loaded["text"]] == []  # every payload shows as text
        for field in (*PAYLOADS[10:16], *PAYLOADS[20:26], *NAMEABLE[:8], NAMEABLE[-1]):  # outlets, titles, names
            assert field in loaded["page"] or field in loaded["titles"], field
        assert f"x{PAYLOADS[6]}: c1{PAYLOADS[47]} (reckless)" in loaded["titles"]  # the lexicon's name and category
        # the loaded lexicon's category, in the switches (labels show "_" as a space)
        assert f"hype{PAYLOADS[49]}".replace("_", " ") in loaded["page"]
