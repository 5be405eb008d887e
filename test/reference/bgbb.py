#!/usr/bin/env python3
# test/reference/bgbb.py: independent reference values for the BG/BB model (Fader, Hardie &
# Shang 2010), written without cxm, with mpmath at 40 digits:
#   1. the maximum-likelihood estimates on the donations data of the paper (11,104 donors, 6
#      opportunities; test/data/cdnow/donations.csv): the root of the gradient of the
#      log-likelihood (eq. 5, written with mpmath's beta function), found by mpmath's
#      multidimensional Newton method from the published rounded estimates; printed, and
#      copied into test/cases/bgbb_reference.sh;
#   2. test/data/bgbb_predictions.csv: for random models and customers, P(alive at n+1)
#      (eq. 11), the expected transactions in the next h opportunities by the closed form of
#      eq. 13 (a direct sum where gamma = 1, where it is 0/0), and DERT (eq. 14) as the sum
#      over all future opportunities of the discounted expected transactions (mpmath's nsum;
#      at discount 0, mpmath's 2F1 at z = 1).
# Needs python3-mpmath; the CSV is committed, so tests do not.
# Run from the repository root: python3 test/reference/bgbb.py
import csv
import random

import mpmath as mp

mp.mp.dps = 40
rng = random.Random(20261202)


def log_l(al, be, ga, de, x, tx, n):
    """ln L of one customer, FHS 2010 eq. 5"""
    total = mp.beta(al + x, be + n - x) / mp.beta(al, be) * mp.beta(ga, de + n) / mp.beta(ga, de)
    for i in range(int(n - tx)):
        total += (mp.beta(al + x, be + tx - x + i) / mp.beta(al, be)
                  * mp.beta(ga + 1, de + tx + i) / mp.beta(ga, de))
    return mp.log(total)


def p_alive(al, be, ga, de, x, tx, n):
    return (mp.beta(al + x, be + n - x) / mp.beta(al, be) * mp.beta(ga, de + n + 1) / mp.beta(ga, de)
            / mp.exp(log_l(al, be, ga, de, x, tx, n)))


def expected(al, be, ga, de, h, x, tx, n):
    lead = mp.beta(al + x + 1, be + n - x) / mp.beta(al, be) / mp.exp(log_l(al, be, ga, de, x, tx, n))
    if ga == 1:
        return lead * mp.fsum(mp.beta(ga, de + n + k) / mp.beta(ga, de) for k in range(1, h + 1))
    return (lead * de / (ga - 1) * mp.gamma(ga + de) / mp.gamma(1 + de)
            * (mp.gamma(1 + de + n) / mp.gamma(ga + de + n)
               - mp.gamma(1 + de + n + h) / mp.gamma(ga + de + n + h)))


def dert(al, be, ga, de, d, x, tx, n):
    lead = mp.beta(al + x + 1, be + n - x) / mp.beta(al, be) / mp.exp(log_l(al, be, ga, de, x, tx, n))
    if d == 0:
        u1 = mp.beta(ga, de + n + 1) / mp.beta(ga, de)
        return lead * u1 * mp.hyp2f1(1, de + n + 1, ga + de + n + 1, 1)
    return lead * mp.nsum(lambda k: mp.beta(ga, de + n + k) / mp.beta(ga, de) / (1 + d) ** k,
                          [1, mp.inf])


# 1. the donations data: (x, t_x, n, donors)
donations = [tuple(int(v) for v in row) for row in
             csv.reader(open('test/data/cdnow/donations.csv')) if row[0] != 'frequency']
print('donors', sum(w for _, _, _, w in donations))


def total_ll(th):
    al, be, ga, de = (mp.exp(t) for t in th)
    return mp.fsum(w * log_l(al, be, ga, de, x, tx, n) for x, tx, n, w in donations)


def gradient(*th):
    return [mp.diff(lambda t: total_ll(th[:k] + (t,) + th[k + 1:]), th[k]) for k in range(4)]


theta = mp.findroot(gradient, [mp.log(v) for v in (mp.mpf('1.204'), mp.mpf('0.750'),
                                                   mp.mpf('0.657'), mp.mpf('2.783'))])
estimates = [mp.exp(t) for t in theta]
print('donations alpha beta gamma delta', ' '.join(mp.nstr(v, 17) for v in estimates))
print('donations log-likelihood', mp.nstr(total_ll(list(theta)), 17))


# 2. predictions
def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(x):
    return float('%.6g' % x)


rows = []
while len(rows) < 300:
    al, be, ga, de = (round_sig(log_uniform(0.1, 10)), round_sig(log_uniform(0.1, 10)),
                      round_sig(log_uniform(0.1, 10)), round_sig(log_uniform(0.1, 20)))
    if len(rows) % 50 == 0:
        ga = 1.0
    n = rng.choice([1, 2, 3, 6, 10, 25, 52, 100])
    x = rng.randint(0, n)
    tx = 0 if x == 0 else rng.randint(x, n)
    h = rng.choice([1, 2, 5, 10, 50, 200])
    d = rng.choice([0.01, 0.05, 0.1, 0.25, 1.0])
    if len(rows) % 10 == 5 and ga > 1:
        d = 0.0
    A, B, G, D = (mp.mpf(repr(v)) for v in (al, be, ga, de))
    rows.append([al, be, ga, de, x, tx, n, h, d,
                 mp.nstr(p_alive(A, B, G, D, x, tx, n), 20),
                 mp.nstr(expected(A, B, G, D, h, x, tx, n), 20),
                 mp.nstr(dert(A, B, G, D, mp.mpf(repr(d)), x, tx, n), 20)])

with open('test/data/bgbb_predictions.csv', 'w', newline='') as out:
    w = csv.writer(out, lineterminator='\n')
    w.writerow(['alpha', 'beta', 'gamma', 'delta', 'frequency', 'recency', 'n_opportunities',
                'horizon', 'discount', 'p_alive', 'expected_transactions', 'dert'])
    w.writerows(rows)
print('predictions', len(rows))
