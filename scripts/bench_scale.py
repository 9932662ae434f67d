#!/usr/bin/env python3
"""Scale benchmark: citynet beside NetworkX, igraph, NetworKit and graph-tool, time and peak memory.

Usually run by `bash scripts/bench.sh`. By hand, with a Python that has networkx, igraph and
networkit:

    cargo build --release
    python3 scripts/gen_scale.py --out output/scale-inputs
    python scripts/bench_scale.py [--inputs output/scale-inputs] [--timeout 300]
        [--repeat 3] [--tools citynet,networkx,igraph,networkit,graph-tool] [--cases covenant,...]
        [--gt-python /usr/bin/python3]   # graph-tool runs under the system Python (python3-graph-tool)
        [--json docs/figures/scale.json [--merge]]

Cases (inputs from scripts/gen_scale.py):
  covenant        13,000 cities, 400 programs, 60,189 memberships (largest program 10,500):
                  every default column of the city projection.
  covenant-small  the same without the four programs over 1,000 members.
  ba100k          100,000-node, ~500,000-edge edge list (Holme-Kim): every default column.

What each tool computes: citynet `analyze --no-figures` (all default columns and the graph
summary; betweenness approximate above its size threshold, as labelled in summary.json);
NetworkX: weighted projection (bipartite.weighted_projected_graph) or the edge list, then
degree, strength, betweenness (exact; approximate with k=1000 sources on ba100k), closeness,
harmonic, eigenvector, PageRank, clustering, core number, 2-hop reach, components, Louvain;
igraph: the same columns with igraph's kernels (betweenness exact on the covenant tables,
omitted on ba100k); NetworKit: the same on ba100k (ApproxBetweenness = Riondato-Kornaropoulos
with ε = 0.01, δ = 0.1, as citynet); graph-tool (--gt-python, 2 OpenMP threads,
OMP_WAIT_POLICY=passive): the projection built with scipy.sparse (M·Mᵀ of the city × program
incidence matrix, upper triangle, weight = shared programs), then the NetworKit job's columns
in the same order with graph-tool's kernels (betweenness exact on the tables, k = 1000 random
pivots on ba100k; no reach_2 kernel; no Louvain, so no community column). Peers run with a
timeout and are reported as "did not finish" with the last step they reached. Peak memory is the process's VmHWM (peak resident
set), polled from /proc every 0.2 s (the true peak of a finished process; at least that for
a killed one). Medians over --repeat runs for finished runs; the load average is recorded in
the JSON beside each run. With --merge, the rows of the existing --json file that this run did
not measure (another case or tool) are kept, and the table printed covers them all.
"""
import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Cargo's release folder (CARGO_TARGET_DIR when set, as cargo build uses it).
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")

PEER_COMMON = r'''
import csv, sys, time
T0 = time.time()
def stage(s):
    print(f"STAGE {s} {time.time() - T0:.1f}", file=sys.stderr, flush=True)
path, kind = sys.argv[1], sys.argv[2]
SKIP_BTW = len(sys.argv) > 3 and sys.argv[3] == "skip-betweenness"
def read_table(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        h = next(r)
        for row in r:
            rows.append(row)
    return h, rows
'''

NETWORKX = PEER_COMMON + r'''
import networkx as nx
from networkx.algorithms import bipartite
h, rows = read_table(path)
stage("read")
if kind == "table":
    B = nx.Graph()
    cities = set()
    for c, country, p in rows:
        cities.add((c, country))
        B.add_node((c, country), bipartite=0)
        B.add_node(("P", p), bipartite=1)
        B.add_edge((c, country), ("P", p))
    G = bipartite.weighted_projected_graph(B, cities)
    k = None
else:
    G = nx.Graph()
    G.add_edges_from((a, b) for a, b in rows)
    k = 1000
stage(f"graph {G.number_of_nodes()} nodes {G.number_of_edges()} edges")
dict(G.degree()); dict(G.degree(weight="weight")); stage("degree,strength")
if not SKIP_BTW:
    nx.betweenness_centrality(G, k=k, seed=1); stage("betweenness" + (" (k=1000)" if k else ""))
nx.closeness_centrality(G); stage("closeness")
nx.harmonic_centrality(G); stage("harmonic")
nx.eigenvector_centrality(G, weight="weight", max_iter=100); stage("eigenvector")
nx.pagerank(G, weight="weight"); stage("pagerank")
nx.clustering(G); stage("clustering")
nx.core_number(G); stage("core")
{v: len(nx.single_source_shortest_path_length(G, v, cutoff=2)) for v in G}; stage("reach_2")
list(nx.connected_components(G)); stage("component")
nx.community.louvain_communities(G, weight="weight", seed=1); stage("community")
'''

IGRAPH = PEER_COMMON + r'''
import igraph as ig
h, rows = read_table(path)
stage("read")
if kind == "table":
    cid, pid, edges = {}, {}, []
    for c, country, p in rows:
        a = cid.setdefault((c, country), len(cid))
        b = pid.setdefault(p, len(pid))
        edges.append((a, b))
    n = len(cid)
    B = ig.Graph(n=n + len(pid), edges=[(a, n + b) for a, b in edges])
    B.vs["type"] = [False] * n + [True] * len(pid)
    G, _ = B.bipartite_projection(types="type", multiplicity=True)
    G.es["weight"] = G.es["weight"]
    exact_btw = True
else:
    ids = {}
    e = [(ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids))) for a, b in rows]
    G = ig.Graph(n=len(ids), edges=e)
    G.es["weight"] = [1.0] * G.ecount()
    exact_btw = False
stage(f"graph {G.vcount()} nodes {G.ecount()} edges")
G.degree(); G.strength(weights="weight"); stage("degree,strength")
if exact_btw and not SKIP_BTW:
    G.betweenness(); stage("betweenness")
G.closeness(); stage("closeness")
G.harmonic_centrality(); stage("harmonic")
G.eigenvector_centrality(weights="weight"); stage("eigenvector")
G.pagerank(weights="weight"); stage("pagerank")
G.transitivity_local_undirected(); stage("clustering")
G.coreness(); stage("core")
G.neighborhood_size(order=2); stage("reach_2")
G.connected_components(); stage("component")
G.community_multilevel(weights="weight"); stage("community")
'''

NETWORKIT = PEER_COMMON + r'''
import networkit as nk
h, rows = read_table(path)
stage("read")
ids = {}
G = nk.Graph(weighted=True)
for a, b in rows:
    for x in (a, b):
        if x not in ids:
            ids[x] = G.addNode()
    G.addEdge(ids[a], ids[b], 1.0, checkMultiEdge=True)
stage(f"graph {G.numberOfNodes()} nodes {G.numberOfEdges()} edges")
[G.degree(v) for v in G.iterNodes()]; [G.weightedDegree(v) for v in G.iterNodes()]; stage("degree,strength")
if not SKIP_BTW:
    nk.centrality.ApproxBetweenness(G, epsilon=0.01, delta=0.1).run(); stage("betweenness (RK approx)")
nk.centrality.Closeness(G, True, nk.centrality.ClosenessVariant.GENERALIZED).run(); stage("closeness")
nk.centrality.HarmonicCloseness(G, True).run(); stage("harmonic")
nk.centrality.EigenvectorCentrality(G).run(); stage("eigenvector")
nk.centrality.PageRank(G, 0.85).run(); stage("pagerank")
nk.centrality.LocalClusteringCoefficient(G).run(); stage("clustering")
nk.centrality.CoreDecomposition(G).run(); stage("core")
stage("reach_2 not computed (no NetworKit kernel)")
nk.components.ConnectedComponents(G).run(); stage("component")
nk.community.PLM(G, refine=True).run(); stage("community")
'''

GRAPHTOOL = PEER_COMMON + r'''
import numpy as np
import scipy.sparse as sp
import graph_tool.all as gt
gt.openmp_set_num_threads(2)
h, rows = read_table(path)
stage("read")
if kind == "table":
    cid, pid, ci, pi = {}, {}, [], []
    for c, country, p in rows:
        ci.append(cid.setdefault((c, country), len(cid)))
        pi.append(pid.setdefault(p, len(pid)))
    n = len(cid)
    M = sp.csr_matrix((np.ones(len(ci), dtype=np.int32), (ci, pi)), shape=(n, len(pid)))
    M.data[:] = 1  # a repeated membership row counts once
    P = sp.triu(M @ M.T, k=1).tocoo()  # weighted projection: shared programs per city pair
    del M
    g = gt.Graph(directed=False)
    g.add_vertex(n)
    g.add_edge_list(np.column_stack((P.row, P.col)))
    w = g.new_ep("double")
    w.a[:] = P.data
    del P
    pivots = None
else:
    ids = {}
    e = np.array([(ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids))) for a, b in rows], dtype=np.int64)
    g = gt.Graph(directed=False)
    g.add_vertex(len(ids))
    g.add_edge_list(e)
    w = g.new_ep("double", val=1.0)
    pivots = np.random.default_rng(1).choice(g.num_vertices(), 1000, replace=False)
stage(f"graph {g.num_vertices()} nodes {g.num_edges()} edges")
vs = g.get_vertices()
g.get_out_degrees(vs); g.get_out_degrees(vs, eweight=w); stage("degree,strength")
if not SKIP_BTW:
    if pivots is None:
        gt.betweenness(g); stage("betweenness")
    else:
        gt.betweenness(g, pivots=pivots); stage("betweenness (k=1000 pivots)")
gt.closeness(g); stage("closeness")
gt.closeness(g, harmonic=True); stage("harmonic")
gt.eigenvector(g, weight=w, max_iter=1000); stage("eigenvector")
gt.pagerank(g, weight=w); stage("pagerank")
gt.local_clustering(g); stage("clustering")
gt.kcore_decomposition(g); stage("core")
stage("reach_2 not computed (no graph-tool kernel)")
gt.label_components(g); stage("component")
stage("community not computed (graph-tool has no Louvain/modularity optimiser)")
'''

CASES = {
    "covenant": ("covenant.csv", "table"),
    "covenant-small": ("covenant-small.csv", "table"),
    "ba100k": ("ba100k.csv", "graph"),
}


def peak_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, timeout, env=None):
    """Runs cmd; returns (status, wall s, peak KiB, last stage, load average, CPU s)."""
    load = os.getloadavg()[0]
    cpu0 = cpu_children()
    err = tempfile.TemporaryFile()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True, env=env)
    peak = 0
    status = "ok"
    while True:
        try:
            p.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            k = peak_kb(p.pid)
            if k:
                peak = max(peak, k)
            if time.monotonic() - t0 > timeout:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                status = "did not finish"
                break
    wall = time.monotonic() - t0
    if status == "ok" and p.returncode != 0:
        status = f"exit {p.returncode}"
    err.seek(0)
    lines = err.read().decode("utf-8", "replace").splitlines()
    stages = [l for l in lines if l.startswith("STAGE ")]
    last = stages[-1][6:] if stages else (lines[-1] if lines and status != "ok" else "")
    return status, wall, peak, last, load, cpu_children() - cpu0


# What each peer computes beyond the columns every tool computes exactly (degree, strength,
# closeness, harmonic, eigenvector, PageRank, clustering, core, components; reach_2 and Louvain
# where the tool has them), for the table's "betweenness and clustering" column.
PEER_WORK = {
    ("networkx", "table"): "exact betweenness on the projection",
    ("networkx", "graph"): "betweenness from 1,000 sampled sources",
    ("igraph", "table"): "exact betweenness on the projection",
    ("igraph", "graph"): "no betweenness (exact would not finish)",
    ("networkit", "graph"): "ApproxBetweenness (Riondato–Kornaropoulos, ε = 0.01, δ = 0.1)",
    ("graph-tool", "table"): "exact betweenness on the projection; no reach_2, no Louvain",
    ("graph-tool", "graph"): "betweenness from 1,000 random pivots; no reach_2, no Louvain",
}


def cpu_model():
    """The CPU model and count, e.g. "Intel(R) Xeon(R) Processor, 2 logical CPUs"."""
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} logical CPUs"


def citynet_work(summary_path):
    """The columns citynet approximated, from summary.json's `methods` (exact otherwise)."""
    try:
        with open(summary_path) as f:
            methods = json.load(f).get("methods", [])
    except (OSError, ValueError):
        return ""
    approx = [f"{m['column']} sampled ({m.get('estimator', '').split(' (')[0]}, "
              f"ε = {m.get('epsilon', 0):.2g})"
              for m in methods if m.get("method") == "approximate"
              and m["column"] in ("betweenness", "clustering")]
    return "; ".join(approx) if approx else "exact betweenness and clustering"


def citynet_peak(cmd, timeout):
    """citynet is a single process: its VmHWM at exit is read through /usr/bin/time."""
    if not os.path.exists("/usr/bin/time"):
        return run(cmd, timeout)
    load = os.getloadavg()[0]
    cpu0 = cpu_children()
    t0 = time.monotonic()
    with tempfile.NamedTemporaryFile("r") as tf:
        try:
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "did not finish", time.monotonic() - t0, None, "", load, cpu_children() - cpu0
        wall = time.monotonic() - t0
        txt = open(tf.name).read().strip().splitlines()
        peak = int(txt[-1]) if txt and txt[-1].isdigit() else None
    status = "ok" if p.returncode == 0 else f"exit {p.returncode}: {p.stderr.decode()[-300:]}"
    return status, wall, peak, "", load, cpu_children() - cpu0


def main():
    ap = argparse.ArgumentParser(description="citynet scale benchmark")
    ap.add_argument("--inputs", default=os.path.join(ROOT, "output", "scale-inputs"))
    ap.add_argument("--citynet", default=os.path.join(RELEASE, "citynet"))
    ap.add_argument("--python", default=sys.executable, help="Python with networkx/igraph/networkit")
    ap.add_argument("--gt-python", default="/usr/bin/python3",
                    help="Python with graph_tool, numpy, scipy (Debian python3-graph-tool)")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of citynet per case (median)")
    ap.add_argument("--peer-repeat", type=int, default=1)
    ap.add_argument("--tools", default="citynet,networkx,igraph,networkit,graph-tool")
    ap.add_argument("--cases", default="covenant,covenant-small,ba100k")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", default=None, help="write the raw results here")
    ap.add_argument("--merge", action="store_true",
                    help="keep the rows of the existing --json file for cases and tools not run")
    ap.add_argument("--skip-betweenness", action="store_true",
                    help="peers skip betweenness (citynet still computes every column)")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.inputs, "covenant.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_scale.py"), "--out", a.inputs], check=True)
    tools = a.tools.split(",")
    results = []
    peer_env = dict(os.environ, OMP_NUM_THREADS=str(a.threads))
    for case in a.cases.split(","):
        fname, kind = CASES[case]
        path = os.path.join(a.inputs, fname)
        for tool in tools:
            if tool == "networkit" and kind == "table":
                continue  # no bipartite projection in NetworKit
            runs = []
            reps = a.repeat if tool == "citynet" else a.peer_repeat
            for _ in range(reps):
                if tool == "citynet":
                    out = tempfile.mkdtemp(prefix="citynet-bench-")
                    cmd = [a.citynet, "--quiet", "--threads", str(a.threads), "analyze", path,
                           "--no-figures", "--out", os.path.join(out, "res")]
                    r = citynet_peak(cmd, a.timeout)
                    work = citynet_work(os.path.join(out, "res", "summary.json"))
                    subprocess.run(["rm", "-rf", out])
                else:
                    code = {"networkx": NETWORKX, "igraph": IGRAPH, "networkit": NETWORKIT,
                            "graph-tool": GRAPHTOOL}[tool]
                    extra = ["skip-betweenness"] if a.skip_betweenness else []
                    py = a.gt_python if tool == "graph-tool" else a.python
                    env = dict(peer_env, OMP_WAIT_POLICY="passive") if tool == "graph-tool" else peer_env
                    r = run([py, "-c", code, path, kind] + extra, a.timeout, env=env)
                    work = PEER_WORK[(tool, kind)] if not extra else "betweenness skipped"
                runs.append(r)
                print(f"{case:15} {tool:10} {r[0]:15} {r[1]:7.1f} s  peak {((r[2] or 0) / 1024):7.0f} MiB"
                      f"  cpu {r[5]:7.1f} s  load {r[4]:.1f}  {r[3]}", flush=True)
                if r[0] != "ok":
                    break
            ok = [r for r in runs if r[0] == "ok"]
            row = {
                "case": case, "tool": tool,
                "status": "ok" if ok else runs[-1][0],
                "runs": len(runs),
                "wall_s": statistics.median(r[1] for r in ok) if ok else runs[-1][1],
                "wall_all": [round(r[1], 2) for r in runs],
                "cpu_s": statistics.median(r[5] for r in ok) if ok else runs[-1][5],
                "cpu_all": [round(r[5], 2) for r in runs],
                "peak_mib": (max(r[2] or 0 for r in runs) / 1024),
                "last_step": runs[-1][3],
                "load": [round(r[4], 1) for r in runs],
                "work": work,
                "machine": cpu_model(),
            }
            results.append(row)
    if a.json and a.merge and os.path.exists(a.json):
        with open(a.json) as f:
            old = json.load(f)
        # A run that did not finish replaces only a row that did not finish either: a shorter
        # or busier run's timeout does not erase what a full run measured (it is printed).
        done = {(r["case"], r["tool"]) for r in old if r["status"] == "ok"}
        for r in results:
            if r["status"] != "ok" and (r["case"], r["tool"]) in done:
                print(f"kept the earlier row of {r['case']} {r['tool']}: this run {r['status']}",
                      file=sys.stderr)
        results = [r for r in results if r["status"] == "ok"
                   or (r["case"], r["tool"]) not in done]
        ran = {(r["case"], r["tool"]) for r in results}
        results = [r for r in old if (r["case"], r["tool"]) not in ran] + results
        order = {c: i for i, c in enumerate(CASES)}
        results.sort(key=lambda r: (order.get(r["case"], 99), r["tool"] != "citynet"))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    print()
    print(markdown(results))


def markdown(results):
    """The results as one Markdown table, ratios to citynet's run of the same case."""
    machines = sorted({r.get("machine", "") for r in results})
    several = len(machines) > 1
    lines = ["| case | tool | status | wall (s) | CPU (s) | peak memory (MiB) | "
             "vs citynet (CPU / memory) | betweenness and clustering | last step reached |"
             + (" machine |" if several else ""),
             "|---|---|---|---:|---:|---:|---:|---|---|" + ("---|" if several else "")]
    for r in results:
        base = next((x for x in results if x["case"] == r["case"] and x["tool"] == "citynet"
                     and x["status"] == "ok"), None)
        pre = "" if r["status"] == "ok" else "≥ "
        if base and r["tool"] != "citynet":
            ratio = (f"{'> ' if pre else ''}{r['cpu_s'] / max(base['cpu_s'], 0.01):.1f}× / "
                     f"{pre}{r['peak_mib'] / max(base['peak_mib'], 1):.1f}×")
        else:
            ratio = "1×"
        wall = f"{r['wall_s']:.1f}" if r["status"] == "ok" else f"> {r['wall_s']:.0f}"
        if r["status"] == "ok" and len(r.get("wall_all", [])) > 1:
            wall += " (" + ", ".join(f"{x:.1f}" for x in r["wall_all"]) + ")"
        cpu = f"{r['cpu_s']:.1f}" if r["status"] == "ok" else f"> {r['cpu_s']:.0f}"
        tool = f"**{r['tool']}**" if r["tool"] == "citynet" else r["tool"]
        status = r["status"]
        lines.append(f"| {r['case']} | {tool} | {status} | {wall} | {cpu} | {pre}{r['peak_mib']:,.0f} | "
                     f"{ratio} | {r.get('work', '')} | {r['last_step'] or 'all columns'} |"
                     + (f" {r.get('machine') or '?'} |" if several else ""))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
