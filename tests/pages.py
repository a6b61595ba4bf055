"""Reading the built HTML as a reader's browser gets it: the TeX inside arithmatex elements,
the cells of tables and the graph data a page embeds; and a built tree's fingerprint, to tell
whether it changed."""
from __future__ import annotations

import hashlib
import html.parser
import json
import re
from pathlib import Path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class _Collector(html.parser.HTMLParser):
    """The TeX of every arithmatex element, in page order."""

    def __init__(self):
        super().__init__()
        self.math: list[str] = []
        self._math_depth = 0
        self._depth = 0
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if "arithmatex" in classes and not self._math_depth:
            self._math_depth = self._depth
            self._buffer = []

    def handle_endtag(self, tag):
        if self._math_depth and self._depth == self._math_depth:
            self.math.append("".join(self._buffer))
            self._math_depth = 0
        self._depth -= 1

    def handle_data(self, data):
        if self._math_depth:
            self._buffer.append(data)


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


# A formula as the build typesets it: MathJax's output in the arithmatex element, with the TeX
# it came from on the MathML root's data-latex attribute.
INLINE, DISPLAY = (r"\(", r"\)"), (r"\[", r"\]")
_TYPESET = re.compile(r'<(span|div) class="arithmatex">(<mjx-container[^>]*>).*?<math[^>]* data-latex="([^"]*)".*?</\1>', re.S)


def source_html(path) -> str:
    """A built page's HTML with each typeset formula back to the TeX it was typeset from, in
    arithmatex's delimiters, as the page was before typesetting; test_typeset.py checks that
    each drawing says what its TeX says."""
    def source(m):
        start, end = DISPLAY if 'display="true"' in m.group(2) else INLINE
        return f'<{m.group(1)} class="arithmatex">{start}{m.group(3)}{end}</{m.group(1)}>'

    return _TYPESET.sub(source, Path(path).read_text(encoding="utf-8"))


def read(path) -> _Collector:
    c = _Collector()
    c.feed(source_html(path))
    return c


def strip_delimiters(tex: str) -> str:
    tex = tex.strip()
    for start, end in ((r"\[", r"\]"), (r"\(", r"\)"), ("$$", "$$")):
        if tex.startswith(start) and tex.endswith(end):
            return tex[len(start):-len(end)].strip()
    return tex


def equations(math_blocks: list[str]) -> dict[str, list[str]]:
    """Every equation row of the page as {left-hand side: [parts after it]}, spaces removed
    from the left-hand side."""
    out: dict[str, list[str]] = {}
    for block in math_blocks:
        body = strip_delimiters(block)
        if r"\begin{aligned}" in body:
            body = body.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
            rows = re.split(r"\\\\(?:\[[^\]]*\])?", body)
        else:
            rows = [body]
        for row in rows:
            # Parts are joined by = where equal and by \approx where one is a rounding.
            parts = [p.strip() for p in re.split(r" (?:=|\\approx) ", row.replace("&", ""))]
            if len(parts) >= 2:
                # The worked value comes after any general formula with the same left-hand side.
                out[re.sub(r"\s+", "", parts[0])] = parts[1:]
    return out


def aligned_rows(math_blocks: list[str]) -> list[str]:
    """Every row of every aligned block of the page, as TeX."""
    out = []
    for block in math_blocks:
        body = strip_delimiters(block)
        if r"\begin{aligned}" in body:
            body = body.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
            # Rows end at \\ outside matrices; inside a matrix it ends a row of the matrix.
            body = re.sub(r"\\begin\{bmatrix\}.*?\\end\{bmatrix\}", lambda m: m.group().replace("\\\\", "\0"), body, flags=re.S)
            rows = re.split(r"\\\\(?:\[[^\]]*\])?", body)
            out += [row.strip().replace("\0", "\\\\") for row in rows if row.strip()]
    return out


GRAPH_DATA = re.compile(r'<script type="application/json" class="bp-graph__data">(.*?)</script>', re.S)


def graph_data(path: Path) -> list[dict]:
    """The computational graphs a built page embeds, as the browser reads them."""
    return [obj for found in GRAPH_DATA.findall(path.read_text(encoding="utf-8")) for obj in json.loads(found)]


MATRIX = re.compile(r"(?P<name>[xy]|[Wb]\^\{\((?P<layer>\d+)\)\})\s*=\s*\\begin\{bmatrix\}(?P<body>.*?)\\end\{bmatrix\}", re.S)


def given_matrices(math_blocks: list[str]) -> dict[str, list[list[str]]]:
    """The matrices a worked page writes its given numbers in: x, y, W^{(l)}, b^{(l)}, each as
    rows of entries."""
    out = {}
    for block in math_blocks:
        for m in MATRIX.finditer(block):
            rows = [[e.strip() for e in row.split("&")] for row in re.split(r"\\\\", m["body"])]
            out[m["name"][0] + (m["layer"] or "")] = rows
    return out


def tables(path, css_class: str | None = None) -> list[list[list[str]]]:
    """The tables of a page (inside a block with class css_class when given), header row
    included, each cell as its text with formulas back to their TeX."""
    parser = _Tables()
    parser.feed(source_html(path))
    return [rows for classes, rows in parser.tables if css_class is None or css_class in classes]


# --- Where an example's pages are --------------------------------------------------------------

# The page that shows each topic for the running example; every other example shows them on
# three pages of its own, by theme.
TOPIC_PAGES = {
    "gradient-check": "gradient-check.html",
    "cost": "cost.html",
    "learning-step": "learning-step.html",
    "symmetry": "symmetry.html",
    "batch": "mini-batches.html",
    "paths": "sum-over-paths.html",
    "layers": "vanishing-gradients.html",
    "notations": "notations.html",
    "drift": "rounding-drift.html",
    "fan-out": "rounding-drift.html",
}
EXAMPLE_TOPIC_PAGES = {
    "gradient-check": "checks", "cost": "checks", "learning-step": "checks", "symmetry": "checks", "batch": "checks",
    "paths": "paths", "layers": "paths", "notations": "paths",
    "drift": "rounding", "fan-out": "rounding",
}


def built(site: Path, page: str) -> Path:
    """The built HTML of a page given by its Markdown path (examples/seed.md ...)."""
    return Path(site) / page.replace(".md", ".html")


def worked_page(site: Path, c) -> Path:
    """The page that works a computed example out in full."""
    return built(site, c.page)


def topic_page(site: Path, c, topic: str) -> Path:
    """The page that shows `topic` (a key of TOPIC_PAGES) for a computed example."""
    if c.example.slug == "seed":
        return Path(site) / TOPIC_PAGES[topic]
    return Path(site) / "examples" / EXAMPLE_TOPIC_PAGES[topic] / f"{c.example.slug}.html"


def worked_pages(site: Path, slug: str) -> list[Path]:
    """The pages that work an example out in full: its worked page, and the page of its backward
    pass where the network is deep enough to have one."""
    if slug == "seed":
        return [Path(site) / "numerical-example.html"]
    backward = Path(site) / "examples" / "backward" / f"{slug}.html"
    return [Path(site) / "examples" / f"{slug}.html"] + ([backward] if backward.is_file() else [])
