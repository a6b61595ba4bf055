"""The page's engine and number formatter in Node: time to recompute and print an example, and
the size of the scripts a page would load for it. bench/run.py runs it as `python -m bench.engine`."""
from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
from pathlib import Path

from generator import example

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["backprop-elementary.js", "backprop-engine.js", "backprop-numbers.js"]
RUNS = 200  # recomputations in one process, after the first


def case(name: str, ex: example.Example) -> dict:
    net = ex.network
    return {"name": name, "digits": ex.significant_digits, "learning_rate": ex.learning_rate,
            "x": ex.x.tolist(), "y": ex.y.tolist(),
            "network": {"sizes": net.sizes, "activations": net.activations, "loss": net.loss,
                        "weights": [W.tolist() for W in net.weights], "biases": [b.tolist() for b in net.biases]}}


def timing(c: dict, processes: int) -> dict:
    """The first recomputation in a fresh Node process and the later ones, each figure the
    median over `processes` processes that time this example alone."""
    runs = [json.loads(subprocess.run(["node", str(ROOT / "bench" / "engine.js")], check=True, capture_output=True,
                                      text=True, input=json.dumps({"networks": [c], "runs": RUNS})).stdout)[0]
            for _ in range(processes)]
    return {key: statistics.median(r[key] for r in runs) for key in runs[0] if key != "name"}


def section(largest: Path, processes: int) -> list[str]:
    """The benchmark's section on the page's engine, as Markdown lines."""
    cases = [case("the seed network (2-2-1)", example.load(ROOT / "examples" / "seed.toml")),
             case("the largest allowed example (6 × 12)", example.load(largest))]
    rows = []
    for c in cases:
        t = timing(c, processes)
        rows.append((f"Recompute and print {c['name']}, {t['values']:.0f} values: first time in a fresh process",
                     f"{t['first_ms']:.1f} ms (CPU {t['first_cpu_ms']:.1f} ms)"))
        rows.append((f"The same, later edits ({RUNS} in one process: median wall time, mean CPU time)",
                     f"{t['median_ms']:.2f} ms (CPU {t['mean_cpu_ms']:.2f} ms)"))
    total_raw = total_gzip = 0
    for name in SCRIPTS:
        data = (ROOT / "docs" / "assets" / "javascripts" / name).read_bytes()
        zipped = len(gzip.compress(data, compresslevel=9, mtime=0))
        total_raw, total_gzip = total_raw + len(data), total_gzip + zipped
        rows.append((f"`{name}`", f"{len(data) / 1000:.1f} kB ({zipped / 1000:.1f} kB gzipped)"))
    rows.append(("The three scripts together", f"{total_raw / 1000:.1f} kB ({total_gzip / 1000:.1f} kB gzipped)"))
    return ["", "## The page's engine and number formatter", "",
            "Node.js, `bench/engine.js`: the forward pass, loss, backward pass, one learning step and the pass "
            "after it, then every value printed as TeX, as text and as a TeX factor at the example's digits. "
            "This is the computing and printing share of an edit, without updating the page "
            "(the whole edit's budget: 100 ms for the seed network, 300 ms for the largest). "
            "CPU time counts all of Node's threads (its compiler and garbage collector work beside the "
            "script), so it can exceed the wall time; on a busy machine it is the steadier figure.", "",
            "| What | Measured |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]


if __name__ == "__main__":
    # python -m bench.engine LARGEST.toml PROCESSES: prints the section (bench/run.py calls it).
    print("\n".join(section(Path(sys.argv[1]), int(sys.argv[2]))))
