#!/usr/bin/env python3
"""Exact betweenness and clustering of a membership table's city projection: citynet beside
NetworkX and igraph, which build the projection first.

    python3 scripts/bench_twins.py --citynet target/release/citynet --table etmun.csv \
        --table-args "--city-col Locality_Siege --program-col Network_Name --country-col CountryCode" \
        --city-col Locality_Siege --program-col Network_Name --country-col CountryCode \
        [--sep ';'] [--program-sep ';'] [--timeout 300] [--memory-gb 6]

citynet runs `metrics --metrics betweenness,clustering` with no other flag (CSV on standard
output). Each peer job (`--job networkx|igraph`, run under this same Python) reads the table with
the csv module (a city is its name and country; rows without a name are left out, as citynet
does), builds the weighted city projection (weight = number of shared programs), then computes
exact normalised betweenness and local clustering, printing each finished step with its time on
standard error. Every run is capped at --timeout seconds and --memory-gb of address space
(prlimit); a peer that does not finish is reported with the last step it reached. CPU (user + system) and peak
resident memory (VmHWM) are sampled from /proc every 0.2 s while the process runs (the last
sample before it exits or is killed), so very short runs read slightly low; citynet's own rows
in BENCHMARKS.md come from /usr/bin/time -v.
"""
import argparse
import csv
import os
import shlex
import subprocess
import sys
import tempfile
import time

T0 = time.time()


def stage(s):
    print(f"step {time.time() - T0:.1f} {s}", file=sys.stderr, flush=True)


def memberships(a):
    # Lines that are not UTF-8 (Windows-1252 in ClimActor) keep their bytes, undecoded.
    with open(a.table, newline="", encoding="utf-8", errors="surrogateescape") as f:
        rows = csv.DictReader(f, delimiter=a.sep)
        pairs = set()
        for r in rows:
            city = (r[a.city_col] or "").strip()
            if city in ("", "NA"):
                continue
            key = (city, (r.get(a.country_col) or "").strip())
            cell = r[a.program_col] or ""
            progs = cell.split(a.program_sep) if a.program_sep else [cell]
            for p in progs:
                p = p.strip()
                if p and p != "NA":
                    pairs.add((key, p))
    return sorted(pairs)


def job_networkx(a):
    import networkx as nx
    from networkx.algorithms import bipartite

    pairs = memberships(a)
    B = nx.Graph()
    cities = sorted({c for c, _ in pairs})
    B.add_nodes_from(cities, bipartite=0)
    B.add_edges_from((c, ("p", p)) for c, p in pairs)
    stage(f"read {len(cities)} cities, {len(pairs)} memberships")
    G = bipartite.weighted_projected_graph(B, cities)
    stage(f"projection {G.number_of_edges()} edges")
    nx.betweenness_centrality(G, normalized=True)
    stage("betweenness")
    nx.clustering(G)
    stage("clustering")


def job_igraph(a):
    import igraph as ig

    pairs = memberships(a)
    cities = sorted({c for c, _ in pairs})
    programs = sorted({p for _, p in pairs})
    ci = {c: i for i, c in enumerate(cities)}
    pi = {p: len(cities) + i for i, p in enumerate(programs)}
    B = ig.Graph.Bipartite(
        [False] * len(cities) + [True] * len(programs),
        [(ci[c], pi[p]) for c, p in pairs],
    )
    stage(f"read {len(cities)} cities, {len(pairs)} memberships")
    G, _ = B.bipartite_projection(multiplicity=True)
    stage(f"projection {G.ecount()} edges")
    n = G.vcount()
    b = G.betweenness(directed=False)
    _ = [x * 2 / ((n - 1) * (n - 2)) for x in b]
    stage("betweenness")
    G.transitivity_local_undirected(mode="zero")
    stage("clustering")


def sample(pid, last):
    """(cpu seconds, VmHWM MiB) of a running process, `last` when it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        with open(f"/proc/{pid}/status") as f:
            hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
        return cpu, hwm
    except (OSError, StopIteration, IndexError):
        return last


def timed(cmd, timeout, memory_gb):
    """Runs `cmd` (under prlimit when memory_gb), polling its CPU and peak memory; killed at
    `timeout` seconds."""
    limit = ["prlimit", f"--as={int(memory_gb * 2**30)}"] if memory_gb else []
    t0 = time.time()
    err = tempfile.TemporaryFile("w+")
    p = subprocess.Popen(limit + cmd, stdout=subprocess.DEVNULL, stderr=err, text=True)
    last = (0.0, 0.0)
    status = None
    while status is None:
        last = sample(p.pid, last)
        try:
            status = p.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if time.time() - t0 > timeout:
                p.kill()
                p.wait()
                status = "timeout"
    wall = time.time() - t0
    # The final figures of a finished process: its rusage (CPU) and the last VmHWM sample.
    err.seek(0)
    lines = err.read().splitlines()
    steps = [l.split(" ", 2)[2] for l in lines if l.startswith("step ")]
    errors = [l for l in lines if "Error" in l]
    return {
        "wall": wall, "cpu": last[0], "mib": last[1],
        "status": "ok" if status == 0 else (f"did not finish in {timeout} s" if status == "timeout" else f"exit {status}"),
        "last": steps[-1] if steps else "-", "error": errors[-1] if errors else "",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--job", choices=["networkx", "igraph"])
    ap.add_argument("--citynet")
    ap.add_argument("--table", required=True)
    ap.add_argument("--table-args", default="")
    ap.add_argument("--city-col", required=True)
    ap.add_argument("--program-col", required=True)
    ap.add_argument("--country-col", required=True)
    ap.add_argument("--sep", default=",")
    ap.add_argument("--program-sep", default="")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--memory-gb", type=float, default=6)
    ap.add_argument("--tools", default="citynet,networkx,igraph")
    a = ap.parse_args()
    if a.job:
        {"networkx": job_networkx, "igraph": job_igraph}[a.job](a)
        return
    own = [a for a in sys.argv[1:]]
    for tool in a.tools.split(","):
        if tool == "citynet":
            cmd = [a.citynet, "metrics", a.table, "--metrics", "betweenness,clustering"]
            cmd += shlex.split(a.table_args)
            r = timed(cmd, a.timeout, None)
        else:
            r = timed([sys.executable, os.path.abspath(__file__), "--job", tool] + own,
                      a.timeout, a.memory_gb)
        print(f"{os.path.basename(a.table)}\t{tool}\t{r['status']}\twall {r['wall']:.2f}\t"
              f"cpu {r['cpu']:.2f}\tpeak {r['mib']:.0f} MiB\tlast: {r['last']}\t{r['error']}",
              flush=True)


if __name__ == "__main__":
    main()
