#!/usr/bin/env python3
"""Time citynet's metrics engine beside igraph, NetworKit, rustworkx, graph-tool and NetworkX.

Usually run by `bash scripts/bench.sh` (which installs the peers at pinned versions in its own
virtualenv, builds citynet and regenerates BENCHMARKS.md). By hand, from the repository root,
with a Python that has networkx, python-igraph and networkit (rustworkx optional; graph-tool =
Debian's python3-graph-tool for the system /usr/bin/python3, optional):

    cargo build --release --example bench_metrics --bin citynet
    python scripts/bench_compare.py --cases small,big100k [--rounds 3] [--json small.json]
    python scripts/bench_compare.py --scaling [--limit 20] [--sizes 1000,3000] [--merge]
        [--scaling-json docs/figures/scaling.json]
    python scripts/bench_compare.py --tables [--limit 60] [--sizes 1000,3000] [--merge]
        [--tables-json docs/figures/scaling-tables.json]
    cargo run --release --example bench_plot -- docs/figures/scaling.json \
        docs/figures/scaling-tables.json docs/figures/scaling

`--scaling` times every tool on Holme-Kim graphs of n = 1k, 3k, 10k, 30k (and 100k for the
near-linear metrics), interleaved per size and metric, skips a tool at the next size once its
time predicted from the last size (time x (n'/n)^exponent) exceeds --limit seconds, fits the
exponent of time ~ n^k per tool and metric, and writes the results as JSON (for the figure)
and as markdown (printed; scripts/bench_report.py puts the tables into BENCHMARKS.md). With
--merge the rows measured replace the rows of the same metric, tool and size in the existing
JSON and the other rows are kept.

graph-tool runs in its own process (scripts/bench_graphtool.py under /usr/bin/python3, 2 OpenMP
threads), like citynet. OMP_WAIT_POLICY=passive is set for graph-tool and NetworKit: on a
machine with other work on its cores, spinning OpenMP workers otherwise inflate their times
many times over (graph-tool's PageRank on 1,000 nodes: 0.64 s spinning, 0.004 s passive).

For every case the script generates the same seeded Holme-Kim graph
(`networkx.powerlaw_cluster_graph(n, 5, 0.3, seed)`), writes it as an edge-list CSV
(`source,target`) to a temporary directory, and times each metric with each tool. citynet is
timed by the `bench_metrics` example (`target/release/examples/`) (it prints seconds per metric, graph loading
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
# Cargo's release folder (CARGO_TARGET_DIR when set, as cargo build uses it).
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")
BIN = os.path.join(RELEASE, "examples", "bench_metrics")
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
SCALING_QUADRATIC = (["closeness", "harmonic", "betweenness"], [1000, 3000, 10000, 30000], 2.2)
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
        import importlib.metadata
        v["bicm"] = importlib.metadata.version("bicm")
    except Exception:  # not installed: the backbone benchmark does not run
        pass
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


def cases_json(results):
    """The case runs as JSON rows (metric, tool, seconds, cpu), for --json and the report."""
    out = []
    for r in results:
        rows = [dict(metric=m, tool=t, seconds=r["best"].get((m, t)),
                     cpu=r.get("cpu", {}).get((m, t)))
                for m in r["metrics"] for t in r["tools"] if (m, t) in r["best"]]
        out.append({"name": r["name"], "n": r["n"], "m": r["m"], "seed": r["seed"],
                    "metrics": r["metrics"], "tools": r["tools"], "rows": rows})
    return {"cases": out, "versions": versions(), "machine": machine(), "threads": THREADS}


def cases_markdown(res):
    """One table per case: CPU / wall seconds per tool and citynet / fastest peer."""
    lines = []
    for c in res["cases"]:
        peers = [t for t in c["tools"] if t != "citynet"]
        lines += [f"n = {c['n']:,}, m = {c['m']:,} (Holme–Kim, seed {c['seed']}). CPU seconds / "
                  "wall seconds per tool.", "",
                  "| metric | citynet | " + " | ".join(peers) +
                  " | citynet / fastest peer, CPU | same, wall |",
                  "|" + "---|" * (4 + len(peers))]
        for m in c["metrics"]:
            by = {r["tool"]: r for r in c["rows"] if r["metric"] == m}
            cells = []
            for t in ["citynet", *peers]:
                r = by.get(t)
                cells.append("—" if r is None else f"{fmt(r['cpu'])} / {fmt(r['seconds'])}")

            def ratio(field):
                mine = by.get("citynet", {}).get(field)
                have = [(r[field], t) for t, r in by.items() if t != "citynet" and r.get(field)]
                if not (mine and have):
                    return "—"
                best, tool = min(have)
                return f"{mine / best:.3g} ({tool})"
            lines.append(f"| {m} | " + " | ".join(cells) + f" | {ratio('cpu')} | "
                         f"{ratio('seconds')} |")
        lines.append("")
    return "\n".join(lines)


def merge_rows(old, new, key):
    """The `new` rows, and the `old` rows that no new row replaces: a new measurement replaces
    the old row of the same key; a new skip replaces only an old skip (a shorter run's skip
    rule does not erase what a longer run measured)."""
    measured = {key(r) for r in new if r.get("seconds") is not None}
    keep_old = [r for r in old if key(r) not in measured
                and not (r.get("seconds") is None and key(r) in {key(x) for x in new})]
    keep_new = [r for r in new if r.get("seconds") is not None
                or key(r) not in {key(x) for x in old if x.get("seconds") is not None}]
    return keep_old + keep_new


def fit_exponent(points, floor=1e-3):
    """Least-squares slope of log(seconds) against log(n) over points [(n, seconds)] with
    seconds >= floor (shorter times are timer and call overhead, not the algorithm)."""
    import math
    pts = [(math.log(n), math.log(t)) for n, t in points if t is not None and t >= floor]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def _write_graph(path, edges):
    with open(path, "w") as f:
        f.write("source,target\n")
        for u, v in edges:
            f.write(f"{u},{v}\n")


def run_scaling(limit, tmp, log, only_metrics=(), only_sizes=(), json_path=None, near=1.5):
    """Times every tool per size and metric (interleaved: for each size and metric, citynet
    then each peer, so the tools of one row share the same load). Order: the near-linear
    metrics over all sizes first, then the all-pairs metrics size by size.

    Skip rule, on CPU time (user + system, all threads; wall time on a machine shared with other jobs says
    more about the other jobs than about the tool): a peer is skipped at a size once its CPU
    time predicted from the previous size, cpu * (n'/n)^k (k = 2.2 for the all-pairs metrics,
    1.2 for the others), exceeds `limit` seconds -- unless that prediction is within `near` x
    the smallest prediction among the peers, i.e. unless the peer could be the fastest, so
    that citynet's ratio to the fastest peer is always measured side by side. A peer skipped
    once stays skipped at larger sizes. citynet always runs. Rows are written to `json_path`
    after every measurement, so a run stopped early keeps what it measured."""
    import json
    rows = []  # dicts: metric, tool, n, m, seconds, cpu (None = skipped), note, load
    last = {}  # (metric, tool) -> (n, wall, cpu)
    dropped = set()
    gt_ok = has_graphtool()
    plan = []
    for metrics, msizes, expo in (SCALING_LINEAR, SCALING_QUADRATIC):
        for n in msizes:
            if only_sizes and n not in only_sizes:
                continue
            for metric in metrics:
                if not only_metrics or metric in only_metrics:
                    plan.append((n, metric, expo))
    started = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"

    def dump():
        if json_path:
            res = result()
            with open(json_path + ".tmp", "w") as f:
                json.dump(res, f, indent=1)
            os.replace(json_path + ".tmp", json_path)

    def result():
        fits, cpu_fits = refit(rows)
        return {"rows": rows, "exponents": fits, "cpu_exponents": cpu_fits, "limit": limit,
                "near": near, "threads": THREADS, "versions": versions(),
                "machine": machine(), "started": started,
                "date": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"}

    cur_n, tools, path, m = None, None, None, None
    for n, metric, expo in plan:
        if n != cur_n:
            tools = None
            G = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=SCALING_SEED)
            edges = list(G.edges())
            m = len(edges)
            path = os.path.join(tmp, f"hk{n}.csv")
            _write_graph(path, edges)
            tools = peers_for(G, edges, n)
            tools["networkx"] = networkx_calls(G)
            cur_n = n
        names = ["citynet"] + [t for t, c in tools.items() if metric in c]
        if gt_ok and metric in GT_METRICS:
            names.append("graph-tool")
        preds = {}
        for tool in names[1:]:
            if (metric, tool) in last:
                n0, w0, c0 = last[(metric, tool)]
                preds[tool] = (c0 if c0 is not None else w0) * (n / n0) ** expo
        best_pred = min(preds.values()) if preds else None
        for tool in names:
            key = (metric, tool)
            load = os.getloadavg()[0]
            if key in dropped:
                rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=None, cpu=None,
                                 note="skipped", load=load))
                continue
            if tool in preds and preds[tool] > limit and preds[tool] > near * best_pred:
                dropped.add(key)
                log(f"scaling {metric} n={n}: {tool} skipped (predicted {preds[tool]:.0f} "
                    f"CPU-s > {limit:g}, fastest predicted {best_pred:.0f})")
                rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=None, cpu=None,
                                 note=f"skipped: predicted {preds[tool]:.0f} s", load=load))
                dump()
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
            last[key] = (n, best, best_cpu)
            load_end = os.getloadavg()[0]
            log(f"scaling {metric} n={n}: {tool} {best:.4f} s wall, {best_cpu:.4f} CPU-s "
                f"(load {load:.1f} -> {load_end:.1f})")
            rows.append(dict(metric=metric, tool=tool, n=n, m=m, seconds=best, cpu=best_cpu,
                             note="", load=load, load_end=load_end))
            dump()
    return result()


def refit(rows):
    """(wall exponents, CPU exponents) per "metric|tool" over rows of a scaling JSON."""
    fits, cpu_fits = {}, {}
    for metric, tool in {(r["metric"], r["tool"]) for r in rows}:
        mine = [r for r in rows if r["metric"] == metric and r["tool"] == tool]
        fits[f"{metric}|{tool}"] = fit_exponent([(r["n"], r["seconds"]) for r in mine
                                                 if r["seconds"]])
        cpu_fits[f"{metric}|{tool}"] = fit_exponent([(r["n"], r.get("cpu")) for r in mine
                                                     if r.get("cpu")])
    return fits, cpu_fits


def scaling_markdown(res):
    """One table per metric: per size, each tool's CPU seconds (user + system, all threads)
    and wall seconds, and citynet / fastest peer on CPU time and on wall time."""
    rows = res["rows"]
    lines = []
    metrics = ["betweenness", "closeness", "harmonic"] + SCALING_LINEAR[0] + \
        sorted({r["metric"] for r in rows} - set(SCALING_QUADRATIC[0] + SCALING_LINEAR[0]))

    def ratio(by, field):
        c = by.get("citynet", {}).get(field)
        peers = [(r.get(field), t) for t, r in by.items() if t != "citynet" and r.get(field)]
        if not (peers and c):
            return "—"
        ts, tn = min(peers)
        return f"{c / ts:.3g} ({tn})"

    for metric in metrics:
        mrows = [r for r in rows if r["metric"] == metric]
        if not mrows:
            continue
        canon = ["citynet", "igraph", "networkit", "rustworkx", "networkx", "graph-tool"]
        tools = sorted({r["tool"] for r in mrows},
                       key=lambda t: (canon.index(t) if t in canon else len(canon), t))
        sizes = sorted({r["n"] for r in mrows})
        lines += [f"#### Scaling: {metric}", "",
                  "CPU seconds / wall seconds per tool. Ratios: citynet / fastest peer.", "",
                  "| n | m | " + " | ".join(tools) +
                  " | ratio, CPU | ratio, wall |",
                  "|" + "---|" * (4 + len(tools))]
        for n in sizes:
            by = {r["tool"]: r for r in mrows if r["n"] == n}
            cells = []
            for t in tools:
                r = by.get(t)
                if r is None:
                    cells.append("—")
                elif r["seconds"] is None:
                    note = r["note"]
                    cells.append("skipped (pred. " + note.split("predicted ")[1] + " CPU)"
                                 if "predicted" in note else "skipped")
                else:
                    cpu = r.get("cpu")
                    cells.append(f"{fmt(cpu)} / {r['seconds']:.4g}")
            mm = next(r["m"] for r in mrows if r["n"] == n)
            lines.append(f"| {n:,} | {mm:,} | " + " | ".join(cells) +
                         f" | {ratio(by, 'cpu')} | {ratio(by, 'seconds')} |")
        ex = [f"{t} {res['cpu_exponents'].get(f'{metric}|{t}'):.2f}" for t in tools
              if res.get("cpu_exponents", {}).get(f"{metric}|{t}") is not None]
        exw = [f"{t} {res['exponents'].get(f'{metric}|{t}'):.2f}" for t in tools
               if res["exponents"].get(f"{metric}|{t}") is not None]
        lines += ["", "Fitted exponent k (time ∝ n^k, least squares over the measured sizes): "
                  "on CPU time (points ≥ 1 ms) " + ", ".join(ex) + "; on wall time (points "
                  "≥ 1 ms) " + ", ".join(exw) + ".", ""]
    return "\n".join(lines)


# Membership-table scaling: tables shaped like scripts/gen_scale.py's covenant table (13,000
# cities, 400 programs, 60,189 memberships, four programs over 1,000 members, the largest with
# 81 % of the cities), scaled to n cities: programs and memberships in proportion, the four big
# programs in proportion to n, so the projection grows about as n^2 (0.36 n^2 edges).
TABLE_SIZES = [1000, 3000, 10000, 30000]
CITYNET_CLI = os.path.join(RELEASE, "citynet")

TABLE_PEER = r'''
import csv, sys, time
tool, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
with open(path, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    next(r)
    rows = [(c, country, p) for c, country, p in r]
if tool == "networkx":
    import networkx as nx
    from networkx.algorithms import bipartite
    B = nx.Graph()
    cities = {(c, k) for c, k, _ in rows}
    B.add_nodes_from(cities, bipartite=0)
    B.add_edges_from(((c, k), ("P", p)) for c, k, p in rows)
    t1 = time.perf_counter()
    G = bipartite.weighted_projected_graph(B, cities)
    t2 = time.perf_counter()
    dict(G.degree()); dict(G.degree(weight="weight"))
    e = G.number_of_edges()
else:
    import igraph as ig
    cid, pid, edges = {}, {}, []
    for c, k, p in rows:
        edges.append((cid.setdefault((c, k), len(cid)), pid.setdefault(p, len(pid))))
    n = len(cid)
    B = ig.Graph(n=n + len(pid), edges=[(a, n + b) for a, b in edges])
    B.vs["type"] = [False] * n + [True] * len(pid)
    t1 = time.perf_counter()
    G = B.bipartite_projection(types="type", multiplicity=True, which=0)
    t2 = time.perf_counter()
    G.degree(); G.strength(weights="weight")
    e = G.ecount()
t3 = time.perf_counter()
print(f"read+B {t1 - t0:.3f} s, projection {t2 - t1:.3f} s, degree+strength {t3 - t2:.3f} s, "
      f"{e} projected edges", file=sys.stderr)
'''


def scaled_table(n, path):
    """Writes a covenant-shaped membership table of n cities (scripts/gen_scale.py's generator
    with its size constants scaled by n / 13,000; seed 20260601); returns (memberships,
    programs, projection edge bound)."""
    import importlib.util
    import random
    spec = importlib.util.spec_from_file_location("gen_scale",
                                                  os.path.join(ROOT, "scripts", "gen_scale.py"))
    gs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gs)
    f = n / gs.N_CITIES
    gs.BIG = [round(b * f) for b in gs.BIG]
    gs.N_CITIES = n
    gs.N_MEMBERSHIPS = round(gs.N_MEMBERSHIPS * f)
    gs.SMALL_MAX = min(gs.SMALL_MAX, gs.BIG[-1])
    # Enough small programs to hold the other memberships at half their size cap (below
    # ~2,000 cities 400 * f programs could not hold them and the generator would not end).
    rest = gs.N_MEMBERSHIPS - sum(gs.BIG)
    gs.N_PROGRAMS = max(round(gs.N_PROGRAMS * f), len(gs.BIG) + -(-2 * rest // gs.SMALL_MAX))
    sizes, rows, _ = gs.covenant(random.Random(20260601))
    gs.write_table(path, rows)
    return len(rows), len(sizes), sum(k * (k - 1) // 2 for k in sizes)


def run_process(cmd, timeout, env=None):
    """(wall, CPU user + system of the child, ok, stderr tail) of one whole process."""
    import resource
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        ok, err = p.returncode == 0, p.stderr.strip().splitlines()[-1:] or [""]
    except subprocess.TimeoutExpired:
        ok, err = False, [f"killed after {timeout} s"]
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, ok, err[0]


def run_tables(limit, tmp, log, json_path, sizes=None, timeout=900, near=1.5,
               max_edges=60e6):
    """Membership tables of growing size: whole processes, citynet `metrics TABLE --metrics
    degree,strength --threads 2` (read, resolve names, city projection degree and strength --
    through the two-mode graph or a built projection, as citynet decides) beside NetworkX
    (bipartite.weighted_projected_graph, degree, weighted degree) and igraph
    (bipartite_projection with multiplicity, degree, strength), each reading the same CSV.
    Same skip rule as run_scaling, on CPU time with exponent 2 (the projection has ~n^2
    edges), and a memory rule: the peers build the projection, so they are skipped when its
    edge bound (sum over programs of k(k-1)/2) exceeds `max_edges` (igraph held 6 GB after
    42 s building the 346M-edge-bound projection of the 30,000-city table on a 24 GB machine). A peer over `timeout` seconds of wall time is killed and
    reported."""
    import json
    rows, last, dropped = [], {}, set()
    started = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    env = dict(os.environ, RAYON_NUM_THREADS=str(THREADS))
    for n in sizes or TABLE_SIZES:
        path = os.path.join(tmp, f"table{n}.csv")
        memberships, programs, bound = scaled_table(n, path)
        log(f"table n={n}: {memberships} memberships, {programs} programs, projection bound "
            f"{bound:,} edges")
        cmds = {
            "citynet": [CITYNET_CLI, "metrics", path, "--metrics", "degree,strength",
                        "--threads", str(THREADS), "-q", "-o", os.path.join(tmp, "out.csv")],
            "networkx": [sys.executable, "-c", TABLE_PEER, "networkx", path],
            "igraph": [sys.executable, "-c", TABLE_PEER, "igraph", path],
        }
        preds = {t: last[t][1] * (n / last[t][0]) ** 2 for t in cmds if t in last}
        best_pred = min([v for t, v in preds.items() if t != "citynet"] or [0])
        for tool, cmd in cmds.items():
            load = os.getloadavg()[0]
            base = dict(metric="projection", tool=tool, n=n, m=memberships, programs=programs,
                        bound=bound, load=load)
            too_big = tool != "citynet" and bound > max_edges
            if tool in dropped or too_big or (tool != "citynet" and preds.get(tool, 0) > limit
                                              and preds[tool] > near * best_pred):
                note = "skipped" if tool in dropped else \
                    f"skipped: projection bound {bound / 1e6:.0f}M edges > {max_edges / 1e6:.0f}M" \
                    if too_big else f"skipped: predicted {preds[tool]:.0f} s"
                dropped.add(tool)
                rows.append(dict(base, seconds=None, cpu=None, note=note))
                log(f"table n={n}: {tool} {note}")
                continue
            wall, cpu, ok, err = run_process(cmd, timeout, env)
            log(f"table n={n}: {tool} {wall:.2f} s wall, {cpu:.2f} CPU-s, ok={ok} ({err}) "
                f"(load {load:.1f})")
            if ok:
                last[tool] = (n, cpu)
                rows.append(dict(base, seconds=wall, cpu=cpu, note=err,
                                 load_end=os.getloadavg()[0]))
            else:
                dropped.add(tool)
                rows.append(dict(base, seconds=None, cpu=None, note=f"failed: {err}"))
        fits, cfits = refit(rows)
        with open(json_path, "w") as f:
            json.dump({"rows": rows, "exponents": fits, "cpu_exponents": cfits,
                       "limit": limit, "threads": THREADS, "started": started,
                       "machine": machine(), "versions": versions(),
                       "date": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}"
                               " UTC"}, f, indent=1)
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="small,btw30k,big100k")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rounds-all", action="store_true",
                    help="also repeat betweenness --rounds times")
    ap.add_argument("--out", default="", help="cases: write the tables here as Markdown")
    ap.add_argument("--metrics", default="", help="comma-separated subset of each case's metrics")
    ap.add_argument("--skip", default="",
                    help="comma-separated tool:metric pairs not to run, e.g. rustworkx:betweenness")
    ap.add_argument("--scaling", action="store_true",
                    help="run the scaling benchmark instead of the cases")
    ap.add_argument("--limit", type=float, default=60.0,
                    help="scaling: skip a tool once its predicted time exceeds this (seconds)")
    ap.add_argument("--tables", action="store_true",
                    help="run the membership-table scaling benchmark (citynet CLI vs NetworkX "
                         "and igraph projections)")
    ap.add_argument("--tables-json", default=os.path.join(ROOT, "docs", "figures",
                                                          "scaling-tables.json"))
    ap.add_argument("--max-projection-edges", type=float, default=60e6,
                    help="tables: skip the peers (which build the projection) above this bound")
    ap.add_argument("--near", type=float, default=1.5,
                    help="scaling: run a peer over --limit if its prediction is within this "
                         "factor of the fastest peer's")
    ap.add_argument("--markdown-from", default="",
                    help="print the scaling tables of an existing scaling JSON and exit")
    ap.add_argument("--refit", action="store_true",
                    help="with --markdown-from: refit the exponents and rewrite the JSON")
    ap.add_argument("--sizes", default="", help="scaling: comma-separated subset of sizes")
    ap.add_argument("--merge", action="store_true",
                    help="scaling/tables: keep the rows of the existing JSON that this run did "
                         "not measure (same metric, tool and size are replaced)")
    ap.add_argument("--json", default="", help="cases: write the results here as JSON")
    ap.add_argument("--scaling-json", default=os.path.join(ROOT, "docs", "figures",
                                                           "scaling.json"))
    args = ap.parse_args()
    if args.markdown_from:
        import json
        with open(args.markdown_from) as f:
            res = json.load(f)
        if args.refit:
            res["exponents"], res["cpu_exponents"] = refit(res["rows"])
            with open(args.markdown_from, "w") as f:
                json.dump(res, f, indent=1)
        print(scaling_markdown(res))
        sys.exit(0)
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release --example bench_metrics")
    os.environ.setdefault("RAYON_NUM_THREADS", str(THREADS))

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    import json

    def merged(path, partial):
        """The partial run's JSON merged into `path` (with --merge), refitted, written."""
        with open(partial) as f:
            res = json.load(f)
        os.remove(partial)
        if args.merge and os.path.exists(path):
            with open(path) as f:
                old = json.load(f)
            cpu = lambda m: (m or "").split(", Linux")[0]  # noqa: E731 (CPU model and count)
            if cpu(old.get("machine")) == cpu(res.get("machine")):
                res["rows"] = merge_rows(old["rows"], res["rows"],
                                         lambda r: (r["metric"], r["tool"], r["n"]))
            else:
                log(f"{path} was measured on another machine ({old.get('machine')}): "
                    "replaced by this run's rows, not merged")
        res["exponents"], res["cpu_exponents"] = refit(res["rows"])
        with open(path, "w") as f:
            json.dump(res, f, indent=1)
        log(f"wrote {path}")
        return res

    if args.tables:
        with tempfile.TemporaryDirectory() as tmp:
            run_tables(args.limit, tmp, log, args.tables_json + ".partial",
                       [int(x) for x in args.sizes.split(",") if x] or None, near=args.near,
                       max_edges=args.max_projection_edges)
        print(scaling_markdown(merged(args.tables_json, args.tables_json + ".partial")))
        sys.exit(0)
    if args.scaling:
        with tempfile.TemporaryDirectory() as tmp:
            res = run_scaling(args.limit, tmp, log,
                              [x for x in args.metrics.split(",") if x],
                              [int(x) for x in args.sizes.split(",") if x],
                              json_path=args.scaling_json + ".partial", near=args.near)
        with open(args.scaling_json + ".partial", "w") as f:
            json.dump(res, f, indent=1)
        print(scaling_markdown(merged(args.scaling_json, args.scaling_json + ".partial")))
        sys.exit(0)
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_case(c, args.rounds, tmp, log) for c in args.cases.split(",")]
    res = cases_json(results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    text = cases_markdown(res)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    print(text)
