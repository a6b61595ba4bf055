"""`python -m generator check-backward FILE.py`: a reader's own backward pass, loaded from their
file and checked parameter by parameter against central finite differences.

Their file defines backward(net, z, a, y) (exercises/backward.py is the starting point). What
goes wrong in it is said in one line naming the file, as for an example file.
"""
from __future__ import annotations

import importlib.util
import traceback
from pathlib import Path

from .errors import ExerciseError
from .example import load
from .maths import exercise
from .maths.core import Network
from .maths.gradcheck import GradientCheck


def _backward(path: Path):
    if not path.is_file():
        raise ExerciseError(f"{path}: no such file")
    spec = importlib.util.spec_from_file_location(f"backward_exercise_{abs(hash(path))}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as e:  # the reader's own code: whatever it raises is theirs to see
        raise ExerciseError(f"{path}: {_where(e, path)}") from None
    backward = getattr(module, "backward", None)
    if not callable(backward):
        raise ExerciseError(f"{path}: defines no function backward(net, z, a, y)")
    return backward


def _where(e: Exception, path: Path) -> str:
    """The exception and the last line of the reader's file it passed through."""
    lines = [f.lineno for f in traceback.extract_tb(e.__traceback__) if Path(f.filename).resolve() == path.resolve()]
    at = f" (line {lines[-1]})" if lines else ""
    return f"{type(e).__name__}: {e}{at}"


def report(check: GradientCheck, net: Network) -> str:
    """One row per parameter, then the verdict."""
    rows = [f"{'parameter':<12}{'yours':>16}{'finite difference':>20}  agrees"]
    for r in check.rows:
        rows.append(f"{str(r.parameter):<12}{r.backprop:>16.8g}{r.finite_difference:>20.8g}  {'yes' if r.agrees else 'NO'}")
    wrong = sum(not r.agrees for r in check.rows)
    verdict = (f"all {len(check.rows)} gradients agree with finite differences" if wrong == 0
               else f"{wrong} of {len(check.rows)} gradients disagree with finite differences")
    return "\n".join(rows + [verdict])


def run(solution: Path, example_path: Path) -> tuple[str, bool]:
    """The report on the reader's backward pass for one example, and whether it passed."""
    ex = load(example_path)
    backward = _backward(solution)
    try:
        check = exercise.check(backward, ex.network, ex.x, ex.y)
    except exercise.WrongShape as e:
        raise ExerciseError(f"{solution}: {e}") from None
    except Exception as e:  # the reader's own code again
        raise ExerciseError(f"{solution}: backward raised {_where(e, solution)}") from None
    return report(check, ex.network), check.all_agree
