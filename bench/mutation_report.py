"""Writes bench/mutation.md from the outcome of each area's mutation run (build/mutate/AREA/
outcome.json) and what bench/mutation_survivors.toml says: under [scope], what each area mutates
and why; about the survivors of the full runs, under [equivalent], a one-line reason and the
mutants it covers, under [added], a test and the mutants it was written to kill, and under
[open], why a test that would kill them is still missing."""
from __future__ import annotations

import html
import json
import tomllib
from collections import Counter
from typing import Callable

from mutate import REASONS, REPORT, WORK, status

HEAD = """# Mutation testing

`make mutate` plants one small bug at a time (a mutant: `<` for `<=`, `+` for `-`, a number plus
one, a string changed, an argument dropped, ...) in each area below and runs that area's tests
against it; a mutant is killed when a test fails. The tool is mutmut {version} (pinned in
`requirements-mutate.txt`), two workers. Each area runs only fast tests that never build the site
(named below), all of them against every mutant of a function they reach, fastest first, up to
the first failure. (mutmut on its own would run only the tests that called the function while it
collected its statistics, which misses every test that reads a shared fixture computed earlier.)
The score is the share of mutants killed or timed out (a mutant that makes a test hang is
caught too), counted after the tests added for the survivors of the full run. A mutant of a
function that none of the area's tests reaches counts as survived. For a survivor killed later,
the test named is the one written (or added to the area's tests) for its function: mutmut does
not record which test failed. A survivor marked **open** is a real gap no fast test closes yet.

mutmut mutates the bodies of functions and methods; it leaves alone module-level code (such as
the tables of activations and losses, whose lambdas the tests still exercise) and decorated
functions (`@property`, `@contextmanager`, `@functools.cache`). Those are outside the counts.

Time: on this machine (two cores, which another job shares) mutmut gets through between half a
mutant and four mutants a second, as fast as the area's tests fail; the four areas with every
function of their files make some 5,500 mutants, well over an hour. So the graph area mutates
the graph's data but not its geometry, and the maths area the forward and backward pass, the
losses, activations, gradient check and training, but not the formulas-as-data or the page
analyses (said under each). The last full runs took {minutes} minutes in all ({per_area}).
"""


def explanations(data: dict) -> dict[str, str]:
    """Mutant name -> why it survived: its equivalence, or the test that now kills it."""
    why = {name: why for why, names in data.get("equivalent", {}).items() for name in names}
    why.update((name, f"test added: `{test}`") for test, names in data.get("added", {}).items()
               for name in names)
    why.update((name, f"**open**: {reason}") for reason, names in data.get("open", {}).items() for name in names)
    return why


def area_table(outcomes: list[dict]) -> list[str]:
    rows = ["| area | mutants | killed | timed out | survived | score | full run |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for o in outcomes:
        c = Counter(status(code) for code in o["results"].values())
        total = sum(c.values())
        caught = c["killed"] + c["timeout"]
        rows.append(f"| {o['area']} | {total} | {c['killed']} | {c['timeout']} | {total - caught} | "
                    f"{100 * caught / total:.1f} % | {o['seconds'] / 60:.0f} min |")
    return rows


def in_order(name: str) -> tuple[str, int]:
    """A mutant's function, then its number: mutant 9 before mutant 10."""
    function, _, number = name.rpartition("_")
    return function, int(number)


def area_section(o: dict, scope: str, why: dict[str, str], diff: Callable[[str, str], str]) -> list[str]:
    out = [f"## {o['area']}", "", scope, "",
           "Mutated: " + ", ".join(f"`{m}`" for m in o["only"]) + ".", "",
           "Tests: " + ", ".join(f"`{t}`" for t in o["tests"]) + ".", ""]
    survivors = sorted(o.get("first_survivors", []), key=in_order)
    if not survivors:
        return out + ["The full run killed every mutant.", ""]
    out += [f"The full run left {len(survivors)} survivors:", "",
            "| mutant | change | why it survived |", "|---|---|---|"]
    for name in survivors:
        lines = [line[0] + " " + line[1:].strip() for line in diff(o["area"], name).splitlines()]
        change = html.escape("\n".join(lines), quote=False).replace("|", "&#124;").replace("\n", "<br>")
        now = status(o["results"][name])
        reason = why.get(name, f"**not explained** ({now})")
        if reason.startswith("test added") and now != "killed":
            reason += f" **but it still {now}**"
        out.append(f"| `{name.removeprefix('generator.')}` | <code>{change}</code> | {reason} |")
    return out + [""]


def write(areas: list[str], diff: Callable[[str, str], str]) -> None:
    from importlib.metadata import version

    outcomes = [json.loads((WORK / a / "outcome.json").read_text(encoding="utf-8")) for a in areas]
    seconds = sum(o["seconds"] for o in outcomes)
    per_area = ", ".join(f"{o['area']} {o['seconds'] / 60:.0f}" for o in outcomes) + " minutes"
    data = tomllib.loads(REASONS.read_text(encoding="utf-8")) if REASONS.exists() else {}
    why, scopes = explanations(data), data.get("scope", {})
    lines = [HEAD.format(version=version("mutmut"), minutes=round(seconds / 60), per_area=per_area)]
    lines += area_table(outcomes) + [""]
    for o in outcomes:
        lines += area_section(o, scopes.get(o["area"], ""), why, diff)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    unexplained = sum(1 for line in lines if "**not explained**" in line or "**but it still" in line)
    still_open = sum(1 for line in lines if "**open**" in line)
    print(f"wrote {REPORT.relative_to(REPORT.parent.parent)}: {unexplained} survivors not explained, "
          f"{still_open} open")
