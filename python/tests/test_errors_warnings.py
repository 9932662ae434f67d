"""Errors as exceptions with file, line, column and value; warnings as Python warnings."""

import warnings

import pandas as pd
import pytest

import citynet
from conftest import DIPLOMACY, ROOT


def test_unusable_cell_is_an_input_error_with_its_place(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("city,program,weight\nParis,C40,1\nLima,C40,abc\n")
    with pytest.raises(citynet.InputError) as e:
        citynet.read(p, strict=True)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.file == str(p) and err.line == 3 and err.column == "weight" and err.value == "abc"
    assert len(err.diagnostics) >= 1 and "abc" in str(err)


def test_data_frame_errors_name_the_csv_line():
    df = pd.DataFrame({"city": ["Paris", "Lima"], "program": ["C40", "C40"],
                       "weight": ["1", "-2"]})
    with pytest.raises(citynet.InputError) as e:
        citynet.from_pandas(df, weight="weight", strict=True)
    assert e.value.line == 3 and e.value.value == "-2"


def test_missing_file():
    with pytest.raises(citynet.InputError) as e:
        citynet.read(ROOT / "no" / "such.csv")
    assert e.value.file.endswith("such.csv")


def test_bad_options_are_value_errors():
    net = citynet.read(DIPLOMACY)
    with pytest.raises(ValueError, match="nosuch"):
        net.metrics(["nosuch"])
    with pytest.raises(ValueError, match="model"):
        net.backbone(model="nosuch")
    with pytest.raises(ValueError, match="alpha"):
        net.backbone(alpha=2.0)
    with pytest.raises(ValueError, match="Atlantis"):
        net.robustness(pair=("Paris", "Atlantis"), replicates=5)
    with pytest.raises(ValueError):
        net.to_networkx("nosuch")


def test_rejected_rows_warn(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("city,program\nParis,C40\n,C40\nLima,C40\n")
    with pytest.warns(citynet.CitynetWarning):
        net = citynet.read(p)
    assert len(net.cities) == 2
    assert any("lines 3" in w for w in net.warnings)


def test_isolated_networkx_nodes_warn():
    import networkx as nx
    G = nx.path_graph(3)
    G.add_node("alone")
    with pytest.warns(citynet.CitynetWarning, match="alone"):
        net = citynet.from_networkx(G)
    assert len(net.cities) == 3


def test_no_warning_on_a_clean_network():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        citynet.read(DIPLOMACY).metrics(["degree"])
