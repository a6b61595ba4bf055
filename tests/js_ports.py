"""The page's JavaScript ports (docs/assets/javascripts/backprop-*.js) run in Node on a batch of
cases: one Node process per batch, cases in and answers out as JSON (tests/js_ports.js)."""
from __future__ import annotations

import json
import math
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from generator import example
from generator.content import numbers

HARNESS = Path(__file__).with_name("js_ports.js")


def run(kind: str, cases):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the page's JavaScript is tested in Node.js 20 or later", pytrace=False)
    proc = subprocess.run([node, str(HARNESS)], input=json.dumps({"kind": kind, "cases": cases}),
                          capture_output=True, text=True, timeout=300)
    if proc.returncode:
        pytest.fail(f"node {HARNESS.name} failed: {proc.stderr.strip()}", pytrace=False)
    return json.loads(proc.stdout)


def bits(x: float) -> str:
    """A double as the 16 hex digits of its bits."""
    return struct.pack(">d", x).hex()


def from_bits(h: str) -> float:
    return struct.unpack(">d", bytes.fromhex(h))[0]


def same_double(a: str, b: str) -> bool:
    """Bit for bit the same double; any NaN equals any NaN (their payloads carry no value)."""
    return a == b or (math.isnan(from_bits(a)) and math.isnan(from_bits(b)))


def any_double(rng) -> float:
    """A double drawn from all bit patterns: every exponent, subnormals, infinities, NaN."""
    return struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]


def random_value(rng, profile: str) -> float:
    """A parameter, input or target: mostly ordinary, with the extremes the loader allows."""
    pick = rng.random()
    if profile == "ordinary" or pick < 0.4:
        return rng.choice([rng.uniform(-1, 1), round(rng.uniform(-2, 2), 2)])
    if pick < 0.55:
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 6)
    if pick < 0.65:
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-320, -12)  # down to subnormals and 0
    if pick < 0.75:
        return float(rng.randint(-10**6, 10**6))
    if pick < 0.8:
        return rng.choice([-1.0, 1.0]) * example.MAX_MAGNITUDE
    if pick < 0.9:
        return 0.0
    return rng.uniform(-60, 60)  # saturates a sigmoid, or nearly


def printed(x: float, digits: int):
    """The four forms a value takes on a page (TeX, text, and both as a factor), as the build
    prints them, or "NaN!" where the build refuses to print."""
    try:
        r = numbers.round_value(x, digits)
    except ValueError:
        return "NaN!"
    return [r.tex(), r.text(), numbers.tex_factor(x, digits), numbers.text_factor(x, digits)]
