"""The docstrings' examples run, from the repository root (where networks/ is)."""

import doctest

import citynet
from conftest import ROOT


def test_docstring_examples(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(citynet, extraglobs={"citynet": citynet},
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 20
    assert result.failed == 0


def test_every_public_name_has_a_docstring_with_an_example():
    for name in citynet.__all__:
        obj = getattr(citynet, name)
        assert obj.__doc__, name
    for name, member in vars(citynet.Network).items():
        if name.startswith("_"):
            continue
        doc = getattr(member, "__doc__", None) or getattr(getattr(member, "fget", None),
                                                          "__doc__", None)
        assert doc, name
