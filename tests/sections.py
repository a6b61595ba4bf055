"""Reading one section of a built page: the HTML from a heading to the next heading of the same
or a higher level, its display formulas row by row, and its numbers; and the symbols the
pages give the parameters, built from their place in the network alone."""
from __future__ import annotations

import html
import re
from fractions import Fraction
from pathlib import Path

from tests import calculator, pages
from tests.rounding import decimal_exponent, parse_shown

RELATION = re.compile(r" (?:=|\\approx) ")


def section(path: Path, heading_id: str) -> str:
    """The HTML under the heading with this id, up to the next heading of its level or above,
    each typeset formula given back as the TeX it was typeset from."""
    text = pages.source_html(path)
    m = re.search(rf'<h([1-6]) id="{re.escape(heading_id)}"', text)
    assert m, f"{path.name}: no heading #{heading_id}"
    level = int(m.group(1))
    rest = text[text.index(f"</h{level}>", m.end()) + len(f"</h{level}>"):]
    end = re.search(rf"<h[1-{level}][ >]", rest)
    return rest[:end.start()] if end else rest


def subsections(fragment: str, level: int) -> list[tuple[str, str]]:
    """(heading id, HTML up to the next heading of that level) for each heading of `level`."""
    parts = re.split(rf'<h{level} id="([^"]+)"', fragment)
    close = f"</h{level}>"
    return [(id, rest[rest.index(close) + len(close):]) for id, rest in zip(parts[1::2], parts[2::2])]


def math(fragment: str) -> list[str]:
    """The TeX of every formula in the fragment, delimiters removed, in order."""
    collector = pages._Collector()
    collector.feed(fragment)
    return [pages.strip_delimiters(m) for m in collector.math]


def raw_rows(tex: str) -> list[str]:
    """The rows of a display formula, the alignment marks dropped."""
    body = tex.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
    return [row.replace("&", "").strip() for row in re.split(r"\\\\\[1ex\]", body)]


def rows(tex: str) -> list[tuple[str, list[str]]]:
    """The rows of a display formula as (left-hand side, [parts after it])."""
    out = []
    for row in raw_rows(tex):
        parts = RELATION.split(row)
        out.append((parts[0].strip(), [p.strip() for p in parts[1:]]))
    return out


def holds(tex_row: str) -> tuple[bool, str]:
    """Whether a row's last step, `formula = result` or `formula ≈ result`, holds with the
    calculator (tests/calculator.py), the numbers exactly as printed."""
    line = calculator.tex_to_text(tex_row.replace(r"\approx", "≈"))
    _, parts = calculator.split_line(line)
    (_, formula), (relation, result) = parts[-2], parts[-1]
    return calculator.holds(formula, relation, result)


def text_of(fragment: str) -> str:
    """The fragment's text, tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def number(tex: str) -> Fraction:
    """A number as the pages print it, in parentheses or braces or not."""
    return parse_shown(tex.strip().strip("{}").strip("()"))[0]


def unit(name: str, layer: int, j: int, sizes) -> str:
    """z^{(2)} in a layer of one neuron, z_{1}^{(1)} in a wider one."""
    return f"{name}^{{({layer})}}" if sizes[layer] == 1 else f"{name}_{{{j}}}^{{({layer})}}"


def weight(layer: int, j: int, k: int) -> str:
    sep = "," if max(j, k) >= 10 else ""
    return f"W_{{{j}{sep}{k}}}^{{({layer})}}"


def parameters(sizes) -> list[tuple[str, str]]:
    """(reference id, TeX symbol) of every weight and bias, in the pages' order: layer by layer,
    each neuron's weights then its bias."""
    out = []
    for l in range(1, len(sizes)):
        for j in range(1, sizes[l] + 1):
            out += [(f"W{l}_{j}_{k}", weight(l, j, k)) for k in range(1, sizes[l - 1] + 1)]
            out.append((f"b{l}_{j}", unit("b", l, j, sizes)))
    return out


def grad(symbol: str) -> str:
    return rf"\frac{{\partial L}}{{\partial {symbol}}}"


def is_rounding_of(shown: str, value: float, digits: int, error: float) -> bool:
    """`shown` has at most `digits` significant digits and is `value`, known to within `error`,
    rounded to them: within half a unit of its last place, plus the error."""
    v, significant = parse_shown(shown)
    if significant > digits:
        return False
    x = Fraction(value)
    if x == 0:
        return abs(v) <= Fraction(error)
    half_unit = Fraction(10) ** (decimal_exponent(x) - digits + 1) / 2
    return abs(v - x) <= half_unit + Fraction(error)
