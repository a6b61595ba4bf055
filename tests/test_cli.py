"""`python -m generator compute`: the JSON shape, full precision, and errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import authored


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True)


def test_compute_prints_the_trace_as_json_with_full_precision():
    result = run("compute", "examples/seed.toml")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"forward", "loss", "gradients"}
    assert set(data["forward"]) == {"z1", "a1", "z2", "a2"}
    assert set(data["gradients"]) == {"W1", "b1", "W2", "b2", "z1", "a1", "z2", "a2"}
    expected = authored.read("examples/seed.toml").values()
    assert data["loss"] == pytest.approx(expected["L"], rel=1e-14)
    assert data["forward"]["a2"][0] == pytest.approx(expected["a2_1"], rel=1e-14)
    assert data["gradients"]["W1"][0][1] == pytest.approx(expected["dW1_1_2"], rel=1e-12)
    assert data["gradients"]["z1"][1] == pytest.approx(expected["dz1_2"], rel=1e-12)
    assert data["gradients"]["b2"] == [pytest.approx(expected["db2_1"], rel=1e-12)]
    # Full precision: more digits than any page shows.
    assert len(repr(data["forward"]["a2"][0])) > 15


def test_invalid_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[network]\nsizes = [2, 0, 1]\n[sample]\nx = [1, 2]\ny = [1]\n[init]\nseed = 1\n')
    result = run("compute", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "network.sizes" in lines[0]
    assert "Traceback" not in result.stderr
