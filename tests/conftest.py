"""Shared fixtures: one real site build per test session, a loopback server for it, and a
Chromium that may not reach anything but that server and the disk."""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from generator import engines, site
from tests import authored
from tests.drawn import everything_drawn

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


# What the shell may set that changes what a build makes (where the site is served, which docs
# folder MkDocs reads) or when it says it was made. A test run never takes them from outside.
ISOLATED = ("SITE_URL", "BACKPROP_DOCS")
BUILD_DATE = "1700000000"
# How long the browser may take over one navigation, wait or action before the test fails.
BROWSER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session", autouse=True)
def clean_environment():
    """The same environment for every run, whatever the shell exports."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ISOLATED:
            mp.delenv(name, raising=False)
        mp.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
        yield


@pytest.fixture(scope="session")
def computed():
    """Every example of examples/, computed."""
    return site.compute_all()


@pytest.fixture(scope="session")
def examples():
    """Every example of examples/ as its author wrote it, by slug, read without the loader."""
    return authored.read_all(site.EXAMPLES)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it, built into a temporary folder."""
    work = tmp_path_factory.mktemp("build")
    site.build(work / "site", ROOT / "mkdocs.yml", site.EXAMPLES, work / "docs")
    return work / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same site built by Zensical (`make build ENGINE=zensical`)."""
    work = tmp_path_factory.mktemp("zensical")
    site.build(work / "site", ROOT / "mkdocs.yml", site.EXAMPLES, work / "docs", engine="zensical")
    return work / "site"


@pytest.fixture(scope="session", params=engines.ENGINES)
def engine_site(request) -> Path:
    """The site as each engine builds it: the tests that take it run once per engine."""
    return request.getfixturevalue({"mkdocs": "built_site", "zensical": "zensical_site"}[request.param])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    """Serve a folder over http on the loopback interface; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def http_site(built_site):
    """The built site served over http on the loopback interface; yields its base URL."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def engine_http_site(engine_site):
    """Each engine's site served over http on the loopback interface; yields its base URL."""
    yield from _serve(engine_site)


def _published(tmp_path_factory, engine: str):
    """The web build (SITE_URL set, instant navigation on) served at a sub-path of a loopback
    server, as GitHub Pages serves a project site; yields the site's URL."""
    tmp = tmp_path_factory.mktemp(f"published-{engine}")
    server_root = tmp / "root"
    handler = functools.partial(_QuietHandler, directory=str(server_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/backprop/"
    old = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = base
    try:
        site.build(server_root / "backprop", ROOT / "mkdocs.yml", site.EXAMPLES, tmp / "docs", engine)
    finally:
        if old is None:
            os.environ.pop("SITE_URL")
        else:
            os.environ["SITE_URL"] = old
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def pytest_collection_modifyitems(config, items):
    """Every test that drives the browser says so with the `browser` mark, so that leaving
    the browser tests out is always explicit: -m "not browser"."""
    unmarked = [i.nodeid for i in items if "browser" in getattr(i, "fixturenames", ()) and not i.get_closest_marker("browser")]
    if unmarked:
        raise pytest.UsageError(f"these tests drive the browser but lack @pytest.mark.browser: {', '.join(unmarked)}")


def pytest_collection_finish(session):
    """Browser tests that cannot run fail the run at once, with what to install; none is
    skipped in silence."""
    if not any(item.get_closest_marker("browser") for item in session.items):
        return
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (make setup, or pip install -r requirements.txt)")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append("Debian's chromium package (apt-get install chromium)")
    if missing:
        raise pytest.UsageError(f"the browser tests need {' and '.join(missing)}; "
                                'to run without them, deselect them with -m "not browser"')


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The web build as `make build` makes it, served as GitHub Pages serves it."""
    yield from _published(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def published_zensical_site(tmp_path_factory):
    """The web build as `make build ENGINE=zensical` makes it, served the same way."""
    yield from _published(tmp_path_factory, "zensical")


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Where the site's pages hold the scripts they start after the first paint (overrides/main.html).
HELD_SCRIPTS = "template#bp-deferred-scripts"


class Watched:
    """A browser page whose console errors, page errors and outside requests are recorded.

    Every request that is not file:, data:, blob: or to the test's own loopback server is
    aborted and recorded, so a page that reaches for the network fails the test, not the build.
    """

    def __init__(self, browser, allowed_prefix: str = "", **context_options):
        self.requests: list[str] = []
        self.loaded: list[str] = []
        self.errors: list[str] = []
        options = {"viewport": {"width": 1280, "height": 900}, **context_options}
        self.scripts = options.get("java_script_enabled", True)
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(BROWSER_TIMEOUT_MS)
        local = ("file:", "data:", "blob:") + ((allowed_prefix,) if allowed_prefix else ())

        def route(r):
            self.loaded.append(r.request.url)
            if r.request.url.startswith(local):
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def goto(self, url: str):
        """Opens the page and, where scripts run, waits until they have started: they start
        after the first paint, which may be after the load event that goto waits for."""
        self.page.goto(url)
        if self.scripts:
            self.page.wait_for_selector(f"{HELD_SCRIPTS}[data-started], html:not(:has({HELD_SCRIPTS}))",
                                        state="attached")
        return self.page

    def untypeset(self) -> int:
        """How many arithmatex elements have no typeset formula, or one whose drawing is missing."""
        return self.page.evaluate(
            "() => [...document.querySelectorAll('.arithmatex')]"
            ".filter(e => !e.querySelector('mjx-container > svg use')).length")

    def tex_in_text(self) -> list[str]:
        """TeX source a reader would see as text on the page (none, once the math is typeset)."""
        return self.page.evaluate(everything_drawn(
            "['\\\\(', '\\\\[', '\\\\frac', '\\\\begin', '\\\\partial', '$$']"
            ".filter(s => document.body.innerText.includes(s))"))

    def mathjax_requests(self) -> list[str]:
        """Requests for MathJax's runtime: its scripts, speech worker, rule maps or web fonts."""
        return [u for u in self.loaded if re.search(r"/vendor/mathjax|/tex-\w+\.js|speech|mathmaps|\.woff2?$", u)]

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    """A factory for Watched pages, closed after the test."""
    made = []

    def make(allowed_prefix="", **options):
        w = Watched(browser, allowed_prefix, **options)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
