#!/usr/bin/python3
"""Time graph-tool's kernels on an edge list, for scripts/bench_compare.py.

    /usr/bin/python3 scripts/bench_graphtool.py EDGES.csv METRIC [METRIC ...]

graph-tool is Debian's python3-graph-tool, importable by the system Python only (not by the
benchmark virtualenv), hence this separate script, run by bench_compare.py like citynet's
bench_metrics example. EDGES.csv has a header and integer columns `source,target` (nodes
0..n-1). Prints `metric<TAB>seconds<TAB>checksum<TAB>cpu_seconds` per metric; seconds cover the
algorithm call only (loading and graph construction excluded); cpu_seconds is the process's CPU
time over the call, all threads (time.process_time). OpenMP threads: GRAPH_TOOL_THREADS (default 2).

Calls (undirected graph): betweenness -> centrality.betweenness (vertex and edge betweenness,
graph-tool always computes both), closeness -> centrality.closeness (harmonic=False),
harmonic -> centrality.closeness(harmonic=True), clustering -> clustering.local_clustering,
pagerank -> centrality.pagerank(damping=0.85), component -> topology.label_components,
core -> topology.kcore_decomposition.
"""
import os
import sys
import time

import numpy as np
import graph_tool as gt
from graph_tool import centrality, clustering, topology


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: bench_graphtool.py EDGES.csv METRIC [METRIC ...]")
    gt.openmp_set_num_threads(int(os.environ.get("GRAPH_TOOL_THREADS", "2")))
    e = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    g = gt.Graph(directed=False)
    g.add_vertex(int(e.max()) + 1 if len(e) else 0)
    g.add_edge_list(e)
    calls = {
        "betweenness": lambda: centrality.betweenness(g)[0].a,
        "closeness": lambda: centrality.closeness(g).a,
        "harmonic": lambda: centrality.closeness(g, harmonic=True).a,
        "clustering": lambda: clustering.local_clustering(g).a,
        "pagerank": lambda: centrality.pagerank(g, damping=0.85).a,
        "component": lambda: topology.label_components(g)[0].a,
        "core": lambda: topology.kcore_decomposition(g).a,
    }
    for name in sys.argv[2:]:
        if name not in calls:
            sys.exit(f"unknown metric {name}")
        t, c = time.perf_counter(), time.process_time()
        out = calls[name]()
        secs, cpu = time.perf_counter() - t, time.process_time() - c
        check = float(np.nansum(np.asarray(out, dtype=float)))
        print(f"{name}\t{secs:.6f}\t{check:.6g}\t{cpu:.6f}", flush=True)


if __name__ == "__main__":
    main()
