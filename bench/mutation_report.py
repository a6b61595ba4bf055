"""Writes bench/mutation.md from the outcome of each area's mutation run (build/mutate/AREA/
outcome.json) and what bench/mutation_survivors.toml says: under [scope], what each area mutates
and why; about the survivors of the full runs, under [equivalent], a one-line reason and the
mutants it covers, under [added], a test and the mutants it was written to kill."""
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
(named below); for each mutant mutmut runs those of them that reach the mutated function.
The score is the share of mutants killed or timed out (a mutant that makes a test hang is
caught too), counted after the tests added for the survivors of the full run.

mutmut mutates the bodies of functions and methods; it leaves alone module-level code (such as
the tables of activations and losses, whose lambdas the tests still exercise) and decorated
functions (`@property`, `@contextmanager`, `@functools.cache`). Those are outside the counts.

Time: mutmut gets through about one mutant a second here (two workers on two cores that another
job shares), and all four areas in full make some 5,500 mutants, over an hour and a half. So each
area mutates what it is about, named under it, and leaves out the rest, saying why.
The last full runs took {minutes} minutes in all ({per_area}).
"""


def explanations(data: dict) -> dict[str, str]:
    """Mutant name -> why it survived: its equivalence, or the test that now kills it."""
    why = {name: why for why, names in data.get("equivalent", {}).items() for name in names}
    why.update((name, f"test added: `{test}`") for test, names in data.get("added", {}).items()
               for name in names)
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


def area_section(o: dict, scope: str, why: dict[str, str], diff: Callable[[str, str], str]) -> list[str]:
    out = [f"## {o['area']}", "", scope, "",
           "Mutated: " + ", ".join(f"`{m}`" for m in o["only"]) + ".", "",
           "Tests: " + ", ".join(f"`{t}`" for t in o["tests"]) + ".", ""]
    survivors = sorted(o.get("first_survivors", []))
    if not survivors:
        return out + ["The full run killed every mutant.", ""]
    out += [f"The full run left {len(survivors)} survivors:", "",
            "| mutant | change | why it survived |", "|---|---|---|"]
    for name in survivors:
        change = html.escape(diff(o["area"], name)).replace("|", "&#124;").replace("\n", "<br>")
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
    per_area = ", ".join(f"{o['area']} {o['seconds'] / 60:.0f}" for o in outcomes)
    data = tomllib.loads(REASONS.read_text(encoding="utf-8")) if REASONS.exists() else {}
    why, scopes = explanations(data), data.get("scope", {})
    lines = [HEAD.format(version=version("mutmut"), minutes=round(seconds / 60), per_area=per_area)]
    lines += area_table(outcomes) + [""]
    for o in outcomes:
        lines += area_section(o, scopes.get(o["area"], ""), why, diff)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    unexplained = sum(1 for line in lines if "**not explained**" in line or "**but it still" in line)
    print(f"wrote {REPORT.relative_to(REPORT.parent.parent)}: {unexplained} survivors not explained")
