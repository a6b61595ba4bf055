"""Measure what a change costs: build time, page weight and speed, archive size, generator cost.

Run with `make bench` (it rebuilds build/ and site/). Each figure is the median of several
runs; the tables go to bench/results.md, beside the figures of bench/baseline.json (the site
before its math was typeset at build time). Targets are for reading the tables; nothing here
fails a build.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
import lighthouse  # noqa: E402 - bench/ is not a package
from generator.site import OFFLINE_NAME  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
# Lighthouse takes about a minute a page: BENCH_PAGES="index.html numerical-example.html" measures
# only those (the table says so); every page by default.
PAGES = os.environ.get("BENCH_PAGES", "").split()
LIGHTHOUSE_RUNS = 3
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
BASELINE_FILE = ROOT / "bench" / "baseline.json"

# The largest example the loader accepts: 6 layers of 12 neurons.
LARGEST = """title = "The largest allowed network"
[network]
sizes = [12, 12, 12, 12, 12, 12]
activation = "tanh"
[sample]
x = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9, -1.0, 0.2, 0.4]
y = [0.5, -0.5, 0.25, -0.25, 0.1, -0.1, 0.3, -0.3, 0.6, -0.6, 0.0, 0.9]
[init]
seed = 11
"""


def timed(cmd, exits=(0,), **kw) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one child process, which must
    end with one of the exit codes `exits` (2 for a run timed to its error)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in exits:
        raise SystemExit(f"{cmd} failed")
    return elapsed, usage.ru_maxrss


def median_time(cmd, before=None, runs: int = RUNS) -> float:
    """The median wall time of `cmd` after one warm-up run; `before` runs ahead of each."""
    times = []
    for _ in range(runs + 1):
        if before:
            subprocess.run(before, cwd=ROOT, env=ENV, check=True, capture_output=True)
        times.append(timed(cmd)[0])
    return statistics.median(times[1:])


def paired_times(warm_cmd, bare_cmd) -> tuple[float, float, float]:
    """The median wall times of two builds run turn about, after one warm-up pair, and the
    median of their ratios: this machine's speed drifts by a third within minutes, and a pair
    run back to back sees the same machine."""
    pairs = []
    for _ in range(RUNS + 1):
        warm = timed(warm_cmd)[0]
        start = time.perf_counter()
        subprocess.run(bare_cmd, cwd=ROOT, env=ENV, check=True, capture_output=True)
        pairs.append((warm, time.perf_counter() - start))
    pairs = pairs[1:]
    return (statistics.median(w for w, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(w / b for w, b in pairs))


def builds(tmp: Path) -> list[tuple]:
    """Cold and warm `make build`, and for each engine the warm build against the engine alone
    on the same generated pages (from the generated config: no hook, no typesetting)."""
    make = ["make", "--no-print-directory"]
    # Cold: no generated pages, no formula cache, no site (set-up done: .venv, node_modules).
    cold = median_time(make + ["build"], before=["rm", "-rf", "build", "site"], runs=3)
    rows = [("cold_build", "Cold `make build` (no build/, no site/)", f"{cold:.2f} s", "≤ 10 s", cold <= 10)]
    bin_dir, config = Path(PY).parent, ROOT / "build" / "docs.yml"
    # Zensical keeps one cache of rendered pages, keyed by the folder it writes to: its bare
    # build writes where `make build` has it write (generator/engines.py), or each build of a
    # pair would find the other's pages in the cache and render every page again.
    zensical_config = config.with_name(".site-zensical-bare.yml")
    zensical_config.write_text(f"INHERIT: {config.name}\nsite_dir: .site-zensical\n", encoding="utf-8")
    # Zensical first, so that the project's site/ is left as MkDocs builds it.
    for engine, bare_cmd in (("zensical", [str(bin_dir / "zensical"), "build", "--strict", "-f", str(zensical_config)]),
                             ("mkdocs", [str(bin_dir / "mkdocs"), "build", "--strict", "-d", str(tmp / "bare"),
                                         "-f", str(config)])):
        try:
            warm, bare, ratio = paired_times(make + ["build", f"ENGINE={engine}"], bare_cmd)
        finally:
            if engine == "zensical":
                zensical_config.unlink(missing_ok=True)
                shutil.rmtree(config.with_name(".site-zensical"), ignore_errors=True)
        rows += [(f"warm_build_{engine}", f"Warm `make build ENGINE={engine}` (generate, build, typeset)", f"{warm:.2f} s", "", None),
                 (f"bare_build_{engine}", f"Bare `{engine} build` of the same pages", f"{bare:.2f} s", "", None),
                 (f"build_ratio_{engine}", f"Warm build over bare build, {engine} (median of the pairs' ratios)",
                  f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)]
    return rows


def open_from_disk(site: Path, page: str, browser) -> tuple[float, set[Path]]:
    """Milliseconds from navigation to the first paint (the math is in the page), and every
    file the page loaded, from disk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    urls = []
    pg.on("request", lambda r: urls.append(r.url))
    pg.goto((site / page).as_uri())
    # Material's search worker loads its files after the page; from disk its start now and
    # then leaves a request open, so the wait for an idle network has a limit.
    try:
        pg.wait_for_load_state("networkidle", timeout=20_000)
    except PlaywrightTimeout:
        pass
    ms = pg.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    files = {Path(unquote(urlparse(u).path)) for u in urls if u.startswith("file:")}
    context.close()
    return ms, {f for f in files if f.is_file()}


def size(files) -> int:
    return sum(f.stat().st_size for f in files)


def page_load(site: Path, page: str, browser) -> tuple[float, int]:
    """The median time to the first paint of `page` from disk, and the most bytes it loaded."""
    runs = [open_from_disk(site, page, browser) for _ in range(RUNS + 1)]
    return statistics.median(ms for ms, _ in runs[1:]), max(size(files) for _, files in runs)


def bytes_census(site: Path, browser) -> tuple[list[tuple[str, int]], int]:
    """Every page's bytes from disk, heaviest first, and the bytes of the files every page loads."""
    loaded = {p.relative_to(site).as_posix(): open_from_disk(site, p.relative_to(site).as_posix(), browser)[1]
              for p in sorted(site.rglob("*.html")) if p.name != "404.html"}
    shared = set.intersection(*loaded.values())
    return sorted(((page, size(files)) for page, files in loaded.items()), key=lambda r: -r[1]), size(shared)


def heaviest_page(site: Path) -> str:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    # The page with the most HTML: the assets besides its HTML differ by a few kilobytes from page to page.
    return max(pages, key=lambda p: p.stat().st_size).relative_to(site).as_posix()


def pages_and_archive(tmp: Path) -> list[tuple]:
    """The site as published (for Lighthouse), and the offline archive: its size, and its pages
    opened from disk, which is how the offline docs are read."""
    site_dir = tmp / "site"
    subprocess.run([PY, "-m", "generator", "build", "--docs", str(tmp / "docs"), "--site", str(site_dir)],
                   cwd=ROOT, env=ENV, check=True, capture_output=True)
    archive = tmp / "offline.zip"
    subprocess.run([PY, "-m", "generator", "offline", "--archive", str(archive), "--docs", str(tmp / "offline-docs"),
                    "--site", str(tmp / "offline-site")], cwd=ROOT, env=ENV, check=True, capture_output=True)
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp / "unpacked")
        unpacked = sum(i.file_size for i in z.infolist())
        runtime = sum(i.compress_size for i in z.infolist() if "/assets/vendor/mathjax" in i.filename)
    offline = tmp / "unpacked" / OFFLINE_NAME
    page = heaviest_page(offline)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        ms, most = page_load(offline, page, browser)
        census, shared = bytes_census(offline, browser)
        browser.close()
    mb = archive.stat().st_size / 1e6
    over = [(p, b) for p, b in census if b > 0.8e6]
    within = f"{len(census) - len(over)} of {len(census)}"
    if over:
        within += "; over: " + ", ".join(f"`{p}` {b / 1e6:.2f} MB" for p, b in over)
    return [
        ("first_paint", f"Navigation to math on screen, `{page}`, offline docs from disk", f"{ms:.0f} ms", "", None),
        ("page_bytes", f"Bytes loaded by `{page}`, offline docs from disk", f"{most / 1e6:.2f} MB", "≤ 0.8 MB", most <= 0.8e6),
        ("shared_bytes", "of which every page loads (Material's script, stylesheets and search worker, the site's "
                         "own scripts and stylesheets), offline docs from disk", f"{shared / 1e6:.2f} MB", "", None),
        ("pages_within", "Pages that load at most 0.8 MB from disk", within, "all", not over),
        ("archive", "Offline archive", f"{mb:.2f} MB ({unpacked / 1e6:.1f} MB unpacked)", "≤ 2 MB", mb <= 2),
        ("runtime", "of which MathJax's runtime, loaded only at a reader's first edit", f"{runtime / 1e6:.2f} MB", "", None),
    ], site_dir


def generator_cost(tmp: Path) -> list[tuple]:
    largest = tmp / "largest.toml"
    largest.write_text(LARGEST, encoding="utf-8")
    runs = [timed([PY, "-m", "generator", "compute", str(largest)]) for _ in range(RUNS + 1)][1:]
    bad = ROOT / "tests" / "bad_examples" / "shape.toml"
    errors = statistics.median([timed([PY, "-m", "generator", "compute", str(bad)], exits=(2,))[0] for _ in range(RUNS + 1)][1:])
    return [
        ("compute_largest", "`generator compute`, largest allowed example (6 × 12)",
         f"{statistics.median(r[0] for r in runs) * 1000:.0f} ms, {max(r[1] for r in runs) / 1024:.0f} MiB peak", "", None),
        ("compute_error", "`generator compute`, a bad example to its error", f"{errors * 1000:.0f} ms", "< 1000 ms", errors < 1),
    ]


def lighthouse_rows(site_dir: Path) -> tuple[dict[str, list[str]], list[float]]:
    """Lighthouse on every page, served with gzip: each page's table cells, and the benchmark
    index of every run."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.name != "404.html")
    if PAGES:
        pages = [p for p in pages if p in PAGES]
    rows, benchmarks = {}, []
    with lighthouse.served(site_dir) as base:
        for page in pages:
            m = lighthouse.measure(base, page, LIGHTHOUSE_RUNS)
            rows[page] = lighthouse.row(m)
            benchmarks += m["benchmarks"] if m else []
    return rows, benchmarks


def report(rows: list[tuple], pages: dict[str, list[str]], load: tuple, partial: bool = False,
           benchmarks: list[float] | None = None) -> str:
    """The tables, this build beside the baseline."""
    baseline = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = ["# Benchmark", "", f"Measured by `make bench` on {machine}; load average {load[0]:.1f} when it began "
             f"(other work shares the machine). Times are medians of {RUNS} runs (cold builds: 3). "
             f"\"Before\" is {baseline['what']}", "",
             "| What | Before | Now | Target | |", "|---|---|---|---|---|"]
    for key, what, now, target, met in rows:
        verdict = "" if met is None else ("met" if met else "missed")
        lines.append(f"| {what} | {baseline['figures'].get(key, '')} | {now} | {target} | {verdict} |")
    audits = [name for name, _ in lighthouse.AUDITS.values()]
    lines += ["", f"Lighthouse {baseline['lighthouse_version']}, mobile defaults, the site served on the loopback "
              f"with gzip, median of {LIGHTHOUSE_RUNS} runs (each run's score in brackets); targets: performance ≥ 95, "
              "total blocking time ≤ 150 ms, layout shift ≤ 0.02, largest paint ≤ 2.0 s. Lighthouse's phone is "
              "this machine slowed four times, so its figures follow the machine's speed during a run"
              + (f": Lighthouse's benchmark index of the machine was {statistics.median(benchmarks):.0f} "
                 f"(from {min(benchmarks):.0f} to {max(benchmarks):.0f} over the runs)" if benchmarks else "")
              + ". Now, then before"
              + (f" ({len(pages)} of the site's pages, as BENCH_PAGES chose them)" if partial else "") + ":", "",
              "| Page | Performance | " + " | ".join(audits) + " | Before | " + " | ".join(audits) + " |",
              "|---" * (3 + 2 * len(audits)) + "|"]
    for page, now in pages.items():
        before = baseline["lighthouse"].get(page, [""] * (1 + len(audits)))
        lines.append("| " + " | ".join([f"`{page}`", *now, *before]) + " |")
    return "\n".join(lines) + "\n"


# The last run's figures, kept so that `bench/run.py --report` can write the tables again.
LAST_RUN = ROOT / "build" / "bench-last-run.json"


def main(argv: list[str]) -> None:
    if argv != ["--report"]:
        load = os.getloadavg()
        tmp = Path(tempfile.mkdtemp())
        try:
            rows = builds(tmp)
            more, site_dir = pages_and_archive(tmp)
            rows += more + generator_cost(tmp)
            pages, benchmarks = lighthouse_rows(site_dir)
            # The page's engine and formatter, in Node (bench/engine.py writes its own section).
            engine = subprocess.run([PY, "-m", "bench.engine", str(tmp / "largest.toml"), str(RUNS)], cwd=ROOT, env=ENV,
                                    check=True, capture_output=True, text=True).stdout.splitlines()
            # A reader's edit in the browser (bench/edit.py writes its own section).
            engine += subprocess.run([PY, "-m", "bench.edit"], cwd=ROOT, env=ENV, check=True, capture_output=True,
                                     text=True).stdout.splitlines()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        LAST_RUN.parent.mkdir(parents=True, exist_ok=True)
        LAST_RUN.write_text(json.dumps(dict(rows=rows, pages=pages, load=load, engine=engine, partial=bool(PAGES),
                                            benchmarks=benchmarks),
                                       ensure_ascii=False),
                            encoding="utf-8")
    last = json.loads(LAST_RUN.read_text(encoding="utf-8"))
    out = ROOT / "bench" / "results.md"
    tables = report(last["rows"], last["pages"], last["load"], last.get("partial", False), last.get("benchmarks"))
    out.write_text(tables + "\n".join(last.get("engine", [])) + "\n", encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
