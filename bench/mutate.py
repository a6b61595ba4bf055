"""Mutation testing: plant one small bug at a time in an area of the generator and see whether
that area's tests notice.

`make mutate` runs `python bench/mutate.py run AREA --mutate FILE... --only FUNCTION... --tests
NODE...` once per area, then `python bench/mutate.py report AREA...`. Each area runs mutmut (pinned
in requirements-mutate.txt) in a folder of its own, build/mutate/AREA/, whose pyproject.toml names
the files to mutate and the tests to run; mutmut copies the project there, plants every mutant of
the named functions, and runs against each only the area's tests that reach the mutated function.
`python bench/mutate.py recheck AREA` runs the survivors again once tests were added. The report,
bench/mutation.md, gives per area the mutants, how many were killed and survived, the score, and
every survivor of the full run with why it survived (from bench/mutation_survivors.toml).
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
REPORT = ROOT / "bench" / "mutation.md"
REASONS = ROOT / "bench" / "mutation_survivors.toml"
MUTMUT = Path(sys.executable).with_name("mutmut")
# What the tests read besides the generator and the tests themselves (mutmut copies those).
ALSO_COPY = ["examples", "docs", "README.md", "package.json"]
# Two workers: the machine has two cores, and others share it.
WORKERS = 2
# mutmut's exit codes, grouped as the report counts them (its own table, mutmut.stats).
KILLED = {1, 3, 37}
TIMEOUT = {36, -24, 24, 152, 255}


def prepare(area: str, mutate: list[str], tests: list[str]) -> Path:
    """A fresh folder for one area: links to the project's files and a pyproject.toml."""
    folder = WORK / area
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ["generator", "tests", *ALSO_COPY]:
        (folder / name).symlink_to(ROOT / name)
    write_settings(folder, mutate, tests)
    return folder


def write_settings(folder: Path, mutate: list[str], tests: list[str]) -> None:
    """The project's pyproject.toml with a [tool.mutmut] table naming what to mutate and which
    tests judge it."""
    settings = {
        "source_paths": ["generator"],
        "only_mutate": mutate,
        "also_copy": ALSO_COPY,
        "pytest_add_cli_args_test_selection": tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider"],
    }
    lines = ["", "[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8") + "\n".join(lines) + "\n"
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")


def globs(only: list[str]) -> list[str]:
    """mutmut's names for the mutants of the given functions ("module.function",
    "module.Class.method", or "module.*" for all of a module), as the patterns `mutmut run` takes."""
    out = []
    for name in only:
        module, _, function = name.rpartition(".")
        if function == "*":
            out.append(f"generator.{module}.x*__mutmut_*")
        elif "." in module and module.rpartition(".")[2][:1].isupper():
            module, _, cls = module.rpartition(".")
            out.append(f"generator.{module}.x\u01c1{cls}\u01c1{function}__mutmut_*")
        else:
            out.append(f"generator.{module}.x_{function}__mutmut_*")
    return out


def mutmut(folder: Path, names: list[str]) -> float:
    """Runs mutmut in the area's folder on the named mutants (all when none); the seconds it took."""
    start = time.monotonic()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([str(MUTMUT), "run", "--max-children", str(WORKERS), *names], cwd=folder,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    (folder / "mutmut.log").write_text(proc.stdout, encoding="utf-8")
    if proc.returncode != 0:
        sys.exit(f"error: mutmut failed in {folder}; its output is in {folder / 'mutmut.log'}")
    return time.monotonic() - start


def every_test_judges_every_function(folder: Path) -> None:
    """mutmut runs against a mutant only the tests that called its function while it collected
    its stats. A function first called while a shared (module or session) fixture is set up is
    thereby credited to the first test that used the fixture alone, and the tests that read the
    fixture's result afterwards would never see the mutant. So every function reached at all is
    judged by all of the area's tests (fastest first, stopping at the first failure)."""
    stats_file = folder / "mutants" / "mutmut-stats.json"
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    everything = sorted(stats["duration_by_test"])
    reached = stats["tests_by_mangled_function_name"]
    stats["tests_by_mangled_function_name"] = {name: everything for name, tests in reached.items() if tests}
    stats_file.write_text(json.dumps(stats, indent=1), encoding="utf-8")


def collect_stats(folder: Path) -> None:
    """Has mutmut generate the mutants and collect which tests reach which function. mutmut has
    no command for that alone: a run asked for a mutant that does not exist does it, then stops."""
    subprocess.run([str(MUTMUT), "run", "--max-children", str(WORKERS), "no-such-mutant"], cwd=folder,
                   env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"), capture_output=True, text=True)
    if not (folder / "mutants" / "mutmut-stats.json").exists():
        sys.exit(f"error: mutmut could not run the tests of {folder.name}; try its run by hand in {folder}")


def run(area: str, mutate: list[str], tests: list[str], only: list[str]) -> None:
    folder = prepare(area, mutate, tests)
    start = time.monotonic()
    collect_stats(folder)
    every_test_judges_every_function(folder)
    mutmut(folder, globs(only))
    seconds = time.monotonic() - start
    outcome = {"area": area, "mutate": mutate, "only": only, "tests": tests, "seconds": round(seconds),
               "results": results(folder, only)}
    outcome["first_survivors"] = survivors(outcome)
    save(folder, outcome)


def recheck(area: str, tests: list[str], only: list[str] | None = None) -> None:
    """Runs the survivors of the area's full run again with its tests as they are now (tests
    were added), and keeps every other mutant's verdict from the full run. Survivors already
    explained as equivalent are not run again."""
    folder = WORK / area
    outcome = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
    reasons = tomllib.loads(REASONS.read_text(encoding="utf-8")) if REASONS.exists() else {}
    equivalent = {name for names in reasons.get("equivalent", {}).values() for name in names}
    again = [name for name in survivors(outcome) if name not in equivalent
             and (not only or any(fnmatch.fnmatchcase(name, p) for p in globs(only)))]
    if again:
        # A new selection of tests makes mutmut forget its verdicts and collect its stats anew.
        write_settings(folder, outcome["mutate"], tests)
        (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        collect_stats(folder)
        every_test_judges_every_function(folder)
        mutmut(folder, again)
        now = results(folder, outcome["only"])
        outcome["results"].update((name, now[name]) for name in again)
    outcome["tests"] = tests
    save(folder, outcome)


def survivors(outcome: dict) -> list[str]:
    return sorted(name for name, code in outcome["results"].items()
                  if status(code) not in ("killed", "timeout"))


def save(folder: Path, outcome: dict) -> None:
    (folder / "outcome.json").write_text(json.dumps(outcome, indent=1), encoding="utf-8")
    counts = Counter(status(code) for code in outcome["results"].values())
    print(f"{outcome['area']}: {dict(counts)}; the full run took {outcome['seconds']} s")


def results(folder: Path, only: list[str]) -> dict[str, int | None]:
    """The exit code of every mutant of the chosen functions, from the .meta files mutmut writes
    beside each mutated file."""
    patterns = globs(only)
    out = {}
    for meta in sorted((folder / "mutants" / "generator").rglob("*.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        out.update((k, v) for k, v in codes.items() if any(fnmatch.fnmatchcase(k, p) for p in patterns))
    return out


def status(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    return {0: "survived", 5: "no tests", 33: "no tests", None: "not checked"}.get(code, "suspicious")


def diff(area: str, name: str) -> str:
    """The mutated lines of one mutant, as mutmut shows them."""
    proc = subprocess.run([str(MUTMUT), "show", name], cwd=WORK / area, capture_output=True, text=True)
    changed = [line for line in proc.stdout.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return "\n".join(changed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("run", help="mutate one area and run its tests against every mutant")
    one.add_argument("area")
    one.add_argument("--mutate", nargs="+", required=True, help="globs of the files to mutate")
    one.add_argument("--tests", nargs="+", required=True, help="the pytest node ids that judge them")
    one.add_argument("--only", nargs="+", required=True,
                     help="the functions to mutate, as module.function or module.Class.method")
    again = sub.add_parser("recheck", help="run an area's survivors again after tests were added")
    again.add_argument("area")
    again.add_argument("--tests", nargs="+", required=True, help="the pytest node ids that judge them")
    again.add_argument("--only", nargs="+", help="only the survivors of these functions (as for run)")
    report = sub.add_parser("report", help="write bench/mutation.md from the areas' outcomes")
    report.add_argument("areas", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args.area, args.mutate, args.tests, args.only)
    elif args.command == "recheck":
        recheck(args.area, args.tests, args.only)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import mutation_report  # noqa: E402 - bench/ is not a package
        mutation_report.write(args.areas, diff)


if __name__ == "__main__":
    main()
