"""Printed lines a reader can redo with a calculator.

A line is `symbol = formula = result`, the formula with its numbers substituted. It holds as
printed: evaluating the formula with the numbers exactly as printed, then rounding to the digits
the result is printed with, gives the printed result. Operands get the fewest extra (guard)
digits that make that true; numbers known exactly (given by the author, or sums of products of
such numbers) are printed exactly. Each relation is `=` where both sides are equal and `≈` where
one is a rounding of the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, Inexact, localcontext

from ..maths import drift
from ..maths import expr as E
from ..maths.core import Trace
from ..maths.refs import GIVEN, Ref
from .numbers import Rounded, exact_value, fit, round_value

# Operands are never printed with more significant digits than this: about what a double holds.
MAX_DIGITS = 15
# Precision of the arithmetic that checks a line with its printed numbers.
CHECK_PRECISION = 60
EQUALS, APPROX = "=", "≈"

TEX_RELATION = {EQUALS: "=", APPROX: r"\approx"}


class Values:
    """Every value of one example as the pages may print it: the float of the trace, and the
    exact decimal where the computation is exact (given numbers, sums of their products).
    `given` adds numbers the author gave beyond the network (the learning rate)."""

    def __init__(self, trace: Trace, exact: drift.Chain, given: dict | None = None, derived: dict | None = None):
        # `derived`: values computed outside the trace (a parameter's update), never exact.
        self.trace, self.exact, self.given, self.derived = trace, exact, given or {}, derived or {}

    def is_given(self, ref: Ref) -> bool:
        return ref in self.given or (ref.kind in GIVEN and ref.role == "")

    def is_exact(self, ref: Ref) -> bool:
        return self.is_given(ref) or ref not in self.derived and self.exact.exact.get(str(ref), False)

    def value(self, ref: Ref) -> float:
        if ref in self.given or ref in self.derived:
            return {**self.given, **self.derived}[ref]
        return self.trace.value(ref)

    def exact_of(self, ref: Ref) -> Decimal:
        if self.is_given(ref):
            return exact_value(self.value(ref)).decimal()
        return self.exact.values[str(ref)]

    def printed(self, ref: Ref, digits: int) -> Rounded:
        """The value at `digits` significant digits, or exactly when it is exact and that short
        (given numbers always exactly, as typed)."""
        if self.is_given(ref):
            return exact_value(self.value(ref))
        if self.is_exact(ref):
            return fit(self.exact.values[str(ref)], digits)
        return round_value(self.value(ref), digits)


@dataclass
class Line:
    """How one substituted formula is printed."""

    result: Rounded
    relations: tuple  # (symbol to formula, formula to result), each EQUALS or APPROX
    operands: dict = field(default_factory=dict)  # Ref -> Rounded; empty: written with symbols
    guard_digits: int = 0

    @property
    def shown(self):
        """How the formula writers get each operand: as printed here, or None for symbols."""
        return self.operands.get if self.operands else None

    def parts(self, formula: str, result: str) -> list[tuple[str, str]]:
        """(relation, text) after the symbol: the formula and the result, or the result alone
        when the formula is only the result again."""
        first, second = self.relations
        if formula and formula != result:
            return [(first, formula), (second, result)]
        return [(EQUALS if (first, second) == (EQUALS, EQUALS) else APPROX, result)]

    def tex(self, symbol: str, formula: str, aligned: bool = False) -> str:
        """In TeX; `aligned` puts the alignment mark of an aligned block before the first
        relation."""
        written = " ".join(f"{TEX_RELATION[r]} {p}" for r, p in self.parts(formula, self.result.tex()))
        return f"{symbol} {'&' if aligned else ''}{written}"

    def text(self, symbol: str, formula: str) -> str:
        return symbol + "".join(f" {r} {p}" for r, p in self.parts(formula, self.result.text()))

    def tail_tex(self, formula: str) -> str:
        """The formula and its result, without a symbol in front: 0.6 × 0.5 = 0.3."""
        return f"{formula} {TEX_RELATION[self.relations[1]]} {self.result.tex()}"

    def tail_text(self, formula: str) -> str:
        """The same in plain text: 0.6 × 0.5 = 0.3."""
        return f"{formula} {self.relations[1]} {self.result.text()}"


def aligned(rows: list[str]) -> str:
    """Rows of an aligned block (each with its alignment mark), as one display formula's body."""
    return "\\begin{aligned}\n" + " \\\\[1ex]\n".join(rows) + "\n\\end{aligned}"


def evaluated(formula, operands: dict) -> tuple[Decimal | None, bool]:
    """The formula's value with its operands exactly as printed (None when one of them is
    beyond double precision, printed as ∞), and whether that value is exact: σ(1000) is 1 to
    CHECK_PRECISION digits, but not equal to 1."""
    if any(r.mantissa == "∞" for r in operands.values()):
        return None, False
    with localcontext() as ctx:
        ctx.prec = CHECK_PRECISION
        ctx.clear_flags()
        value = E.evaluate(formula, lambda ref: operands[ref].decimal())
        return value, not ctx.flags[Inexact]


def holds(value: Decimal | None, result: Rounded) -> bool:
    """Whether the value, rounded to the digits the result is printed with, is the result."""
    if value is None or result.mantissa == "∞":
        return False
    if result.exact:
        return value == result.decimal()
    return round_value(value, result.digits).decimal() == result.decimal()


def substituted(formula, result: Rounded, values: Values, digits: int, result_exact: bool = False) -> Line:
    """The formula with the fewest guard digits on its operands that make the line hold; with
    symbols instead of numbers where no number of digits a double holds would."""
    refs = list(dict.fromkeys(E.operands(formula)))
    if not isinstance(formula, E.Symbol):
        for guard in range(0, max(MAX_DIGITS - digits, 0) + 1):
            operands = {r: values.printed(r, digits + guard) for r in refs}
            value, exactly = evaluated(formula, operands)
            if holds(value, result):
                exact = all(values.is_exact(r) and operands[r].decimal() == values.exact_of(r) for r in refs)
                equal = exactly and value == result.decimal()
                return Line(result, (EQUALS if exact else APPROX, EQUALS if equal else APPROX), operands, guard)
    # A formula of symbols only (dL/db = dL/dz) has nothing to substitute; and beyond double
    # precision (a saturated output, say) the printed numbers cannot reproduce the value.
    return Line(result, (EQUALS, EQUALS if result_exact and result.exact else APPROX))


def exact_value_of(formula, values: Values) -> Decimal | None:
    """The formula's exact value, where every operand is known exactly."""
    refs = E.operands(formula)
    if not all(values.is_exact(r) for r in refs):
        return None
    with localcontext() as ctx:
        ctx.prec = CHECK_PRECISION
        ctx.clear_flags()
        value = E.evaluate(formula, values.exact_of)
        return None if ctx.flags[Inexact] else value


def float_value_of(formula, values: Values) -> float:
    with localcontext() as ctx:
        ctx.prec = CHECK_PRECISION
        return float(E.evaluate(formula, lambda r: Decimal(values.value(r))))


def printed_value(value: float, exact: Decimal | None, digits: int) -> Rounded:
    return fit(exact, digits) if exact is not None else round_value(value, digits)


def added(numbers) -> Decimal:
    """The sum of printed numbers, in the arithmetic that checks a line (not rounded at the
    default context's 28 digits, which would lose a small term beside a large one)."""
    with localcontext() as ctx:
        ctx.prec = CHECK_PRECISION
        return sum(numbers, Decimal(0))


def sum_of_terms(terms: list, total: Rounded, values: Values, digits: int) -> list[Line]:
    """Lines for terms whose printed values add up to the printed total: each term's result gets
    the fewest guard digits that make the sum hold, and its own line holds as printed."""
    exact = [exact_value_of(t, values) for t in terms]
    floats = [float_value_of(t, values) for t in terms]
    shown = [printed_value(v, e, digits) for v, e in zip(floats, exact)]
    for guard in range(0, max(MAX_DIGITS - digits, 0) + 1):
        shown = [printed_value(v, e, digits + guard) for v, e in zip(floats, exact)]
        if len(terms) == 1 or holds(added(s.decimal() for s in shown), total):
            break
    return [substituted(t, s, values, digits, e is not None) for t, s, e in zip(terms, shown, exact)]


class MatrixStep:
    """One step of a matrix line: a formula per entry and the entries' results. Its operands
    get the fewest guard digits that make every entry hold as printed."""

    def __init__(self, formulas: list, results: list[Rounded], values: Values, digits: int):
        self.values = values
        for guard in range(0, max(MAX_DIGITS - digits, 0) + 1):
            printed = {r: values.printed(r, digits + guard) for f in formulas for r in E.operands(f)}
            evaluations = [evaluated(f, printed) for f in formulas]
            if all(holds(v, r) for (v, _), r in zip(evaluations, results)):
                break
        self.digits, self.printed = digits + guard, printed
        self.equal = all(exactly and v == r.decimal() for (v, exactly), r in zip(evaluations, results))

    def exact(self, refs_shown) -> bool:
        """Whether these operands are printed exactly as they are."""
        return all(self.values.is_exact(r) and self.printed[r].decimal() == self.values.exact_of(r) for r in refs_shown)

    def vector(self, entries: list) -> str:
        """Column vector of operands as this step prints them."""
        return self.matrix([[r] for r in entries])

    def matrix(self, rows: list) -> str:
        return bmatrix([[self.values.printed(r, self.digits) for r in row] for row in rows])

    def relation(self, first: bool) -> str:
        """Between the definition and the substituted numbers (first), or between those and the
        result."""
        if first:
            return TEX_RELATION[EQUALS if self.exact(self.printed) else APPROX]
        return TEX_RELATION[EQUALS if self.equal else APPROX]


def bmatrix(rows: list[list[Rounded]]) -> str:
    """Printed numbers as a TeX bmatrix, row by row."""
    body = r" \\ ".join(" & ".join(r.tex() for r in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def column(rs: list[Rounded]) -> str:
    """Printed numbers as a column vector."""
    return bmatrix([[r] for r in rs])
