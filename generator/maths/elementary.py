"""Sums rounded once, and exp, expm1, tanh, log, log1p and softplus, from the four basic
operations of double precision.

numpy's exp and tanh, and the platform's libm behind np.log1p, differ between machines in
the last bit (numpy picks SIMD code by processor), and so do the browsers' Math.exp and
Math.tanh; BLAS, behind W @ v, sums in an order of its own, with fused multiply-adds, that
depends on the processor too. Every operation here is an addition, subtraction,
multiplication or division of doubles, each correctly rounded by IEEE 754 on every machine,
or an exact scaling by a power of two, or a sum rounded once (which has only one possible
result). `docs/assets/javascripts/backprop-elementary.js` performs the same operations in the
same order, so the page's engine and this one agree to the bit, and a page reproduces the
build's digits exactly.

The methods are the classical ones (Cody and Waite's argument reduction, a Taylor polynomial
for exp, the atanh series for log, rounding errors carried and added back where a result
would amplify them); errors stay below one unit in the last place for exp, expm1, log and
log1p and below one and a half for tanh and softplus, as tests/test_elementary.py measures
against exact decimal arithmetic.
"""
from __future__ import annotations

import math

import numpy as np

# ln 2 split in two: LN2_HI has 32 significant bits, so k * LN2_HI is exact for every k
# that occurs (|k| < 1100); LN2_LO is the double nearest to ln 2 - LN2_HI.
LN2_HI = 0.6931471803691238
LN2_LO = 1.9082149292705877e-10
INV_LN2 = 1.4426950408889634  # the double nearest to 1 / ln 2
SQRT_HALF = 0.7071067811865476  # the double nearest to sqrt(1/2)

# Taylor coefficients of expm1 from 1/2! to 1/14!: the first term left out is below 1e-18
# relative for the reduced arguments |r| <= ln(2)/2. Each is one correctly rounded division.
EXPM1_COEFFICIENTS = [1 / math.factorial(n) for n in range(2, 15)]
# Coefficients 2/3, 2/5, ..., 2/21 of the series log(1 + f) = 2 atanh(s), s = f / (2 + f),
# in powers of s^2 <= 0.0295: the first term left out is below 1e-18 relative.
ATANH_COEFFICIENTS = [2 / (2 * j + 1) for j in range(1, 11)]


# 2^27 + 1: multiplying by it splits a double into two halves of 26 bits (Veltkamp), whose
# products with another double's halves are exact.
SPLITTER = 134217729.0


def total(terms) -> float:
    """The sum of the terms rounded once (math.fsum: the double nearest to the exact sum, in
    any order), a zero sum as +0.0. Where a term is infinite or NaN, or a partial sum leaves
    the double range, their sum from left to right, which is then infinite or NaN as well."""
    terms = [float(t) for t in terms]
    if all(map(math.isfinite, terms)):
        try:
            return math.fsum(terms) + 0.0
        except OverflowError:
            pass
    s = 0.0
    for t in terms:
        s += t
    return s


def two_product(a, b):
    """a * b rounded, and its rounding error (Dekker): exact unless the product is below
    about 2^-969, where the error itself underflows. Element by element for numpy arrays."""
    p = a * b
    c = SPLITTER * a
    a_hi = c - (c - a)
    a_lo = a - a_hi
    c = SPLITTER * b
    b_hi = c - (c - b)
    b_lo = b - b_hi
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def weighted_sums(W: np.ndarray, v: np.ndarray, b: np.ndarray) -> np.ndarray:
    """W v + b with each entry rounded once: every product split into its rounded value and
    its exact error, and all of them summed together with b. Where a product overflows, its
    error is NaN: then the plain sum of the products and b."""
    with np.errstate(invalid="ignore", over="ignore"):
        products, errors = two_product(W, v)
    terms = np.concatenate((products, errors, b[:, None]), axis=1)
    if np.isfinite(terms).all():
        # The common case, checked once for the whole matrix rather than term by term.
        try:
            return np.array([math.fsum(row) + 0.0 for row in terms.tolist()])
        except OverflowError:
            pass
    rows = zip(products.tolist(), errors.tolist(), b.tolist())
    return np.array([total(p + e + [bias]) if all(map(math.isfinite, e)) else total(p + [bias]) for p, e, bias in rows])


def pow2(k: int) -> float:
    """2^k exactly, for -1074 <= k <= 1023."""
    return math.ldexp(1.0, k)


def scale(y: float, k: int) -> float:
    """y * 2^k rounded once, for y in [0.5, 2): in two exact-or-final steps near the ends of
    the exponent range, so a subnormal result is not rounded twice."""
    if k > 1023:
        return y * pow2(1023) * pow2(k - 1023)
    if k < -1022:
        return y * pow2(k + 100) * pow2(-100)
    return y * pow2(k)


def _reduce(x: float) -> tuple[int, float, float]:
    """k, r and c with x = k ln 2 + r + c, |r| <= ln(2)/2 + a little, c the rounding error
    of r. x - k * LN2_HI is exact (both are multiples of the unit in x's last place)."""
    k = math.floor(x * INV_LN2 + 0.5)
    hi = x - k * LN2_HI
    lo = k * LN2_LO
    r = hi - lo
    return k, r, (hi - r) - lo


def _two_sum(a: float, b: float) -> tuple[float, float]:
    """a + b rounded, and its rounding error exactly (Knuth's two-sum)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _expm1_reduced(x: float) -> tuple[int, float, float]:
    """k, e and e_error with e^x = 2^k (1 + e + e_error): e is e^r - 1 for the reduced
    argument r, from the Taylor polynomial with r kept apart so that it is added last, and
    e_error the rounding error of that last addition plus the correction for r's own."""
    k, r, c = _reduce(x)
    q = EXPM1_COEFFICIENTS[-1]
    for coefficient in reversed(EXPM1_COEFFICIENTS[:-1]):
        q = coefficient + r * q
    tail = (r * r) * q + (c + c * r)
    e = r + tail
    return k, e, tail - (e - r)  # exact: |r| > |tail|


def exp(x: float) -> float:
    if x != x:
        return x
    if x > 710.0:
        return math.inf
    if x < -746.0:
        return 0.0
    k, e, e_error = _expm1_reduced(x)
    s, error = _two_sum(1.0, e)
    return scale(s + (error + e_error), k)


def _expm1_pair(x: float) -> tuple[float, float]:
    """e^x - 1 as hi + lo, hi the larger part and lo about one unit in hi's last place, for
    finite x in [-40, 710]: tanh uses lo to keep its quotient from amplifying hi's error."""
    k, e, e_error = _expm1_reduced(x)
    if k == 0:
        return e, e_error
    if -53 <= k <= 52:
        # 2^k - 1 and 2^k e are exact; so is the rounding error of their sum.
        p = pow2(k)
        hi, error = _two_sum(p - 1.0, p * e)
        return hi, error + p * e_error
    if k < -53:
        return -1.0, pow2(k) * (1.0 + e)
    s, error = _two_sum(1.0, e)
    return scale(s, k), scale(error + e_error, k) - 1.0


def expm1(x: float) -> float:
    """e^x - 1, accurate for x near 0 where exp(x) - 1 would cancel."""
    if x != x or x == 0.0:
        return x
    if x > 710.0:
        return math.inf
    if x < -40.0:
        return -1.0  # e^x < 2^-57 here: -1 + e^x rounds to -1
    hi, lo = _expm1_pair(x)
    return hi + lo


def tanh(x: float) -> float:
    if x != x or x == 0.0:
        return x
    ax = abs(x)
    if ax > 22.0:
        return 1.0 if x > 0 else -1.0  # 1 - tanh(22) < 2^-62: rounds to 1
    if ax < 1.0:
        # tanh|x| = -t / (2 + t) with t = e^-2|x| - 1 = hi + lo. The quotient of the rounded
        # parts, then its first-order correction for lo and for the rounding of 2 + hi.
        hi, lo = _expm1_pair(-2.0 * ax)
        d = 2.0 + hi
        d_error = (2.0 - d) + hi
        q = -hi / d
        y = q + q * (lo / hi - (d_error + lo) / d)
    else:
        # 1 - 2/(e^2|x| + 1): the rounding errors of the small quotient barely reach the result.
        y = 1.0 - 2.0 / (2.0 + expm1(2.0 * ax))
    return y if x > 0 else -y


def _split(x: float) -> tuple[float, int]:
    """m and k with x = m 2^k and m in [sqrt(1/2), sqrt(2)), for positive finite x; exact."""
    m, k = math.frexp(x)
    if m < SQRT_HALF:
        return m * 2.0, k - 1
    return m, k


def _log_parts(k: int, f: float, low: float) -> float:
    """k ln 2 + log(1 + f) + low for |f| < 0.42 and a tiny correction `low`, summed from the
    smallest terms up so that the large ones are added last."""
    s = f / (2.0 + f)
    z = s * s
    q = ATANH_COEFFICIENTS[-1]
    for coefficient in reversed(ATANH_COEFFICIENTS[:-1]):
        q = coefficient + z * q
    R = z * q
    hf = 0.5 * f * f
    return k * LN2_HI - ((hf - (s * (hf + R) + (k * LN2_LO + low))) - f)


def log(x: float) -> float:
    if x != x or x < 0:
        return math.nan
    if x == 0:
        return -math.inf
    if x == math.inf:
        return x
    m, k = _split(x)
    return _log_parts(k, m - 1.0, 0.0)


def log1p(u: float) -> float:
    """log(1 + u), accurate for u near 0 where log(1 + u) would lose u's digits."""
    if u != u or u < -1.0:
        return math.nan
    if u == -1.0:
        return -math.inf
    if u == math.inf or abs(u) < 2.0**-54:
        return u
    c = 1.0 + u
    # The rounding error of 1 + u, exactly (Dekker's fast two-sum, larger term first).
    error = 1.0 - (c - u) if abs(u) >= 1.0 else u - (c - 1.0)
    m, k = _split(c)
    return _log_parts(k, m - 1.0, error / c)


def softplus(t: float) -> float:
    """log(1 + e^t) without overflow: max(t, 0) + log1p(e^-|t|)."""
    return (t if t > 0 else 0.0) + log1p(exp(-abs(t)))


def each(f, values) -> np.ndarray:
    """f applied to every entry of an array (or a number), as a float array of its shape."""
    values = np.asarray(values, dtype=float)
    return np.array([f(v) for v in values.ravel().tolist()], dtype=float).reshape(values.shape)
