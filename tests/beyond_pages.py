"""Reading the pages after "Key insights" from the built HTML: the tables inside a marked
<div>, the cells as a reader's browser gets them, and the numbers in them (independently of
the generator's formatter)."""
from __future__ import annotations

import html
import re
from fractions import Fraction
from pathlib import Path

from tests.pages import source_html, tables

from tests.rounding import parse_shown

def table(path: Path, css_class: str) -> list[list[str]]:
    """The one table inside the block with class css_class, without its header row."""
    found = tables(path, css_class)
    assert len(found) == 1, f"{path.name}: expected one table in .{css_class}, found {len(found)}"
    return found[0][1:]


def unwrap(cell: str) -> str:
    """The TeX inside \\( \\), without the braces that keep a number on one line."""
    s = cell.strip()
    if s.startswith(r"\(") and s.endswith(r"\)"):
        s = s[2:-2].strip()
    while s.startswith("{") and s.endswith("}") and _balanced(s[1:-1]):
        s = s[1:-1].strip()
    return s


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
    return depth == 0


def number(cell: str) -> Fraction:
    """A shown number's exact decimal value."""
    return parse_shown(unwrap(cell))[0]


def count(cell: str) -> int:
    """A whole count shown as text or TeX, its digit groups separated by thin spaces."""
    s = unwrap(cell).replace("\\,", "").replace("\u202f", "").replace("\u2009", "").replace(" ", "")
    assert re.fullmatch(r"\d+", s), f"not a count: {cell!r}"
    return int(s)


def text(path: Path) -> str:
    """The page's HTML as one string, each formula as its TeX."""
    return source_html(path)


def matrices(tex: str) -> list[list[list[str]]]:
    """Every bmatrix in a TeX string, in order, as rows of entries."""
    out = []
    for body in re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", tex, flags=re.S):
        out.append([[e.strip() for e in row.split("&")] for row in re.split(r"\\\\", body)])
    return out


def display_math(path: Path) -> list[str]:
    """The TeX of every display block (\\[ ... \\]) of the page, in order."""
    return [html.unescape(m) for m in re.findall(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', text(path), flags=re.S)]
