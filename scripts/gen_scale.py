#!/usr/bin/env python3
"""Seeded generator of the scale benchmark inputs (standard library only).

    python3 scripts/gen_scale.py [--out DIR] [--seed N]

writes
  DIR/covenant.csv  membership table: 13,000 cities, 400 programs, 60,189 memberships; the
                    largest program has 10,500 members and four programs have over 1,000
                    (a Global-Covenant-of-Mayors-sized table);
  DIR/covenant-small.csv  the same table without the four programs over 1,000 members;
  DIR/ba100k.csv    edge list: 100,000 nodes, ~500,000 edges, Holme-Kim growth
                    (preferential attachment, m = 5, triad formation p = 0.3);
and, with --only eligible (not by default),
  DIR/eligible6k.csv        membership table: 6,000 cities in 200 countries, 300 programs,
                            every city in at least one; 260 programs are regional (open to a
                            run of 3 to 60 countries), 40 open to every country;
  DIR/eligible6k-rules.csv  its eligibility file (program,country) for `--eligible`.
Same seed, same bytes.
"""
import argparse
import os
import random

N_CITIES = 13_000
N_PROGRAMS = 400
N_MEMBERSHIPS = 60_189
BIG = [10_500, 3_000, 2_000, 1_200]  # the four programs over 1,000 members
SMALL_MAX = 1_000


def program_sizes(rng):
    """Sizes of the 396 other programs: heavy-tailed, each in 2..1000, summing exactly."""
    rest = N_MEMBERSHIPS - sum(BIG)
    k = N_PROGRAMS - len(BIG)
    raw = [rng.paretovariate(1.3) for _ in range(k)]
    total = sum(raw)
    sizes = [min(SMALL_MAX, max(2, round(r / total * rest))) for r in raw]
    # Fix the sum one member at a time, deterministically.
    i = 0
    while sum(sizes) != rest:
        j = i % k
        if sum(sizes) < rest and sizes[j] < SMALL_MAX:
            sizes[j] += 1
        elif sum(sizes) > rest and sizes[j] > 2:
            sizes[j] -= 1
        i += 1
    return BIG + sorted(sizes, reverse=True)


def covenant(rng):
    sizes = program_sizes(rng)
    # City attractiveness: Zipf-like, so some cities join many programs.
    weights = [1.0 / (i + 1) ** 0.6 for i in range(N_CITIES)]
    order = list(range(N_CITIES))
    rng.shuffle(order)
    cum = []
    acc = 0.0
    for i in range(N_CITIES):
        acc += weights[i]
        cum.append(acc)
    rows = []
    covered = set()
    for p, k in enumerate(sizes):
        if p == 0:
            members = set(rng.sample(range(N_CITIES), k))
        elif p == 1:
            # Every city belongs to something: the second program takes every city the first
            # one left out, and random others.
            members = set(range(N_CITIES)) - covered
            members |= set(rng.sample(sorted(covered), k - len(members)))
        else:
            members = set()
            while len(members) < k:
                members.add(order[rng.choices(range(N_CITIES), cum_weights=cum)[0]])
        for c in sorted(members):
            rows.append((c, p))
            covered.add(c)
    return sizes, rows, covered


def write_table(path, rows, keep=lambda p: True):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("city,country,program\n")
        for c, p in rows:
            if keep(p):
                f.write(f"City{c:05d},Country{c % 97:02d},Program{p:03d}\n")


def holme_kim(rng, n=100_000, m=5, p_triad=0.3):
    """Holme & Kim (2002): preferential attachment with triad formation."""
    adj = [set() for _ in range(n)]
    targets_pool = []  # each node appears once per incident edge (degree-proportional)
    edges = []
    # Seed: a clique of m + 1 nodes.
    for u in range(m + 1):
        for v in range(u):
            adj[u].add(v)
            adj[v].add(u)
            edges.append((v, u))
            targets_pool += [u, v]
    for v in range(m + 1, n):
        chosen = []
        last = None
        while len(chosen) < m:
            if last is not None and rng.random() < p_triad:
                cand = [w for w in sorted(adj[last]) if w != v and w not in adj[v]]
                if cand:
                    w = rng.choice(cand)
                    adj[v].add(w)
                    adj[w].add(v)
                    chosen.append(w)
                    continue
            w = rng.choice(targets_pool)
            if w == v or w in adj[v]:
                continue
            adj[v].add(w)
            adj[w].add(v)
            chosen.append(w)
            last = w
        for w in chosen:
            edges.append((w, v))
            targets_pool += [w, v]
    return edges


ELIG_CITIES = 6_000
ELIG_COUNTRIES = 200
ELIG_PROGRAMS = 300
ELIG_OPEN = 40  # programs open to every country


def eligible_table(rng):
    """Regional programs: each open to a run of countries, members drawn among their cities."""
    per = ELIG_CITIES // ELIG_COUNTRIES
    attract = [1.0 / (i % per + 1) ** 0.8 for i in range(ELIG_CITIES)]
    rules = []
    members_of = []
    for p in range(ELIG_PROGRAMS):
        if p < ELIG_OPEN:
            countries = list(range(ELIG_COUNTRIES))
        else:
            span = rng.randint(3, 60)
            start = rng.randrange(ELIG_COUNTRIES)
            countries = sorted((start + k) % ELIG_COUNTRIES for k in range(span))
            rules += [(p, c) for c in countries]
        pool = [c * per + k for c in countries for k in range(per)]
        size = min(len(pool), max(2, round(rng.paretovariate(1.2) * 8)))
        weights = [attract[c] for c in pool]
        members = set()
        while len(members) < size:
            members.add(rng.choices(pool, weights=weights)[0])
        members_of.append(members)
    # Every city joins something: an uncovered city joins one of the open programs.
    covered = set().union(*members_of)
    for c in range(ELIG_CITIES):
        if c not in covered:
            members_of[c % ELIG_OPEN].add(c)
    rows = [(c, p) for p, members in enumerate(members_of) for c in sorted(members)]
    return rows, rules


def write_eligible(out, rng):
    rows, rules = eligible_table(rng)
    per = ELIG_CITIES // ELIG_COUNTRIES
    with open(os.path.join(out, "eligible6k.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("city,country,program\n")
        for c, p in rows:
            f.write(f"City{c:05d},Land{c // per:03d},Program{p:03d}\n")
    with open(os.path.join(out, "eligible6k-rules.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("program,country\n")
        for p, c in rules:
            f.write(f"Program{p:03d},Land{c:03d}\n")
    cities = len({c for c, _ in rows})
    print(
        f"eligible6k.csv: {cities} cities with memberships, {ELIG_PROGRAMS} programs, "
        f"{len(rows)} memberships; eligible6k-rules.csv: {len(rules)} rows"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="output/scale-inputs")
    ap.add_argument("--seed", type=int, default=20260601)
    ap.add_argument("--only", choices=["covenant", "graph", "eligible"], default=None)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.only in (None, "covenant"):
        rng = random.Random(a.seed)
        sizes, rows, covered = covenant(rng)
        write_table(os.path.join(a.out, "covenant.csv"), rows)
        big = set(range(len(BIG)))
        write_table(os.path.join(a.out, "covenant-small.csv"), rows, keep=lambda p: p not in big)
        print(
            f"covenant.csv: {len(covered)} cities with memberships, {len(sizes)} programs, "
            f"{len(rows)} memberships, largest {max(sizes)}, "
            f"{sum(1 for s in sizes if s > 1000)} over 1,000, "
            f"projection bound {sum(k * (k - 1) // 2 for k in sizes):,} edges"
        )
    if a.only in (None, "graph"):
        rng = random.Random(a.seed + 1)
        edges = holme_kim(rng)
        with open(os.path.join(a.out, "ba100k.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("source,target\n")
            for u, v in edges:
                f.write(f"n{u:06d},n{v:06d}\n")
        print(f"ba100k.csv: 100000 nodes, {len(edges)} edges (Holme-Kim, m=5, p=0.3)")
    if a.only == "eligible":
        write_eligible(a.out, random.Random(a.seed + 2))


if __name__ == "__main__":
    main()
