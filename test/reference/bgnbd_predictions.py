#!/usr/bin/env python3
# test/reference/bgnbd_predictions.py: writes test/data/bgnbd_predictions.csv, reference values
# of BG/NBD expected_purchases (FHL 2005 eq. 10) and p_alive (eq. 13) at 60 significant digits,
# with mpmath's own hyp2f1, for random models and customers. test/cases/bgnbd_reference.sh
# compares cxm against them. Needs python3-mpmath; the CSV is committed, so tests do not.
import csv
import random

import mpmath as mp

mp.mp.dps = 60
rng = random.Random(20261123)


def log_uniform(lo, hi):
    return float(mp.e ** rng.uniform(float(mp.log(lo)), float(mp.log(hi))))


def round_sig(x):
    return float('%.6g' % x)


rows = []
while len(rows) < 400:
    r, alpha, a, b = (round_sig(log_uniform(0.05, 5)), round_sig(log_uniform(0.5, 50)),
                      round_sig(log_uniform(0.1, 5)), round_sig(log_uniform(0.1, 10)))
    T = round_sig(log_uniform(1, 100))
    x = rng.choice([0, 0, 1, 2, 3, 5, 10, 30, 100])
    tx = 0.0 if x == 0 else round_sig(rng.uniform(0, T))
    t = round_sig(log_uniform(0.1, 10000))
    R, A, AA, B, TT, X, TX, H = (mp.mpf(repr(v)) for v in (r, alpha, a, b, T, x, tx, t))
    if abs(AA - 1) < mp.mpf('1e-3'):
        continue
    z = H / (A + TT + H)
    f = mp.hyp2f1(R + X, B + X, AA + B + X - 1, z)
    odds = (AA / (B + X - 1)) * ((A + TT) / (A + TX)) ** (R + X) if x > 0 else 0
    expected = (AA + B + X - 1) / (AA - 1) * (1 - ((A + TT) / (A + TT + H)) ** (R + X) * f) / (1 + odds)
    p_alive = 1 / (1 + odds)
    rows.append([r, alpha, a, b, t, x, tx, T, mp.nstr(expected, 20), mp.nstr(p_alive, 20)])

with open('test/data/bgnbd_predictions.csv', 'w', newline='') as out:
    w = csv.writer(out, lineterminator='\n')
    w.writerow(['r', 'alpha', 'a', 'b', 't', 'frequency', 'recency', 'T', 'expected_purchases', 'p_alive'])
    w.writerows(rows)
