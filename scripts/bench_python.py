"""The Python package against the command line on the same work: `net.metrics()` (read +
metrics) against `citynet metrics`, and `citynet.from_pandas` on a membership table against
`citynet validate` reading the same CSV. CPU time (user + system, every thread) and wall time,
the minimum over repetitions.

    python scripts/bench_python.py --cli target/release/citynet [--reps 3] [--threads 2]

Needs the package installed from a release build (`pip install ./python`), NetworkX and pandas.
The edge list is networkx.powerlaw_cluster_graph(30000, 5, 0.3, seed=42) (the btw30k graph of
BENCHMARKS.md); the membership table has 500,000 rows drawn with numpy's default_rng(1):
100,000 cities, 2,000 programs.
"""

import argparse
import os
import resource
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

import citynet

METRICS = ["degree", "strength", "clustering", "pagerank", "core", "component", "closeness"]


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_run(args):
    c0, t0 = cpu_children(), time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return cpu_children() - c0, time.perf_counter() - t0


def py_run(f):
    c0, t0 = cpu_self(), time.perf_counter()
    f()
    return cpu_self() - c0, time.perf_counter() - t0


def best(runs):
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    import networkx as nx

    tmp = tempfile.mkdtemp()
    edges = os.path.join(tmp, "hk30k.csv")
    G = nx.powerlaw_cluster_graph(30000, 5, 0.3, seed=42)
    pd.DataFrame(list(G.edges()), columns=["source", "target"]).to_csv(edges, index=False)
    out = os.path.join(tmp, "m.csv")
    m = ",".join(METRICS)
    cli = [best([cli_run([a.cli, "metrics", edges, "--metrics", m, "--threads", str(a.threads),
                          "-q", "-o", out]) for _ in range(a.reps)])]
    py = [best([py_run(lambda: citynet.read(edges).metrics(METRICS, threads=a.threads))
                for _ in range(a.reps)])]
    rng = np.random.default_rng(1)
    df = pd.DataFrame({
        "city": [f"city {i}" for i in rng.integers(0, 100_000, 500_000)],
        "program": [f"program {j}" for j in rng.integers(0, 2_000, 500_000)],
    })
    table = os.path.join(tmp, "memberships.csv")
    df.to_csv(table, index=False)
    cli.append(best([cli_run([a.cli, "validate", table, "-q"]) for _ in range(a.reps)]))
    py.append(best([py_run(lambda: citynet.from_pandas(df)) for _ in range(a.reps)]))
    rows = [(f"read + metrics {m} (30k nodes, 149,952 edges)", "citynet.read(...).metrics(...)"),
            ("read a 500,000-row membership table", "citynet.from_pandas(df)")]
    print("| work | Python call | CLI CPU s | Python CPU s | ratio CPU | CLI wall s | "
          "Python wall s | ratio wall |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (work, call), (cc, cw), (pc, pw) in zip(rows, cli, py):
        print(f"| {work} | `{call}` | {cc:.2f} | {pc:.2f} | {pc / cc:.2f} | {cw:.2f} | "
              f"{pw:.2f} | {pw / cw:.2f} |")


if __name__ == "__main__":
    main()
