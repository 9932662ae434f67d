"""Generate the reference fixture of `citynet backbone --eligible`, `--model disparity` and
`--model threshold`, computed independently of citynet with plain numpy.

    python3 tests/gen_backbone_models.py

writes tests/fixtures/backbone_models/models.json, read by tests/backbone_models.rs. Seeded:
same seed, same bytes. What is computed here, from the membership matrix alone:

- SDSM-EC (Neal, Domagalski & Sagan 2021): structural zeros from an eligibility table
  (program, country): a program with rows accepts only the cities of the countries it names.
  The BiCM probabilities p_ia = x_i y_a / (1 + x_i y_a) on the eligible cells only (p = 0
  elsewhere) are solved here by the plain per-cell fixed point
      x_i = k_i / sum_{a eligible for i} y_a / (1 + x_i y_a),
      y_a = d_a / sum_{i eligible for a} x_i / (1 + x_i y_a)
  until every expected degree is within 1e-12 of the observed one (no degree classes, no
  Newton step: a different method from citynet's). The p-value of a pair is the exact
  Poisson-binomial upper tail P(V >= shared) with q_a = p_ia p_ja (convolution, tail summed
  directly); Benjamini-Hochberg adjusted p-values (R's p.adjust "BH") over the pairs sharing
  at least one program; kept iff adjusted < 0.05.
- Disparity filter (Serrano, Boguna & Vespignani 2009) on the weighted projection W = M M^T:
  for each edge the significance from each side, (1 - w/s_i)^(k_i - 1) (0 when k_i = 1), the
  smaller one is the edge's p-value; BH over the edges; kept iff adjusted < 0.05 (and, for
  `--correction none`, kept iff p < 0.05).
- Threshold: kept iff the pair shares at least 2 programs.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "backbone_models")
ALPHA = 0.05
N_CITIES, N_PROGRAMS = 36, 90
RESTRICTED = {
    0: ["Country E"],
    1: ["Country E"],
    2: ["Country E", "Country A"],
    25: ["Country A", "Country F"],
    30: ["Country A"],
    75: ["Country F"],
}


def countries():
    # Plain labels: two-letter codes would be read as ISO country codes by citynet.
    return ["Country E" if i < 14 else "Country A" if i < 26 else "Country F" for i in range(N_CITIES)]


def eligible_mask(country):
    e = np.ones((N_CITIES, N_PROGRAMS), dtype=bool)
    for a, allowed in RESTRICTED.items():
        for i in range(N_CITIES):
            e[i, a] = country[i] in allowed
    return e


def draw_matrix(rng, e):
    """Three planted blocks (cities 12b..12b+11 favour programs 30b..30b+29) plus noise, only on
    eligible cells; redrawn until no row or column is empty or full within its eligible cells
    (those have no finite fitness)."""
    while True:
        m = np.zeros((N_CITIES, N_PROGRAMS), dtype=int)
        for i in range(N_CITIES):
            for a in range(N_PROGRAMS):
                same = i // 12 == a // 30
                if e[i, a] and rng.random() < (0.7 if same else 0.04):
                    m[i, a] = 1
        rows_ok = all(0 < m[i].sum() < e[i].sum() for i in range(N_CITIES))
        cols_ok = all(0 < m[:, a].sum() < e[:, a].sum() for a in range(N_PROGRAMS))
        if rows_ok and cols_ok:
            return m


def bicm_eligible(m, e):
    k = m.sum(1).astype(float)
    d = m.sum(0).astype(float)
    x = np.full(N_CITIES, 0.5)
    y = np.full(N_PROGRAMS, 0.5)
    for _ in range(200000):
        xy = np.outer(x, y)
        x = k / np.where(e, y[None, :] / (1 + xy), 0).sum(1)
        xy = np.outer(x, y)
        y = d / np.where(e, x[:, None] / (1 + xy), 0).sum(0)
        p = np.where(e, np.outer(x, y) / (1 + np.outer(x, y)), 0.0)
        err = max(np.abs(p.sum(1) - k).max(), np.abs(p.sum(0) - d).max())
        if err < 1e-12:
            return p
    raise SystemExit(f"fixed point did not converge ({err})")


def upper_tail(q, v):
    f = np.zeros(len(q) + 1)
    f[0] = 1.0
    for j, qa in enumerate(q):
        f[1 : j + 2] = f[1 : j + 2] * (1 - qa) + f[0 : j + 1] * qa
        f[0] *= 1 - qa
    return float(f[v:].sum())


def bh(pvalues):
    """R's p.adjust(p, "BH")."""
    p = np.asarray(pvalues, dtype=float)
    n = len(p)
    order = np.argsort(-p, kind="stable")
    adj = np.minimum(1.0, np.minimum.accumulate(p[order] * n / np.arange(n, 0, -1)))
    out = np.empty(n)
    out[order] = adj
    return out


def sdsm_ec(m, e):
    p = bicm_eligible(m, e)
    shared = m @ m.T
    rows = []
    for i in range(N_CITIES):
        for j in range(i + 1, N_CITIES):
            if shared[i, j] > 0:
                rows.append([i, j, int(shared[i, j]), upper_tail(p[i] * p[j], shared[i, j])])
    adj = bh([r[3] for r in rows])
    for r, a in zip(rows, adj):
        r.append(float(a))
    return {
        "probabilities": p.tolist(),
        "pairs": rows,
        "kept": [[r[0], r[1]] for r in rows if r[4] < ALPHA],
    }


def disparity(m):
    w = (m @ m.T).astype(float)
    np.fill_diagonal(w, 0)
    k = (w > 0).sum(1)
    s = w.sum(1)

    def side(i, wij):
        return 0.0 if k[i] <= 1 else (1 - wij / s[i]) ** (k[i] - 1)

    rows = []
    for i in range(N_CITIES):
        for j in range(i + 1, N_CITIES):
            if w[i, j] > 0:
                rows.append([i, j, float(w[i, j]), min(side(i, w[i, j]), side(j, w[i, j]))])
    adj = bh([r[3] for r in rows])
    for r, a in zip(rows, adj):
        r.append(float(a))
    return {
        "pairs": rows,
        "kept": [[r[0], r[1]] for r in rows if r[4] < ALPHA],
        "kept_uncorrected": [[r[0], r[1]] for r in rows if r[3] < ALPHA],
    }


def threshold(m, min_weight):
    shared = m @ m.T
    kept = [
        [i, j]
        for i in range(N_CITIES)
        for j in range(i + 1, N_CITIES)
        if shared[i, j] >= min_weight
    ]
    return {"min_weight": min_weight, "kept": kept}


def main():
    rng = np.random.default_rng(20261201)
    country = countries()
    e = eligible_mask(country)
    m = draw_matrix(rng, e)
    doc = {
        "note": "generated by tests/gen_backbone_models.py; cities 'City NNN', programs 'Program NNN'",
        "alpha": ALPHA,
        "matrix": m.tolist(),
        "country": country,
        "eligible": [[a, c] for a, allowed in sorted(RESTRICTED.items()) for c in allowed],
        "sdsm_ec": sdsm_ec(m, e),
        "disparity": disparity(m),
        "threshold": threshold(m, 2),
    }
    s = doc["sdsm_ec"]
    assert 0 < len(s["kept"]) < len(s["pairs"]), (len(s["kept"]), len(s["pairs"]))
    d = doc["disparity"]
    assert 0 < len(d["kept_uncorrected"]) < len(d["pairs"]), len(d["kept_uncorrected"])
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "models.json"), "w") as f:
        json.dump(doc, f, indent=0)
        f.write("\n")
    print(
        f"sdsm-ec: {len(s['kept'])} of {len(s['pairs'])} kept; disparity: {len(d['kept'])} "
        f"(uncorrected {len(d['kept_uncorrected'])}) of {len(d['pairs'])}; threshold: {len(doc['threshold']['kept'])}"
    )


if __name__ == "__main__":
    main()
