"""Reading the pages after "Key insights" from the built HTML: the tables inside a marked
<div>, the cells as a reader's browser gets them, and the numbers in them (independently of
the generator's formatter)."""
from __future__ import annotations

import html.parser
import re
from fractions import Fraction
from pathlib import Path

from tests.pages import source_html
from tests.rounding import parse_shown

# The page that shows each topic for the running example; the other examples show them all on
# a checks page of their own.
TOPIC_PAGES = {
    "gradient-check": "gradient-check.html",
    "cost": "cost.html",
    "learning-step": "learning-step.html",
    "notations": "notations.html",
    "drift": "rounding-drift.html",
}


def page_for(built_site: Path, c, topic: str) -> Path:
    if c.example.slug == "seed":
        return built_site / TOPIC_PAGES[topic]
    return built_site / c.checks_page.replace(".md", ".html")


BLOCKS = ("div", "details")


class _Tables(html.parser.HTMLParser):
    """Every <table> of the page, each as rows of cell text, with the CSS classes of the
    blocks (<div>, <details>) around it."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[set[str], list[list[str]]]] = []
        self._divs: list[set[str]] = []
        self._rows: list[list[str]] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag in BLOCKS:
            self._divs.append(classes)
        elif tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCKS and self._divs:
            self._divs.pop()
        elif tag == "table" and self._rows is not None:
            self.tables.append((set().union(*self._divs) if self._divs else set(), self._rows))
            self._rows = None
        elif tag == "tr" and self._row is not None and self._rows is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(path: Path, css_class: str | None = None) -> list[list[list[str]]]:
    """The tables of a page (inside a block with class css_class when given), header row included."""
    parser = _Tables()
    parser.feed(source_html(path))
    return [rows for classes, rows in parser.tables if css_class is None or css_class in classes]


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
