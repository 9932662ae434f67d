"""Generate membership tables with many structural twins and their NetworkX reference values.

Regenerate (from the repository root) with:

    python3 tests/gen_twins.py

(any Python with networkx >= 3.2). Writes tests/fixtures/twins/*.json; tests/twins.rs reads
them. Each table draws its cities' program sets from a few patterns, so many cities have
exactly the same programs (and, for valued tables, the same weights): twins of the city
projection. Every table also has cities without programs, a program with one member, and a
city in every program. The projection G is built here the plain way (weight = sum over shared
programs of w(a,p) * w(b,p), the GaWC interlocking connectivity) and measured with NetworkX.
"""

import json
import math
import os
import random
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "twins")


def table(seed, n_cities, n_programs, n_patterns, valued):
    """Memberships [(city, program, weight)], sorted; ids 0..n-1."""
    rng = random.Random(seed)
    weights = [1.0, 1.5, 2.0, 3.0] if valued else [1.0]
    patterns = []
    for _ in range(n_patterns):
        k = rng.choice([1, 1, 2, 2, 3, 4])
        progs = sorted(rng.sample(range(n_programs - 1), k))
        patterns.append([(p, rng.choice(weights)) for p in progs])
    rows = []
    # The last program has one member: the last city, which is in every program.
    for c in range(n_cities - 1):
        if c % 17 == 5:
            continue  # a city without programs
        for p, w in rng.choice(patterns):
            rows.append((c, p, w))
    hub = n_cities - 1
    for p in range(n_programs):
        rows.append((hub, p, weights[-1]))
    rows.sort()
    return rows


def projection(n, rows):
    by_program = {}
    for c, p, w in rows:
        by_program.setdefault(p, []).append((c, w))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for members in by_program.values():
        for i, (a, wa) in enumerate(members):
            for b, wb in members[i + 1:]:
                old = G[a][b]["weight"] if G.has_edge(a, b) else 0.0
                G.add_edge(a, b, weight=old + wa * wb)
    return G


def measures(G):
    n = G.number_of_nodes()
    nodes = list(range(n))
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["length_w"] = d["weight"]
        d["length_inv"] = 1.0 / d["weight"]
    out = {
        "betweenness": nx.betweenness_centrality(G, normalized=True),
        "betweenness_weight": nx.betweenness_centrality(H, normalized=True, weight="length_w"),
        "betweenness_inverse": nx.betweenness_centrality(H, normalized=True, weight="length_inv"),
        "clustering": nx.clustering(G),
        "triangles": nx.triangles(G),
    }
    cols = {k: [float(v[i]) for i in nodes] for k, v in out.items()}
    cols["degree"] = [G.degree(i) for i in nodes]
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    lcc = G.subgraph(comps[0])
    summary = {
        "edges": G.number_of_edges(),
        "transitivity": nx.transitivity(G),
        "average_clustering": nx.average_clustering(G),
        "diameter": nx.diameter(lcc) if len(lcc) > 1 else 0,
        "average_shortest_path_length": nx.average_shortest_path_length(lcc)
        if len(lcc) > 1
        else 0.0,
        "largest_component": len(lcc),
        "components": len(comps),
    }
    return cols, summary


CASES = [
    # name, seed, cities, programs, patterns, valued
    ("twins_unit", 1, 400, 12, 25, False),
    ("twins_valued", 2, 300, 10, 30, True),
    ("twins_dense", 3, 250, 6, 12, True),
    ("twins_sparse", 4, 500, 40, 60, False),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, seed, n, p, k, valued in CASES:
        rows = table(seed, n, p, k, valued)
        G = projection(n, rows)
        cols, summary = measures(G)
        fx = {
            "name": name,
            "generator": f"tests/gen_twins.py: seed {seed}, {n} cities, {p} programs, "
            f"{k} program-set patterns, valued={valued}; NetworkX {nx.__version__}",
            "n_cities": n,
            "n_programs": p,
            "memberships": [[c, q, w] for c, q, w in rows],
            "columns": cols,
            "summary": summary,
        }
        assert all(math.isfinite(x) for x in cols["betweenness"])
        path = os.path.join(OUT, name + ".json")
        with open(path, "w") as f:
            json.dump(fx, f, separators=(",", ":"))
            f.write("\n")
        print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
