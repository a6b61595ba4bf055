"""How the numbers are printed, shown on the running example's own lines: a line that holds
exactly, one that rounds, an operand that carries guard digits, a rounded value that keeps a
trailing zero. Only lines that exist are shown."""
from __future__ import annotations

from .lines import APPROX, EQUALS
from .numbers import PLAIN_HIGH, PLAIN_LOW, Formatter


def printing(quantities: list, fmt: Formatter) -> dict:
    lines = [q for q in quantities if q.line.operands]
    exact = next((q for q in lines if q.line.relations == (EQUALS, EQUALS)), None)
    rounded = next((q for q in lines if q.line.relations == (EQUALS, APPROX)), None)
    guarded = next((q for q in lines if q.line.guard_digits > 0), None)
    guard = None
    if guarded is not None:
        results = {q.ref: q.line.result for q in quantities}
        ref, shown = next((r, s) for r, s in guarded.line.operands.items() if r in results and s.digits > results[r].digits)
        own = next(q for q in quantities if q.ref == ref)
        guard = dict(symbol=own.symbol_text, own=own.value_text, shown=shown.text(), line=guarded.symbol_text)
    zero = next((q for q in quantities if not q.line.result.exact and q.line.result.mantissa.endswith("0")
                 and "." in q.line.result.mantissa), None)
    return dict(
        digits=fmt.digits, low=Formatter.given(float(PLAIN_LOW)).text(), high=fmt.count_text(int(PLAIN_HIGH)),
        exact=exact.equation_text() if exact else None, rounded=rounded.equation_text() if rounded else None,
        guard=guard, zero=dict(symbol=zero.symbol_text, value=zero.value_text) if zero else None,
    )
