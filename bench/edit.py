"""A reader's edit in the browser, from disk (file://): the time from an edit to the page printed
again, for the running example and for the largest example the loader accepts; the first edit,
which loads MathJax; the time the editor takes to start when the reader comes to a field; and
the bytes a page loads for its editing, at load and when the editor starts (the engine, the
formatter, the parts' scripts and the page's data). bench/run.py runs it as
`python -m bench.edit`; `python -m bench.edit --write` also puts its section into
bench/results.md in place of the last one."""
from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import sync_playwright

from generator import site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CHROMIUM_ARGS, LARGEST, RUNS  # noqa: E402 - bench/ is not a package

# Later edits timed on each fresh page, each to a value not shown before: fewer on the largest
# example, where each waits for its 2,464 formulas to be typeset.
EDITS = {"seed": 10, "largest": 4}
HEADING = "## Editing a page's numbers"


def build(tmp: Path) -> Path:
    """The site with the examples and the largest allowed one beside them."""
    examples = tmp / "examples"
    examples.mkdir()
    for path in site.example_paths():
        shutil.copy(path, examples)
    (examples / "largest.toml").write_text(LARGEST, encoding="utf-8")
    site.build(tmp / "site", ROOT / "mkdocs.yml", examples, tmp / "docs")
    return tmp / "site"


def shown(page, ref: str, value: str) -> dict:
    """Types `value` into the field of `ref` and waits for the page printed again: the
    script's own figures (ms from the keystroke's event to the numbers computed, to the window
    showing them, and to every formula on the page in place)."""
    return page.evaluate("""([ref, value]) => new Promise((resolve) => {
        const root = document.querySelector('.bp-edit');
        root.addEventListener('bp-edit-shown', (e) => resolve(e.detail), {once: true});
        const input = document.querySelector(`input[data-ref="${ref}"]`);
        input.value = value;
        input.dispatchEvent(new Event('input', {bubbles: true}));
    })""", [ref, value])


# Focuses a field and resolves with the milliseconds until the editor has started (its scripts
# loaded and run, its copy of the page's parts made).
START = """(ref) => new Promise((resolve) => {
    const root = document.querySelector('.bp-edit');
    const started = performance.now();
    new MutationObserver((_, watch) => {
        if (!root.hasAttribute('data-edit-started')) return;
        watch.disconnect();
        resolve(performance.now() - started);
    }).observe(root, {attributes: true});
    document.querySelector(`input[data-ref="${ref}"]`).focus();
})"""


def loaded_bytes(urls: list[str], pattern: str) -> int:
    files = {Path(unquote(urlparse(u).path)) for u in urls if u.startswith("file:") and re.search(pattern, u)}
    return sum(f.stat().st_size for f in files if f.is_file())


def measure(browser, url: str, ref: str, given: float, edits: int) -> dict:
    """First edit (MathJax loaded for it) and later edits on a fresh page, median over runs."""
    first, first_whole, later, whole, computed, before, at_load, starts = [], [], [], [], [], [], [], []
    for run in range(RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        urls = []
        page.on("request", lambda r: urls.append(r.url))
        page.goto(url)
        page.wait_for_selector(".bp-edit[data-edit-ready]")
        at_load.append(loaded_bytes(urls, r"/backprop-[\w-]+\.js$"))
        # The editor starts when the reader comes to a field; the edits are timed from then.
        starts.append(page.evaluate(START, ref))
        data = page.evaluate("() => document.querySelector('.bp-edit script').textContent.length")
        before.append((loaded_bytes(urls, r"/backprop-[\w-]+\.js$"), data))
        detail = shown(page, ref, repr(given + 0.01 * (run + 1)))
        first.append(detail["inView"])
        first_whole.append(detail["total"])
        mathjax = loaded_bytes(urls, r"/vendor/mathjax/")
        for i in range(edits):
            detail = shown(page, ref, repr(given - 0.001 * (run * edits + i + 1)))
            later.append(detail["inView"])
            whole.append(detail["total"])
            computed.append(detail["compute"])
        count = page.evaluate("() => document.querySelectorAll('.bp-live .arithmatex').length")
        context.close()
    return {"first": statistics.median(first), "first_whole": statistics.median(first_whole),
            "later": statistics.median(later), "whole": statistics.median(whole),
            "compute": statistics.median(computed),
            "formulas": count, "scripts": before[0][0], "at_load": at_load[0], "start": statistics.median(starts),
            "data": before[0][1], "mathjax": mathjax}


def lines() -> list[str]:
    tmp = Path(tempfile.mkdtemp())
    try:
        site_dir = build(tmp)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
            seed = measure(browser, (site_dir / "numerical-example.html").as_uri(), "W1_1_2", 0.5, EDITS["seed"])
            # The largest example is deep enough to have its backward pass on a page of its own:
            # the page of the two with the most formulas to print again.
            largest = measure(browser, (site_dir / "examples" / "backward" / "largest.html").as_uri(), "b1_1", 0.0,
                              EDITS["largest"])
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    row = lambda what, ms, target: f"| {what} | {ms:.0f} ms | {target} | {'met' if ms <= int(target.split()[1]) else 'missed'} |"
    return [
        "", HEADING, "",
        f"Chromium from disk (file://), the site's own pages in a 1280 × 900 window; each figure the median over "
        f"{RUNS} fresh pages (later edits: {EDITS['seed']} on each, {EDITS['largest']} on the largest example, "
        "on its backward pass, the one of its two worked pages with the most formulas), "
        "from the field's input event to the window showing "
        "the new numbers (every part recomputed, the formulas in and half a window around it typeset, the graph "
        "redrawn); the formulas further away follow, nearest first, and the last column says when all are in.", "",
        "| What | In view | Target | | Every formula |", "|---|---|---|---|---|",
        row("First edit, MathJax loaded for it, `numerical-example.html`", seed["first"], "≤ 1000 ms")
        + f" {seed['first_whole']:.0f} ms |",
        row("Later edit, `numerical-example.html` (the seed network)", seed["later"], "≤ 100 ms") + f" {seed['whole']:.0f} ms |",
        row("Later edit, the largest allowed example (6 × 12)", largest["later"], "≤ 300 ms") + f" {largest['whole']:.0f} ms |",
        f"| First edit, the largest allowed example | {largest['first']:.0f} ms | | | {largest['first_whole']:.0f} ms |",
        f"| Of a later edit, computing every part, seed ({seed['formulas']} formulas on the page) | "
        f"{seed['compute']:.0f} ms | | | |",
        f"| The same, largest ({largest['formulas']} formulas) | {largest['compute']:.0f} ms | | | |",
        f"| The editor's start when the reader comes to a field, seed | {seed['start']:.0f} ms | | | |",
        f"| The same, largest | {largest['start']:.0f} ms | | | |",
        "", "Bytes a page loads for editing (its other assets as before); the page's data is in its HTML:", "",
        "| Page | Scripts at load | Scripts when the editor starts (engine, formatter, parts) | Page data | "
        "MathJax, at the first edit |", "|---|---|---|---|---|",
        f"| `numerical-example.html` | {seed['at_load'] / 1e3:.1f} KB | {seed['scripts'] / 1e3:.0f} KB | "
        f"{seed['data'] / 1e3:.1f} KB | {seed['mathjax'] / 1e6:.2f} MB |",
        f"| largest allowed example | {largest['at_load'] / 1e3:.1f} KB | {largest['scripts'] / 1e3:.0f} KB | "
        f"{largest['data'] / 1e3:.1f} KB | {largest['mathjax'] / 1e6:.2f} MB |",
    ]


def write(section: list[str]) -> None:
    """bench/results.md with this section in place of the last one of its name (or added)."""
    path = ROOT / "bench" / "results.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"\n{re.escape(HEADING)}\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip("\n") + "\n"
    path.write_text(text + "\n".join(section) + "\n", encoding="utf-8")


if __name__ == "__main__":
    out = lines()
    print("\n".join(out))
    if sys.argv[1:] == ["--write"]:
        write(out)
