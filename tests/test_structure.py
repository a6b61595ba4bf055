"""The generator's shape: the numeric core imports nothing from the content, and no unit grows
too long to read at once."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
JAVASCRIPT = ROOT / "docs" / "assets" / "javascripts"
LONGEST_FUNCTION, LONGEST_CLASS, LONGEST_JS_FUNCTION = 60, 150, 80


def imports(path: Path) -> list[str]:
    """Every module a file imports, relative imports resolved against the package."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out += [module] + [f"{module}.{a.name}" for a in node.names]
    return out


def test_the_maths_imports_nothing_from_the_content_or_the_pipeline():
    files = sorted((GENERATOR / "maths").glob("*.py"))
    assert len(files) >= 8
    for path in files:
        outside = [m for m in imports(path) if m.startswith("generator") and not m.startswith("generator.maths")]
        assert not outside, f"{path.name} imports {outside}"


def test_the_content_does_not_reach_the_pipeline():
    for path in sorted((GENERATOR / "content").glob("*.py")):
        pipeline = [m for m in imports(path) if re.match(r"generator\.(render|site|cli|mkdocs_hook)\b", m)]
        assert not pipeline, f"{path.name} imports {pipeline}"


def python_units(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node, node.end_lineno - node.lineno + 1


@pytest.mark.parametrize("path", sorted(GENERATOR.rglob("*.py")), ids=lambda p: str(p.relative_to(GENERATOR)))
def test_no_python_unit_is_too_long(path):
    for node, lines in python_units(path):
        limit = LONGEST_CLASS if isinstance(node, ast.ClassDef) else LONGEST_FUNCTION
        assert lines <= limit, f"{node.name} in {path.name} is {lines} lines (at most {limit})"


def javascript_functions(source: str):
    """(name, lines) of every function, found by matching braces from each `function` keyword
    (braces inside strings and regular expressions are rare enough here to be counted too)."""
    for m in re.finditer(r"function\s*([\w$]*)\s*\([^)]*\)\s*\{", source):
        depth, i = 0, m.end() - 1
        while i < len(source):
            depth += {"{": 1, "}": -1}.get(source[i], 0)
            if depth == 0:
                break
            i += 1
        yield m.group(1) or "(anonymous)", source.count("\n", m.start(), i) + 1


@pytest.mark.parametrize("path", sorted(JAVASCRIPT.glob("*.js")), ids=lambda p: p.name)
def test_no_javascript_function_is_too_long(path):
    # The outer wrapper of each classic script (the whole file) is not a unit of its own.
    source = path.read_text(encoding="utf-8")
    for name, lines in javascript_functions(source):
        if name == "(anonymous)" and lines > source.count("\n") * 0.8:
            continue
        assert lines <= LONGEST_JS_FUNCTION, f"{name} in {path.name} is {lines} lines (at most {LONGEST_JS_FUNCTION})"


def test_the_length_checks_can_fail():
    long_js = "function big() {\n" + "  x();\n" * 90 + "}\n"
    assert max(lines for _, lines in javascript_functions(long_js)) > LONGEST_JS_FUNCTION
    long_py = GENERATOR / "maths" / "core.py"
    assert max(lines for _, lines in python_units(long_py)) > 10
