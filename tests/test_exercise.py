"""The exercise: `python -m generator check-backward` passes a correct backward pass on every
example, fails the starting file and a common slip, and says in one line what is wrong with a
file that cannot be checked."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = Path(__file__).resolve().parent / "exercise_solutions"


def check(capsys, solution, example="seed"):
    code = cli.main(["check-backward", str(solution), "--example", str(ROOT / "examples" / f"{example}.toml")])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_correct_backward_pass_agrees_on_every_example(capsys):
    for example in sorted(p.stem for p in (ROOT / "examples").glob("*.toml")):
        code, out, err = check(capsys, SOLUTIONS / "scalar.py", example)
        assert code == 0 and err == "", (example, err)
        assert re.search(r"all \d+ gradients agree with finite differences$", out.strip()), example


def test_the_starting_file_and_a_slip_are_caught(capsys):
    code, out, _ = check(capsys, ROOT / "exercises" / "backward.py")
    assert code == 1 and out.strip().endswith("9 of 9 gradients disagree with finite differences")
    code, out, _ = check(capsys, SOLUTIONS / "no_slope.py")
    assert code == 1 and "disagree" in out.splitlines()[-1]


@pytest.mark.parametrize("solution, says", [
    ("transposed.py", "expected grad_W[0] (layer 1) to have shape [3, 2], got [2, 3]"),
    ("raises.py", "backward raised ZeroDivisionError: division by zero (line 5)"),
    ("missing.py", "no such file"),
])
def test_a_broken_solution_gets_one_line(capsys, solution, says):
    code, out, err = check(capsys, SOLUTIONS / solution, "relu-bce")
    assert code == 2 and out == ""
    assert err.strip() == f"error: {SOLUTIONS / solution}: {says}"


def test_a_file_that_does_not_load_gets_one_line(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("def backward(net, z, a, y)\n    return None\n", encoding="utf-8")
    nothing = tmp_path / "nothing.py"
    nothing.write_text("x = 1\n", encoding="utf-8")
    for path, says in ((broken, "SyntaxError"), (nothing, "defines no function backward(net, z, a, y)")):
        result = subprocess.run([sys.executable, "-m", "generator", "check-backward", str(path)],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ") and says in lines[0], lines
