"""Every function against the command line's output on the bundled networks."""

import io

import numpy as np
import pandas as pd
import pytest

import citynet
from conftest import AIR, DIPLOMACY, ROOT, SISTER, assert_same_table, read_csv

CHEAP = ["degree", "strength", "clustering", "pagerank", "core", "component"]


@pytest.fixture(scope="module")
def diplomacy():
    return citynet.read(DIPLOMACY)


def test_metrics_every_default_column_bit_for_bit(diplomacy, cli):
    ours = diplomacy.metrics()
    theirs = read_csv(cli("metrics", DIPLOMACY))
    assert_same_table(ours, theirs)
    assert ours["betweenness"].dtype == np.float64 and ours["degree"].dtype == np.int64


@pytest.mark.parametrize("network", [AIR, SISTER], ids=["air-2014", "sister-cities"])
def test_metrics_on_the_larger_networks(network, cli):
    ours = citynet.read(network).metrics(CHEAP, threads=2)
    theirs = read_csv(cli("metrics", network, "--metrics", ",".join(CHEAP)))
    assert_same_table(ours, theirs)


def test_metrics_of_the_validated_projection(diplomacy, cli):
    ours = diplomacy.metrics(["degree", "strength"], graph="validated", model="fixedrow",
                             alpha=0.2)
    theirs = read_csv(cli("metrics", DIPLOMACY, "--metrics", "degree,strength", "--graph",
                          "validated", "--model", "fixedrow", "--alpha", "0.2"))
    assert_same_table(ours, theirs)


def test_metrics_as_of_a_year(cli):
    folder = ROOT / "tests" / "data" / "folder"
    net = citynet.read(folder)
    ours = net.as_of(2015).metrics(["degree", "strength"])
    theirs = read_csv(cli("metrics", folder, "--metrics", "degree,strength", "--as-of", "2015"))
    assert_same_table(ours, theirs)


@pytest.mark.parametrize("model", ["sdsm", "fixedrow", "disparity"])
def test_backbone(diplomacy, cli, model):
    ours = diplomacy.backbone(model=model, all_pairs=True)
    theirs = read_csv(cli("backbone", DIPLOMACY, "--model", model, "--all-pairs"))
    assert ours["kept"].dtype == bool
    assert_same_table(ours, theirs)


def test_robustness(diplomacy, cli):
    ours = diplomacy.robustness(metric="degree", replicates=40, seed=3, pair=("Paris", "London"))
    theirs = read_csv(cli("robustness", DIPLOMACY, "--metric", "degree", "--replicates", "40",
                          "--seed", "3", "--pair", "Paris,London"))
    assert_same_table(ours, theirs)
    summary = ours.attrs["summary"]
    assert summary["replicates"] == 40 and "pair" in summary


def test_robustness_of_the_validated_projection(diplomacy, cli):
    ours = diplomacy.robustness(metric="degree", graph="validated", replicates=10, seed=3)
    theirs = read_csv(cli("robustness", DIPLOMACY, "--metric", "degree", "--graph",
                          "validated", "--replicates", "10", "--seed", "3"))
    assert_same_table(ours, theirs)
    # SDSM keeps no pair of the bundled network: every validated degree is 0, unlike G's.
    assert (ours["value"] == 0).all()
    assert not (diplomacy.robustness(metric="degree", replicates=10)["value"] == 0).all()


def test_connectivity(diplomacy, cli, tmp_path):
    out = tmp_path / "gawc"
    cli("connectivity", DIPLOMACY, "--hinterworld", "Paris", "--group", "region", "-o", out)
    tables = diplomacy.connectivity(group="region", hinterworld=["Paris"])
    assert set(tables) == {"connectivity", "dyads", "groups", "hinterworld"}
    for name, df in tables.items():
        assert_same_table(df, read_csv((out / f"{name}.csv").read_bytes()))


@pytest.mark.parametrize("graph", [None, "ties", "validated"])
def test_brokerage(diplomacy, cli, graph):
    args = ["--graph", graph] if graph else []
    ours = diplomacy.brokerage("country", graph=graph)
    theirs = read_csv(cli("brokerage", DIPLOMACY, "--group", "country", *args))
    assert_same_table(ours, theirs)


def test_table(diplomacy, cli):
    text = diplomacy.table(by="strength", top=5, columns=["degree"], format="markdown")
    assert text.encode() == cli("table", DIPLOMACY, "--by", "strength", "--top", "5",
                                "--columns", "degree", "--format", "markdown")
    df = diplomacy.table(by="strength", top=5, columns=["degree"])
    assert list(df.columns) == ["rank", "city", "country", "strength", "degree"]
    assert df["rank"].iloc[0] == "1"


@pytest.mark.parametrize("to,graph", [("graphml", "two-mode"), ("gexf", "projection"),
                                      ("json", "programs"), ("pajek", "ties")])
def test_export(diplomacy, cli, tmp_path, to, graph):
    ours = diplomacy.export(tmp_path / f"ours.{to}", graph=graph, metrics=CHEAP)
    theirs = tmp_path / f"theirs.{to}"
    cli("export", DIPLOMACY, "--graph", graph, "--metrics", ",".join(CHEAP), "--layout", "none",
        "-o", theirs)
    assert ours.read_bytes() == theirs.read_bytes()


@pytest.mark.parametrize("view,fmt,options", [
    ("rank", "svg", {"size": "betweenness", "labels": 15}),
    ("degrees", "svg", {}),
    ("network", "dot", {"color": "community", "labels": 10}),
    ("bipartite", "dot", {}),
    ("ego", "dot", {"city": "Paris"}),
])
def test_figure(diplomacy, cli, tmp_path, view, fmt, options):
    fig = diplomacy.figure(view, **options)
    ours = fig.save(tmp_path / f"ours.{fmt}")
    args = []
    for k, v in options.items():
        args += [f"--{k.replace('_', '-')}", v]
    theirs = tmp_path / f"theirs.{fmt}"
    cli("render", DIPLOMACY, "--view", view, *args, "-o", theirs)
    assert ours.read_bytes() == theirs.read_bytes()
    if fmt == "svg":
        assert "<svg" in fig._repr_svg_()


def test_analyze_writes_the_cli_folder(diplomacy, cli, tmp_path):
    ours = diplomacy.analyze(out=tmp_path / "ours", figures=False)
    cli("analyze", DIPLOMACY, "--no-figures", "-o", tmp_path / "theirs")
    theirs = tmp_path / "theirs"
    names = sorted(p.name for p in theirs.iterdir())
    assert sorted(p.name for p in ours.iterdir()) == names
    for name in ["cities.csv", "programs.csv", "backbone.csv", "robustness.csv"]:
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name


def test_tables_of_the_network_folder(diplomacy):
    cities = pd.read_csv(DIPLOMACY / "cities.csv", keep_default_na=False)
    assert diplomacy.cities["city"].tolist() == cities["name"].tolist()
    assert diplomacy.cities["country"].tolist() == cities["country"].tolist()
    assert np.allclose(diplomacy.cities["lat"], cities["lat"])
    programs = pd.read_csv(DIPLOMACY / "programs.csv", keep_default_na=False)
    assert len(diplomacy.programs) == len(programs)
    memberships = pd.read_csv(DIPLOMACY / "memberships.csv", keep_default_na=False)
    assert len(diplomacy.memberships) == len(memberships)
    m = diplomacy.memberships
    assert set(m["program"]) <= set(diplomacy.programs["program"])
    assert m["weight"].dtype == np.float64
    ties = diplomacy.ties
    assert len(ties) > 0 and set(ties["city_a"]) <= set(diplomacy.cities["city"])


def test_from_pandas_is_the_csv_read(cli):
    path = ROOT / "tests" / "data" / "memberships.csv"
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    net = citynet.from_pandas(df, city="City", program="Network", country="Country")
    theirs = read_csv(cli("metrics", path, "--metrics", "degree,strength,betweenness",
                          "--city-col", "City", "--program-col", "Network",
                          "--country-col", "Country"))
    ours = net.metrics(["degree", "strength", "betweenness"])
    assert_same_table(ours, theirs)


def test_from_edges_and_from_networkx(cli):
    path = ROOT / "tests" / "data" / "edges.csv"
    df = pd.read_csv(path)
    theirs = read_csv(cli("metrics", path, "--metrics", "degree,strength,closeness"))
    ours = citynet.from_edges(df, weight="weight").metrics(["degree", "strength", "closeness"])
    assert_same_table(ours, theirs)
    import networkx as nx
    G = nx.from_pandas_edgelist(df, edge_attr="weight")
    again = citynet.Network.from_networkx(G).metrics(["degree", "strength", "closeness"])
    assert_same_table(again, theirs)


def test_evolve(cli, tmp_path):
    folder = ROOT / "tests" / "data" / "folder"
    out = tmp_path / "evolve"
    cli("evolve", folder, "--from", "2000", "--to", "2020", "--step", "5", "--no-figures",
        "-o", out)
    ours = citynet.read(folder).evolve(2000, 2020, step=5)
    assert_same_table(ours, read_csv((out / "evolution.csv").read_bytes()))
