#!/usr/bin/env python3
# test/reference/sbg_reference.py: writes test/data/sbg_predictions.csv and test/data/sbg_fits.csv,
# reference values of the sBG model (Fader & Hardie 2007, 2010) at 50 significant digits.
# Predictions, for random models: survival S(t) = B(alpha, beta + t) / B(alpha, beta) from
# mpmath's beta function; the renewal rate S(t) / S(t - 1); DEL and DERL as the discounted sums
# of survival probabilities (mpmath.nsum, not the hypergeometric closed form cxm uses).
# Fits, for sets of cohorts (survivor counts): the maximum of the per-customer likelihood
# sum_t lost_t ln P(T = t) + active ln S(m), P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),
# found by mpmath.findroot on its gradient. test/cases/sbg_reference.sh compares cxm against
# them. Needs python3-mpmath; the CSVs are committed, so tests do not.
import csv
import random

import mpmath as mp

mp.mp.dps = 50
rng = random.Random(20261202)


def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(x):
    return float('%.6g' % x)


def survival(a, b, t):
    return mp.beta(a, b + t) / mp.beta(a, b)


def discounted(a, b, first, z, renewed):
    # sum over t >= first of S(t) / S(renewed) z^(t - first)
    base = survival(a, b, renewed)
    return mp.nsum(lambda t: survival(a, b, t) / base * z ** (t - first), [first, mp.inf])


rows = []
while len(rows) < 300:
    alpha, beta = round_sig(log_uniform(0.1, 10)), round_sig(log_uniform(0.1, 20))
    t = rng.choice([0, 1, 2, 3, 5, 8, 12, 24, 60, 120, 500, 5000])
    renewed = rng.choice([0, 0, 1, 2, 5, 11, 23, 100])
    d = rng.choice([0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 3.0])
    A, B, D = (mp.mpf(repr(v)) for v in (alpha, beta, d))
    z = 1 / (1 + D)
    s = survival(A, B, t)
    rate = s / survival(A, B, t - 1) if t >= 1 else ''
    dl = discounted(A, B, 0, z, 0)
    # a customer who renewed n - 1 times, just before renewal n: S(t) / S(n - 1), t >= n
    n = renewed + 1
    derl = discounted(A, B, n, z, n - 1)
    rows.append([alpha, beta, t, renewed, d, mp.nstr(s, 25),
                 mp.nstr(rate, 25) if rate != '' else '', mp.nstr(dl, 25), mp.nstr(derl, 25)])

with open('test/data/sbg_predictions.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['alpha', 'beta', 'period', 'periods_renewed', 'discount_rate', 'survival',
                'retention_rate', 'del', 'derl'])
    w.writerows(rows)


def log_likelihood(a, b, cohorts):
    ll = 0
    for c in cohorts:
        for t in range(1, len(c)):
            lost = c[t - 1] - c[t]
            if lost:
                ll += lost * mp.log(mp.beta(a + 1, b + t - 1) / mp.beta(a, b))
        if c[-1]:
            ll += c[-1] * mp.log(survival(a, b, len(c) - 1))
    return ll


def fit(cohorts, start):
    def grad(la, lb):
        f = lambda x, y: log_likelihood(mp.e ** x, mp.e ** y, cohorts)
        return [mp.diff(f, (la, lb), (1, 0)), mp.diff(f, (la, lb), (0, 1))]
    la, lb = mp.findroot(grad, (mp.log(start[0]), mp.log(start[1])))
    a, b = mp.e ** la, mp.e ** lb
    return a, b, log_likelihood(a, b, cohorts)


def simulate(alpha, beta, size, periods):
    counts = [size] + [0] * periods
    for _ in range(size):
        theta = rng.betavariate(alpha, beta)
        t = 1
        while t <= periods and rng.random() > theta:
            counts[t] += 1
            t += 1
    return counts


fits = [
    ('high end (Fader & Hardie 2007)', [[1000, 869, 743, 653, 593, 551, 517, 491]], (0.668, 3.806)),
    ('regular (Fader & Hardie 2007)', [[1000, 631, 468, 382, 326, 289, 262, 241]], (0.704, 1.182)),
]
for case in range(4):
    alpha, beta = round_sig(log_uniform(0.3, 5)), round_sig(log_uniform(0.5, 10))
    cohorts = [simulate(alpha, beta, rng.randint(200, 2000), rng.randint(2, 12))
               for _ in range(rng.randint(1, 4))]
    fits.append(('simulated alpha %g beta %g' % (alpha, beta), cohorts, (alpha, beta)))

with open('test/data/sbg_fits.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['name', 'cohort', 'survivors', 'alpha', 'beta', 'log_likelihood'])
    for name, cohorts, start in fits:
        a, b, ll = fit(cohorts, start)
        for i, c in enumerate(cohorts):
            w.writerow([name, i + 1, '{' + ','.join(map(str, c)) + '}',
                        mp.nstr(a, 25), mp.nstr(b, 25), mp.nstr(ll, 25)])
