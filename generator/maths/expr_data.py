"""A formula (generator.maths.expr) as plain JSON data, for the page's script to evaluate and
write out again (docs/assets/javascripts/backprop-expr.js reads it). The script never builds a
formula of its own: every formula it shows comes from here.

A node is a reference's id (an operand, such as "W1_1_2"), a whole number (a constant), or a
list whose first item names the node: ["symbol", id], ["sum", [terms]], ["difference", left,
right], ["product", sign, [factors]], ["quotient", numerator, denominator], ["power", base,
exponent], ["half", body], ["negative", body], ["group", brackets, body], ["apply", function,
argument], ["indicator", body]. How each function is written comes once, from `functions`.
"""
from __future__ import annotations

from . import expr as E

_NODES = {
    E.Symbol: lambda e: ["symbol", str(e.ref)],
    E.Sum: lambda e: ["sum", [as_data(t) for t in e.terms]],
    E.Difference: lambda e: ["difference", as_data(e.left), as_data(e.right)],
    E.Product: lambda e: ["product", e.sign, [as_data(f) for f in e.factors]],
    E.Quotient: lambda e: ["quotient", as_data(e.numerator), as_data(e.denominator)],
    E.Power: lambda e: ["power", as_data(e.base), e.exponent],
    E.Half: lambda e: ["half", as_data(e.body)],
    E.Negative: lambda e: ["negative", as_data(e.body)],
    E.Group: lambda e: ["group", e.brackets, as_data(e.body)],
    E.Apply: lambda e: ["apply", e.function.name, as_data(e.argument)],
    E.Indicator: lambda e: ["indicator", as_data(e.body)],
}


def as_data(e):
    """The expression as nested lists, strings and numbers."""
    if isinstance(e, E.Operand):
        return str(e.ref)
    if isinstance(e, E.Const):
        return e.value
    return _NODES[type(e)](e)


def functions(exprs) -> dict:
    """How every function applied in the expressions is written: its name to its templates
    ({} stands for the argument; the bare forms, where given, are for a lone number)."""
    out = {}
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if isinstance(e, E.Apply):
            f = e.function
            out[f.name] = {"tex": f.call_tex, "text": f.call_text, "bare_tex": f.bare_tex, "bare_text": f.bare_text}
        stack.extend(E.children(e))
    return dict(sorted(out.items()))
