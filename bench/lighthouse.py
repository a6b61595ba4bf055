"""Lighthouse (pinned in package.json) on a built site served on the loopback with gzip, as
GitHub Pages serves it: mobile defaults, the median of several runs per page.

`python bench/lighthouse.py SITE [PAGE ...]` prints the figures of each page.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# GitHub Pages compresses these types; fonts and images are sent as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
# What each figure is called in Lighthouse's report, and how this table shows it.
AUDITS = {
    "total-blocking-time": ("Total blocking time", lambda v: f"{v:.0f} ms"),
    "cumulative-layout-shift": ("Layout shift", lambda v: f"{v:.3f}"),
    "largest-contentful-paint": ("Largest paint", lambda v: f"{v / 1000:.1f} s"),
    "total-byte-weight": ("Transferred", lambda v: f"{v / 1024:.0f} KiB"),
}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for the text types when the client accepts it, and
    cacheable for ten minutes, as GitHub Pages sends them (Cache-Control: max-age=600)."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        # Without it the browser may fetch a file again within one page load: Material's instant
        # navigation sets every relative link of the page again as it starts, stylesheets too.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: something copyfile can read, once."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size=-1):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextmanager
def served(site: Path):
    """The site on a loopback port, with gzip; yields its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def run_once(url: str) -> dict | None:
    """One Lighthouse run, performance only, mobile defaults: the score and the audits above;
    None when Lighthouse could not measure the page."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                               f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                              env=env, capture_output=True, timeout=300, check=False)
        if done.returncode != 0 or not report.is_file():
            return None
        data = json.loads(report.read_text(encoding="utf-8"))
    score = data["categories"]["performance"]["score"]
    if score is None:
        return None
    # The benchmark index is Lighthouse's own measure of the machine's speed during the run: its
    # simulated phone is the machine slowed four times, so a busy machine scores lower.
    out = {"score": round(score * 100), "benchmark": data["environment"]["benchmarkIndex"]}
    out.update({key: data["audits"][key]["numericValue"] for key in AUDITS})
    return out


def measure(base: str, page: str, runs: int = 3) -> dict | None:
    """The median of each figure over the runs of one page that Lighthouse could measure, with
    every run's score and benchmark index under "scores" and "benchmarks"."""
    results = [r for r in (run_once(base + page) for _ in range(runs)) if r]
    if not results:
        return None
    out = {key: statistics.median(r[key] for r in results) for key in results[0]}
    out["scores"] = sorted(r["score"] for r in results)
    out["benchmarks"] = [r["benchmark"] for r in results]
    return out


def row(m: dict | None) -> list[str]:
    """One page's figures as table cells: the median score, then each run's in brackets."""
    if m is None:
        return ["not measured"] + [""] * len(AUDITS)
    runs = ", ".join(str(s) for s in m["scores"])
    return [f"{m['score']:.0f} ({runs})"] + [fmt(m[key]) for key, (_, fmt) in AUDITS.items()]


def main(argv: list[str]) -> None:
    site, pages = Path(argv[0]), argv[1:] or ["index.html"]
    with served(site) as base:
        for page in pages:
            print(page, *row(measure(base, page)), sep=" | ", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
