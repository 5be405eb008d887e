#!/usr/bin/python3
# test/reference/customer_value.py: independent reference values for the Gamma-Gamma fit and
# ltv_estimate, written without cxm (Debian's python3-scipy and python3-mpmath):
#   1. the CDNOW sample's repeat customers: (x, mean repeat spend) computed here from the raw
#      transactions (daily periods, calibration end 1997-09-30), and the Gamma-Gamma maximum
#      likelihood estimates from them and from the published summary's rounded zbar;
#   2. the Gamma-Gamma estimates for the small population of sql/gammagamma.sql;
#   3. test/data/ltv_reference.csv: ltv_estimate for random BG/NBD and Gamma-Gamma models and
#      customers, at 30 digits with mpmath's own hyp2f1 (FHL 2005 eq. 10 for the expected
#      purchases, Fader & Hardie 2013 eq. 5 for the spend).
# Run from the repository root: /usr/bin/python3 test/reference/customer_value.py
import csv
import random
from collections import defaultdict
from datetime import date

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln


def gg_fit(x, m):
    x = np.asarray(x, float)
    m = np.asarray(m, float)

    def nll(th):
        p, q, v = np.exp(th)
        return -np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
                       + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v))
    r = minimize(nll, [0, 0, np.log(np.mean(m))], method='Nelder-Mead',
                 options={'xatol': 1e-12, 'fatol': 1e-12, 'maxiter': 40000})
    r = minimize(nll, r.x, method='BFGS', options={'gtol': 1e-10})
    return tuple(np.exp(r.x)) + (-r.fun,)


# 1. CDNOW
days = defaultdict(lambda: defaultdict(float))
for line in open('test/data/cdnow/CDNOW_sample.txt'):
    f = line.split()
    d = date(int(f[2][:4]), int(f[2][4:6]), int(f[2][6:]))
    if d <= date(1997, 9, 30):
        days[int(f[1])][d] += float(f[4])
xs, ms = [], []
for cust, spend in days.items():
    ordered = [spend[d] for d in sorted(spend)]
    if len(ordered) > 1:
        xs.append(len(ordered) - 1)
        ms.append(sum(ordered[1:]) / (len(ordered) - 1))
print('CDNOW repeat customers', len(xs))
print('CDNOW from transactions: p %.12g q %.12g gamma %.12g LL %.12g' % gg_fit(xs, ms))
rows = [r for r in csv.DictReader(open('test/data/cdnow/cdnow_customers_summary_with_transactions.csv'))
        if float(r['x']) > 0]
print('CDNOW from the published zbar: p %.12g q %.12g gamma %.12g LL %.12g'
      % gg_fit([float(r['x']) for r in rows], [float(r['zbar']) for r in rows]))

# 2. the population of sql/gammagamma.sql: (frequency, monetary, customers)
population = [(1, 12.5, 30), (1, 40, 12), (2, 18, 20), (2, 55.5, 6), (3, 22, 10), (3, 9.75, 8),
              (5, 31, 6), (8, 27.25, 4), (1, 5, 9), (4, 70, 3), (6, 15, 5), (2, 33, 14)]
x = [f for f, m, n in population for _ in range(n)]
m = [m for f, m, n in population for _ in range(n)]
print('population: p %.15g q %.15g gamma %.15g LL %.15g' % gg_fit(x, m))

# 3. ltv_estimate
mp.mp.dps = 30
rng = random.Random(20261124)


def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(v):
    return float('%.6g' % v)


def expected_purchases(R, A, AA, B, X, TX, TT, H):
    if H == 0:
        return mp.mpf(0)
    z = H / (A + TT + H)
    f = mp.hyp2f1(R + X, B + X, AA + B + X - 1, z)
    odds = (AA / (B + X - 1)) * ((A + TT) / (A + TX)) ** (R + X) if X > 0 else 0
    return (AA + B + X - 1) / (AA - 1) * (1 - ((A + TT) / (A + TT + H)) ** (R + X) * f) / (1 + odds)


def ltv(r, alpha, a, b, p, q, gamma, xx, tx, T, monetary, horizon, rate):
    R, A, AA, B, TT, X, TX = (mp.mpf(repr(v)) for v in (r, alpha, a, b, T, xx, tx))
    P, Q, G = (mp.mpf(repr(v)) for v in (p, q, gamma))
    M = mp.mpf(repr(monetary)) if monetary is not None else mp.mpf(0)
    spend = P * (G + X * M) / (P * X + Q - 1)
    D = mp.mpf(repr(rate))
    total = mp.mpf(0)
    previous = mp.mpf(0)
    for i in range(1, horizon + 1):
        e = expected_purchases(R, A, AA, B, X, TX, TT, mp.mpf(i))
        total += (e - previous) / (1 + D) ** i
        previous = e
    return total * spend



out = []
while len(out) < 200:
    r, alpha, a, b = (round_sig(log_uniform(0.05, 5)), round_sig(log_uniform(0.5, 50)),
                      round_sig(log_uniform(0.1, 5)), round_sig(log_uniform(0.1, 10)))
    p, q, gamma = round_sig(log_uniform(0.5, 20)), round_sig(log_uniform(1.2, 10)), round_sig(log_uniform(0.5, 100))
    T = round_sig(log_uniform(1, 100))
    xx = rng.choice([0, 0, 1, 2, 3, 5, 10, 30])
    tx = 0.0 if xx == 0 else round_sig(rng.uniform(0, T))
    monetary = None if xx == 0 else round_sig(log_uniform(1, 500))
    horizon = rng.choice([1, 2, 12, 52, 104, 260])
    rate = rng.choice([0.0, 0.001, 0.01, 0.0018, 0.05])
    if abs(a - 1) < 1e-3:
        continue
    out.append([r, alpha, a, b, p, q, gamma, xx, tx, T, '' if monetary is None else monetary,
                horizon, rate, mp.nstr(ltv(r, alpha, a, b, p, q, gamma, xx, tx, T, monetary, horizon, rate), 20)])



# sql/ltv.sql: the published CDNOW models, customers 1 and 3, 52 weeks
cdnow = (0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44)
for args in [(2, 30.43, 38.86, 22.35, 52, 0.002), (2, 30.43, 38.86, 22.35, 52, 0.0),
             (0, 0.0, 38.86, None, 52, 0.002), (2, 30.43, 38.86, 22.35, 1, 0.002)]:
    print('ltv', args, mp.nstr(ltv(*(cdnow + args)), 20))

with open('test/data/ltv_reference.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma', 'frequency', 'recency', 'T', 'monetary',
                'horizon_units', 'discount_rate_per_unit', 'ltv'])
    w.writerows(out)
print('ltv cases', len(out))
