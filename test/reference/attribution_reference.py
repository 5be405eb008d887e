#!/usr/bin/env python3
"""Independent reference for markov_attribution and shapley_attribution.

Writes test/data/attribution_journeys.csv (random journeys: id, path, converted, value) and
test/data/attribution_reference.csv (model, channel, removal_effect, conversions, value).

Markov: the chain is built from the paths *with* repeated channels kept (self-loops), which cxm
collapses; absorption probabilities do not depend on self-loops, so agreement also checks that
claim. Probabilities are solved with numpy.linalg.solve (LAPACK), not by cxm's elimination.
Removing channel c redirects every transition into c to @null.

Shapley: the classic formula phi_c = sum_{T not holding c} |T|! (n-|T|-1)! / n! (v(T+c) - v(T))
with v(T) = conversions (or value) of journeys whose channel set is a subset of T, by brute force
over all 2^n coalitions.

    /usr/bin/python3 test/reference/attribution_reference.py   (from the repository root; numpy)
"""
import csv
import itertools
import math
import random

import numpy as np

CHANNELS = ["display", "email", "paid search", "seo", "social", "tv"]
rng = random.Random(20251123)
journeys = []
for jid in range(1, 1501):
    length = rng.randint(1, 7)
    path = [rng.choice(CHANNELS) for _ in range(length)]
    # conversion more likely with email and paid search, less with display
    p = 0.15 + 0.2 * ("email" in path) + 0.15 * ("paid search" in path) - 0.08 * ("display" in path)
    converted = rng.random() < p
    value = round(rng.uniform(10, 200), 2) if converted else 0.0
    journeys.append((jid, path, converted, value))

with open("test/data/attribution_journeys.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "path", "converted", "value"])
    for jid, path, converted, value in journeys:
        w.writerow([jid, ">".join(path), "t" if converted else "f", repr(value)])

total_conversions = sum(1 for j in journeys if j[2])
total_value = sum(j[3] for j in journeys if j[2])

# ---- Markov ----
states = ["@start"] + CHANNELS + ["@conversion", "@null"]
index = {s: i for i, s in enumerate(states)}
S = len(states)
counts = np.zeros((S, S))
for _, path, converted, _ in journeys:
    seq = ["@start"] + path + ["@conversion" if converted else "@null"]
    for a, b in zip(seq, seq[1:]):
        counts[index[a], index[b]] += 1


def p_conversion(removed=None):
    c = counts.copy()
    if removed is not None:
        r = index[removed]
        c[:, index["@null"]] += c[:, r]
        c[:, r] = 0
    transient = [i for i, s in enumerate(states)
                 if s not in ("@conversion", "@null") and s != removed]
    P = c / np.maximum(c.sum(axis=1, keepdims=True), 1)
    Q = P[np.ix_(transient, transient)]
    R = P[transient, index["@conversion"]]
    x = np.linalg.solve(np.eye(len(transient)) - Q, R)
    return x[transient.index(index["@start"])]


p = p_conversion()
effects = {ch: 1 - p_conversion(ch) / p for ch in CHANNELS}
total_effect = sum(effects.values())
rows = [("markov", "@all", p, total_conversions, total_value)]
for ch in CHANNELS:
    share = effects[ch] / total_effect
    rows.append(("markov", ch, effects[ch], share * total_conversions, share * total_value))

# ---- Shapley (classic characteristic-function form, brute force) ----
sets = [(frozenset(path), converted, value) for _, path, converted, value in journeys]
n = len(CHANNELS)


def worth(coalition, use_value):
    return sum((value if use_value else 1) for s, converted, value in sets
               if converted and s <= coalition)


for ch in CHANNELS:
    others = [c for c in CHANNELS if c != ch]
    phi = [0.0, 0.0]
    for k in range(n):
        weight = math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n)
        for t in itertools.combinations(others, k):
            t = frozenset(t)
            for use_value in (0, 1):
                phi[use_value] += weight * (worth(t | {ch}, use_value) - worth(t, use_value))
    rows.append(("shapley", ch, None, phi[0], phi[1]))

with open("test/data/attribution_reference.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["model", "channel", "removal_effect", "conversions", "value"])
    for model, ch, effect, conv, value in rows:
        w.writerow([model, ch, "" if effect is None else repr(float(effect)),
                    repr(float(conv)), repr(float(value))])
