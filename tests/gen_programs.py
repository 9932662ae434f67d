"""Generates the programs table read beside tests/data/pipeline_memberships.csv (`--programs`)
and the programs.csv a plain re-implementation expects.

    python3 tests/gen_programs.py

tests/data/pipeline_programs.csv: one row per program (name, kind, theme, founded), synthetic
attributes drawn with a fixed seed, for the programs of the membership table except the last
one (a program of the memberships the table does not list), one name written with other case
and spacing, one program no membership names (a program without members), a row with an empty
name (rejected), a row repeated the same (kept once) and a row repeated with other attributes
(rejected, the first kept).

tests/expected/pipeline_programs.csv: the programs citynet should list, computed here without
citynet code (names matched after trimming, folding inner white space and lower-casing): name,
kind, theme, founded, members (the number of member cities). Its row count plus the number of
cities is the two-mode graph's node count.
"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
KINDS = ["association", "project", "platform"]
THEMES = ["climate", "culture", "energy", "mobility"]
HEADER = ["name", "kind", "theme", "founded"]


def memberships():
    with open(HERE / "data/pipeline_memberships.csv", newline="") as f:
        return [(r["city"], r["program"]) for r in csv.DictReader(f)]


def norm(name):
    return " ".join(name.split()).lower()


def table(programs):
    rng = random.Random(6)

    def attrs():
        return [rng.choice(KINDS), rng.choice(THEMES), str(rng.randint(1985, 2015))]

    listed = programs[:-1]
    rows = [[p] + attrs() for p in listed]
    # One name written with other case and spacing: it names the same program.
    rows[1][0] = "  " + rows[1][0].lower() + " "
    extra = f"P{len(programs):02d}"
    rows.append([extra] + attrs())
    rows.insert(4, [""] + attrs())
    rows.append(list(rows[6]))
    other = list(rows[3])
    other[1] = next(k for k in KINDS if k != other[1])
    rows.append(other)
    return rows


def expected(rows, mem):
    members = {}
    for c, p in mem:
        members.setdefault(norm(p), set()).add(c)
    order = []
    names = {}
    for _, p in mem:
        if norm(p) not in names:
            names[norm(p)] = p
            order.append(norm(p))
    attrs = {}
    for r in rows:
        k = norm(r[0])
        if not k or k in attrs:
            continue
        attrs[k] = r[1:]
        if k not in names:
            names[k] = " ".join(r[0].split())
            order.append(k)
    return [
        [names[k]] + attrs.get(k, ["", "", ""]) + [str(len(members.get(k, ())))]
        for k in order
    ]


def main():
    mem = memberships()
    programs = sorted({p for _, p in mem})
    rows = table(programs)
    with open(HERE / "data/pipeline_programs.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    with open(HERE / "expected/pipeline_programs.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER + ["members"])
        w.writerows(expected(rows, mem))


if __name__ == "__main__":
    main()
