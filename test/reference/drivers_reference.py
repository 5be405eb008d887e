#!/usr/bin/env python3
"""drivers_reference.py: an independent key-driver analysis for test/cases/drivers_reference.sh.

Reads CSV rows "case,y,x1,...,xp" (numbers as decimal text, rows with an empty field already
left out) on standard input and writes, per case and driver, the figures driver_table must
give: "case,driver,n,r2,correlation,beta,std_error,p_value,relative_weight,shapley_share".

Plain Python, and different methods from cxm's C code wherever it matters:
- sums and co-moments in exact rational arithmetic (fractions.Fraction) from the decimal text;
- the regression, R² of every subset of drivers and the Shapley (LMG) shares in exact rational
  arithmetic by Gauss-Jordan elimination on the covariance matrix, one subset at a time (up to 8
  drivers; shapley_share is left empty beyond that, and for more than 15 drivers cxm gives NULL);
  betas, standard errors and t statistics are square roots of exact rationals;
- p-values from the closed form of Student's t distribution for whole degrees of freedom
  (Abramowitz & Stegun 26.7.3 and 26.7.4), not the incomplete beta function;
- Johnson's relative weights with the matrix square root by the Denman-Beavers iteration, not an
  eigen decomposition.
"""
import math
import sys
from fractions import Fraction
from itertools import combinations

EXACT_SUBSETS_MAX = 8


def solve(a, b):
    """Gauss-Jordan on exact rationals: the x with a x = b (a square, non-singular)."""
    n = len(a)
    m = [list(row) + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if m[r][col] != 0)
        m[col], m[pivot] = m[pivot], m[col]
        inv = 1 / m[col][col]
        m[col] = [v * inv for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[col])]
    return [m[r][n] for r in range(n)]


def inverse_diagonal(a):
    """The diagonal of a^-1, exactly."""
    n = len(a)
    return [solve(a, [Fraction(int(i == j)) for i in range(n)])[j] for j in range(n)]


def signed_sqrt(square, sign):
    return math.copysign(math.sqrt(float(square)), sign)


def t_two_sided_p(t2, df):
    """P(|T| >= |t|) for Student's t with whole df, given t² (A&S 26.7.3, 26.7.4)."""
    t = math.sqrt(float(t2))
    theta = math.atan(t / math.sqrt(df))
    s, c = math.sin(theta), math.cos(theta)
    if df % 2 == 1:
        total, term = 0.0, c
        if df > 1:
            total = term
            for k in range(1, (df - 3) // 2 + 1):
                term *= c * c * (2 * k) / (2 * k + 1)
                total += term
        a = 2 / math.pi * (theta + s * total)
    else:
        total, term = 1.0, 1.0
        for k in range(1, (df - 2) // 2 + 1):
            term *= c * c * (2 * k - 1) / (2 * k)
            total += term
        a = s * total
    return max(0.0, 1.0 - a)


def float_inverse(a):
    n = len(a)
    m = [list(row) + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        inv = 1 / m[col][col]
        m[col] = [v * inv for v in m[col]]
        for r in range(n):
            if r != col:
                f = m[r][col]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[col])]
    return [row[n:] for row in m]


def sqrt_and_inverse_sqrt(a):
    """Denman-Beavers: Y -> a^1/2, Z -> a^-1/2."""
    n = len(a)
    y = [row[:] for row in a]
    z = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for _ in range(100):
        yi, zi = float_inverse(y), float_inverse(z)
        y_next = [[(y[i][j] + zi[i][j]) / 2 for j in range(n)] for i in range(n)]
        z_next = [[(z[i][j] + yi[i][j]) / 2 for j in range(n)] for i in range(n)]
        change = max(abs(y_next[i][j] - y[i][j]) for i in range(n) for j in range(n))
        y, z = y_next, z_next
        if change < 1e-15:
            break
    return y, z


def analyse(name, rows):
    p = len(rows[0]) - 1
    n = len(rows)
    k = p + 1
    sums = [sum(r[i] for r in rows) for i in range(k)]
    cross = [[sum(r[i] * r[j] for r in rows) for j in range(k)] for i in range(k)]
    c = [[cross[i][j] - sums[i] * sums[j] / n for j in range(k)] for i in range(k)]
    cyy = c[0][0]
    cxx = [[c[i + 1][j + 1] for j in range(p)] for i in range(p)]
    cxy = [c[i + 1][0] for i in range(p)]

    b = solve(cxx, cxy)
    r2 = sum(bi * ci for bi, ci in zip(b, cxy)) / cyy
    inv_diag = inverse_diagonal(cxx)
    df = n - p - 1
    out = []
    corr = [signed_sqrt(cxy[j] ** 2 / (c[j + 1][j + 1] * cyy), cxy[j]) for j in range(p)]
    beta = [signed_sqrt(b[j] ** 2 * c[j + 1][j + 1] / cyy, b[j]) for j in range(p)]
    se2 = [(1 - r2) / df * inv_diag[j] * c[j + 1][j + 1] for j in range(p)]
    se = [math.sqrt(float(v)) for v in se2]
    pval = [t_two_sided_p(b[j] ** 2 * c[j + 1][j + 1] / cyy / se2[j], df) for j in range(p)]

    # Johnson's relative weights from the correlation matrix in floating point
    rxx = [[signed_sqrt(cxx[i][j] ** 2 / (cxx[i][i] * cxx[j][j]), cxx[i][j]) for j in range(p)]
           for i in range(p)]
    lam, lam_inv = sqrt_and_inverse_sqrt(rxx)
    beta_star = [sum(lam_inv[i][j] * corr[j] for j in range(p)) for i in range(p)]
    raw = [sum(lam[j][m] ** 2 * beta_star[m] ** 2 for m in range(p)) for j in range(p)]
    weights = [w / sum(raw) for w in raw]

    shares = [None] * p
    if p <= EXACT_SUBSETS_MAX:
        r2_of = {(): Fraction(0)}
        for size in range(1, p + 1):
            for subset in combinations(range(p), size):
                sub = [[cxx[i][j] for j in subset] for i in subset]
                rhs = [cxy[i] for i in subset]
                coef = solve(sub, rhs)
                r2_of[subset] = sum(ci * ri for ci, ri in zip(coef, rhs)) / cyy
        full = r2_of[tuple(range(p))]
        for j in range(p):
            others = [i for i in range(p) if i != j]
            total = Fraction(0)
            for size in range(p):
                weight = Fraction(math.factorial(size) * math.factorial(p - 1 - size),
                                  math.factorial(p))
                for subset in combinations(others, size):
                    with_j = tuple(sorted(subset + (j,)))
                    total += weight * (r2_of[with_j] - r2_of[subset])
            shares[j] = float(total / full)

    for j in range(p):
        out.append([name, j + 1, n, float(r2), corr[j], beta[j], se[j], pval[j], weights[j],
                    '' if shares[j] is None else shares[j]])
    return out


def main():
    cases = {}
    for line in sys.stdin:
        fields = line.strip().split(',')
        if len(fields) < 3:
            continue
        cases.setdefault(fields[0], []).append([Fraction(v) for v in fields[1:]])
    print('case,driver,n,r2,correlation,beta,std_error,p_value,relative_weight,shapley_share')
    for name in sorted(cases):
        for row in analyse(name, cases[name]):
            print(','.join(v if isinstance(v, str) else repr(v) for v in row))


if __name__ == '__main__':
    main()
