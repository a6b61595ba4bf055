"""Printed lines taken apart, independently of the generator: a worked row of a page (TeX) or a
line of the graph's computation log (plain text) becomes its symbol, the tokens of its
substituted formula and its result.

A line is `symbol = formula = result`, where either `=` may be `≈`; a line whose formula would
only repeat its result is `symbol = result`. Both notations are read into one token form: every
number with its printed digits, operators and names (σ, tanh, ln, max ...) as themselves, a
product sign dropped (a product and a juxtaposition mean the same), a minus sign that starts a
term folded into its number, and parentheses around a lone number dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from tests.rounding import parse_shown

SEPARATOR = re.compile(r"\s*(?:=|≈|\\approx)\s*")
SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# TeX spelled the way the log spells it; longer names first.
TEX_WORDS = [
    (r"\left[", "["), (r"\right]", "]"), (r"\left(", "("), (r"\right)", ")"),
    (r"\frac{1}{2}", "½"), (r"\operatorname{relu}", "relu"), (r"\operatorname{id}", "id"),
    (r"\sigma", "σ"), (r"\tanh", "tanh"), (r"\ln", "ln"), (r"\max", "max"), (r"\infty", "∞"),
    (r"\cdot", "·"), (r"\,", " "), ("^2", "²"),
]
NUMBER = r"(?:\d+(?:\.\d+)?(?:\s*×\s*10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?|∞)"
TOKEN = re.compile(rf"\s*(?:(?P<slot>⟨[^⟩]+⟩)|(?P<number>{NUMBER})|(?P<word>[A-Za-zσ]+)|(?P<op>[−+·×/()\[\],>²½]))")
# A minus sign after one of these (or at the start) begins a term: it is the number's sign.
OPENS_A_TERM = {None, "(", "[", "+", "−", "·", ",", "/"}


@dataclass(frozen=True)
class Num:
    text: str  # as printed, sign included: "-0.0192", "−1.4 × 10⁻⁵", "∞"
    value: Fraction | float  # float only for an infinity

    @property
    def significant(self) -> int:
        return parse_shown(self.text)[1] if "∞" not in self.text else 0


@dataclass(frozen=True)
class Slot:
    id: str  # the quantity that stands here in a description of a line


class Mismatch(AssertionError):
    pass


def number(text: str) -> Num:
    if "∞" in text:
        return Num(text, float("-inf") if text.lstrip().startswith(("-", "−")) else float("inf"))
    return Num(text, parse_shown(text)[0])


def _untex(s: str) -> str:
    for tex, plain in TEX_WORDS:
        s = s.replace(tex, plain)
    # A power of ten as the log writes it (10⁻⁵), so that one number pattern reads both.
    s = re.sub(r"10\^\{([-−]?)(\d+)\}", lambda m: "10" + ("⁻" if m[1] else "") + m[2].translate(TO_SUPERSCRIPT), s)
    return _fractions(s).replace("{", "").replace("}", "").replace("\\times", "×").replace("-", "−")


def _fractions(s: str) -> str:
    r"""\frac{A}{B} as (A) / (B), innermost first."""
    while r"\frac{" in s:
        start = s.rindex(r"\frac{")
        numerator, after = _braced(s, start + len(r"\frac"))
        denominator, end = _braced(s, after)
        s = f"{s[:start]}({numerator}) / ({denominator}){s[end:]}"
    return s


def _braced(s: str, i: int) -> tuple[str, int]:
    """The text inside the braces that open at s[i], and the index after them."""
    if s[i] != "{":
        raise Mismatch(f"expected a brace in {s!r} at {i}")
    depth = 0
    for j in range(i, len(s)):
        depth += {"{": 1, "}": -1}.get(s[j], 0)
        if depth == 0:
            return s[i + 1:j], j + 1
    raise Mismatch(f"unbalanced braces in {s!r}")


def tokens(formula: str) -> list:
    """A formula (TeX, plain text, or a description with ⟨id⟩ slots) as a list of Num, Slot
    and str tokens."""
    s = _untex(formula).rstrip()
    out, i = [], 0
    while i < len(s):
        m = TOKEN.match(s, i)
        if not m or m.end() == i:
            raise Mismatch(f"cannot read {s[i:]!r} in {formula!r}")
        i = m.end()
        if m["slot"]:
            out.append(Slot(m["slot"][1:-1]))
        elif m["number"]:
            out.append(number(m["number"]))
        elif m["word"]:
            out.append(m["word"])
        else:
            out.append("·" if m["op"] == "×" else m["op"])
    return _fold_parentheses(_drop_products(_fold_signs(out)))


def _fold_signs(ts: list) -> list:
    out = []
    for t in ts:
        previous = out[-1] if out else None
        if isinstance(t, Num) and previous == "−" and (len(out) < 2 or _opens(out[-2])):
            out[-1] = Num("−" + t.text, -t.value)
        else:
            out.append(t)
    return out


def _opens(t) -> bool:
    return isinstance(t, str) and t in OPENS_A_TERM


def _drop_products(ts: list) -> list:
    return [t for t in ts if t != "·"]


def _fold_parentheses(ts: list) -> list:
    out = []
    for t in ts:
        out.append(t)
        if len(out) >= 3 and out[-1] == ")" and out[-3] == "(" and isinstance(out[-2], (Num, Slot)):
            out[-3:] = [out[-2]]
    return out


def parts(line: str) -> list[str]:
    """A line's parts between its `=` and `≈` signs (alignment marks removed)."""
    return [p.strip() for p in SEPARATOR.split(line.replace("&", ""))]


def match(description: str, formula: str) -> list[tuple[Slot | Num, Num]]:
    """Pair a printed formula with its description token by token: returns every (slot, number)
    and every (literal number, number) pair; raises Mismatch when the shapes differ."""
    want, got = tokens(description), tokens(formula)
    if len(want) != len(got):
        raise Mismatch(f"{formula!r} does not have the shape {description!r}")
    pairs = []
    for w, g in zip(want, got):
        if isinstance(w, (Slot, Num)):
            if not isinstance(g, Num):
                raise Mismatch(f"{formula!r}: expected a number for {w} where it has {g!r} ({description!r})")
            pairs.append((w, g))
        elif w != g:
            raise Mismatch(f"{formula!r}: expected {w!r} where it has {g!r} ({description!r})")
    return pairs


# --- Symbols -------------------------------------------------------------------------------------

GRADIENT = re.compile(r"^(?:\\frac\{\\partial L\}\{\\partial\s*(?P<tex>.+)\}|∂L/∂(?P<text>.+))$")
DERIVATIVE = re.compile(r"^(?P<f>\\sigma|\\tanh|\\operatorname\{relu\}|\\operatorname\{id\}|σ|tanh|relu|id)\s*(?:'|′)\s*\((?P<of>.+)\)$")
FUNCTIONS = {r"\sigma": "sigmoid", "σ": "sigmoid", r"\tanh": "tanh", "tanh": "tanh", r"\operatorname{relu}": "relu",
             "relu": "relu", r"\operatorname{id}": "identity", "id": "identity"}
NAME_TEX = re.compile(r"^(?P<name>[zabWxy])(?:_\{(?P<sub>\d+(?:,\d+)?)\})?(?:\^\{\((?P<layer>\d+)\)\})?$")
NAME_TEXT = re.compile(r"^(?P<name>[zabWxy])(?P<sub>[₀-₉]+(?:,[₀-₉]+)?)?(?:⁽(?P<layer>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾)?$")
FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def symbol_id(symbol: str, sizes, activations) -> str:
    """The quantity a symbol names, by id (z1_2, s2_1, dW1_1_2, L ...), checked against the
    network: a subscript may only be left out in a layer of one neuron, and a derivative must
    name its layer's activation."""
    s = symbol.strip()
    if s == "L":
        return "L"
    m = GRADIENT.match(s)
    if m:
        of = name_id(m["tex"] or m["text"], sizes)
        if of[0] not in "zabWx":
            raise Mismatch(f"{symbol!r}: a gradient of {of}, which is given")
        return "d" + of
    m = DERIVATIVE.match(s)
    if m:
        of = name_id(m["of"], sizes)
        layer = int(of[1:].split("_")[0]) if of[0] == "z" else 0
        if not layer:
            raise Mismatch(f"{symbol!r}: a derivative must be taken at a weighted sum")
        if FUNCTIONS[m["f"]] != activations[layer - 1]:
            raise Mismatch(f"{symbol!r}: layer {layer} uses {activations[layer - 1]}")
        return "s" + of[1:]
    return name_id(s, sizes)


def name_id(s: str, sizes) -> str:
    s = s.strip()
    m = NAME_TEX.match(s) or NAME_TEXT.match(s)
    if not m:
        raise Mismatch(f"not a symbol of the network: {s!r}")
    name, sub, layer = m["name"], (m["sub"] or "").translate(SUBSCRIPT), m["layer"]
    layer = int(layer.translate(FROM_SUPERSCRIPT)) if layer else None
    if name in "xy":
        if layer is not None:
            raise Mismatch(f"{s!r}: inputs and targets have no layer")
        n = sizes[0] if name == "x" else sizes[-1]
        return f"{name}{_index(s, sub, n)}"
    if layer is None or not 1 <= layer < len(sizes):
        raise Mismatch(f"{s!r}: no layer of weights {layer}")
    if name == "W":
        j, k = sub.split(",") if "," in sub else (sub[:1], sub[1:]) if len(sub) == 2 else ("", "")
        if not (j and k and 1 <= int(j) <= sizes[layer] and 1 <= int(k) <= sizes[layer - 1]):
            raise Mismatch(f"{s!r}: no such weight in layer {layer}")
        return f"W{layer}_{int(j)}_{int(k)}"
    return f"{name}{layer}_{_index(s, sub, sizes[layer])}"


def _index(s: str, sub: str, n: int) -> int:
    if not sub:
        if n != 1:
            raise Mismatch(f"{s!r}: no subscript, yet its layer has {n} neurons")
        return 1
    if not 1 <= int(sub) <= n:
        raise Mismatch(f"{s!r}: its layer has {n} neurons")
    return int(sub)
