"""A hand calculation, reproduced: the forward and backward pass with every intermediate rounded
before it is used, beside the same pass in full precision.

Pure: decimal arithmetic on the example's numbers, no I/O. The arithmetic is done in Python's
`decimal` so that rounding happens exactly as on paper: 1.005 rounds half up to 1.01, while the
binary double nearest to it is 1.00499999999999989... and would round down.

Values come back keyed by the ids of `worked.quantities` (z1_1, a1_1, L, dz2_1, dW1_1_2, ...),
so the pages can set the rounded chain beside the exact values quantity by quantity.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, Inexact, localcontext

from . import computation, core, expr, refs
from .refs import Ref

# Enough working digits that the only rounding that matters is the one the chain does on
# purpose; the examples round to at most 12 significant digits.
WORKING_PRECISION = 40


def round_significant(x: Decimal, digits: int) -> Decimal:
    """x rounded half up (away from zero on a tie, as taught for hand calculation) to
    `digits` significant digits."""
    if x == 0:
        return Decimal(0)
    return x.quantize(Decimal(1).scaleb(x.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def _decimal(v) -> Decimal:
    # Example values are written as short decimals in the example file; repr() gives back
    # exactly those digits (0.1, not 0.1000000000000000055...).
    return Decimal(repr(float(v)))


@dataclass
class Chain:
    """Values by quantity id, as carried forward (`values`) and as computed from the carried
    inputs before being carried (`computed`); for each sum, the terms it was added from."""

    values: dict[str, Decimal | None] = field(default_factory=dict)
    computed: dict[str, Decimal | None] = field(default_factory=dict)
    terms: dict[str, list[Decimal]] = field(default_factory=dict)
    # Whether a computed value is exact: no rounding in its own formula (not even at
    # WORKING_PRECISION digits) and none in anything it was computed from.
    exact: dict[str, bool] = field(default_factory=dict)

    def as_float(self, id: str) -> float | None:
        v = self.values.get(id)
        return None if v is None else float(v)


def evaluate(net: core.Network, x, y, carry, carry_term) -> Chain:
    """Every worked quantity in computation order, each computed by its own formula from the
    values carried forward so far. `carry(id, value)` decides what is written down and used
    from then on (a rounded value, say); `carry_term(value)` does the same for what a hand
    calculation writes down inside a formula (each product of a sum, the base of a square).
    A quantity that cannot be computed (the logarithm of a rounded 0) is None, and so is
    everything computed from it."""
    chain = Chain()
    given = _given(net, x, y)

    def value_of(ref: Ref):
        return given[ref] if ref in given else chain.values[str(ref)]

    with working_context() as ctx:
        for q in computation.quantities(net):
            terms: list = []
            ctx.clear_flags()
            value = expr.evaluate(q.formula, value_of, carry_term, terms)
            if terms:
                chain.terms[q.id] = terms
            chain.computed[q.id] = value
            chain.values[q.id] = None if value is None else carry(q.id, value)
            chain.exact[q.id] = (value is not None and not ctx.flags[Inexact] and chain.values[q.id] == value
                                 and all(r in given or chain.exact[str(r)] for r in expr.operands(q.formula)))
    return chain


@contextmanager
def working_context():
    """Decimal arithmetic at WORKING_PRECISION digits, with room for the exponent of any
    exponential an example can ask for (e^z for |z| up to about 10^13)."""
    with localcontext() as ctx:
        ctx.prec, ctx.Emax, ctx.Emin = WORKING_PRECISION, MAX_EMAX, MIN_EMIN
        yield ctx


def _given(net: core.Network, x, y) -> dict:
    """The example's own numbers, exactly as written in its file."""
    given = {refs.x(k): _decimal(v) for k, v in enumerate(x, start=1)}
    given.update({refs.y(j): _decimal(v) for j, v in enumerate(y, start=1)})
    given.update({p: _decimal(net.value(p)) for p in net.parameters()})
    return given


def rounded_chain(net: core.Network, x, y, digits: int) -> Chain:
    """The hand calculation: every quantity computed from already rounded values and rounded
    to `digits` significant digits before it is used; each product inside a sum is rounded
    before it is added, as one writes the products out on paper and then adds them."""
    r = lambda v: round_significant(v, digits)  # noqa: E731 - the one rounding rule, applied everywhere
    return evaluate(net, x, y, lambda id, v: r(v), r)


def exact_chain(net: core.Network, x, y) -> Chain:
    """The same calculation with nothing rounded, to WORKING_PRECISION digits: the reference
    the rounded chain is measured against (free of binary noise such as 0.1 being stored as
    0.1000000000000000055...)."""
    return evaluate(net, x, y, lambda id, v: v, lambda v: v)


# The original lesson's hand calculation, quoted exactly as it was printed there: strings, not
# computed values, shown on the pages only beside the computed ones and labelled as quoted.
# "printed" is keyed by the worked quantities' ids. It applies only to an example with the
# lesson's setup, quoted here too.
ORIGINAL_LESSON = {
    "setup": {
        "sizes": [2, 2, 1], "activations": ["sigmoid", "sigmoid"], "loss": "mse",
        "x": ["0.5", "0.3"], "y": ["0.8"],
        "W1": [["0.2", "0.5"], ["0.3", "0.4"]], "b1": ["0.1", "0.2"], "W2": [["0.6", "0.7"]], "b2": ["0.1"],
    },
    "printed": {
        "z1_1": "0.35", "z1_2": "0.47", "a1_1": "0.587", "a1_2": "0.615",
        "z2_1": "0.883", "a2_1": "0.708", "L": "0.00423",
        "da2_1": "-0.092", "s2_1": "0.207", "dz2_1": "-0.019",
        "dW2_1_1": "-0.011", "dW2_1_2": "-0.012", "db2_1": "-0.019",
        "da1_1": "-0.0114", "da1_2": "-0.0133", "s1_1": "0.242", "s1_2": "0.237",
        "dz1_1": "-0.00276", "dz1_2": "-0.00315", "dW1_1_1": "-0.00138", "dW1_1_2": "-0.00083",
    },
}
ORIGINAL_LESSON_PRINTED = ORIGINAL_LESSON["printed"]


def has_original_lesson_setup(net: core.Network, x, y) -> bool:
    s = ORIGINAL_LESSON["setup"]
    same = lambda values, quoted: [_decimal(v) for v in values] == [Decimal(q) for q in quoted]  # noqa: E731
    return (net.sizes == s["sizes"] and net.activations == s["activations"] and net.loss == s["loss"]
            and same(x, s["x"]) and same(y, s["y"])
            and all(same(net.weights[l - 1].ravel(), [q for row in s[f"W{l}"] for q in row])
                    and same(net.biases[l - 1], s[f"b{l}"]) for l in (1, 2)))


def significant_digits_of(printed: str) -> int:
    """How many significant digits a printed decimal such as "-0.00083" carries (2)."""
    return len(printed.lstrip("-").replace(".", "").lstrip("0")) or 1


def lesson_chain(net: core.Network, x, y) -> Chain:
    """The lesson's own arithmetic redone: each quantity computed from the values the lesson
    printed for its inputs, so that `computed` can be set beside what it printed."""
    printed = {id: Decimal(v) for id, v in ORIGINAL_LESSON_PRINTED.items()}
    return evaluate(net, x, y, lambda id, v: printed.get(id, v), lambda v: v)


@dataclass
class Verdict:
    """A printed value read at its own precision, against the exact value, the round-at-every-
    step value, and the value its own printed inputs give."""

    id: str
    printed: str
    digits: int  # significant digits printed
    exact: Decimal  # the exact value rounded to `digits`
    chain: Decimal | None  # the round-at-every-step value rounded to `digits`
    from_printed_inputs: Decimal | None  # rounded to `digits`

    @property
    def value(self) -> Decimal:
        return Decimal(self.printed)

    @property
    def matches_exact(self) -> bool:
        return self.value == self.exact

    @property
    def matches_chain(self) -> bool:
        return self.value == self.chain

    @property
    def follows_from_printed_inputs(self) -> bool:
        return self.value == self.from_printed_inputs

    @property
    def is_slip(self) -> bool:
        """Neither the exact value nor what the lesson's own inputs give."""
        return not self.matches_exact and not self.follows_from_printed_inputs


def verdicts(exact: dict[str, float], chain: Chain, lesson: Chain) -> list[Verdict]:
    """One verdict per printed value, in the order of `exact` (computation order)."""
    out = []
    with localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        at = lambda v, d: None if v is None else round_significant(v, d)  # noqa: E731
        for id, value in exact.items():
            printed = ORIGINAL_LESSON_PRINTED.get(id)
            if printed is None:
                continue
            d = significant_digits_of(printed)
            # Decimal(value) is the exact decimal expansion of the binary double.
            out.append(Verdict(id, printed, d, at(Decimal(value), d), at(chain.values[id], d),
                               at(lesson.computed[id], d)))
    return out


def root_causes(net: core.Network, x, y, verdicts: list[Verdict], exact: Chain, lesson: Chain) -> dict[str, str]:
    """For every value the lesson prints differently from the exact one, the printed value its
    difference comes from: a slip, a value printed with fewer digits than the rest (coarser),
    or, for a value that merely follows from its inputs, the root cause of the input that
    moves it most (the one whose exact value would change it the most)."""
    judged = {v.id: v for v in verdicts}
    usual = max(v.digits for v in verdicts)
    formulas = {q.id: q for q in computation.quantities(net)}
    given = _given(net, x, y)
    causes: dict[str, str] = {}

    def is_root(id: str) -> bool:
        v = judged.get(id)
        return v is not None and (v.is_slip or v.digits < usual and not v.value == exact.values[id])

    def cause(id: str) -> str | None:
        if id in causes:
            return causes[id]
        q = formulas[id]
        lesson_value = lesson.computed[id]
        moves = []
        for ref in dict.fromkeys(expr.operands(q.formula)):
            if ref in given:
                continue
            def value_of(r, corrected=ref):
                return given[r] if r in given else exact.values[str(r)] if r == corrected else lesson.values[str(r)]
            with working_context():
                moved = expr.evaluate(q.formula, value_of)
            if moved is not None and lesson_value is not None:
                moves.append((abs(moved - lesson_value), str(ref)))
        if not moves or max(moves)[0] == 0:
            return None
        culprit = max(moves)[1]
        causes[id] = culprit if is_root(culprit) else cause(culprit)
        return causes[id]

    for v in verdicts:
        if v.is_slip or v.matches_exact:
            continue
        cause(v.id)
    return {v.id: causes[v.id] for v in verdicts if v.id in causes}
