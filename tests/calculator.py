"""A reader's calculator: reads a printed line (plain text as in the graph's log, or TeX as on
a page), evaluates its formula with the numbers exactly as printed, and says whether the printed
result follows. It shares no code with the generator.

Grammar of a formula, as the site prints them:
    sum     := product (("+" | "−") product)*
    product := power (("·" | "×" | "/" | nothing) power)*
    power   := unary "²"?
    unary   := "−" unary | primary
    primary := number | "(" sum ")" | "[" sum "]" | "[" sum "> 0" "]" | "½" primary
             | ("σ" | "tanh") "(" sum ")" | "max(0," sum ")" | "ln" primary
Numbers are plain decimals or "1.23 × 10⁻⁵"; "−" is the true minus sign.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext

PRECISION = 80
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?(?: × 10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?)|(?P<word>max\(0,|tanh|ln|σ)|(?P<op>[-+−·×/()\[\]²½>]))")


def tex_to_text(tex: str) -> str:
    """A formula in the site's TeX, rewritten in the plain text the graph's log uses."""
    out = tex
    out = re.sub(r"(\d+(?:\.\d+)?) \\times 10\^\{(-?\d+)\}",
                 lambda m: f"{m.group(1)} × 10{m.group(2).translate(str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'))}", out)
    out = out.replace(r"\frac{1}{2}", "½")
    # \frac{a}{b} -> (a) / (b); numerators and denominators hold no nested \frac here.
    out = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1) / (\2)", out)
    for tex_form, text_form in ((r"\left[", "["), (r"\right]", "]"), (r"\left(", "("), (r"\right)", ")"),
                                (r"\cdot", "·"), (r"\times", "×"), (r"\sigma", "σ"), (r"\tanh", "tanh"),
                                (r"\max(0, ", "max(0,"), (r"\ln", "ln"), ("^2", "²"), ("{", ""), ("}", "")):
        out = out.replace(tex_form, text_form)
    return out.replace("-", "−")


def number(token: str) -> Decimal:
    mantissa, _, power = token.partition(" × 10")
    value = Decimal(mantissa)
    return value.scaleb(int(power.translate(SUPERSCRIPT))) if power else value


def digits_of(token: str) -> int:
    """Significant digits a printed number shows (trailing zeros after the point count)."""
    mantissa = token.partition(" × 10")[0].lstrip("−-")
    kept = mantissa.replace(".", "").lstrip("0") if "." in mantissa else mantissa.lstrip("0").rstrip("0")
    return len(kept) or 1


class _Parser:
    def __init__(self, text: str):
        self.tokens, position = [], 0
        text = text.strip()
        while position < len(text):
            m = TOKEN.match(text, position)
            if not m or m.end() == position:
                raise ValueError(f"cannot read {text[position:]!r} in {text!r}")
            self.tokens.append((m.lastgroup, m.group(m.lastgroup)))
            position = m.end()
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        kind, token = self.peek()
        if value is not None and token != value:
            raise ValueError(f"expected {value!r}, got {token!r}")
        self.i += 1
        return token

    def sum(self):
        value = self.product()
        while self.peek()[1] in ("+", "−", "-"):
            sign = self.take()
            right = self.product()
            value = value + right if sign == "+" else value - right
        return value

    def starts_primary(self):
        kind, token = self.peek()
        return kind in ("number", "word") or token in ("(", "[", "½")

    def product(self):
        value = self.power()
        while self.peek()[1] in ("·", "×", "/") or self.starts_primary():
            op = self.take() if self.peek()[1] in ("·", "×", "/") else "·"
            right = self.power()
            value = value / right if op == "/" else value * right
        return value

    def power(self):
        value = self.unary()
        if self.peek()[1] == "²":
            self.take()
            value = value * value
        return value

    def unary(self):
        if self.peek()[1] in ("−", "-"):
            self.take()
            return -self.unary()
        return self.primary()

    def primary(self):
        kind, token = self.peek()
        if kind == "number":
            return number(self.take())
        if token in ("(", "["):
            close = ")" if self.take() == "(" else "]"
            value = self.sum()
            if close == "]" and self.peek()[1] == ">":
                self.take(">")
                if number(self.take()) != 0:
                    raise ValueError("only [z > 0] is an indicator")
                value = Decimal(1) if value > 0 else Decimal(0)
            self.take(close)
            return value
        if token == "½":
            # ½ halves everything up to the end of the power after it: ½(a − y)².
            self.take()
            return self.power() / 2
        return self.function()

    def function(self):
        name = self.take()
        if name == "max(0,":
            value = self.sum()
            self.take(")")
            return max(value, Decimal(0))
        argument = self.primary()
        if name == "σ":
            return 1 / (1 + (-argument).exp())
        if name == "tanh":
            return ((2 * argument).exp() - 1) / ((2 * argument).exp() + 1)
        if name == "ln":
            return argument.ln()
        raise ValueError(f"unknown function {name!r}")


def evaluate(formula: str) -> Decimal:
    """A formula in plain text, evaluated with its numbers exactly as printed."""
    return evaluate_exactly(formula)[0]


def evaluate_exactly(formula: str) -> tuple[Decimal, bool]:
    """The formula's value, and whether no step had to round it (σ(1000) is 1 to any number of
    digits this calculator keeps, yet not equal to 1)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.clear_flags()
        parser = _Parser(formula)
        value = parser.sum()
        if parser.i != len(parser.tokens):
            raise ValueError(f"left over after the formula: {parser.tokens[parser.i:]} in {formula!r}")
        value = +value
        return value, not ctx.flags[Inexact]


def rounded(value: Decimal, digits: int) -> Decimal:
    if value == 0:
        return Decimal(0)
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def holds(formula: str, relation: str, result: str) -> tuple[bool, str]:
    """Whether `formula relation result` is true as printed: = means equal, ≈ means the formula's
    value rounded to the digits of the result is the result (and is not equal to it)."""
    value, exactly = evaluate_exactly(formula)
    shown = evaluate(result)
    if relation == "=":
        return value == shown and exactly, f"{formula} = {value}{'' if exactly else ' (rounded)'}, not {result}"
    again = rounded(value, digits_of(result.replace("(", "").replace(")", "")))
    if again != shown:
        return False, f"{formula} = {value}, which rounds to {again}, not {result}"
    return value != shown or not exactly, f"{formula} is exactly {result}: the line should say ="


def follows(formula: str, result: str) -> bool:
    """Whether the result follows from the formula as printed, exactly or by rounding (for
    numbers printed side by side in a table, with no = or ≈ between them)."""
    value, shown = evaluate(formula), evaluate(result)
    return value == shown or rounded(value, digits_of(result.lstrip("−-"))) == shown


def split_line(line: str) -> tuple[str, list[tuple[str, str]]]:
    """A printed line `symbol = formula ≈ result` as (symbol, [(relation, part), ...])."""
    pieces = re.split(r" (=|≈) ", line)
    return pieces[0], list(zip(pieces[1::2], pieces[2::2]))


# --- Matrix lines ------------------------------------------------------------------------------

MATRIX_TOKEN = re.compile(r"\s*(?:(?P<matrix>\\begin\{bmatrix\}.*?\\end\{bmatrix\})|(?P<scalar>\\frac\{1\}\{\d+\})"
                          r"|(?P<op>\\odot|-|\\left\(|\\right\)|\(|\)))", re.S)


def matrix(tex: str) -> list[list[Decimal]]:
    body = re.search(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", tex, re.S).group(1)
    return [[evaluate(tex_to_text(e.strip())) for e in row.split("&")] for row in re.split(r"\\\\", body)]


def matrix_digits(tex: str) -> list[list[int]]:
    body = re.search(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", tex, re.S).group(1)
    return [[digits_of(tex_to_text(e.strip()).lstrip("−")) for e in row.split("&")] for row in re.split(r"\\\\", body)]


def _matmul(a, b):
    return [[sum((a[i][k] * b[k][j] for k in range(len(b))), Decimal(0)) for j in range(len(b[0]))] for i in range(len(a))]


def _elementwise(a, b, op):
    return [[op(x, y) for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def evaluate_matrices(tex: str):
    """A line of bmatrices joined by juxtaposition (matrix product), - and \\odot (element by
    element), with parentheses; products bind tighter than - and \\odot, which go left to right."""
    tokens, position = [], 0
    while position < len(tex.strip()):
        m = MATRIX_TOKEN.match(tex, position)
        if not m:
            raise ValueError(f"cannot read {tex[position:]!r}")
        if m.group("scalar"):
            # 1/m in front of a product scales it: a 1 x 1 matrix times each entry.
            tokens.append(("scale", Decimal(1) / Decimal(re.search(r"\{(\d+)\}$", m.group("scalar")).group(1))))
        else:
            tokens.append(matrix(m.group("matrix")) if m.group("matrix") else m.group("op"))
        position = m.end()
    with localcontext() as ctx:
        ctx.prec = PRECISION
        value, rest = _matrix_expression(tokens)
    if rest:
        raise ValueError(f"left over: {rest}")
    return value


def _matrix_expression(tokens):
    value, tokens = _matrix_product(tokens)
    while tokens and tokens[0] in ("-", r"\odot"):
        op, (right, tokens) = tokens[0], _matrix_product(tokens[1:])
        value = _elementwise(value, right, (lambda x, y: x - y) if op == "-" else (lambda x, y: x * y))
    return value, tokens


def _matrix_product(tokens):
    value, tokens = _matrix_primary(tokens)
    while tokens and (isinstance(tokens[0], (list, tuple)) or tokens[0] in (r"\left(", "(")):
        right, tokens = _matrix_primary(tokens)
        value = _matmul(value, right)
    return value, tokens


def _matrix_primary(tokens):
    if isinstance(tokens[0], tuple):
        factor = tokens[0][1]
        value, rest = _matrix_product(tokens[1:])
        return [[factor * v for v in row] for row in value], rest
    if isinstance(tokens[0], list):
        return tokens[0], tokens[1:]
    if tokens[0] in (r"\left(", "("):
        value, tokens = _matrix_expression(tokens[1:])
        return value, tokens[1:]
    raise ValueError(f"unexpected {tokens[0]!r}")


def matrix_line_holds(formula: str, relation: str, result: str) -> tuple[bool, str]:
    """A matrix line holds as printed, entry by entry. A factor both sides end with
    (`... ⊙ [s] ≈ [d] ⊙ [s]`) is carried along, not computed: the step is the part before it."""
    common = re.search(r" \\odot \\begin\{bmatrix\}[^$]*?\\end\{bmatrix\}$", formula)
    if common and result.endswith(common.group(0)):
        formula, result = formula[:common.start()], result[:-len(common.group(0))]
    value = evaluate_matrices(formula)
    shown, digits = matrix(result), matrix_digits(result)
    for i, (row, shown_row, digit_row) in enumerate(zip(value, shown, digits)):
        for j, (v, s, d) in enumerate(zip(row, shown_row, digit_row)):
            if (v != s) if relation == "=" else (rounded(v, d) != s):
                return False, f"entry {i + 1},{j + 1}: {v} against {s}"
    return True, ""
