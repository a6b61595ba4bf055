"""Measure what a change costs: build time, page load, bytes, archive size, generator cost.

Run with `make bench`. Each figure is the median of several runs; the table goes to
bench/results.md. Targets are for reading the table; nothing here fails a build.
"""
from __future__ import annotations

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

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")

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


def timed(cmd, **kw) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"{cmd} failed")
    return elapsed, usage.ru_maxrss


def median_time(cmd) -> float:
    timed(cmd)  # warm caches
    return statistics.median(timed(cmd)[0] for _ in range(RUNS))


def page_load(site: Path, page: str, browser) -> tuple[float, int]:
    """Milliseconds from navigation to MathJax done, and bytes of every file the page loaded."""
    times, sizes = [], []
    for _ in range(RUNS + 1):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        urls = []
        pg.on("request", lambda r: urls.append(r.url))
        pg.goto((site / page).as_uri())
        # performance.now() counts from the start of the navigation.
        times.append(pg.evaluate("() => MathJax.startup.promise.then(() => performance.now())"))
        pg.wait_for_load_state("networkidle")
        files = {Path(unquote(urlparse(u).path)) for u in urls if u.startswith("file:")}
        sizes.append(sum(f.stat().st_size for f in files if f.is_file()))
        context.close()
    return statistics.median(times[1:]), max(sizes)


def heaviest_page(site: Path) -> str:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return max(pages, key=lambda p: p.read_text(encoding="utf-8").count("arithmatex")).relative_to(site).as_posix()


def bare_time(cmd) -> float:
    """Median wall time of a command that cannot fail here."""
    times = []
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def engine_rows(tmp: Path, docs: Path) -> list[tuple[str, str, str, str]]:
    """Each engine: a warm `make build` (generate, build, swap in) against the engine alone on
    the same generated pages, from the generated config (no hook, no generation)."""
    from generator import engines

    bin_dir = Path(PY).parent
    rows = []
    # Zensical first, so that the project's site/ is left as MkDocs builds it.
    for engine, bare_cmd in (("zensical", [str(bin_dir / "zensical"), "build", "--strict", "-f"]),
                             ("mkdocs", [str(bin_dir / "mkdocs"), "build", "--strict", "-d", str(tmp / "bare"), "-f"])):
        build = median_time(["make", "--no-print-directory", "build", f"ENGINE={engine}"])
        subprocess.run([PY, "-m", "generator", "build", "--engine", engine, "--docs", str(docs),
                        "--site", str(tmp / engine)], cwd=ROOT, env=ENV, check=True, capture_output=True)
        bare = bare_time(bare_cmd + [str(engines.config_file(docs))])
        rows.append((f"Warm `make build ENGINE={engine}` (generate + build)", f"{build:.2f} s", "", ""))
        rows.append((f"Bare `{engine} build` of the same pages", f"{bare:.2f} s", "", ""))
        rows.append((f"Build overhead, {engine} (ratio)", f"{build / bare:.2f}×", "≤ 1.5×", _ok(build / bare <= 1.5)))
    return rows


def main() -> None:
    # Other work on the machine slows every figure: the load at the start is written down.
    load = os.getloadavg()[0]
    rows = []
    tmp = Path(tempfile.mkdtemp())
    try:
        docs = tmp / "docs"
        rows += engine_rows(tmp, docs)

        from playwright.sync_api import sync_playwright
        page = heaviest_page(tmp / "mkdocs")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
            for engine, target in (("mkdocs", True), ("zensical", False)):
                ms, size = page_load(tmp / engine, page, browser)
                rows.append((f"Navigation to MathJax done, `{page}`, file://, {engine}", f"{ms:.0f} ms",
                             "< 1500 ms" if target else "", _ok(ms < 1500) if target else ""))
                rows.append((f"Bytes loaded by `{page}`, file://, {engine}", f"{size / 1e6:.2f} MB",
                             "< 2.5 MB" if target else "", _ok(size < 2.5e6) if target else ""))
            browser.close()
        for engine in ("mkdocs", "zensical"):
            files = [f for f in (tmp / engine).rglob("*") if f.is_file()]
            rows.append((f"Built site, {engine}", f"{sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {len(files)} files", "", ""))

        archive = tmp / "offline.zip"
        subprocess.run([PY, "-m", "generator", "offline", "--archive", str(archive)], cwd=ROOT, env=ENV,
                       check=True, capture_output=True)
        with zipfile.ZipFile(archive) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        rows.append(("Offline archive", f"{archive.stat().st_size / 1e6:.2f} MB ({unpacked / 1e6:.1f} MB unpacked)", "", ""))

        largest = tmp / "largest.toml"
        largest.write_text(LARGEST, encoding="utf-8")
        runs = [timed([PY, "-m", "generator", "compute", str(largest)]) for _ in range(RUNS + 1)][1:]
        rows.append(("`generator compute`, largest allowed example (6 × 12)",
                     f"{statistics.median(r[0] for r in runs) * 1000:.0f} ms, {max(r[1] for r in runs) / 1024:.0f} MiB peak", "", ""))
        bad = ROOT / "tests" / "bad_examples" / "shape.toml"
        runs = [timed([PY, "-m", "generator", "compute", str(bad)])[0] for _ in range(RUNS + 1)][1:]
        rows.append(("`generator compute`, a bad example to its error", f"{statistics.median(runs) * 1000:.0f} ms",
                     "< 1000 ms", _ok(statistics.median(runs) < 1)))
        engine = subprocess.run([PY, "-m", "bench.engine", str(largest), str(RUNS)], cwd=ROOT, env=ENV, check=True,
                                capture_output=True, text=True).stdout.splitlines()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = ["# Benchmark", "", f"Measured by `make bench` ({RUNS} runs each, median) on {machine}, "
             f"load average {load:.1f} at the start.", "",
             "| What | Measured | Target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += engine
    out = ROOT / "bench" / "results.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


def _ok(passed: bool) -> str:
    return "met" if passed else "missed"


if __name__ == "__main__":
    main()
