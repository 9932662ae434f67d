"""to_networkx against NetworkX's own algorithms and against the GraphML the CLI exports."""

import math

import networkx as nx
import pytest

import citynet
from conftest import DIPLOMACY


@pytest.fixture(scope="module")
def net():
    return citynet.read(DIPLOMACY)


@pytest.fixture(scope="module")
def projection(net):
    return net.to_networkx("projection")


def test_projection_measures_are_networkx_measures(net, projection):
    G = projection
    m = net.metrics(["degree", "strength", "betweenness", "closeness", "clustering", "core",
                     "pagerank"])
    by_label = {d["label"]: v for v, d in G.nodes(data=True)}
    assert len(by_label) == len(m) == G.number_of_nodes()
    nodes = [by_label[c] for c in m["city"]]
    assert [G.degree(v) for v in nodes] == m["degree"].tolist()
    strength = [G.degree(v, weight="weight") for v in nodes]
    assert strength == pytest.approx(m["strength"].tolist(), abs=1e-12)
    checks = [
        (nx.betweenness_centrality(G, normalized=True), "betweenness"),
        (nx.closeness_centrality(G), "closeness"),
        (nx.clustering(G), "clustering"),
        (nx.core_number(G), "core"),
        (nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000), "pagerank"),
    ]
    for ref, column in checks:
        want = [ref[v] for v in nodes]
        assert want == pytest.approx(m[column].tolist(), abs=1e-9), column


def test_node_attributes_carry_the_metric_table(net, projection):
    m = net.metrics()
    by_label = {d["label"]: d for _, d in projection.nodes(data=True)}
    for _, row in m.iterrows():
        d = by_label[row["city"]]
        for col in ["degree", "strength", "betweenness", "community", "component"]:
            assert d[col] == row[col] or (math.isnan(row[col]) and col not in d), col


def test_same_graph_as_the_cli_graphml(net, cli, tmp_path):
    for graph in ["two-mode", "projection", "programs", "ties"]:
        path = tmp_path / f"{graph}.graphml"
        cli("export", DIPLOMACY, "--graph", graph, "--layout", "none", "-o", path)
        ref = nx.read_graphml(path)
        G = net.to_networkx(graph)
        assert set(G.nodes) == set(ref.nodes), graph
        assert G.number_of_edges() == ref.number_of_edges(), graph
        for u, v, d in ref.edges(data=True):
            assert G.edges[u, v]["weight"] == pytest.approx(d["weight"], rel=1e-12), graph
        for v, d in ref.nodes(data=True):
            ours = G.nodes[v]
            for k, x in d.items():
                if isinstance(x, float):
                    assert ours[k] == pytest.approx(x, rel=1e-12, nan_ok=True), (graph, k)
                else:
                    assert ours[k] == x, (graph, k)


def test_two_mode_graph_is_bipartite_with_the_memberships(net):
    G = net.to_networkx("two-mode")
    assert nx.is_bipartite(G)
    assert G.number_of_edges() == len(net.memberships)
    cities = {v for v, b in G.nodes(data="bipartite") if b == 0}
    assert len(cities) == len(net.cities)
    # A two-mode graph read back is the same network.
    back = citynet.from_networkx(G)
    assert len(back.memberships) == len(net.memberships)


def test_validated_projection_is_the_kept_backbone_pairs(net):
    kept = net.backbone()
    G = net.to_networkx("validated")
    assert G.number_of_edges() == len(kept)
    label = dict(G.nodes(data="label"))
    pairs = {frozenset((label[u], label[v])) for u, v in G.edges}
    assert pairs == {frozenset(p) for p in zip(kept["city_a"], kept["city_b"])}
