"""Reference values for citynet's published analyses, computed independently.

Regenerate (from the repository root) with:

    python3 tests/gen_analyses.py

(any Python with networkx >= 3.2, numpy and scipy). Writes tests/fixtures/analyses.json, read
by tests/analyses_reference.rs. Everything here is computed from scratch with NetworkX, numpy
and scipy, sharing no code with citynet:

- a seeded random membership table with valued memberships (weights 0.5, 1, 1.5, 2, so every
  projection weight and strength is exact in binary floating point and ties are real ties);
- robustness: the full ranking, each program left out in turn (projection rebuilt with
  NetworkX, metric recomputed, competition ranks by scipy.stats.rankdata(method="min")), the
  bootstrap (citynet's documented SplitMix64 draws re-implemented here; a program drawn c times
  enters as c copies), numpy.percentile, scipy.stats.kendalltau (tau-b);
- Burt's constraint and effective size: nx.constraint(G, weight="weight") and
  nx.effective_size(G, nodes=list(G), weight="weight") (see structural_holes() for why
  `nodes`) on Zachary's karate club (weighted), Les Misérables and the projection;
- GaWC connectivity: strength, shares, E-I indices by counting ties, the strongest dyads, and
  each hinterworld's OLS fit and residuals by numpy.linalg.lstsq.
"""

import json
import math
import os
import random

import networkx as nx
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "analyses.json")
M64 = (1 << 64) - 1


def clean(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


# ---------------------------------------------------------------- the membership table
def membership_table():
    rng = random.Random(13)
    countries = ["Aland", "Borduria", "Carpania", "Dorne", "Elbonia", "Freedonia"]
    regions = {"Aland": "North", "Borduria": "North", "Carpania": "East",
               "Dorne": "East", "Elbonia": "South", "Freedonia": "South"}
    cities = [("C%02d" % i, countries[i % len(countries)]) for i in range(40)]
    rows = []
    for p in range(8):
        k = rng.randint(3, 16)
        for c in sorted(rng.sample(range(40), k)):
            w = rng.choice([0.5, 1.0, 1.0, 1.5, 2.0])
            name, country = cities[c]
            rows.append([name, country, regions[country], "P%d" % p, w])
    return cities, rows


def projection(cities, memberships):
    """memberships: list of (city_index, program_key, weight); a program key may repeat as
    copies (key, copy). Weight of a-b: sum over shared program keys of w_a * w_b."""
    G = nx.Graph()
    G.add_nodes_from(range(len(cities)))
    members = {}
    for c, p, w in memberships:
        members.setdefault(p, []).append((c, w))
    for p, ms in members.items():
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                a, wa = ms[i]
                b, wb = ms[j]
                if G.has_edge(a, b):
                    G[a][b]["weight"] += wa * wb
                else:
                    G.add_edge(a, b, weight=wa * wb)
    return G


def metric(G, name):
    nodes = sorted(G.nodes())
    if name == "strength":
        return [G.degree(v, weight="weight") for v in nodes]
    if name == "degree":
        return [G.degree(v) for v in nodes]
    if name == "core":
        c = nx.core_number(G)
        return [c[v] for v in nodes]
    raise ValueError(name)


def ranks(values):
    return [int(r) for r in stats.rankdata([-v for v in values], method="min")]


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def replicate_counts(seed, r, P):
    _, a = splitmix(seed)
    _, state = splitmix(a ^ r)
    counts = [0] * P
    for _ in range(P):
        state, u = splitmix(state)
        counts[(u * P) >> 64] += 1
    return counts


def robustness(cities, members, programs, name, replicates, seed, pair):
    P = len(programs)

    def run(counts):
        ms = []
        for p, c in zip(programs, counts):
            for copy in range(c):
                ms.extend((city, (p, copy), w) for city, w in members[p])
        return metric(projection(cities, ms), name)

    full = run([1] * P)
    rank = ranks(full)
    n = len(cities)
    loo = []
    for p in range(P):
        counts = [1] * P
        counts[p] = 0
        loo.append(ranks(run(counts)))
    boot, diffs = [], []
    for r in range(replicates):
        v = run(replicate_counts(seed, r, P))
        boot.append(ranks(v))
        if pair:
            diffs.append(v[pair[0]] - v[pair[1]])
    boot = np.array(boot)
    top = [i for i in range(n) if rank[i] <= 10]
    rows = []
    for i in range(n):
        shifts = [abs(loo[p][i] - rank[i]) for p in range(P)]
        best = max(shifts)
        rows.append({
            "city": cities[i][0],
            "value": full[i],
            "rank": rank[i],
            "loo_rank_min": min([rank[i]] + [loo[p][i] for p in range(P)]),
            "loo_rank_max": max([rank[i]] + [loo[p][i] for p in range(P)]),
            "loo_most_influential": programs[shifts.index(best)] if best > 0 else "",
            "boot_rank_lo": float(np.percentile(boot[:, i], 2.5)),
            "boot_rank_hi": float(np.percentile(boot[:, i], 97.5)),
            "p_top10": float(np.mean(boot[:, i] <= 10)),
        })
    taus = [stats.kendalltau(rank, b).statistic for b in boot]
    overlap = [sum(1 for i in top if b[i] <= 10) / len(top) for b in boot]
    taus = [t for t in taus if not math.isnan(t)]

    def summary(x):
        return {"median": float(np.percentile(x, 50)), "lo": float(np.percentile(x, 2.5)),
                "hi": float(np.percentile(x, 97.5))}

    out = {"metric": name, "replicates": replicates, "seed": seed, "rows": rows,
           "kendall_tau_b": summary(taus), "top10_overlap": summary(overlap)}
    if pair:
        out["pair"] = {"a": cities[pair[0]][0], "b": cities[pair[1]][0],
                       "difference": full[pair[0]] - full[pair[1]],
                       "p_a_greater": float(np.mean(np.array(diffs) > 0)),
                       "difference_lo": float(np.percentile(diffs, 2.5)),
                       "difference_hi": float(np.percentile(diffs, 97.5))}
    return out


# ---------------------------------------------------------------- structural holes
def structural_holes(G):
    H = nx.convert_node_labels_to_integers(G, ordering="default")
    for u, v, d in H.edges(data=True):
        d["weight"] = float(d.get("weight", 1.0))
    c = nx.constraint(H, weight="weight")
    assert all(math.isclose(c[v], x, rel_tol=1e-12) or (math.isnan(c[v]) and math.isnan(x))
               for v, x in nx.constraint(H, nodes=list(H), weight="weight").items())
    # nodes=list(H): NetworkX's iterative path, Burt's formula. Without `nodes`, NetworkX 3.6
    # takes a vectorised path that divides m(u, w) by w's largest mutual weight instead of u's
    # (networkx/networkx pull request 8906); the two agree on unweighted graphs only.
    e = nx.effective_size(H, nodes=list(H), weight="weight")
    nodes = list(H.nodes())
    return {
        "n": len(nodes),
        "edges": [[u, v, d["weight"]] for u, v, d in H.edges(data=True)],
        "constraint": [clean(c[v]) for v in nodes],
        "effective_size": [clean(e[v]) for v in nodes],
    }


# ---------------------------------------------------------------- GaWC connectivity
def gawc(cities, G, groups, hinterworlds, top_dyads):
    n = len(cities)
    gnc = [G.degree(v, weight="weight") for v in range(n)]
    top = max(gnc)
    rank = ranks(gnc)
    ei = []
    for v in range(n):
        e = sum(1 for u in G[v] if groups[u] != groups[v])
        i = sum(1 for u in G[v] if groups[u] == groups[v])
        ei.append(None if e + i == 0 else (e - i) / (e + i))
    conn = [{"city": cities[v][0], "gnc": gnc[v], "gnc_share": gnc[v] / top, "rank": rank[v],
             "ei_index": ei[v]} for v in range(n)]
    pairs = sorted(((d["weight"], a, b) for a, b, d in G.edges(data=True)),
                   key=lambda x: (-x[0], min(x[1], x[2]), max(x[1], x[2])))
    wmax = pairs[0][0]
    dyad_rank = ranks([p[0] for p in pairs])
    dyads = [{"a": cities[min(a, b)][0], "b": cities[max(a, b)][0], "r": w, "share": w / wmax,
              "rank": r} for (w, a, b), r in zip(pairs, dyad_rank) if r <= top_dyads]
    total = sum(gnc)
    grp = []
    for g in sorted(set(groups)):
        members = [v for v in range(n) if groups[v] == g]
        internal = sum(1 for a, b in G.edges() if groups[a] == g and groups[b] == g)
        external = sum(1 for a, b in G.edges() if (groups[a] == g) != (groups[b] == g))
        grp.append({"group": g, "cities": len(members),
                    "gnc_sum": sum(gnc[v] for v in members),
                    "gnc_share": sum(gnc[v] for v in members) / total,
                    "ei_index": None if internal + external == 0
                    else (external - internal) / (external + internal)})
    hw = []
    for a in hinterworlds:
        others = [b for b in range(n) if b != a]
        y = np.array([G[a][b]["weight"] if G.has_edge(a, b) else 0.0 for b in others])
        X = np.column_stack([np.ones(len(others)), np.array([gnc[b] for b in others])])
        coef, *_ = np.linalg.lstsq(X, y, rcond=None)
        fit = X @ coef
        for b, yb, fb in zip(others, y, fit):
            hw.append({"of": cities[a][0], "city": cities[b][0], "r": float(yb),
                       "fitted": float(fb), "residual": float(yb - fb)})
    return {"connectivity": conn, "dyads": dyads, "groups": grp, "hinterworld": hw}


def main():
    cities, rows = membership_table()
    index = {c: i for i, c in enumerate(cities)}
    programs = sorted({r[3] for r in rows}, key=lambda p: int(p[1:]))
    members = {p: [] for p in programs}
    for name, country, _region, p, w in rows:
        members[p].append((index[(name, country)], w))
    # citynet numbers cities by first appearance in the table: list them in that order.
    order = []
    for name, country, *_ in rows:
        if (name, country) not in order:
            order.append((name, country))
    # Re-index to citynet's order.
    index = {c: i for i, c in enumerate(order)}
    members = {p: [] for p in programs}
    region = {}
    for name, country, reg, p, w in rows:
        members[p].append((index[(name, country)], w))
        region[index[(name, country)]] = reg
    cities = order
    pair = (0, 1)
    fixture = {
        "memberships": rows,
        "robustness": [
            robustness(cities, members, programs, "strength", 200, 1, pair),
            robustness(cities, members, programs, "degree", 60, 7, None),
            robustness(cities, members, programs, "core", 30, 3, None),
        ],
    }
    G = projection(cities, [(c, p, w) for p in programs for c, w in members[p]])
    fixture["structural_holes"] = {
        "karate": structural_holes(nx.karate_club_graph()),
        "lesmis": structural_holes(nx.les_miserables_graph()),
        "projection": structural_holes(G),
    }
    groups = [region[v] for v in range(len(cities))]
    fixture["gawc"] = gawc(cities, G, groups, [0, 5], 20)
    fixture["gawc"]["hinterworld_cities"] = [cities[0][0], cities[5][0]]
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
