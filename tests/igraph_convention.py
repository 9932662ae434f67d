"""Checks the columns citynet wrote under `--convention igraph` into a GraphML export against
python-igraph's defaults on the same graph.

    python3 tests/igraph_convention.py EXPORT.graphml [TOLERANCE]

On the two-mode graph (nodes with mode city/program): bip_betweenness = betweenness(),
bip_closeness = closeness(normalized=False) (1/sum of distances to reachable nodes; R's default), bip_eigenvector =
eigenvector_centrality(weights) (largest 1), for both modes. On the city projection:
betweenness = betweenness() and closeness = closeness(normalized=False) on hop counts, eigenvector =
eigenvector_centrality(weights="weight"), strength = strength(weights="weight"), pagerank =
pagerank(weights="weight"), degree = degree(). Prints the largest relative gap per column;
exits 1 when one is above TOLERANCE (default 1e-9).
"""

import math
import sys
import xml.etree.ElementTree as ET

import igraph as ig

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def read(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    nodes, attrs = [], []
    for n in graph.findall("g:node", NS):
        nodes.append(n.get("id"))
        attrs.append({keys[d.get("key")]: d.text for d in n.findall("g:data", NS)})
    index = {v: i for i, v in enumerate(nodes)}
    edges, weights = [], []
    for e in graph.findall("g:edge", NS):
        edges.append((index[e.get("source")], index[e.get("target")]))
        w = [d.text for d in e.findall("g:data", NS) if keys[d.get("key")] == "weight"]
        weights.append(float(w[0]) if w else 1.0)
    h = ig.Graph(n=len(nodes), edges=edges)
    h.es["weight"] = weights
    return h, attrs


def gap(have, want):
    if math.isnan(want):
        return 0.0 if have is None or math.isnan(have) else math.inf
    if have is None:
        return math.inf
    return abs(have - want) / max(1.0, abs(want))


def main():
    h, attrs = read(sys.argv[1])
    tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-9
    two_mode = any(a.get("mode") == "program" for a in attrs)
    if two_mode:
        ref = {
            "bip_betweenness": h.betweenness(directed=False),
            "bip_closeness": h.closeness(normalized=False),
            "bip_eigenvector": h.eigenvector_centrality(weights="weight"),
        }
    else:
        ref = {
            "betweenness": h.betweenness(directed=False),
            "closeness": h.closeness(normalized=False),
            "eigenvector": h.eigenvector_centrality(weights="weight"),
            "strength": h.strength(weights="weight"),
            "pagerank": h.pagerank(weights="weight"),
            "degree": h.degree(),
        }
    worst = 0.0
    for col, want in ref.items():
        for mode in ("city", "program"):
            idx = [i for i, a in enumerate(attrs) if a.get("mode", "city") == mode]
            idx = [i for i in idx if col in attrs[i] or math.isnan(want[i])]
            if not idx:
                continue
            g = max(
                gap(float(attrs[i][col]) if col in attrs[i] else None, want[i]) for i in idx
            )
            print(f"{col} {mode}: igraph max relative |diff| {g:.3g} over {len(idx)} nodes")
            worst = max(worst, g)
    if worst > tol:
        print(f"FAIL: largest gap {worst:.3g} > {tol:g}")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
