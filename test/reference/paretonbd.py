#!/usr/bin/python3
# test/reference/paretonbd.py: independent reference values for the Pareto/NBD model, written
# without cxm (Debian's python3-scipy and python3-mpmath), from the likelihood of Fader, Hardie
# & Lee's 2005 note "A note on deriving the Pareto/NBD model and related expressions" (eq. 22,
# with scipy's hyp2f1 in the untransformed form):
#   1. the maximum-likelihood estimates on the CDNOW sample, from (x, t_x, T) computed here
#      from the raw transactions (daily periods, weeks, calibration end 1997-09-30) and from
#      the published summary;
#   2. the estimates for the small population of sql/paretonbd.sql;
#   3. test/data/paretonbd_predictions.csv: P(alive) (eq. 18) and expected purchases (eq. 41)
#      for random models and customers at 30 digits with mpmath's own hyp2f1.
# Run from the repository root: /usr/bin/python3 test/reference/paretonbd.py
import csv
import random
from collections import defaultdict
from datetime import date

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1


def log_likelihood(params, x, tx, T):
    r, al, s, be = params
    rsx = r + s + x
    if al >= be:
        a_tx = np.log(hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + tx))) - rsx * np.log(al + tx)
        a_T = np.log(hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + T))) - rsx * np.log(al + T)
    else:
        a_tx = np.log(hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + tx))) - rsx * np.log(be + tx)
        a_T = np.log(hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + T))) - rsx * np.log(be + T)
    with np.errstate(divide='ignore'):
        dropped = np.log(s) - np.log(rsx) + a_tx + np.log1p(-np.exp(a_T - a_tx))
    alive = -(r + x) * np.log(al + T) - s * np.log(be + T)
    return np.sum(gammaln(r + x) - gammaln(r) + r * np.log(al) + s * np.log(be)
                  + np.logaddexp(alive, dropped))


def fit(x, tx, T):
    x, tx, T = (np.asarray(v, float) for v in (x, tx, T))
    f = lambda th: -log_likelihood(np.exp(th), x, tx, T)
    res = minimize(f, [0, 0, 0, 0], method='Nelder-Mead',
                   options={'xatol': 1e-11, 'fatol': 1e-11, 'maxiter': 40000, 'maxfev': 40000})
    res = minimize(f, res.x, method='BFGS', options={'gtol': 1e-8})
    return tuple(np.exp(res.x)) + (-res.fun,)


# 1. CDNOW
days = defaultdict(set)
for line in open('test/data/cdnow/CDNOW_sample.txt'):
    f = line.split()
    d = date(int(f[2][:4]), int(f[2][4:6]), int(f[2][6:]))
    if d <= date(1997, 9, 30):
        days[int(f[1])].add(d)
end = date(1997, 9, 30)
x = [len(v) - 1 for v in days.values()]
tx = [(max(v) - min(v)).days / 7 for v in days.values()]
T = [(end - min(v)).days / 7 for v in days.values()]
print('CDNOW customers', len(x))
print('CDNOW from transactions: r %.12g alpha %.12g s %.12g beta %.12g LL %.12g' % fit(x, tx, T))
rows = list(csv.DictReader(open('test/data/cdnow/cdnow_customers_summary.csv')))
print('CDNOW from the published summary: r %.12g alpha %.12g s %.12g beta %.12g LL %.12g'
      % fit([float(r['frequency']) for r in rows], [float(r['recency']) for r in rows],
            [float(r['T']) for r in rows]))

# 2. the population of sql/paretonbd.sql (that of sql/bgnbd.sql): (x, t_x, T, customers)
population = [(0, 0, 30, 40), (0, 0, 20, 25), (1, 5, 30, 12), (1, 18, 25, 8), (2, 10, 30, 7),
              (2, 26, 28, 6), (3, 20, 30, 5), (4, 29, 30, 4), (6, 25, 27, 3), (1, 2, 20, 9),
              (0, 0, 10, 15), (5, 9, 22, 2)]
print('population: r %.15g alpha %.15g s %.15g beta %.15g LL %.15g'
      % fit(*zip(*[(a, b, c) for a, b, c, n in population for _ in range(n)])))

# 3. predictions
mp.mp.dps = 30
rng = random.Random(20261125)


def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(v):
    return float('%.6g' % v)


def predictions(r, al, s, be, x, tx, T, t):
    R, A, S, B, X, TX, TT, H = (mp.mpf(repr(v)) for v in (r, al, s, be, x, tx, T, t))
    rsx = R + S + X

    def a(time):
        if A >= B:
            return mp.hyp2f1(rsx, S + 1, rsx + 1, (A - B) / (A + time)) / (A + time) ** rsx
        return mp.hyp2f1(rsx, R + X, rsx + 1, (B - A) / (B + time)) / (B + time) ** rsx
    alive = 1 / ((A + TT) ** (R + X) * (B + TT) ** S)
    dropped = S / rsx * (a(TX) - a(TT))
    p_alive = alive / (alive + dropped)
    expected = ((R + X) * (B + TT) / ((A + TT) * (S - 1))
                * (1 - ((B + TT) / (B + TT + H)) ** (S - 1)) * p_alive)
    return p_alive, expected


out = []
while len(out) < 300:
    r, al, s, be = (round_sig(log_uniform(0.05, 5)), round_sig(log_uniform(0.5, 50)),
                    round_sig(log_uniform(0.1, 5)), round_sig(log_uniform(0.5, 50)))
    if abs(s - 1) < 1e-3:
        continue
    T = round_sig(log_uniform(1, 100))
    xx = rng.choice([0, 0, 1, 2, 3, 5, 10, 30, 100])
    tx = 0.0 if xx == 0 else round_sig(rng.uniform(0, T))
    t = round_sig(log_uniform(0.1, 1000))
    p_alive, expected = predictions(r, al, s, be, xx, tx, T, t)
    out.append([r, al, s, be, t, xx, tx, T, mp.nstr(expected, 20), mp.nstr(p_alive, 20)])

with open('test/data/paretonbd_predictions.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['r', 'alpha', 's', 'beta', 't', 'frequency', 'recency', 'T', 'expected_purchases', 'p_alive'])
    w.writerows(out)
print('prediction cases', len(out))
# sql/paretonbd.sql: the published CDNOW model, customer 1 over 39 weeks
print('customer 1', [mp.nstr(v, 20) for v in predictions(0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86, 39)])
print('customer 3', [mp.nstr(v, 20) for v in predictions(0.553, 10.578, 0.606, 11.669, 0, 0, 38.86, 39)])


# sql/ltv.sql: ltv_estimate with the published Pareto/NBD and Gamma-Gamma models, 52 weeks at
# 0.2% a week: sum over weeks of the week's expected purchases times the expected spend,
# discounted to the end of the week
def ltv(x, tx, T, monetary, horizon, rate):
    p, q, gamma = mp.mpf('6.25'), mp.mpf('3.74'), mp.mpf('15.44')
    M = mp.mpf(repr(monetary)) if monetary is not None else mp.mpf(0)
    spend = p * (gamma + x * M) / (p * x + q - 1)
    total = mp.mpf(0)
    previous = mp.mpf(0)
    for i in range(1, horizon + 1):
        e = predictions(0.553, 10.578, 0.606, 11.669, x, tx, T, i)[1]
        total += (e - previous) / (1 + mp.mpf(repr(rate))) ** i
        previous = e
    return total * spend


print('ltv customer 1', mp.nstr(ltv(2, 30.43, 38.86, 22.35, 52, 0.002), 20))
print('ltv customer 3', mp.nstr(ltv(0, 0, 38.86, None, 52, 0.002), 20))
