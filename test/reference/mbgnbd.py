#!/usr/bin/env python3
# test/reference/mbgnbd.py: independent reference values for the modified BG/NBD (Batislam,
# Denizel & Filiztekin 2007), written without cxm, with mpmath at 40 digits and the formulas of
# lifetimes' ModifiedBetaGeoFitter:
#   1. the maximum-likelihood estimates on the published CDNOW summary
#      (test/data/cdnow/cdnow_customers_summary.csv, weeks): the root of the gradient of the
#      log-likelihood, found by mpmath's multidimensional Newton method from the rounded
#      estimates r = 0.525, alpha = 6.183, a = 0.891, b = 1.614; printed, and copied into
#      test/cases/mbgnbd_reference.sh;
#   2. test/data/mbgnbd_predictions.csv: for random models and customers, P(alive) and the
#      expected purchases over a horizon (with mpmath's own hyp2f1, untransformed).
# Needs python3-mpmath; the CSV is committed, so tests do not.
# Run from the repository root: python3 test/reference/mbgnbd.py
import csv
import random
from collections import Counter

import mpmath as mp

mp.mp.dps = 40
rng = random.Random(20261203)


def log_l(r, al, a, b, x, tx, T):
    a1 = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al)
    a2 = (mp.loggamma(a + b) + mp.loggamma(b + x + 1) - mp.loggamma(b)
          - mp.loggamma(a + b + x + 1))
    a3 = -(r + x) * mp.log(al + T)
    a4 = mp.log(a) - mp.log(b + x) + (r + x) * (mp.log(al + T) - mp.log(al + tx))
    return a1 + a2 + a3 + mp.log(1 + mp.exp(a4))


def p_alive(r, al, a, b, x, tx, T):
    return 1 / (1 + (a / (b + x)) * ((al + T) / (al + tx)) ** (r + x))


def expected(r, al, a, b, t, x, tx, T):
    hyp = mp.hyp2f1(r + x, b + x + 1, a + b + x, t / (al + T + t))
    return ((a + b + x) / (a - 1) * (1 - hyp * ((al + T) / (al + t + T)) ** (r + x))
            * p_alive(r, al, a, b, x, tx, T))


# 1. CDNOW
patterns = Counter()
for row in csv.DictReader(open('test/data/cdnow/cdnow_customers_summary.csv')):
    patterns[(mp.mpf(row['frequency']), mp.mpf(row['recency']), mp.mpf(row['T']))] += 1
print('customers', sum(patterns.values()), 'patterns', len(patterns))


def total_ll(th):
    r, al, a, b = (mp.exp(t) for t in th)
    return mp.fsum(c * log_l(r, al, a, b, x, tx, T) for (x, tx, T), c in patterns.items())


def gradient(*th):
    return [mp.diff(lambda t: total_ll(th[:k] + (t,) + th[k + 1:]), th[k]) for k in range(4)]


mp.mp.dps = 30
theta = mp.findroot(gradient, [mp.log(mp.mpf(v)) for v in ('0.525', '6.183', '0.891', '1.614')])
print('cdnow r alpha a b', ' '.join(mp.nstr(mp.exp(t), 17) for t in theta))
print('cdnow log-likelihood', mp.nstr(total_ll(list(theta)), 17))
mp.mp.dps = 40


# 2. predictions
def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(x):
    return float('%.6g' % x)


rows = []
while len(rows) < 300:
    r, al, a, b = (round_sig(log_uniform(0.05, 5)), round_sig(log_uniform(0.5, 50)),
                   round_sig(log_uniform(0.1, 5)), round_sig(log_uniform(0.1, 10)))
    T = round_sig(log_uniform(1, 100))
    x = rng.choice([0, 0, 1, 2, 3, 5, 10, 30, 100])
    tx = 0.0 if x == 0 else round_sig(rng.uniform(0, T))
    t = round_sig(log_uniform(0.1, 1000))
    R, A, AA, B, TT, X, TX, H = (mp.mpf(repr(v)) for v in (r, al, a, b, T, x, tx, t))
    if abs(AA - 1) < mp.mpf('1e-3'):
        continue
    rows.append([r, al, a, b, t, x, tx, T, mp.nstr(expected(R, A, AA, B, H, X, TX, TT), 20),
                 mp.nstr(p_alive(R, A, AA, B, X, TX, TT), 20)])

with open('test/data/mbgnbd_predictions.csv', 'w', newline='') as out:
    w = csv.writer(out, lineterminator='\n')
    w.writerow(['r', 'alpha', 'a', 'b', 'horizon', 'frequency', 'recency', 'age',
                'expected_purchases', 'p_alive'])
    w.writerows(rows)
print('predictions', len(rows))
