#!/usr/bin/env python3
"""Validated projection, citynet beside the `bicm` package, measured side by side.

    python scripts/bench_backbone.py TABLE.csv [--sizes 1000,2000,4000,0]
        [--timeout 600] [--bicm-mem-gb 6] [--threads 2]

(`bash scripts/bench.sh` runs it in its virtualenv, where `bicm` is installed.)

TABLE.csv is a membership table (city,country,program). For each size N (0 = the whole table)
the first N cities (by name) are kept; both tools compute the SDSM/BiCM validated projection
at alpha = 0.05 with the false discovery rate over all n(n-1)/2 pairs (bicm's only convention,
so `citynet backbone --tests all`), with the exact Poisson-binomial p-values
(bicm: method="poibin"). Each run is a separate process measured with /usr/bin/time -v (wall
time, peak resident memory); bicm runs under a memory cap (ulimit -v) and a timeout, and a run
that exceeds either is reported as such. Prints a Markdown table for BENCHMARKS.md.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Cargo's release folder (CARGO_TARGET_DIR when set, as cargo build uses it).
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")
BIN = os.path.join(RELEASE, "citynet")

BICM_SCRIPT = r"""
import sys, csv, warnings
warnings.filterwarnings("ignore")
import numpy as np
from scipy import sparse
from bicm import BipartiteGraph
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
cities = sorted({(r["city"], r["country"]) for r in rows})
progs = sorted({r["program"] for r in rows})
ci = {c: i for i, c in enumerate(cities)}
pi = {p: i for i, p in enumerate(progs)}
m = np.zeros((len(cities), len(progs)), dtype=np.int8)
for r in rows:
    m[ci[(r["city"], r["country"])], pi[r["program"]]] = 1
bg = BipartiteGraph(biadjacency=m)
bg.solve_tool(method="fixed-point", tol=1e-10, print_error=False)
adj = bg.get_rows_projection(alpha=0.05, method="poibin", threads_num=int(sys.argv[2]),
                             progress_bar=False, validation_method="fdr")
print("kept", sum(len(v) for v in adj.values()) // 2 if adj else 0)
"""


def subset(src, n, out):
    rows = list(csv.DictReader(open(src, encoding="utf-8")))
    if n:
        keep = sorted({(r["city"], r["country"]) for r in rows})[:n]
        keep = set(keep)
        rows = [r for r in rows if (r["city"], r["country"]) in keep]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["city", "country", "program"])
        for r in rows:
            w.writerow([r["city"], r["country"], r["program"]])
    return len({(r["city"], r["country"]) for r in rows}), len({r["program"] for r in rows}), len(rows)


def timed(cmd, timeout, mem_gb=None):
    pre = f"ulimit -v {int(mem_gb * 1024 * 1024)}; " if mem_gb else ""
    full = pre + "/usr/bin/time -v " + " ".join(cmd)
    try:
        p = subprocess.run(["bash", "-c", full], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, f"not finished after {timeout} s"
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", p.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    secs = None
    if wall:
        parts = [float(x) for x in wall.group(1).split(":")]
        secs = sum(x * 60 ** k for k, x in enumerate(reversed(parts)))
    gb = int(rss.group(1)) / 1024 / 1024 if rss else None
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["?"])
        err = next((l for l in reversed(tail) if "Error" in l), tail[0])
        return secs, gb, f"failed: {err[:80]}"
    return secs, gb, p.stdout.strip().splitlines()[-1] if p.stdout.strip() else "ok"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--sizes", default="1000,2000,4000,0")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--bicm-mem-gb", type=float, default=6)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    print("| cities | programs | memberships | citynet s | citynet GB | citynet kept | bicm s | bicm GB | bicm |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as d:
        for n in [int(x) for x in a.sizes.split(",")]:
            path = os.path.join(d, f"t{n}.csv")
            nc, np_, nm = subset(a.table, n, path)
            out = os.path.join(d, "bb.csv")
            cs, cg, _ = timed([BIN, "backbone", path, "-o", out, "-q", "--tests", "all",
                               "--threads", str(a.threads)], a.timeout)
            kept = sum(1 for _ in open(out)) - 1 if os.path.exists(out) else "?"
            script = os.path.join(d, "b.py")
            open(script, "w").write(BICM_SCRIPT)
            bs, bg, bmsg = timed([sys.executable, script, path, str(a.threads)], a.timeout, a.bicm_mem_gb)
            f = lambda x, p=1: "—" if x is None else f"{x:.{p}f}"
            print(f"| {nc:,} | {np_} | {nm:,} | {f(cs)} | {f(cg, 2)} | {kept} | {f(bs)} | {f(bg, 2)} | {bmsg} |", flush=True)


if __name__ == "__main__":
    main()
