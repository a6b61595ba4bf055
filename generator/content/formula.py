"""A formula (generator.maths.expr) written out with its numbers substituted: one writer for
TeX, one for plain text, sharing the rules of where parentheses go.

A number in a leading place (the first term of a sum, the first factor of a product, the left
side of a difference, a function's argument) is written as it is; anywhere else a negative
number or one in scientific notation is put in parentheses, so that 0.2 · (−0.5) never reads
as a subtraction.
"""
from __future__ import annotations

from typing import Callable

from ..maths import expr as E
from ..maths.refs import Ref
from .numbers import Rounded

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _Writer:
    minus = "-"
    subtract = " - "
    products = {"dot": " \\cdot ", "times": " \\cdot ", "cross": " \\times ", "juxtapose": ""}
    brackets = {"()": ("(", ")"), "[]": ("[", "]")}

    def __init__(self, value: Callable[[Ref], Rounded] | None, symbol: Callable[[Ref], str]):
        # Without values, every operand is written as its symbol: the formula in general.
        self.value, self.symbol = value, symbol

    def number(self, r: Rounded) -> str:
        raise NotImplementedError

    def write(self, e, leading: bool = True) -> str:
        if isinstance(e, E.Operand):
            if self.value is None:
                return self.symbol(e.ref)
            r = self.value(e.ref)
            shown = self.number(r)
            return shown if leading or r.is_factor_safe else f"({shown})"
        if isinstance(e, E.Const):
            return str(e.value)
        if isinstance(e, E.Symbol):
            return self.symbol(e.ref)
        if isinstance(e, E.Sum):
            return self.sum(e, leading)
        if isinstance(e, E.Product):
            return self.product(e, leading)
        if isinstance(e, E.Difference):
            return self.write(e.left, leading) + self.subtract + self.write(e.right, False)
        return self.wrapped(e, leading)

    def wrapped(self, e, leading: bool) -> str:
        if isinstance(e, E.Power):
            return self.power(self.write(e.base, False), e.exponent)
        if isinstance(e, E.Quotient):
            return self.quotient(self.write(e.numerator), self.write(e.denominator))
        if isinstance(e, E.Half):
            return self.half + self.write(e.body, leading)
        if isinstance(e, E.Negative):
            return self.minus + self.write(e.body)
        if isinstance(e, E.Group):
            start, end = self.brackets[e.brackets]
            return start + self.write(e.body) + end
        if isinstance(e, E.Apply):
            return self.apply(e)
        if isinstance(e, E.Indicator):
            return f"[{self.write(e.body)} > 0]"
        raise TypeError(f"not an expression: {e!r}")

    def sum(self, e: E.Sum, leading: bool) -> str:
        out = ""
        for i, term in enumerate(e.terms):
            if isinstance(term, E.Negative):
                out += (self.minus if i == 0 else self.subtract) + self.write(term.body)
            else:
                out += ("" if i == 0 else " + ") + self.write(term, leading and i == 0)
        return out

    def product(self, e: E.Product, leading: bool) -> str:
        parts = [self.write(f, leading and i == 0) for i, f in enumerate(e.factors)]
        out = parts[0]
        for part in parts[1:]:
            out += self.join(e.sign, part) + part
        return out

    def join(self, sign: str, following: str) -> str:
        return self.products[sign]

    def apply(self, e: E.Apply) -> str:
        # A bare number needs no parentheses after some functions (\ln 0.587).
        bare = getattr(e.function, f"bare_{self.form}")
        template = bare if bare and isinstance(e.argument, E.Operand) else getattr(e.function, f"call_{self.form}")
        return template.format(self.write(e.argument))


class TexWriter(_Writer):
    form = "tex"
    half = r"\frac{1}{2}"
    brackets = {"()": ("(", ")"), "[]": (r"\left[", r"\right]")}

    def number(self, r: Rounded) -> str:
        return r.tex()

    def join(self, sign: str, following: str) -> str:
        # Juxtaposed factors need a space only before a command such as \ln.
        if sign == "juxtapose":
            return " " if following.startswith("\\") else ""
        return self.products[sign]

    def power(self, base: str, exponent: int) -> str:
        return f"{base}^{exponent}"

    def quotient(self, numerator: str, denominator: str) -> str:
        return rf"\frac{{{numerator}}}{{{denominator}}}"

class TextWriter(_Writer):
    form = "text"
    minus = "−"
    subtract = " − "
    half = "½"
    products = {"dot": "·", "times": " × ", "cross": " × ", "juxtapose": "·"}

    def number(self, r: Rounded) -> str:
        return r.text()

    def power(self, base: str, exponent: int) -> str:
        return base + str(exponent).translate(SUPERSCRIPT)

    def quotient(self, numerator: str, denominator: str) -> str:
        return f"({numerator}) / ({denominator})"



def tex(expr, value: Callable[[Ref], Rounded] | None, symbol: Callable[[Ref], str]) -> str:
    return TexWriter(value, symbol).write(expr)


def text(expr, value: Callable[[Ref], Rounded] | None, symbol: Callable[[Ref], str]) -> str:
    return TextWriter(value, symbol).write(expr)
