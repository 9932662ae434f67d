#!/usr/bin/env python3
"""Rewrites the generated regions of BENCHMARKS.md from the benchmark results.

    python scripts/bench_report.py [--results output/bench] [--only machine,scaling,...]
        [--out BENCHMARKS.md]

A region is the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`; everything
outside the regions (method, explanations) is left as it is. Sources:

- `machine`, `headline`, `scaling`: docs/figures/scaling.json (`bench_compare.py --scaling`);
- `tables`: docs/figures/scaling-tables.json (`bench_compare.py --tables`);
- `scale`: docs/figures/scale.json (`bench_scale.py --json`);
- `cases`: RESULTS/cases.json (`bench_compare.py --cases ... --json`);
- `backbone`, `robustness`, `read`: the Markdown tables the scripts printed, RESULTS/NAME.md.

A region whose source does not exist is left unchanged (its numbers stay those of the run that
wrote them), and so is a region not named in --only.
"""
import argparse
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIG = os.path.join(ROOT, "docs", "figures")


def compare_module():
    spec = importlib.util.spec_from_file_location("bench_compare",
                                                  os.path.join(HERE, "bench_compare.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def machine(res):
    v = res.get("versions", {})
    order = ["rustc", "networkx", "igraph", "networkit", "rustworkx", "graph-tool", "bicm"]
    names = {"igraph": "python-igraph", "graph-tool": "graph-tool (Debian python3-graph-tool, "
             "system Python)"}
    vers = ", ".join(f"{names.get(k, k)} {v[k].replace('rustc ', '').split(' (')[0]}"
                     for k in order if k in v)
    return "\n".join([
        f"- **Machine:** {res.get('machine', '?')}.",
        f"- **Versions:** {vers} (the Python peers from `scripts/bench-requirements.txt`).",
        f"- **Threads:** citynet and rustworkx {res.get('threads', 2)} (rayon); NetworKit and "
        f"graph-tool {res.get('threads', 2)} (OpenMP, `OMP_WAIT_POLICY=passive`); igraph and "
        "NetworkX are single-threaded.",
    ])


def headline(res):
    """citynet / fastest peer at the largest size where both ran, per metric."""
    rows = res["rows"]
    out = ["| metric | largest n | citynet CPU / wall (s) | fastest peer, CPU | "
           "citynet / fastest peer, CPU | citynet / fastest peer, wall |",
           "|---|---:|---|---|---:|---:|"]
    metrics = []
    for r in rows:
        if r["metric"] not in metrics:
            metrics.append(r["metric"])
    order = ["betweenness", "closeness", "harmonic", "clustering", "pagerank", "component",
             "core"]
    metrics.sort(key=lambda m: order.index(m) if m in order else 99)
    for m in metrics:
        sizes = sorted({r["n"] for r in rows if r["metric"] == m}, reverse=True)
        for n in sizes:
            by = {r["tool"]: r for r in rows if r["metric"] == m and r["n"] == n}
            mine = by.get("citynet")
            peers = {t: r for t, r in by.items() if t != "citynet" and r.get("cpu")}
            if not (mine and mine.get("cpu") and peers):
                continue
            bc = min(peers, key=lambda t: peers[t]["cpu"])
            bw = min(peers, key=lambda t: peers[t]["seconds"])
            out.append(f"| {m} | {n:,} | {mine['cpu']:.4g} / {mine['seconds']:.4g} | {bc} | "
                       f"**{mine['cpu'] / peers[bc]['cpu']:.3g}** | "
                       f"{mine['seconds'] / peers[bw]['seconds']:.3g} ({bw}) |")
            break
    return "\n".join(out)


def tables(res):
    rows = res["rows"]
    out = ["| cities | memberships | programs | projection bound (edges) | citynet CPU / wall (s) "
           "| NetworkX CPU / wall (s) | igraph CPU / wall (s) | citynet / fastest peer, CPU "
           "(wall) |", "|---:|---:|---:|---:|---|---|---|---|"]
    for n in sorted({r["n"] for r in rows}):
        by = {r["tool"]: r for r in rows if r["n"] == n}
        any_row = next(iter(by.values()))

        def cell(t):
            r = by.get(t)
            if r is None:
                return "—"
            if r.get("cpu") is None:
                return r.get("note") or "skipped"
            return f"{r['cpu']:.3g} / {r['seconds']:.3g}"
        mine = by.get("citynet")
        peers = [r for t, r in by.items() if t != "citynet" and r.get("cpu")]
        ratio = "—"
        if mine and mine.get("cpu") and peers:
            bc = min(peers, key=lambda r: r["cpu"])
            bw = min(peers, key=lambda r: r["seconds"])
            ratio = (f"{mine['cpu'] / bc['cpu']:.3g} ({bc['tool']}) "
                     f"({mine['seconds'] / bw['seconds']:.3g})")
        out.append(f"| {n:,} | {any_row['m']:,} | {any_row['programs']} | {any_row['bound']:,} | "
                   f"{cell('citynet')} | {cell('networkx')} | {cell('igraph')} | {ratio} |")
    return "\n".join(out)


def table_lines(path):
    """The Markdown table lines of a script's output."""
    with open(path, encoding="utf-8") as f:
        return "\n".join(line.rstrip("\n") for line in f if line.startswith("|"))


def replace(text, name, body):
    pat = re.compile(rf"(<!-- bench:{name} -->\n)(.*?)(<!-- /bench:{name} -->)", re.S)
    if not pat.search(text):
        sys.exit(f"BENCHMARKS.md has no region bench:{name}")
    return pat.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(3), text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", default=os.path.join(ROOT, "output", "bench"))
    ap.add_argument("--only", default="", help="comma-separated regions to rewrite")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    a = ap.parse_args()
    only = {x for x in a.only.split(",") if x}
    with open(a.out, encoding="utf-8") as f:
        text = f.read()
    bodies = {}
    scaling = load(os.path.join(FIG, "scaling.json"))
    if scaling:
        bodies["machine"] = machine(scaling)
        bodies["headline"] = headline(scaling)
        bodies["scaling"] = compare_module().scaling_markdown(scaling)
    tab = load(os.path.join(FIG, "scaling-tables.json"))
    if tab:
        bodies["tables"] = tables(tab)
    scale = load(os.path.join(FIG, "scale.json"))
    if scale:
        spec = importlib.util.spec_from_file_location("bench_scale",
                                                      os.path.join(HERE, "bench_scale.py"))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        bodies["scale"] = mod.markdown(scale)
    cases = load(os.path.join(a.results, "cases.json"))
    if cases:
        bodies["cases"] = compare_module().cases_markdown(cases)
    for name in ("backbone", "robustness", "read"):
        path = os.path.join(a.results, f"{name}.md")
        if os.path.exists(path):
            bodies[name] = table_lines(path)
    done = []
    for name, body in bodies.items():
        if only and name not in only:
            continue
        text = replace(text, name, body)
        done.append(name)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"bench_report: rewrote {', '.join(done) or 'nothing'} in {os.path.relpath(a.out)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
