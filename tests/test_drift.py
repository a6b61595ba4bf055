"""Why hand calculations drift, read from the built pages: the exact column against the
independent implementation, the round-at-every-step column against a hand calculation redone
here in decimal arithmetic, the original lesson's numbers shown only as quoted, and a gradient
that is a sum shown term by term."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest

from tests import beyond_pages as bp
from tests import pages
from tests.rounding import decimal_exponent, is_correctly_rounded
from tests.test_site_html import expected_symbol


def by_hand(net, x, y, digits) -> dict[str, Decimal]:
    """Every quantity as a careful hand calculation gets it: each product inside a sum and
    each result rounded half up to `digits` significant digits before it is used. `net` is an
    example as its author wrote it (tests/authored.py)."""
    def r(v: Decimal) -> Decimal:
        if v == 0:
            return Decimal(0)
        return v.quantize(Decimal(1).scaleb(v.adjusted() - digits + 1), rounding=ROUND_HALF_UP)

    def f(name, z):
        if name == "sigmoid":
            return 1 / (1 + (-z).exp())
        if name == "tanh":
            return ((2 * z).exp() - 1) / ((2 * z).exp() + 1)
        if name == "relu":
            return max(z, Decimal(0))
        return z

    def df(name, z, a):
        return {"sigmoid": a * (1 - a), "tanh": 1 - a * a, "relu": Decimal(int(z > 0))}.get(name, Decimal(1))

    D = lambda v: Decimal(repr(float(v)))  # noqa: E731 - the digits as written in the example file
    out = {}
    with localcontext() as ctx:
        ctx.prec = 50
        W = [[[D(v) for v in row] for row in w] for w in net.W]
        b = [[D(v) for v in layer] for layer in net.b]
        a = [[D(v) for v in x]]
        z = [None]
        for l in range(1, net.depth + 1):
            zl = [r(sum((r(W[l - 1][j][k] * a[l - 1][k]) for k in range(net.sizes[l - 1])), Decimal(0)) + b[l - 1][j])
                  for j in range(net.sizes[l])]
            al = [r(f(net.activations[l - 1], v)) for v in zl]
            z.append(zl)
            a.append(al)
            for j in range(net.sizes[l]):
                out[f"z{l}_{j + 1}"], out[f"a{l}_{j + 1}"] = zl[j], al[j]
        L, ys = net.depth, [D(v) for v in y]
        if net.loss == "mse":
            out["L"] = r(sum((r(r(aj - yj) ** 2) for aj, yj in zip(a[L], ys)), Decimal(0)) / 2)
            g = [r(aj - yj) for aj, yj in zip(a[L], ys)]
        else:
            terms = []
            for aj, yj in zip(a[L], ys):
                t = Decimal(0)
                if yj != 0:
                    t += yj * r(aj.ln())
                if yj != 1:
                    t += (1 - yj) * r((1 - aj).ln())
                terms.append(t)
            out["L"] = r(-sum(terms, Decimal(0)))
            g = [r((aj - yj) / (aj * (1 - aj))) for aj, yj in zip(a[L], ys)]
        for j, v in enumerate(g, 1):
            out[f"da{L}_{j}"] = v
        for l in range(L, 0, -1):
            name = net.activations[l - 1]
            s = [r(df(name, z[l][j], a[l][j])) for j in range(net.sizes[l])]
            if l == L and net.loss == "bce" and name == "sigmoid":
                delta = [r(aj - yj) for aj, yj in zip(a[L], ys)]
            else:
                delta = [r(gj * sj) for gj, sj in zip(g, s)]
            for j in range(net.sizes[l]):
                out[f"s{l}_{j + 1}"], out[f"dz{l}_{j + 1}"], out[f"db{l}_{j + 1}"] = s[j], delta[j], delta[j]
                for k in range(net.sizes[l - 1]):
                    out[f"dW{l}_{j + 1}_{k + 1}"] = r(delta[j] * a[l - 1][k])
            # Back to the layer before (to the inputs, for the first layer).
            g = []
            for k in range(net.sizes[l - 1]):
                terms = [r(W[l - 1][j][k] * delta[j]) for j in range(net.sizes[l])]
                out[f"terms{l - 1}_{k + 1}"] = terms
                g.append(r(sum(terms, Decimal(0))))
                out[f"da{l - 1}_{k + 1}" if l > 1 else f"dx{k + 1}"] = g[-1]
    return out


def ids_by_symbol(net, ids) -> dict[str, str]:
    return {re.sub(r"\s+", "", expected_symbol(id, net)): id for id in ids}


@pytest.fixture(scope="module")
def drift_pages(built_site, computed, examples):
    """Per example as its author wrote it: its drift page, the table's header and rows."""
    out = []
    for c in computed:
        page = pages.topic_page(built_site, c, "drift")
        header = bp.tables(page, "bp-drift")[0][0]
        out.append((examples[c.example.slug], page, header, bp.table(page, "bp-drift")))
    return out


def test_every_quantity_is_shown_exact_and_rounded_at_every_step(drift_pages):
    for ex, page, header, rows in drift_pages:
        digits = ex.digits
        exact = ex.values()
        hand = by_hand(ex, ex.x, ex.y, digits)
        # The same calculation kept to 40 digits: the exact value in decimal, free of the
        # binary noise a double carries (0.47 stored as 0.47000000000000003).
        precise = by_hand(ex, ex.x, ex.y, 40)
        symbols = ids_by_symbol(ex, exact)
        assert header[1].startswith("Exact") and header[2] == "Rounded at every step"
        assert len(rows) == len(exact), page.name
        for row in rows:
            id = symbols[re.sub(r"\s+", "", bp.unwrap(row[0]))]
            assert is_correctly_rounded(bp.unwrap(row[1]), exact[id], digits), (page.name, id)
            assert bp.number(row[2]) == Fraction(hand[id]), (page.name, id, row[2], hand[id])
            assert row[3] == ("yes" if bp.unwrap(row[1]) == bp.unwrap(row[2]) else "no"), (page.name, id)
            if precise[id] == 0:
                assert row[4] == "—"
            else:
                relative = float(abs(hand[id] - precise[id]) / abs(precise[id]))
                assert is_correctly_rounded(bp.unwrap(row[4]), relative, digits), (page.name, id, row[4], relative)


def test_the_digits_do_part_somewhere_for_the_seed(drift_pages):
    (ex, page, _, rows), = [d for d in drift_pages if d[0].slug == "seed"]
    assert any(r[3] == "no" for r in rows)
    assert "Where the digits part" in bp.text(page)


def test_rounding_at_every_step_gives_sigma_of_0883_as_0707(drift_pages):
    # The original lesson prints 0.708 for sigma(0.883); rounding at every step to three
    # digits gives 0.707, so the printed digit is a slip, not rounding drift.
    (ex, page, header, rows), = [d for d in drift_pages if d[0].slug == "seed"]
    hand = by_hand(ex, ex.x, ex.y, 3)
    assert hand["z2_1"] == Decimal("0.883") and hand["a2_1"] == Decimal("0.707")
    row = next(r for r in rows if bp.unwrap(r[0]) == "a^{(2)}")
    assert bp.unwrap(row[1]) == "0.707" and bp.unwrap(row[2]) == "0.707"
    assert header[5].startswith("Quoted") and "original lesson" in header[5]
    assert bp.unwrap(row[5]) == "0.708" and row[6].startswith("slip")
    html = bp.text(page)
    assert re.search(r"\\sigma\(0\.883\) (?:=|\\approx) \{?0\.707\}?\\\)", html)


def test_the_lesson_values_appear_only_where_labelled_as_quoted(drift_pages, built_site):
    (ex, page, header, rows), = [d for d in drift_pages if d[0].slug == "seed"]
    digits = ex.digits
    exact = ex.values()
    symbols = ids_by_symbol(ex, exact)
    html = bp.text(page)
    # Remove the quoted column and every formula followed by "(quoted)"; a printed value
    # that no computation gives must then be gone from the page.
    body = re.sub(r'<span class="arithmatex">[^<]*</span>\s*\(quoted\)', "", html)
    body = re.sub(r"<td>(?:(?!</td>).)*</td>\s*<td>(?:(?!</td>).)*</td>\s*</tr>", "</tr>", body, flags=re.S)
    checked = 0
    for row in rows:
        printed = bp.unwrap(row[5])
        if printed == "—":
            continue
        id = symbols[re.sub(r"\s+", "", bp.unwrap(row[0]))]
        if is_correctly_rounded(printed, exact[id], digits) or printed in (bp.unwrap(row[1]), bp.unwrap(row[2])):
            continue  # the page shows this number as computed anyway
        assert not re.search(rf"(?<![\d.]){re.escape(printed)}(?![\d])", body), (id, printed)
        checked += 1
    assert checked >= 1
    # The other pages never show the lesson's slip at all.
    for other in ("numerical-example.html", "learning-step.html", "notations.html", "gradient-check.html"):
        assert "0.708" not in (built_site / other).read_text(encoding="utf-8"), other


def test_a_gradient_that_is_a_sum_is_shown_term_by_term(built_site, computed, examples):
    two = [c for c in computed if examples[c.example.slug].sizes[-1] >= 2]
    assert two, "an example with two outputs is expected in examples/"
    for c in two:
        net = examples[c.example.slug]
        digits = net.digits
        exact = net.values()
        hand = by_hand(net, net.x, net.y, digits)
        for page in (built_site / "rounding-drift.html", pages.topic_page(built_site, c, "drift")):
            found = [t[1:] for t in bp.tables(page) if t[0] == ["Term", "Substituted", "Exact", "Rounded at every step"]]
            assert found, page.name
            for rows in found:
                # Each term is W_jk^(l+1) dL/dz_j^(l+1): the first term names l and k.
                k, l = (int(v) for v in re.search(r"W_\{1(\d+)\}\^\{\((\d+)\)\}", rows[0][0]).groups())
                l -= 1
                total = [cell for i, cell in enumerate(rows[-1]) if i != 1]
                terms = [[cell for i, cell in enumerate(r) if i != 1] for r in rows[:-1]]
                assert len(terms) == net.sizes[l + 1] >= 2
                unit = Fraction(0)
                for j, term in enumerate(terms, start=1):
                    value = float(net.W[l][j - 1][k - 1]) * exact[f"dz{l + 1}_{j}"]
                    assert is_correctly_rounded(bp.unwrap(term[1]), value, digits), (page.name, l, k, j)
                    assert bp.number(term[2]) == Fraction(hand[f"terms{l}_{k}"][j - 1]), (page.name, l, k, j)
                assert is_correctly_rounded(bp.unwrap(total[1]), exact[f"da{l}_{k}"], digits), (page.name, l, k)
                assert bp.number(total[2]) == Fraction(hand[f"da{l}_{k}"]), (page.name, l, k)
                # The shown terms add up to the shown total, within their rounding.
                shown_terms = [bp.number(t[1]) for t in terms]
                for v in shown_terms + [bp.number(total[1])]:
                    unit += Fraction(10) ** (decimal_exponent(v) - digits + 1) / 2
                assert abs(sum(shown_terms) - bp.number(total[1])) <= unit, (page.name, l, k)


