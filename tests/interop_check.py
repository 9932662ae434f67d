#!/usr/bin/env python3
"""Loads citynet's exports in NetworkX and compares them with citynet's CSV output.

Usage: interop_check.py DIR
       interop_check.py --write-davis DIR   (NetworkX writes a graph for citynet to read)

DIR holds `cities.csv` (and `programs.csv` for inputs with programs) written by
`citynet analyze --raw-csv`, and exports named GRAPH.EXT with GRAPH one of two-mode,
projection, programs, ties and EXT one of graphml, gexf, json, net. For every export found:

- nodes: the same ids (c0.. in cities.csv row order, p0.. in programs.csv row order), the
  same label, and every CSV column with the same value (numbers compared as numbers, to the
  last bit; an empty cell is an absent attribute);
- edges: for the two-mode graph, `bipartite` is 0/1 and the memberships form a bipartite
  graph; the projection equals NetworkX's own projection of the exported two-mode graph with
  weight sum of w(a,p)*w(b,p), and each city's degree and strength in it equal the `degree`
  and `strength` columns; every format of one graph has the same edges and weights as its
  GraphML.

Prints one line per file checked and exits 1 on the first mismatch (with what differs).
Run by tests/cli_export.rs when NetworkX is importable.
"""

import csv
import json
import math
import os
import sys

import networkx as nx
from networkx.algorithms import bipartite


def fail(msg):
    print(f"MISMATCH: {msg}")
    sys.exit(1)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def load(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "graphml":
        return nx.read_graphml(path)
    if ext == "gexf":
        return nx.read_gexf(path, version="1.3")
    if ext == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        try:
            return nx.node_link_graph(data, edges="links")
        except TypeError:  # NetworkX < 3.4 reads "links" by default
            return nx.node_link_graph(data)
    if ext == "net":
        return nx.Graph(nx.read_pajek(path))
    raise ValueError(path)


def same_value(cell, value, where):
    if cell == "":
        if value is not None:
            fail(f"{where}: CSV is empty, export has {value!r}")
        return
    if value is None:
        fail(f"{where}: CSV has {cell!r}, export has nothing")
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, (int, float)):
        x = float(cell)
        if not (x == float(value) or (math.isnan(x) and math.isnan(float(value)))):
            fail(f"{where}: CSV {cell!r} != export {value!r}")
    elif str(value) != cell:
        fail(f"{where}: CSV {cell!r} != export {value!r}")


# CSV column -> node attribute name in the exports.
RENAME = {"city": "name", "node": "name", "program": "name"}
SKIP = {"member_cities"}


def check_nodes(G, table, prefix, label_col, where):
    header, rows = table
    for i, row in enumerate(rows):
        nid = f"{prefix}{i}"
        if nid not in G:
            fail(f"{where}: node {nid} missing")
        attrs = G.nodes[nid]
        if attrs.get("label", nid) != row[header.index(label_col)]:
            fail(f"{where}: {nid} label {attrs.get('label')!r} != {row[header.index(label_col)]!r}")
        for j, (col, cell) in enumerate(zip(header, row)):
            if col in SKIP:
                continue
            name = RENAME.get(col, col)
            if col in header[j + 1 :]:
                # An attribute column named like a metric comes first in the CSV and is
                # exported as NAME_attr; the metric keeps the name.
                name = col + "_attr"
            same_value(cell, attrs.get(name), f"{where} {nid}.{name}")


def edge_set(G):
    return {tuple(sorted((u, v))): d.get("weight", 1.0) for u, v, d in G.edges(data=True)}


def main(d):
    cities = read_csv(os.path.join(d, "cities.csv"))
    progs_path = os.path.join(d, "programs.csv")
    programs = read_csv(progs_path) if os.path.exists(progs_path) else None
    label_col = "node" if cities[0][0] == "node" else "city"
    graph_order = ["two-mode", "projection", "programs", "ties"]
    ext_order = ["graphml", "gexf", "json", "net"]
    files = sorted(
        (
            f
            for f in os.listdir(d)
            if f.rsplit(".", 1)[-1] in ext_order and f.rsplit(".", 1)[0] in graph_order
        ),
        key=lambda f: (graph_order.index(f.rsplit(".", 1)[0]), ext_order.index(f.rsplit(".", 1)[1])),
    )
    if not files:
        fail("no exports found")
    reference = {}
    for f in files:
        graph, ext = f.rsplit(".", 1)
        G = load(os.path.join(d, f))
        if G.is_directed():
            fail(f"{f}: expected an undirected graph, got {type(G).__name__}")
        G = nx.Graph(G)
        if ext == "net":
            # Pajek keys nodes by label; compare edges through the GraphML ids.
            ref = reference.get(graph)
            if ref is None:
                continue
            order = list(ref.nodes())
            if G.number_of_nodes() != len(order):
                fail(f"{f}: {G.number_of_nodes()} vertices, {graph}.graphml has {len(order)}")
            H = nx.relabel_nodes(G, {n: order[int(a["id"]) - 1] for n, a in G.nodes(data=True)})
            if edge_set(H) != edge_set(ref):
                fail(f"{f}: edges differ from {graph}.graphml")
            print(f"ok {f}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
            continue
        if graph != "programs":
            check_nodes(G, cities, "c", label_col, f)
        if graph in ("two-mode", "programs") and programs is not None:
            check_nodes(G, programs, "p", "program", f)
        if graph == "two-mode":
            top = {n for n, b in G.nodes(data="bipartite") if b == 0}
            if {n for n in G if n.startswith("c")} != top:
                fail(f"{f}: bipartite=0 is not exactly the cities")
            if not bipartite.is_bipartite_node_set(G, top):
                fail(f"{f}: the memberships do not form a bipartite graph")
            # NetworkX's own projection with weight sum w(a,p)*w(b,p).
            P = bipartite.generic_weighted_projected_graph(
                G,
                sorted(top),
                weight_function=lambda B, u, v: sum(
                    B[u][p].get("weight", 1.0) * B[v][p].get("weight", 1.0)
                    for p in set(B[u]) & set(B[v])
                ),
            )
            reference["nx-projection"] = P
        if graph == "projection":
            header, rows = cities
            for i, row in enumerate(rows):
                nid = f"c{i}"
                if "degree" in header:
                    same_value(row[header.index("degree")], G.degree(nid), f"{f} degree of {nid}")
                if "strength" in header:
                    s = G.degree(nid, weight="weight")
                    if abs(float(row[header.index("strength")]) - s) > 1e-9 * max(1.0, s):
                        fail(f"{f}: strength of {nid} {row[header.index('strength')]} != {s}")
            P = reference.get("nx-projection")
            if P is not None and edge_set(P) != edge_set(G):
                fail(f"{f}: differs from NetworkX's projection of two-mode")
        ref = reference.setdefault(graph, G)
        if ref is not G:
            if set(ref) != set(G) or edge_set(ref) != edge_set(G):
                fail(f"{f}: nodes or edges differ from the first export of {graph}")
        print(f"ok {f}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    print(f"interop: {len(files)} files agree with the CSV output (networkx {nx.__version__})")


def write_davis(d):
    """Writes NetworkX's Davis Southern Women graph (bipartite 0 = women, 1 = events) as
    GraphML and GEXF, and the expected projection degree and strength of each woman."""
    B = nx.davis_southern_women_graph()
    B.graph.clear()  # its "top"/"bottom" lists cannot be written as GraphML
    for n in B:
        B.nodes[n].pop("label", None)
    nx.write_graphml(B, os.path.join(d, "davis.graphml"))
    nx.write_gexf(B, os.path.join(d, "davis.gexf"))
    women = [n for n, b in B.nodes(data="bipartite") if b == 0]
    G = bipartite.weighted_projected_graph(B, women)
    with open(os.path.join(d, "davis_expected.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["city", "programs", "degree", "strength"])
        for n in sorted(women):
            w.writerow([n, B.degree(n), G.degree(n), float(G.degree(n, weight="weight"))])
    print(f"wrote davis.graphml, davis.gexf: {len(women)} women, {B.number_of_nodes() - len(women)} events")


if __name__ == "__main__":
    if sys.argv[1] == "--write-davis":
        write_davis(sys.argv[2])
    else:
        main(sys.argv[1])
