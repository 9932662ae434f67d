#!/usr/bin/env python3
"""Time `citynet robustness` (strength, 1000 replicates) against two Python peers doing the
same job, side by side, with /usr/bin/time -v (wall time, peak resident memory).

    cargo build --release
    python3 scripts/gen_scale.py --out output/scale-inputs
    python scripts/bench_robustness.py [--replicates 1000] [--threads 2]
        [--cases city-diplomacy,covenant] [--no-networkx]

(`bash scripts/bench.sh` runs it in its virtualenv; any Python with numpy, scipy and networkx.)
Prints a Markdown table; the ratio is on CPU time (user + system, all threads).

Cases: the bundled network (networks/city-diplomacy) and the 13,000-city covenant table
(output/scale-inputs/covenant.csv). Peers (this file, run as `--peer NAME INPUT`):

- `numpy`: the closed form on the membership matrix with scipy.sparse — strength
  s = A·(c ∘ colsum(A)) − (A∘A)·c per replicate (c = program multiplicities), ranks by
  scipy.stats.rankdata(method="min"), percentiles by numpy — leave-one-out and bootstrap, the
  same draws as citynet (SplitMix64, re-implemented);
- `networkx`: rebuild the weighted projection with NetworkX for every replicate and take
  G.degree(weight="weight") (what one writes without the closed form); run only where the
  projection fits (the bundled network).
"""
import argparse
import tempfile
import csv
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Cargo's release folder (CARGO_TARGET_DIR when set, as cargo build uses it).
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")
sys.path.insert(0, os.path.join(ROOT, "tests"))
# The draws are the test reference's (tests/gen_analyses.py re-implements citynet's SplitMix64
# stream independently): one copy, so the benchmark times the same replicates the tests check.
from gen_analyses import replicate_counts  # noqa: E402


def read_memberships(path):
    if os.path.isdir(path):
        path = os.path.join(path, "memberships.csv")
    cities, programs, rows = {}, {}, []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            c = cities.setdefault((r["city"], r.get("country", "")), len(cities))
            p = programs.setdefault(r.get("program") or r.get("network"), len(programs))
            w = float(r.get("weight") or 1)
            rows.append((c, p, w))
    return len(cities), len(programs), rows


def peer_numpy(path, replicates):
    import numpy as np
    from scipy import sparse, stats

    n, P, rows = read_memberships(path)
    c, p, w = (np.array(x) for x in zip(*rows))
    A = sparse.csr_matrix((w, (c, p)), shape=(n, P))
    A2 = A.multiply(A).tocsr()
    col = np.asarray(A.sum(axis=0)).ravel()

    def strength(mult):
        mult = np.asarray(mult, dtype=float)
        return A @ (mult * col) - A2 @ mult

    def ranks(v):
        return stats.rankdata(-v, method="min")

    full = ranks(strength(np.ones(P)))
    for q in range(P):
        m = np.ones(P)
        m[q] = 0
        ranks(strength(m))
    boot = np.empty((replicates, n))
    for r in range(replicates):
        boot[r] = ranks(strength(replicate_counts(1, r, P)))
    np.percentile(boot, [2.5, 97.5], axis=0)
    taus = [stats.kendalltau(full, b).statistic for b in boot]
    return float(np.median(taus))


def peer_networkx(path, replicates):
    import networkx as nx
    import numpy as np
    from scipy import stats

    n, P, rows = read_memberships(path)
    members = [[] for _ in range(P)]
    for c, p, w in rows:
        members[p].append((c, w))

    def strength(mult):
        G = nx.Graph()
        G.add_nodes_from(range(n))
        for p, k in enumerate(mult):
            ms = members[p]
            for _ in range(k):
                for i in range(len(ms)):
                    for j in range(i + 1, len(ms)):
                        a, wa = ms[i]
                        b, wb = ms[j]
                        d = G.get_edge_data(a, b)
                        if d:
                            d["weight"] += wa * wb
                        else:
                            G.add_edge(a, b, weight=wa * wb)
        return np.array([G.degree(v, weight="weight") for v in range(n)])

    full = stats.rankdata(-strength([1] * P), method="min")
    for q in range(P):
        m = [1] * P
        m[q] = 0
        stats.rankdata(-strength(m), method="min")
    boot = [stats.rankdata(-strength(replicate_counts(1, r, P)), method="min") for r in range(replicates)]
    np.percentile(np.array(boot), [2.5, 97.5], axis=0)
    taus = [stats.kendalltau(full, b).statistic for b in boot]
    return float(np.median(taus))


def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, cwd=ROOT)
    err = p.stderr
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", err)
    h = float(wall.group(1) or 0)
    secs = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    return p.returncode, secs, user + sys_, rss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicates", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--peer", nargs=2, metavar=("NAME", "INPUT"))
    ap.add_argument("--cases", default="city-diplomacy,covenant")
    ap.add_argument("--no-networkx", action="store_true",
                    help="leave out the NetworkX peer (minutes on the bundled network)")
    a = ap.parse_args()
    if a.peer:
        name, path = a.peer
        tau = {"numpy": peer_numpy, "networkx": peer_networkx}[name](path, a.replicates)
        print(f"median tau_b {tau:.4f}")
        return
    cases = [("city-diplomacy", "networks/city-diplomacy", True),
             ("covenant", "output/scale-inputs/covenant.csv", False)]
    cases = [c for c in cases if c[0] in a.cases.split(",")]
    binary = os.path.join(RELEASE, "citynet")
    print("| input | tool | wall (s) | CPU (s) | peak memory (MiB) | CPU vs citynet |")
    print("|---|---|---:|---:|---:|---:|")
    for case, path, with_nx in cases:
        out = os.path.join(tempfile.gettempdir(), f"bench-robustness-{case}.csv")
        rc, wall, cpu, mem = timed([binary, "--threads", str(a.threads), "-q", "robustness",
                                    path, "--replicates", str(a.replicates), "-o", out])
        assert rc == 0, f"citynet failed on {case}"
        print(f"| {LABELS[case]} | citynet ({a.threads} threads) | {wall:.2f} | {cpu:.2f} | "
              f"{mem:.0f} | 1× |")
        peers = ["numpy"] + (["networkx"] if with_nx and not a.no_networkx else [])
        for peer in peers:
            rc, pw, pc, pm = timed([sys.executable, __file__, "--replicates", str(a.replicates),
                                    "--peer", peer, path])
            status = "" if rc == 0 else " (failed)"
            print(f"| | {PEER_LABELS[peer]}{status} | {pw:.2f} | {pc:.2f} | {pm:.0f} | "
                  f"{pc / max(cpu, 0.01):,.1f}× |")
        sys.stdout.flush()


LABELS = {
    "city-diplomacy": "bundled city-diplomacy (247 cities, 5 programs)",
    "covenant": "covenant table (13,000 cities, 400 programs, 60,189 memberships; "
                "scripts/gen_scale.py)",
}
PEER_LABELS = {"numpy": "numpy closed form", "networkx": "NetworkX rebuild"}


if __name__ == "__main__":
    main()
