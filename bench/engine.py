"""The page's engine and number formatter in Node: time to recompute and print an example, and
to print every line of it again; the size of the scripts a page would load for it, and of the
data it would get. bench/run.py runs it as `python -m bench.engine`."""
from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from generator import example
from generator.content import recompute

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["backprop-elementary.js", "backprop-engine.js", "backprop-numbers.js"]
# What printing every line adds: decimal arithmetic, formulas, notation, the line rules.
LINE_SCRIPTS = ["backprop-decimal.js", "backprop-decimal-elementary.js", "backprop-expr.js", "backprop-formula.js",
                "backprop-refs.js", "backprop-notation.js", "backprop-lines.js", "backprop-worked.js",
                "backprop-learning.js", "backprop-recompute.js"]
RUNS = 200  # recomputations in one process, after the first
LINE_RUNS = 40  # the same, printing every line


def case(name: str, ex: example.Example) -> dict:
    net = ex.network
    return {"name": name, "digits": ex.significant_digits, "learning_rate": ex.learning_rate,
            "x": ex.x.tolist(), "y": ex.y.tolist(),
            "network": {"sizes": net.sizes, "activations": net.activations, "loss": net.loss,
                        "weights": [W.tolist() for W in net.weights], "biases": [b.tolist() for b in net.biases]},
            "page": recompute.page_data(net, ex.x, ex.y, ex.learning_rate, ex.significant_digits)}


def timing(c: dict, processes: int, measure: str = "engine", runs: int = RUNS) -> dict:
    """The first recomputation in a fresh Node process and the later ones, each figure the
    median over `processes` processes that time this example alone."""
    request = json.dumps({"networks": [c], "runs": runs, "measure": measure})
    answers = [json.loads(subprocess.run(["node", str(ROOT / "bench" / "engine.js")], check=True, capture_output=True,
                                         text=True, input=request).stdout)[0]
               for _ in range(processes)]
    return {key: statistics.median(r[key] for r in answers) for key in answers[0] if key != "name"}


def sizes(names: list[str]) -> tuple[list[tuple[str, str]], int, int]:
    """A row per script, and their total size raw and gzipped."""
    rows, total_raw, total_gzip = [], 0, 0
    for name in names:
        raw, zipped = size_of((ROOT / "docs" / "assets" / "javascripts" / name).read_bytes())
        total_raw, total_gzip = total_raw + raw, total_gzip + zipped
        rows.append((f"`{name}`", kilobytes(raw, zipped)))
    return rows, total_raw, total_gzip


def size_of(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def kilobytes(raw: int, zipped: int) -> str:
    return f"{raw / 1000:.1f} kB ({zipped / 1000:.1f} kB gzipped)"


def line_rows(cases: list[dict], processes: int) -> list[tuple[str, str]]:
    """Printing every line again, for each example, and what it costs a page in bytes."""
    rows = []
    for c in cases:
        t = timing(c, processes, "lines", LINE_RUNS)
        rows.append((f"Recompute and print every line of {c['name']} again, {t['values']:.0f} lines: first time in a "
                     "fresh process", f"{t['first_ms']:.1f} ms (CPU {t['first_cpu_ms']:.1f} ms)"))
        rows.append((f"The same, later edits ({LINE_RUNS} in one process: median wall time, mean CPU time)",
                     f"{t['median_ms']:.2f} ms (CPU {t['mean_cpu_ms']:.2f} ms)"))
    script_rows, raw, zipped = sizes(LINE_SCRIPTS)
    rows += script_rows + [(f"The {len(LINE_SCRIPTS)} scripts for the lines together", kilobytes(raw, zipped))]
    everything = sizes(SCRIPTS + LINE_SCRIPTS)
    rows.append((f"All {len(SCRIPTS) + len(LINE_SCRIPTS)} scripts together", kilobytes(everything[1], everything[2])))
    for c in cases:
        data = json.dumps(c["page"], ensure_ascii=False, separators=(",", ":")).encode()
        rows.append((f"The page data of {c['name']} (JSON: given numbers, formulas, notation)", kilobytes(*size_of(data))))
    return rows


def section(largest: Path, processes: int) -> list[str]:
    """The benchmark's section on the page's engine, as Markdown lines."""
    load = os.getloadavg()[0]
    cases = [case("the seed network (2-2-1)", example.load(ROOT / "examples" / "seed.toml")),
             case("the largest allowed example (6 × 12)", example.load(largest))]
    rows = []
    for c in cases:
        t = timing(c, processes)
        rows.append((f"Recompute and print {c['name']}, {t['values']:.0f} values: first time in a fresh process",
                     f"{t['first_ms']:.1f} ms (CPU {t['first_cpu_ms']:.1f} ms)"))
        rows.append((f"The same, later edits ({RUNS} in one process: median wall time, mean CPU time)",
                     f"{t['median_ms']:.2f} ms (CPU {t['mean_cpu_ms']:.2f} ms)"))
    script_rows, total_raw, total_gzip = sizes(SCRIPTS)
    rows += script_rows + [("The three scripts together", kilobytes(total_raw, total_gzip))]
    rows += line_rows(cases, processes)
    return ["", "## The page's engine and number formatter", "",
            "Node.js, `bench/engine.js`: the forward pass, loss, backward pass, one learning step and the pass "
            "after it, then every value printed as TeX, as text and as a TeX factor at the example's digits. "
            "This is the computing and printing share of an edit, without updating the page "
            "(the whole edit's budget: 100 ms for the seed network, 300 ms for the largest). "
            "Printing every line again (`backprop-recompute.js`) adds the exact values, the guard digits "
            "of every line, and every worked equation, learning-step row and graph-form row as a page "
            "prints them. "
            "CPU time counts all of Node's threads (its compiler and garbage collector work beside the "
            "script), so it can exceed the wall time; on a busy machine it is the steadier figure. "
            f"Load average {load:.1f} when this section's measuring began.", "",
            "| What | Measured |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]


if __name__ == "__main__":
    # python -m bench.engine LARGEST.toml PROCESSES: prints the section (bench/run.py calls it).
    print("\n".join(section(Path(sys.argv[1]), int(sys.argv[2]))))
