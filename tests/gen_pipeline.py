"""Generates the fixture of the filter tests and its expected survivors.

    python3 tests/gen_pipeline.py

tests/data/pipeline_memberships.csv: a membership table (city, country, continent, program)
of 60 cities in 8 countries on 3 continents and 10 programs, drawn with a fixed seed (program
sizes uneven, a few cities in one program only). tests/expected/pipeline_survivors.csv: the
cities and programs left by the filter sequence of tests/cli_pipeline.rs, computed here by a
plain re-implementation (sets and counts, no citynet code):

    --where continent=Europe --min-programs 2 --drop-program P03 --min-programs 2 --min-members 3
"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
COUNTRIES = [
    ("France", "Europe"),
    ("Germany", "Europe"),
    ("Italy", "Europe"),
    ("Spain", "Europe"),
    ("Poland", "Europe"),
    ("Brazil", "Americas"),
    ("Canada", "Americas"),
    ("Japan", "Asia"),
]


def draw():
    rng = random.Random(20)
    programs = [f"P{i:02d}" for i in range(10)]
    weights = [12, 8, 6, 9, 3, 5, 2, 4, 7, 1]
    rows = []
    for c in range(60):
        country, continent = COUNTRIES[c % len(COUNTRIES)]
        city = f"City{c:02d}"
        k = rng.choice([1, 1, 2, 2, 3, 4])
        chosen = set()
        while len(chosen) < k:
            chosen.add(rng.choices(programs, weights=weights)[0])
        for p in sorted(chosen):
            rows.append((city, country, continent, p))
    return rows


def survivors(rows):
    memberships = {(r[0], r[3]) for r in rows}
    continent = {r[0]: r[2] for r in rows}
    cities = {r[0] for r in rows}
    programs = {r[3] for r in rows}

    def keep(cs, ps):
        return {(c, p) for c, p in memberships if c in cs and p in ps}

    cities = {c for c in cities if continent[c] == "Europe"}
    memberships = keep(cities, programs)

    def min_programs(k):
        n = {}
        for c, _ in memberships:
            n[c] = n.get(c, 0) + 1
        return {c for c in cities if n.get(c, 0) >= k}

    cities = min_programs(2)
    memberships = keep(cities, programs)
    programs = programs - {"P03"}
    memberships = keep(cities, programs)
    cities = min_programs(2)
    memberships = keep(cities, programs)
    n = {}
    for _, p in memberships:
        n[p] = n.get(p, 0) + 1
    programs = {p for p in programs if n.get(p, 0) >= 3}
    return sorted(cities), sorted(programs)


def main():
    rows = draw()
    with open(HERE / "data/pipeline_memberships.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["city", "country", "continent", "program"])
        w.writerows(rows)
    cities, programs = survivors(rows)
    with open(HERE / "expected/pipeline_survivors.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["kind", "name"])
        w.writerows([("city", c) for c in cities] + [("program", p) for p in programs])


if __name__ == "__main__":
    main()
