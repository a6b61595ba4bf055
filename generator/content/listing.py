"""The code that computed the pages, read from its source files each time the site is built: a
listing is a stretch of a module from the first line of one top-level definition to the last
line of another, with the comment block above it, and its real line numbers. Nothing is copied
into a template, so the page shows exactly the code that produced its numbers."""
from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..maths import activations, core, elementary, losses

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Listing:
    path: str  # relative to the project's folder, as the page names it
    first_line: int
    text: str
    names: list[str]  # the top-level definitions it holds

    @property
    def last_line(self) -> int:
        return self.first_line + self.text.count("\n")


def _name(node) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return None


def _start(node, lines: list[str]) -> int:
    """The first line of a definition: its decorators, and the comment lines right above."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    while first > 1 and lines[first - 2].lstrip().startswith("#"):
        first -= 1
    return first


def listing(module: ModuleType, first: str, last: str | None = None) -> Listing:
    """The module's source from the definition `first` to the end of `last` (or of `first`)."""
    path = Path(inspect.getsourcefile(module))
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    nodes = [n for n in ast.parse(source).body if _name(n)]
    names = [_name(n) for n in nodes]
    if first not in names or (last or first) not in names:
        raise LookupError(f"{path.name} defines no {first if first not in names else last} at its top level")
    i, j = names.index(first), names.index(last or first)
    start, end = _start(nodes[i], lines), nodes[j].end_lineno
    return Listing(path.relative_to(ROOT).as_posix(), start, "\n".join(lines[start - 1:end]), names[i:j + 1])


def exercise_file() -> Listing:
    """The exercise's starting point, a file of its own outside the generator."""
    path = ROOT / "exercises" / "backward.py"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    return Listing(path.relative_to(ROOT).as_posix(), 1, text, [])


def code_page() -> dict:
    """What the code page lists: the forward pass, the loss and the backward pass, then the
    rows they read (each activation and each loss), then the weighted sum they share."""
    return dict(
        core=listing(core, "forward", "run"),
        sigmoid=listing(activations, "_sigmoid", "_sigmoid_derivative"),
        activations=listing(activations, "ACTIVATIONS"),
        losses=listing(losses, "_mse", "_bce_gradient"),
        loss_rows=listing(losses, "LOSSES"),
        weighted_sums=listing(elementary, "weighted_sums"),
        exercise=exercise_file(),
    )
