"""Templates carry no values of an example: every number a reader sees is computed."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parent.parent / "generator" / "templates").glob("*.j2"))
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.toml"))

# Whole numbers that belong to the notation itself: a^{(0)} is the input, \frac{1}{2} and ^2
# in the squared error, 1 - sigma in its derivative, 2 per parameter for central differences.
STRUCTURAL = {"0", "1", "2"}
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def numbers_in(path: Path) -> list[str]:
    return NUMBER.findall(path.read_text(encoding="utf-8"))


def example_values() -> set[float]:
    values = set()

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            values.add(float(v))

    for p in EXAMPLES:
        walk(tomllib.loads(p.read_text(encoding="utf-8")))
    return values


def test_there_are_templates():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_numeric_literal_beyond_notation(template):
    extra = [n for n in numbers_in(template) if n not in STRUCTURAL]
    assert not extra, f"{template.name} contains the numbers {extra}; compute them instead"


def test_the_literal_check_catches_a_typed_value(tmp_path):
    typed = tmp_path / "typed.md.j2"
    typed.write_text("The output is \\(a^{(2)} = 0.707\\) after 200 steps.\n")
    assert [n for n in numbers_in(typed) if n not in STRUCTURAL] == ["0.707", "200"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_example_value(template):
    found = {float(n) for n in numbers_in(template)} & (example_values() - {float(n) for n in STRUCTURAL})
    assert not found
