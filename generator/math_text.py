"""A typeset formula written as one line of plain text, from the MathML MathJax made of it:
for the search index, whose results show a section's words as text, where a formula's TeX
(\\frac{\\partial L}{\\partial a_j^{(N)}}) would read as code and its drawing cannot go.

    ∂L/∂a_j^(N) = a_j^(N) − y_j        σ′(z⁽²⁾) ≈ 0.707(1 − 0.707) ≈ 0.207

The symbols are MathJax's own (∂, −, ⋅, ≈). A script made only of digits, signs and brackets is
written with Unicode's small digits, as the tables write z₁⁽¹⁾; any other script follows _ or
^, in brackets when it is more than one term. A fraction is written with /, its numerator and
denominator in brackets when they are more than one term; an aligned equation's rows are
separated by semicolons, a matrix's cells by commas.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_SUB = str.maketrans("0123456789+−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUP = str.maketrans("0123456789+−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SMALL = set("0123456789+−=()")

RELATIONS = set("=≈→≤≥<>≠∈≡∼↦")
BINARY = set("+−⋅×⊙±∓∗∘")
OPENING = set("([{⟨")
CLOSING = set(")]}⟩")
FENCES = set("|‖")
PRIMES = set("′″‴")
LARGE = {"∑", "∏", "∫"}
# How an operator joins its neighbours, by what it writes.
OPERATORS = (("large", LARGE), ("rel", RELATIONS), ("bin", BINARY), ("open", OPENING), ("close", CLOSING),
             ("fence", FENCES), ("prime", PRIMES), ("punct", {",", ";"}), ("slash", {"/"}))
# What a binary operator after it joins to (else the operator is a sign: −0.08, (−0.5)).
ENDS_A_TERM = ("ord", "close", "function", "prime", "fence")
# MathJax marks a function applied to what follows, and a product written by juxtaposition,
# with invisible operators: nothing to write.
INVISIBLE = set("\u2061\u2062\u2063\u2064")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)
    text: str = ""


# MathJax's MathML, as its serializer writes it: tags, attributes in double quotes, and text
# with &, < and > escaped.
_TOKEN = re.compile(r'<(/?)([a-z-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(/?)>|([^<]+)')
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def _tree(mathml: str) -> _Node:
    root = _Node("root", {})
    stack = [root]
    for m in _TOKEN.finditer(mathml):
        closing, tag, attributes, empty, text = m.groups()
        if text is not None:
            stack[-1].text += html.unescape(text)
        elif closing:
            while len(stack) > 1 and stack.pop().tag != tag:
                pass
        else:
            node = _Node(tag, {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(attributes)})
            stack[-1].children.append(node)
            if not empty:
                stack.append(node)
    return root


@dataclass(frozen=True)
class _Atom:
    """One piece of a row: its text and how it joins its neighbours."""
    kind: str  # "ord", "rel", "bin", "open", "close", "fence", "punct", "slash", "large", "function", "prime", "space"
    text: str
    fraction: bool = False
    # Whether it ends in a script written after _ or ^, which a neighbour must not run into.
    marked: bool = False


def text_of_mathml(mathml: str) -> str:
    """The formula in `mathml` (a <math> element) as one line of plain text."""
    return _join(_atoms_of_all(_tree(mathml).children))


def _atoms_of_all(nodes) -> list[_Atom]:
    return [atom for node in nodes for atom in _atoms(node)]


def _atoms(node: _Node) -> list[_Atom]:
    tag = node.tag
    if tag in ("mi", "mn", "mtext", "ms"):
        text = node.text.replace("\u00a0", " ")
        if not text.strip():
            return []
        return [_Atom("function" if tag == "mi" and len(text) > 1 else "ord", text)]
    if tag == "mo":
        return _operator(node.text.strip())
    if tag == "mspace":
        return [_Atom("space", " " if _em(node.attrs.get("width", "0")) >= 0.5 else "\u202f")]
    if tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
        return _scripted(node)
    if tag == "mfrac" and len(node.children) == 2:
        numerator, denominator = (_join(_atoms(c)) for c in node.children)
        return [_Atom("ord", f"{_grouped(numerator)}/{_grouped(denominator)}", fraction=True)]
    if tag == "msqrt":
        return [_Atom("ord", "√" + _grouped(_join(_atoms_of_all(node.children))))]
    if tag == "mroot" and len(node.children) == 2:
        body, index = (_join(_atoms(c)) for c in node.children)
        return [_Atom("ord", f"{index}√{_grouped(body)}")]
    if tag == "mtable":
        return [_Atom("ord", _table(node))]
    if tag in ("mphantom", "annotation", "annotation-xml"):
        return []
    if tag == "semantics":
        return _atoms(node.children[0]) if node.children else []
    # math, mrow, mstyle, mpadded, menclose, mtd: their children in a row.
    return _atoms_of_all(node.children)


def _operator(text: str) -> list[_Atom]:
    if not text or all(c in INVISIBLE for c in text):
        return []
    for kind, members in OPERATORS:
        if text in members:
            return [_Atom(kind, text)]
    return [_Atom("function" if len(text) > 1 else "ord", text)]


def _scripted(node: _Node) -> list[_Atom]:
    """A base with scripts below, above or beside it: the base's atoms, the last of them
    carrying the scripts (so that `)^T` stays a closing bracket)."""
    if not node.children:
        return []
    base = _atoms(node.children[0])
    scripts = [_join(_atoms(c)) for c in node.children[1:]]
    under = node.tag in ("msub", "msubsup", "munder", "munderover")
    marks = ["_" if under and i == 0 else "^" for i in range(len(scripts))]
    written = [_script(s, mark) for s, mark in zip(scripts, marks)]
    suffix = "".join(written)
    marked = bool(written) and written[-1][:1] in ("_", "^")
    if not base:
        return [_Atom("ord", suffix, marked=marked)]
    last = base[-1]
    kind = last.kind if last.kind in ("close", "large", "function") else "ord"
    return base[:-1] + [_Atom(kind, last.text + suffix, marked=marked)]


def _script(text: str, mark: str) -> str:
    """A script written small, or after its mark; in either case without spaces (l−1), so that
    it reads as one piece of what it is attached to."""
    text = text.replace(" ", "").replace("\u202f", "")
    if text and all(c in PRIMES for c in text):
        return text
    if text and all(c in _SMALL for c in text):
        return text.translate(_SUB if mark == "_" else _SUP)
    return mark + _grouped(text)


def _grouped(text: str) -> str:
    """`text` as one term: in brackets when it is more than one (terms or operators outside
    brackets, or factors side by side, as in a(1 − a))."""
    if re.search(r"[ \u202f+−⋅×⊙=≈/,;]", _outside_brackets(text)) or re.search(r"[^\^_(]\(", text):
        return f"({text})"
    return text


def _outside_brackets(text: str) -> str:
    """What `text` writes outside any brackets."""
    out, depth = "", 0
    for c in text:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out += c
    return out


def _table(node: _Node) -> str:
    """An aligned set of equations (no space between its columns: each row reads as one
    equation) or a matrix (its cells separated by commas); rows separated by semicolons."""
    aligned = node.attrs.get("columnspacing", "").strip().startswith("0")
    rows = []
    for row in (c for c in node.children if c.tag in ("mtr", "mlabeledtr")):
        cells = [_atoms(c) for c in row.children if c.tag == "mtd"]
        if aligned:
            rows.append(_join([a for cell in cells for a in cell]))
        else:
            rows.append(", ".join(_join(cell) for cell in cells))
    return "; ".join(r for r in rows if r)


def _em(width: str) -> float:
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*(em)?\s*", width)
    return float(m.group(1)) if m else 0.0


def _join(atoms: list[_Atom]) -> str:
    """A row of atoms as text: spaces around relations and binary operators between terms, a
    sign stuck to what it signs, a space after a sum's sign or a function's name unless a
    bracket follows."""
    out = ""
    before: _Atom | None = None  # the last atom written, spaces aside
    gap = ""  # the space written in the formula after it, if any
    for atom in atoms:
        if atom.kind == "space":
            if before is not None and gap != " ":
                gap = atom.text
            continue
        if atom.kind == "rel":
            out = out.rstrip() + f" {atom.text} "
        elif atom.kind == "bin" and before is not None and before.kind in ENDS_A_TERM:
            out = out.rstrip() + f" {atom.text} "
        elif atom.kind == "punct":
            out = out.rstrip() + f"{atom.text} "
        else:
            if before is not None and not out.endswith(" ") and _apart(before, atom, bool(gap)):
                # A thin space groups a number's digits (2 000); between factors it is a space.
                digits = gap == "\u202f" and before.text[-1:].isdigit() and atom.text[:1].isdigit()
                out += "\u202f" if digits else " "
            out += atom.text
        before, gap = atom, ""
    return re.sub(" {2,}", " ", out).strip()


def _apart(before: _Atom, atom: _Atom, spaced: bool) -> bool:
    """Whether a space goes between two neighbouring atoms."""
    if atom.kind in ("close", "prime", "slash") or before.kind in ("open", "slash", "bin"):
        return False
    if atom.kind == "fence":
        return spaced
    if before.kind == "large" or atom.kind == "large" or before.fraction:
        return True
    if before.kind == "function":
        return atom.kind != "open"
    if atom.kind == "function":
        return before.kind in ("ord", "close", "prime")
    if before.marked:
        return atom.kind in ("ord", "function", "open")
    return spaced and atom.kind != "open"
