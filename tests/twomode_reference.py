"""Checks the two-mode columns citynet wrote into a GraphML export (`citynet export --graph
two-mode --to graphml --metrics programs,bip_degree,...`) against NetworkX and python-igraph,
for the city nodes and the program nodes alike.

    python3 tests/twomode_reference.py EXPORT.graphml [TOLERANCE]

NetworkX: bipartite.degree_centrality, betweenness_centrality, closeness_centrality,
clustering (mode "dot") with the cities as the first node set; eigenvector_centrality (weight,
tol=1e-12, max_iter=10000) for bip_eigenvector. igraph: eigenvector_centrality(scale=True) (R: eigen_centrality) equals
bip_eigenvector divided by its largest value; betweenness(directed=False) equals bip_betweenness
times Borgatti and Halgin's largest value of the node's mode (igraph's raw pair-once count).
Prints the largest absolute gap per column and mode; exits 1 when one is above TOLERANCE
(default 1e-9).
"""

import sys

import igraph as ig
import networkx as nx
from networkx.algorithms import bipartite


def bip_max(n, m):
    """Borgatti & Halgin's largest unnormalised betweenness, own mode n, other mode m."""
    if m == 0:
        return 0.0
    s, t = divmod(n - 1, m)
    return (m * m * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2


def main():
    path = sys.argv[1]
    tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-9
    g = nx.read_graphml(path)
    cities = [v for v, d in g.nodes(data=True) if d.get("mode") == "city"]
    programs = [v for v, d in g.nodes(data=True) if d.get("mode") == "program"]
    ref = {
        "bip_degree": bipartite.degree_centrality(g, cities),
        "bip_betweenness": bipartite.betweenness_centrality(g, cities),
        "bip_closeness": bipartite.closeness_centrality(g, cities),
        "bip_clustering": bipartite.clustering(g, mode="dot"),
        "bip_eigenvector": nx.eigenvector_centrality(
            g, weight="weight", tol=1e-12, max_iter=10000
        ),
    }
    ref["programs"] = {v: g.degree(v) for v in cities}
    ref["members"] = {v: g.degree(v) for v in programs}
    # igraph on the same graph, nodes in NetworkX's order.
    order = list(g.nodes())
    index = {v: i for i, v in enumerate(order)}
    h = ig.Graph(n=len(order), edges=[(index[a], index[b]) for a, b in g.edges()])
    h.es["weight"] = [d.get("weight", 1.0) for _, _, d in g.edges(data=True)]
    eig = h.eigenvector_centrality(weights="weight")
    btw = h.betweenness(directed=False)
    worst = 0.0
    for col, values in ref.items():
        for mode, nodes in (("cities", cities), ("programs", programs)):
            have = [v for v in nodes if col in g.nodes[v] and v in values]
            if not have:
                continue
            gap = max(abs(float(g.nodes[v][col]) - values[v]) for v in have)
            print(f"{col} {mode}: NetworkX max |diff| {gap:.3g} over {len(have)} nodes")
            worst = max(worst, gap)
    nc, np_ = len(cities), len(programs)
    for mode, nodes, own, other in (
        ("cities", cities, nc, np_),
        ("programs", programs, np_, nc),
    ):
        have = [v for v in nodes if "bip_eigenvector" in g.nodes[v]]
        if have:
            top = max(float(g.nodes[v]["bip_eigenvector"]) for v in cities + programs)
            gap = max(
                abs(float(g.nodes[v]["bip_eigenvector"]) / top - eig[index[v]]) for v in have
            )
            print(f"bip_eigenvector {mode}: igraph eigenvector_centrality max |diff| {gap:.3g}")
            worst = max(worst, gap)
        have = [v for v in nodes if "bip_betweenness" in g.nodes[v]]
        if have:
            mx = bip_max(own, other)
            gap = max(
                abs(float(g.nodes[v]["bip_betweenness"]) * mx - btw[index[v]]) / max(1.0, btw[index[v]])
                for v in have
            )
            print(f"bip_betweenness {mode}: igraph betweenness max relative |diff| {gap:.3g}")
            worst = max(worst, gap)
    if worst > tol:
        print(f"FAIL: largest gap {worst:.3g} > {tol:g}")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
