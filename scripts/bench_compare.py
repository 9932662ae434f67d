#!/usr/bin/env python3
"""Time citynet's metrics engine beside igraph, NetworKit, rustworkx and NetworkX.

Usage (from the repository root; needs networkx, python-igraph, networkit; rustworkx optional):

    cargo build --release --example bench_metrics
    /work/venv/bin/python scripts/bench_compare.py [--cases small,btw30k,big100k] [--rounds 3]
        [--out BENCHMARKS.md]

For every case the script generates the same seeded Holme-Kim graph
(`networkx.powerlaw_cluster_graph(n, 5, 0.3, seed)`), writes it as an edge-list CSV
(`source,target`) to a temporary directory, and times each metric with each tool. citynet is
timed by `target/release/examples/bench_metrics` (it prints seconds per metric, graph loading
excluded); the Python peers are timed around the algorithm call only, graph construction
excluded. Tools run one after the other inside each round, and the reported time is the minimum
over rounds (the machine is shared, so minima are the least noisy statistic). citynet and
rustworkx use rayon with RAYON_NUM_THREADS=2; NetworKit is set to 2 threads; igraph and NetworkX
are single-threaded by design. Ratios are citynet time / peer time (below 1 = citynet faster).
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time

import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "bench_metrics")
THREADS = 2

try:
    import igraph as ig
except ImportError:  # pragma: no cover
    ig = None
try:
    import networkit as nk
except ImportError:  # pragma: no cover
    nk = None
try:
    import rustworkx as rx
except ImportError:  # pragma: no cover
    rx = None

# name -> (n, seed, metrics, include NetworkX)
CASES = {
    "small": (2000, 7, ["betweenness", "closeness", "clustering", "pagerank", "component",
                        "community"], True),
    "btw30k": (30000, 42, ["betweenness", "closeness"], False),
    "big100k": (100000, 42, ["clustering", "pagerank", "component", "community"], False),
}
ROUNDS_FOR = {"betweenness": 1}  # expensive: one round unless --rounds-all


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def peers_for(G, edges, n):
    """Per tool: dict metric -> zero-argument callable running the algorithm."""
    tools = {}
    if ig is not None:
        h = ig.Graph(n=n, edges=edges, directed=False)
        tools["igraph"] = {
            "betweenness": lambda: h.betweenness(directed=False),
            "closeness": lambda: h.closeness(),
            "clustering": lambda: h.transitivity_local_undirected(mode="zero"),
            "pagerank": lambda: h.pagerank(damping=0.85),
            "component": lambda: h.connected_components(),
            "community": lambda: h.community_multilevel(),
        }
    if nk is not None:
        nk.setNumberOfThreads(THREADS)
        k = nk.Graph(n)
        for u, v in edges:
            k.addEdge(u, v)
        k.indexEdges()
        tools["networkit"] = {
            "betweenness": lambda: nk.centrality.Betweenness(k, normalized=True).run(),
            "closeness": lambda: nk.centrality.Closeness(
                k, True, nk.centrality.ClosenessVariant.Generalized).run(),
            "clustering": lambda: nk.centrality.LocalClusteringCoefficient(k).run(),
            "pagerank": lambda: nk.centrality.PageRank(k, damp=0.85, tol=1e-6).run(),
            "component": lambda: nk.components.ConnectedComponents(k).run(),
            "community": lambda: nk.community.PLM(k, refine=False).run(),
        }
    if rx is not None:
        r = rx.PyGraph()
        r.add_nodes_from(range(n))
        r.add_edges_from_no_data(edges)
        tools["rustworkx"] = {
            "betweenness": lambda: rx.betweenness_centrality(r, normalized=True),
            "closeness": lambda: rx.closeness_centrality(r, wf_improved=True),
            "pagerank": lambda: rx.pagerank(r.to_directed(), alpha=0.85),
            "component": lambda: rx.connected_components(r),
        }
    return tools


def networkx_calls(G):
    return {
        "betweenness": lambda: nx.betweenness_centrality(G),
        "closeness": lambda: nx.closeness_centrality(G),
        "clustering": lambda: nx.clustering(G),
        "pagerank": lambda: nx.pagerank(G, alpha=0.85),
        "component": lambda: list(nx.connected_components(G)),
        "community": lambda: nx.community.louvain_communities(G, seed=1),
    }


def citynet_times(csv_path, metrics):
    env = dict(os.environ, RAYON_NUM_THREADS=str(THREADS))
    out = subprocess.run([BIN, csv_path, *metrics], env=env, check=True,
                         capture_output=True, text=True).stdout
    times = {}
    for line in out.strip().splitlines():
        name, secs, _ = line.split("\t")
        times[name] = float(secs)
    return times


def versions():
    v = {"networkx": nx.__version__}
    if ig is not None:
        v["igraph"] = ig.__version__
    if nk is not None:
        v["networkit"] = nk.__version__
    if rx is not None:
        v["rustworkx"] = rx.__version__
    try:
        v["rustc"] = subprocess.run(["rustc", "--version"], capture_output=True,
                                    text=True).stdout.strip()
    except OSError:
        pass
    return v


def machine():
    model = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"


def fmt(x):
    return "—" if x is None else f"{x:.4g}"


def run_case(name, rounds, tmp, log):
    n, seed, metrics, with_nx = CASES[name]
    if args.metrics:
        metrics = [m for m in metrics if m in args.metrics.split(",")]
    skip = {tuple(x.split(":")) for x in args.skip.split(",") if x}
    G = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=seed)
    edges = list(G.edges())
    path = os.path.join(tmp, f"{name}.csv")
    with open(path, "w") as f:
        f.write("source,target\n")
        for u, v in edges:
            f.write(f"{u},{v}\n")
    tools = peers_for(G, edges, n)
    if with_nx:
        tools["networkx"] = networkx_calls(G)
    best = {}  # (metric, tool) -> min seconds
    load = []
    for metric in metrics:
        r = ROUNDS_FOR.get(metric, rounds) if not args.rounds_all else rounds
        for i in range(r):
            load.append(os.getloadavg()[0])
            t = citynet_times(path, [metric])[metric]
            best[(metric, "citynet")] = min(best.get((metric, "citynet"), 1e18), t)
            log(f"{name} {metric} round {i}: citynet {t:.3f}s")
            for tool, calls in tools.items():
                if metric in calls and (tool, metric) not in skip:
                    t = timed(calls[metric])
                    best[(metric, tool)] = min(best.get((metric, tool), 1e18), t)
                    log(f"{name} {metric} round {i}: {tool} {t:.3f}s")
    return {
        "name": name, "n": G.number_of_nodes(), "m": G.number_of_edges(), "seed": seed,
        "metrics": metrics, "tools": ["citynet", *tools.keys()], "best": best,
        "load": (min(load), max(load)) if load else (0, 0),
    }


def markdown(results, rounds):
    v = versions()
    lines = [
        "# Benchmarks: citynet metrics engine vs igraph, NetworKit, rustworkx, NetworkX",
        "",
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by "
        "`scripts/bench_compare.py` (regenerate: `cargo build --release --example "
        "bench_metrics && /work/venv/bin/python scripts/bench_compare.py`).",
        "",
        f"- Machine: {machine()}.",
        "- Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        f"- Threads: citynet and rustworkx {THREADS} (rayon), NetworKit {THREADS}; igraph and "
        "NetworkX single-threaded.",
        f"- Time = minimum over rounds ({rounds} rounds; betweenness 1 round), algorithm only "
        "(graph construction and loading excluded), seconds.",
        "- Graphs: `networkx.powerlaw_cluster_graph(n, 5, 0.3, seed)` (Holme–Kim), written as "
        "an edge list and loaded by every tool.",
        "- Ratio = citynet / peer (below 1: citynet faster).",
        "",
    ]
    for r in results:
        lo, hi = r["load"]
        lines += [
            f"## {r['name']}: n = {r['n']:,}, m = {r['m']:,} (seed {r['seed']})",
            "",
            f"1-minute load average during the runs: {lo:.1f}–{hi:.1f} on 2 cores (other "
            "engineers were compiling on the same machine).",
            "",
        ]
        peers = [t for t in r["tools"] if t != "citynet"]
        head = "| metric | citynet (s) | " + " | ".join(f"{p} (s)" for p in peers) + " | " + \
            " | ".join(f"citynet/{p}" for p in peers) + " |"
        lines += [head, "|" + "---|" * (2 + 2 * len(peers))]
        for m in r["metrics"]:
            c = r["best"].get((m, "citynet"))
            ts = [r["best"].get((m, p)) for p in peers]
            ratios = [None if (t is None or c is None) else c / t for t in ts]
            lines.append(f"| {m} | {fmt(c)} | " + " | ".join(fmt(t) for t in ts) + " | " +
                         " | ".join("—" if x is None else f"{x:.3g}" for x in ratios) + " |")
        lines.append("")
    lines += [
        "Notes:",
        "",
        "- Peers compute their own variants where they differ (igraph closeness normalises by "
        "reachable nodes; NetworKit PLM without refinement; rustworkx PageRank on the directed "
        "copy). The same graph and the same amount of work (exact, all sources) is timed.",
        "- NetworkX runs only on the small case.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="small,btw30k,big100k")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rounds-all", action="store_true",
                    help="also repeat betweenness --rounds times")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--metrics", default="", help="comma-separated subset of each case's metrics")
    ap.add_argument("--skip", default="",
                    help="comma-separated tool:metric pairs not to run, e.g. rustworkx:betweenness")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release --example bench_metrics")
    os.environ.setdefault("RAYON_NUM_THREADS", str(THREADS))

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        results = [run_case(c, args.rounds, tmp, log) for c in args.cases.split(",")]
    with open(args.out, "w") as f:
        f.write(markdown(results, args.rounds))
    log(f"wrote {args.out}")
