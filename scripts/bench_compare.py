#!/usr/bin/env python3
"""Time citynet's metrics engine beside igraph, NetworKit, rustworkx, graph-tool and NetworkX.

Usage (from the repository root; needs networkx, python-igraph, networkit; rustworkx optional;
graph-tool = Debian's python3-graph-tool for the system /usr/bin/python3, optional):

    cargo build --release --example bench_metrics
    /work/venv/bin/python scripts/bench_compare.py [--cases small,btw30k,big100k] [--rounds 3]
        [--out BENCHMARKS.md]
    /work/venv/bin/python scripts/bench_compare.py --scaling [--limit 120] \
        [--scaling-json docs/figures/scaling.json]
    cargo run --release --example bench_plot -- docs/figures/scaling.json docs/figures/scaling

`--scaling` times every tool on Holme-Kim graphs of n = 1k, 3k, 10k, 30k (and 100k for the
near-linear metrics), interleaved per size and metric, skips a tool at the next size once its
time predicted from the last size (time x (n'/n)^exponent) exceeds --limit seconds, fits the
exponent of time ~ n^k per tool and metric, and writes the results as JSON (for the figure)
and as markdown (printed, to paste into BENCHMARKS.md).

graph-tool runs in its own process (scripts/bench_graphtool.py under /usr/bin/python3, 2 OpenMP
threads), like citynet. OMP_WAIT_POLICY=passive is set for graph-tool and NetworKit: on a
shared, oversubscribed machine spinning OpenMP workers otherwise inflate their times many
times over (graph-tool's PageRank on 1,000 nodes: 0.64 s spinning, 0.004 s passive).

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

os.environ.setdefault("OMP_WAIT_POLICY", "passive")  # before NetworKit loads libgomp

import networkx as nx  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "bench_metrics")
GT_SCRIPT = os.path.join(ROOT, "scripts", "bench_graphtool.py")
GT_PYTHON = "/usr/bin/python3"
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
    "small": (2000, 7, ["betweenness", "closeness", "harmonic", "clustering", "pagerank",
                        "component", "core", "community"], True),
    "btw30k": (30000, 42, ["betweenness", "closeness", "harmonic"], False),
    "big100k": (100000, 42, ["clustering", "pagerank", "component", "core", "community"], False),
}
# Scaling run: all-pairs metrics up to 30k, near-linear ones up to 100k.
SCALING_QUADRATIC = (["betweenness", "closeness", "harmonic"], [1000, 3000, 10000, 30000], 2.0)
SCALING_LINEAR = (["clustering", "pagerank", "component", "core"],
                  [1000, 3000, 10000, 30000, 100000], 1.2)
SCALING_SEED = 42
ROUNDS_FOR = {"betweenness": 1}  # expensive: one round unless --rounds-all


def timed(fn):
    """(wall seconds, CPU seconds of this process over the call, all threads)."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def parse_times(out):
    """metric -> (wall, cpu) from `metric<TAB>seconds<TAB>checksum<TAB>cpu_seconds` lines."""
    times = {}
    for line in out.strip().splitlines():
        f = line.split("\t")
        times[f[0]] = (float(f[1]), float(f[3]) if len(f) > 3 else None)
    return times


def peers_for(G, edges, n):
    """Per tool: dict metric -> zero-argument callable running the algorithm."""
    tools = {}
    if ig is not None:
        h = ig.Graph(n=n, edges=edges, directed=False)
        tools["igraph"] = {
            "betweenness": lambda: h.betweenness(directed=False),
            "closeness": lambda: h.closeness(),
            "harmonic": lambda: h.harmonic_centrality(),
            "clustering": lambda: h.transitivity_local_undirected(mode="zero"),
            "pagerank": lambda: h.pagerank(damping=0.85),
            "component": lambda: h.connected_components(),
            "core": lambda: h.coreness(),
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
            "harmonic": lambda: nk.centrality.HarmonicCloseness(k, True).run(),
            "clustering": lambda: nk.centrality.LocalClusteringCoefficient(k).run(),
            "pagerank": lambda: nk.centrality.PageRank(k, damp=0.85, tol=1e-6).run(),
            "component": lambda: nk.components.ConnectedComponents(k).run(),
            "core": lambda: nk.centrality.CoreDecomposition(k).run(),
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
            "core": lambda: rx.core_number(r),
        }
    return tools


def networkx_calls(G):
    return {
        "betweenness": lambda: nx.betweenness_centrality(G),
        "closeness": lambda: nx.closeness_centrality(G),
        "harmonic": lambda: nx.harmonic_centrality(G),
        "clustering": lambda: nx.clustering(G),
        "pagerank": lambda: nx.pagerank(G, alpha=0.85),
        "component": lambda: list(nx.connected_components(G)),
        "core": lambda: nx.core_number(G),
        "community": lambda: nx.community.louvain_communities(G, seed=1),
    }


def citynet_times(csv_path, metrics):
    env = dict(os.environ, RAYON_NUM_THREADS=str(THREADS))
    out = subprocess.run([BIN, csv_path, *metrics], env=env, check=True,
                         capture_output=True, text=True).stdout
    return parse_times(out)


def has_graphtool():
    try:
        return subprocess.run([GT_PYTHON, "-c", "import graph_tool"],
                              capture_output=True).returncode == 0
    except OSError:
        return False


GT_METRICS = {"betweenness", "closeness", "harmonic", "clustering", "pagerank", "component",
              "core"}


def graphtool_times(csv_path, metrics):
    env = dict(os.environ, GRAPH_TOOL_THREADS=str(THREADS), OMP_WAIT_POLICY="passive")
    out = subprocess.run([GT_PYTHON, GT_SCRIPT, csv_path, *metrics], env=env, check=True,
                         capture_output=True, text=True).stdout
    return parse_times(out)


def versions():
    v = {"networkx": nx.__version__}
    if ig is not None:
        v["igraph"] = ig.__version__
    if nk is not None:
        v["networkit"] = nk.__version__
    if rx is not None:
        v["rustworkx"] = rx.__version__
    if has_graphtool():
        v["graph-tool"] = subprocess.run(
            [GT_PYTHON, "-c", "import graph_tool; print(graph_tool.__version__.split()[0])"],
            capture_output=True, text=True).stdout.strip()
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
    gt_ok = has_graphtool()
    best = {}  # (metric, tool) -> min wall seconds
    cpu_best = {}  # (metric, tool) -> min CPU seconds (all threads)
    load = []
    for metric in metrics:
        r = ROUNDS_FOR.get(metric, rounds) if not args.rounds_all else rounds
        for i in range(r):
            load.append(os.getloadavg()[0])

            def record(tool, t):
                wall, cpu = t
                best[(metric, tool)] = min(best.get((metric, tool), 1e18), wall)
                if cpu is not None:
                    cpu_best[(metric, tool)] = min(cpu_best.get((metric, tool), 1e18), cpu)
                log(f"{name} {metric} round {i}: {tool} {wall:.3f}s wall, {cpu:.2f}s CPU "
                    f"(load {os.getloadavg()[0]:.1f})")
            record("citynet", citynet_times(path, [metric])[metric])
            for tool, calls in tools.items():
                if metric in calls and (tool, metric) not in skip:
                    record(tool, timed(calls[metric]))
            if gt_ok and metric in GT_METRICS and ("graph-tool", metric) not in skip:
                record("graph-tool", graphtool_times(path, [metric])[metric])
    gt_tool = ["graph-tool"] if gt_ok else []
    return {
        "name": name, "n": G.number_of_nodes(), "m": G.number_of_edges(), "seed": seed,
        "metrics": metrics, "tools": ["citynet", *tools.keys(), *gt_tool], "best": best,
        "cpu": cpu_best,
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
        cpu = r.get("cpu", {})
        if cpu:
            lines += [
                "CPU seconds (user + system, all threads of the process, over the algorithm "
                "call; moves less than wall time under load):",
                "",
                "| metric | citynet | " + " | ".join(peers) + " | citynet / fastest peer |",
                "|" + "---|" * (3 + len(peers)),
            ]
            for m in r["metrics"]:
                c = cpu.get((m, "citynet"))
                ts = [(cpu.get((m, p)), p) for p in peers]
                have = [(t, p) for t, p in ts if t]
                ratio = "—" if not (have and c) else \
                    f"{c / min(have)[0]:.3g} ({min(have)[1]})"
                lines.append(f"| {m} | {fmt(c)} | " + " | ".join(fmt(t) for t, _ in ts) +
                             f" | {ratio} |")
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


def fit_exponent(points):
    """Least-squares slope of log(seconds) against log(n) over points [(n, seconds)] with
    seconds >= 1 ms (shorter times are timer and call overhead, not the algorithm)."""
    import math
    pts = [(math.log(n), math.log(t)) for n, t in points if t is not None and t >= 1e-3]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def run_scaling(limit, tmp, log, only_metrics=(), only_sizes=()):
    """Times every tool per size and metric (interleaved: for each size and metric, citynet
    then each peer). A tool is skipped at a size once its time predicted from the previous
    size, t * (n'/n)^exponent (2 for all-pairs metrics, 1.2 for the others), exceeds `limit`
    seconds -- except the peer that was fastest at the previous size, which always runs, so
    that citynet's ratio to the fastest peer is measured side by side at every size. citynet
    itself always runs."""
    rows = []  # dicts: metric, tool, n, m, seconds (None = skipped), note
    last = {}  # (metric, tool) -> (n, seconds)
    dropped = set()
    gt_ok = has_graphtool()
    sizes = sorted(set(SCALING_QUADRATIC[1]) | set(SCALING_LINEAR[1]))
    if only_sizes:
        sizes = [n for n in sizes if n in only_sizes]
    for n in sizes:
        G = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=SCALING_SEED)
        edges = list(G.edges())
        m = len(edges)
        path = os.path.join(tmp, f"hk{n}.csv")
        with open(path, "w") as f:
            f.write("source,target\n")
            for u, v in edges:
                f.write(f"{u},{v}\n")
        tools = peers_for(G, edges, n)
        tools["networkx"] = networkx_calls(G)
        for metrics, msizes, expo in (SCALING_QUADRATIC, SCALING_LINEAR):
            if n not in msizes:
                continue
            for metric in metrics:
                if only_metrics and metric not in only_metrics:
                    continue
                prev = [(t, s) for (mm, t), (nn, s) in last.items()
                        if mm == metric and t != "citynet" and s is not None]
                fastest = min(prev, key=lambda x: x[1])[0] if prev else None
                names = ["citynet"] + [t for t, c in tools.items() if metric in c]
                if gt_ok and metric in GT_METRICS:
                    names.append("graph-tool")
                load = os.getloadavg()[0]
                for tool in names:
                    key = (metric, tool)
                    if key in dropped:
                        rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=None,
                                         note="skipped", load=load))
                        continue
                    if key in last and tool not in (fastest, "citynet"):
                        n0, t0 = last[key]
                        pred = t0 * (n / n0) ** expo
                        if pred > limit:
                            dropped.add(key)
                            log(f"scaling {metric} n={n}: {tool} skipped (predicted "
                                f"{pred:.0f} s > {limit} s)")
                            rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=None,
                                             note=f"skipped: predicted {pred:.0f} s",
                                             load=load))
                            continue
                    reps = 3 if n <= 3000 else 1
                    best, best_cpu = None, None
                    for _ in range(reps):
                        if tool == "citynet":
                            t, c = citynet_times(path, [metric])[metric]
                        elif tool == "graph-tool":
                            t, c = graphtool_times(path, [metric])[metric]
                        else:
                            t, c = timed(tools[tool][metric])
                        best = t if best is None else min(best, t)
                        if c is not None:
                            best_cpu = c if best_cpu is None else min(best_cpu, c)
                        if t > 2.0:
                            break
                    last[key] = (n, best)
                    log(f"scaling {metric} n={n}: {tool} {best:.4f} s, CPU {best_cpu} s "
                        f"(load {load:.1f})")
                    rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=best,
                                     cpu=best_cpu, note="", load=load))
        del tools, G
    fits = {}
    for metrics, _, _ in (SCALING_QUADRATIC, SCALING_LINEAR):
        for metric in metrics:
            for tool in {r["tool"] for r in rows if r["metric"] == metric}:
                pts = [(r["n"], r["seconds"]) for r in rows
                       if r["metric"] == metric and r["tool"] == tool and r["seconds"]]
                fits[f"{metric}|{tool}"] = fit_exponent(pts)
    return {"rows": rows, "exponents": fits, "limit": limit, "threads": THREADS,
            "versions": versions(), "machine": machine(),
            "date": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"}


def scaling_markdown(res):
    rows = res["rows"]
    lines = []
    metrics = SCALING_QUADRATIC[0] + SCALING_LINEAR[0]
    for metric in metrics:
        mrows = [r for r in rows if r["metric"] == metric]
        if not mrows:
            continue
        tools = []
        for r in mrows:
            if r["tool"] not in tools:
                tools.append(r["tool"])
        sizes = sorted({r["n"] for r in mrows})
        lines += [f"### {metric}", "",
                  "| n | m | load | " + " | ".join(f"{t} (s)" for t in tools) +
                  " | citynet / fastest peer | same, CPU time |",
                  "|" + "---|" * (5 + len(tools))]
        for n in sizes:
            by = {r["tool"]: r for r in mrows if r["n"] == n}
            cells = []
            for t in tools:
                r = by.get(t)
                if r is None:
                    cells.append("—")
                elif r["seconds"] is None:
                    cells.append(r["note"].replace("skipped: predicted", "skipped (pred.") +
                                 (")" if "pred" in r["note"] else ""))
                else:
                    cells.append(f"{r['seconds']:.4g}")
            peers = [(r["seconds"], t) for t, r in by.items()
                     if t != "citynet" and r["seconds"]]
            c = by.get("citynet", {}).get("seconds")
            if peers and c:
                ts, tn = min(peers)
                ratio = f"{c / ts:.3g} ({tn})"
            else:
                ratio = "—"
            cpeers = [(r.get("cpu"), t) for t, r in by.items()
                      if t != "citynet" and r.get("cpu")]
            cc = by.get("citynet", {}).get("cpu")
            cratio = f"{cc / min(cpeers)[0]:.3g} ({min(cpeers)[1]})" if cpeers and cc else "—"
            m = next(r["m"] for r in mrows if r["n"] == n)
            load = min(r["load"] for r in mrows if r["n"] == n)
            lines.append(f"| {n:,} | {m:,} | {load:.1f} | " + " | ".join(cells) + f" | {ratio} | {cratio} |")
        ex = [f"{t} {res['exponents'].get(f'{metric}|{t}'):.2f}" for t in tools
              if res["exponents"].get(f"{metric}|{t}") is not None]
        lines += ["", "Fitted exponent k (time ∝ n^k, least squares over the measured sizes "
                  "with times ≥ 1 ms): " + ", ".join(ex) + ".", ""]
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
    ap.add_argument("--scaling", action="store_true",
                    help="run the scaling benchmark instead of the cases")
    ap.add_argument("--limit", type=float, default=60.0,
                    help="scaling: skip a tool once its predicted time exceeds this (seconds)")
    ap.add_argument("--sizes", default="", help="scaling: comma-separated subset of sizes")
    ap.add_argument("--scaling-json", default=os.path.join(ROOT, "docs", "figures",
                                                           "scaling.json"))
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release --example bench_metrics")
    os.environ.setdefault("RAYON_NUM_THREADS", str(THREADS))

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if args.scaling:
        import json
        with tempfile.TemporaryDirectory() as tmp:
            res = run_scaling(args.limit, tmp, log,
                              [x for x in args.metrics.split(",") if x],
                              [int(x) for x in args.sizes.split(",") if x])
        with open(args.scaling_json, "w") as f:
            json.dump(res, f, indent=1)
        print(scaling_markdown(res))
        log(f"wrote {args.scaling_json}")
        sys.exit(0)
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_case(c, args.rounds, tmp, log) for c in args.cases.split(",")]
    with open(args.out, "w") as f:
        f.write(markdown(results, args.rounds))
    log(f"wrote {args.out}")
