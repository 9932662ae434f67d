"""Generate the NetworkX reference fixtures for the citynet metrics engine.

Regenerate (from the repository root) with:

    /work/venv/bin/python tests/gen_fixtures.py

(any Python with networkx >= 3.2, scipy and numpy works). Every JSON file under
tests/fixtures/ is written by this script and nothing else; tests/metrics_reference.rs reads
them. Node ids in the fixtures are 0..n-1 in the graph's own node order; `nodes` keeps the
original names.

The bundled default network (networks/city-diplomacy) is a fixture too (`city_diplomacy`):
its cities and programs in the order of cities.csv and programs.csv, which is the order
citynet's loader gives them, keyed "name|country" for the end-to-end test.
"""

import json
import math
import os
import sys

import networkx as nx
from networkx.algorithms import bipartite

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
LOUVAIN_SEED = 1
# PageRank and eigenvector references are converged values, not NetworkX's default stopping
# point (tol=1e-6, which leaves up to ~1e-3 relative error on weighted graphs): the iteration
# runs until the L1 change is below n * 1e-12, as citynet's does.
TOL = 1e-12
MAX_ITER = 10000


def clean(x):
    """JSON-safe float (NaN -> None)."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return None
    return x


def relabel(G):
    """Nodes -> 0..n-1 in G's node order, as a fresh Graph with weights (missing = 1)."""
    names = list(G.nodes())
    idx = {v: i for i, v in enumerate(names)}
    H = nx.Graph()
    H.add_nodes_from(range(len(names)))
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        H.add_edge(idx[u], idx[v], weight=float(d.get("weight", 1)))
    return H, [str(v) for v in names]


def one_mode_columns(G):
    n = G.number_of_nodes()
    nodes = list(G.nodes())
    cols = {}
    cols["degree"] = [G.degree(v) for v in nodes]
    cols["strength"] = [float(G.degree(v, weight="weight")) for v in nodes]
    b = nx.betweenness_centrality(G, normalized=True)
    cols["betweenness"] = [b[v] for v in nodes]
    c = nx.closeness_centrality(G)
    cols["closeness"] = [c[v] for v in nodes]
    h = nx.harmonic_centrality(G)
    cols["harmonic"] = [h[v] / (n - 1) if n > 1 else 0.0 for v in nodes]
    try:
        e = nx.eigenvector_centrality(G, weight="weight", max_iter=MAX_ITER, tol=TOL)
        cols["eigenvector"] = [e[v] for v in nodes]
    except nx.PowerIterationFailedConvergence:
        cols["eigenvector"] = None  # the Rust side must report NoConvergence
    p = nx.pagerank(G, alpha=0.85, weight="weight", max_iter=MAX_ITER, tol=TOL)
    cols["pagerank"] = [p[v] for v in nodes]
    cl = nx.clustering(G)
    cols["clustering"] = [cl[v] for v in nodes]
    k = nx.core_number(G)
    cols["core"] = [k[v] for v in nodes]
    reach = []
    for v in nodes:
        d = nx.single_source_shortest_path_length(G, v, cutoff=2)
        reach.append((len(d) - 1) / (n - 1) if n > 1 else 0.0)
    cols["reach_2"] = reach
    comp = {}
    for i, cc in enumerate(nx.connected_components(G)):
        for v in cc:
            comp[v] = i
    cols["component"] = [comp[v] for v in nodes]
    return cols


def weighted_columns(G):
    """Weighted shortest-path variants: edge length = weight, and = 1/weight."""
    H = G.copy()
    for u, v, d in H.edges(data=True):
        d["length_w"] = d["weight"]
        d["length_inv"] = 1.0 / d["weight"]
    nodes = list(H.nodes())
    out = {}
    for key, attr in (("weight", "length_w"), ("inverse", "length_inv")):
        b = nx.betweenness_centrality(H, normalized=True, weight=attr)
        c = nx.closeness_centrality(H, distance=attr)
        out["betweenness_" + key] = [b[v] for v in nodes]
        out["closeness_" + key] = [c[v] for v in nodes]
    return out


def reach_k(G, k):
    n = G.number_of_nodes()
    out = []
    for v in G.nodes():
        d = nx.single_source_shortest_path_length(G, v, cutoff=k)
        out.append((len(d) - 1) / (n - 1) if n > 1 else 0.0)
    return out


def summary(G, communities):
    n = G.number_of_nodes()
    lcc_nodes = max(nx.connected_components(G), key=len) if n else set()
    L = G.subgraph(lcc_nodes)
    try:
        assort = clean(nx.degree_assortativity_coefficient(G))
    except Exception:  # noqa: BLE001 - e.g. no edges
        assort = None
    return {
        "nodes": n,
        "edges": G.number_of_edges(),
        "density": nx.density(G),
        "components": nx.number_connected_components(G),
        "largest_component": len(lcc_nodes),
        "transitivity": nx.transitivity(G),
        "average_clustering": nx.average_clustering(G) if n else 0.0,
        "diameter": nx.diameter(L) if len(L) > 1 else 0,
        "average_shortest_path_length": (
            nx.average_shortest_path_length(L) if len(L) > 1 else 0.0
        ),
        "modularity": nx.community.modularity(G, communities, weight="weight"),
        "communities": len(communities),
        "degree_assortativity": assort,
    }


def one_mode_fixture(name, G0, description):
    G, names = relabel(G0)
    cols = one_mode_columns(G)
    comms = nx.community.louvain_communities(G, weight="weight", seed=LOUVAIN_SEED)
    labels = [0] * G.number_of_nodes()
    for i, c in enumerate(comms):
        for v in c:
            labels[v] = i
    fx = {
        "name": name,
        "description": description,
        "networkx": nx.__version__,
        "n": G.number_of_nodes(),
        "nodes": names,
        "edges": sorted([min(u, v), max(u, v), d["weight"]] for u, v, d in G.edges(data=True)),
        "columns": cols,
        "reach": {str(k): reach_k(G, k) for k in (1, 3)},
        "weighted": weighted_columns(G),
        "louvain_seed": LOUVAIN_SEED,
        "louvain_labels": labels,
        "louvain_modularity": nx.community.modularity(G, comms, weight="weight"),
        "summary": summary(G, comms),
    }
    return fx


def two_mode_fixture(name, B, cities, programs, description):
    """B: bipartite graph; cities/programs: node lists (their order gives the ids)."""
    cidx = {v: i for i, v in enumerate(cities)}
    pidx = {v: i for i, v in enumerate(programs)}
    memberships = []
    for u, v in B.edges():
        if u in cidx:
            c, p = u, v
        else:
            c, p = v, u
        memberships.append([cidx[c], pidx[p], float(B[u][v].get("weight", 1))])
    memberships.sort()
    P = bipartite.weighted_projected_graph(B, cities)
    # weighted_projected_graph counts shared neighbours, i.e. sum_p w*w for unit weights.
    fx = one_mode_fixture(name, P, description)
    bd = bipartite.degree_centrality(B, cities)
    bb = bipartite.betweenness_centrality(B, cities)
    bc = bipartite.closeness_centrality(B, cities)
    bl = bipartite.clustering(B, mode="dot")
    be = nx.eigenvector_centrality(B, weight="weight", tol=1e-12, max_iter=10000)
    fx["two_mode"] = {
        "n_cities": len(cities),
        "n_programs": len(programs),
        "city_names": [str(c) for c in cities],
        "program_names": [str(p) for p in programs],
        "memberships": memberships,
        "cities": {
            "programs": [B.degree(c) for c in cities],
            "bip_degree": [bd[c] for c in cities],
            "bip_betweenness": [bb[c] for c in cities],
            "bip_closeness": [bc[c] for c in cities],
            "bip_clustering": [bl[c] for c in cities],
            "bip_eigenvector": [be[c] for c in cities],
        },
        "programs": {
            "programs": [B.degree(p) for p in programs],
            "bip_degree": [bd[p] for p in programs],
            "bip_betweenness": [bb[p] for p in programs],
            "bip_closeness": [bc[p] for p in programs],
            "bip_clustering": [bl[p] for p in programs],
            "bip_eigenvector": [be[p] for p in programs],
        },
    }
    return fx


def write(fx):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, fx["name"] + ".json")
    with open(path, "w") as f:
        json.dump(fx, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, file=sys.stderr)


def disconnected_graph():
    G = nx.Graph()
    G.add_nodes_from(range(20))
    # Two triangles of equal size (tie in component labels), a path, a star, isolates.
    G.add_edges_from([(3, 4), (4, 5), (3, 5)])
    G.add_edges_from([(0, 1), (1, 2), (0, 2)])
    G.add_edges_from([(6, 7), (7, 8), (8, 9), (9, 10)])
    G.add_edges_from([(12, 13), (12, 14), (12, 15), (12, 16), (13, 14)])
    for u, v in [(6, 7), (12, 13)]:
        G[u][v]["weight"] = 2.5
    # nodes 11, 17, 18, 19 are isolates
    return G


def bundled_network():
    """The two-mode graph of networks/city-diplomacy, as citynet reads it: a city is its
    (name, country) row of cities.csv, a program its row of programs.csv, a membership joins
    them with weight 1 (the file has no weights)."""
    import csv

    root = os.path.join(HERE, "..", "networks", "city-diplomacy")

    def rows(f):
        with open(os.path.join(root, f), newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    cities = [("c", r["name"], r["country"]) for r in rows("cities.csv")]
    programs = [("p", r["name"]) for r in rows("programs.csv")]
    B = nx.Graph()
    B.add_nodes_from(cities, bipartite=0)
    B.add_nodes_from(programs, bipartite=1)
    for r in rows("memberships.csv"):
        c, p = ("c", r["city"], r["country"]), ("p", r["program"])
        assert c in B and p in B, (c, p)
        B.add_edge(c, p, weight=float(r.get("weight") or 1))
    fx = two_mode_fixture("city_diplomacy", B, cities, programs,
                          "networks/city-diplomacy (the bundled default network)")
    keys = [f"{c[1]}|{c[2]}" for c in cities]
    fx["nodes"] = keys
    fx["two_mode"]["city_names"] = keys
    fx["two_mode"]["program_names"] = [p[1] for p in programs]
    return fx


def main():
    write(one_mode_fixture("karate", nx.karate_club_graph(),
                           "Zachary's karate club (NetworkX edge weights)"))
    write(one_mode_fixture("florentine", nx.florentine_families_graph(),
                           "Padgett's Florentine families (marriage ties)"))
    write(one_mode_fixture("lesmis", nx.les_miserables_graph(),
                           "Les Miserables co-appearance network (weighted)"))
    write(one_mode_fixture("disconnected", disconnected_graph(),
                           "Disconnected graph: equal triangles, path, star, isolates"))
    write(one_mode_fixture("gnp", nx.gnp_random_graph(80, 0.06, seed=20240611),
                           "G(n=80, p=0.06), seed 20240611"))
    write(one_mode_fixture("powerlaw", nx.powerlaw_cluster_graph(300, 3, 0.3, seed=99),
                           "Holme-Kim powerlaw_cluster(300, 3, 0.3), seed 99"))
    B = nx.davis_southern_women_graph()
    women = [v for v, d in B.nodes(data=True) if d["bipartite"] == 0]
    events = [v for v, d in B.nodes(data=True) if d["bipartite"] == 1]
    write(two_mode_fixture("davis", B, women, events,
                           "Davis Southern Women: women = cities, events = programs"))
    R = bipartite.random_graph(40, 15, 0.12, seed=31)
    cities = [v for v, d in R.nodes(data=True) if d["bipartite"] == 0]
    progs = [v for v, d in R.nodes(data=True) if d["bipartite"] == 1]
    write(two_mode_fixture("random_bipartite", R, cities, progs,
                           "random bipartite 40 cities x 15 programs, p=0.12, seed 31"))
    write(bundled_network())


if __name__ == "__main__":
    # String-keyed sets iterate in hash order; pin the hash seed so reruns write identical files.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  dict(os.environ, PYTHONHASHSEED="0"))
    main()
