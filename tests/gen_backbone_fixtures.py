"""Generate the reference fixtures of the validated projection (citynet backbone).

    python3 tests/gen_backbone_fixtures.py

writes tests/fixtures/backbone/*.json (five fixtures), read by tests/backbone_reference.rs. Independent of
citynet: the BiCM probabilities come from the `bicm` package (Saracco et al.;
`BipartiteGraph(biadjacency=M).solve_tool(method="fixed-point", tol=1e-14)`, `get_bicm_matrix()`), the
Poisson-binomial upper tail P(V >= v) is an exact convolution written here (numpy, upper tail
summed directly), and the Benjamini-Hochberg kept set is computed here over the pairs sharing at
least one program. Seeded: same seed, same bytes.
"""

import json
import os

import numpy as np
from bicm import BipartiteGraph

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "backbone")
ALPHA = 0.05


def bicm_probabilities(m):
    bg = BipartiteGraph(biadjacency=m)
    bg.solve_tool(method="fixed-point", tol=1e-14, eps=1e-16, max_steps=100000, print_error=False)
    p = np.array(bg.get_bicm_matrix(), dtype=float)
    err_r = np.abs(p.sum(1) - m.sum(1)).max()
    err_c = np.abs(p.sum(0) - m.sum(0)).max()
    assert max(err_r, err_c) < 1e-10, (err_r, err_c)
    return p


def upper_tail(q, v):
    """P(sum of Bernoulli(q) >= v), exact pmf by convolution, tail summed directly."""
    f = np.zeros(len(q) + 1)
    f[0] = 1.0
    for k, qa in enumerate(q):
        f[1 : k + 2] = f[1 : k + 2] * (1 - qa) + f[0 : k + 1] * qa
        f[0] *= 1 - qa
    return float(np.sum(f[v:][::-1]))


def bh_kept(pairs):
    """Benjamini-Hochberg at ALPHA over the tested pairs: kept iff adjusted p < ALPHA."""
    m = len(pairs)
    order = sorted(range(m), key=lambda k: pairs[k][3])
    adj = [0.0] * m
    run = 1.0
    for rank in range(m, 0, -1):
        k = order[rank - 1]
        run = min(run, pairs[k][3] * m / rank)
        adj[k] = min(run, 1.0)
    return [[pairs[k][0], pairs[k][1]] for k in range(m) if adj[k] < ALPHA]


def fixture(name, m, note):
    m = np.asarray(m, dtype=int)
    p = bicm_probabilities(m)
    shared = m @ m.T
    pairs = []
    n = m.shape[0]
    for i in range(n):
        for j in range(i + 1, n):
            s = int(shared[i, j])
            if s >= 1:
                pairs.append([i, j, s, upper_tail(p[i] * p[j], s), float(np.sum(p[i] * p[j]))])
    doc = {
        "name": name,
        "note": note,
        "alpha": ALPHA,
        "matrix": m.tolist(),
        "probabilities": p.tolist(),
        "pairs": [[i, j, s, pv] for i, j, s, pv, _ in pairs],
        "expected": [e for *_, e in pairs],
        "bh_kept": bh_kept(pairs),
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=0)
        f.write("\n")
    print(name, m.shape, len(pairs), "pairs,", len(doc["bh_kept"]), "kept")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(12)
    fixture("random_40x12", (rng.random((40, 12)) < 0.3).astype(int), "G(n, m, 0.3)")
    m = (rng.random((50, 15)) < 0.25).astype(int)
    m[:, 3] = 1  # a program every city joins
    m[7, :] = 1  # a city in every program
    m[9, :] = 0  # a city in none
    m[:, 11] = 0  # a program nobody joins
    fixture("full_rows_cols", m, "program 3 has every city, city 7 every program; city 9 and program 11 are empty")
    # Planted structure: three blocks of 15 cities and 8 programs, dense inside.
    blocks = np.zeros((60, 90), dtype=int)
    for b in range(3):
        blocks[b * 20 : (b + 1) * 20, b * 30 : (b + 1) * 30] = 1
    probs = np.where(blocks == 1, 0.7, 0.05)
    fixture("planted_blocks", (rng.random((60, 90)) < probs).astype(int), "three planted blocks of 20 cities and 30 programs, p_in = 0.7, p_out = 0.05")
    # Deep tails: five tight blocks of 8 cities and 30 programs, p-values near 1e-12.
    deep = np.zeros((40, 150), dtype=int)
    for b in range(5):
        deep[b * 8 : (b + 1) * 8, b * 30 : (b + 1) * 30] = 1
    probs = np.where(deep == 1, 0.95, 0.01)
    fixture("deep_tail", (rng.random((40, 150)) < probs).astype(int), "five tight blocks: p-values near 1e-12")
    # Heterogeneous degrees: city and program propensities.
    a = rng.pareto(2.0, 80) + 0.2
    b = rng.pareto(1.5, 30) + 0.2
    pr = np.minimum(1.0, np.outer(a, b) / np.outer(a, b).mean() * 0.12)
    fixture("heterogeneous_80x30", (rng.random((80, 30)) < pr).astype(int), "Chung-Lu-like heterogeneous degrees")


if __name__ == "__main__":
    main()
