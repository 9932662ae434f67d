"""Shared helpers: the repository's bundled networks and the citynet command line the package
is checked against (CITYNET_BIN, else target/debug/citynet, else target/release/citynet)."""

import io
import os
import subprocess
from pathlib import Path
from typing import List

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DIPLOMACY = ROOT / "networks" / "city-diplomacy"
AIR = ROOT / "networks" / "air-2014"
SISTER = ROOT / "networks" / "sister-cities"


def _binary() -> Path:
    env = os.environ.get("CITYNET_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for p in (target / "debug" / "citynet", target / "release" / "citynet"):
        if p.exists():
            return p
    pytest.fail("the citynet binary is needed: run `cargo build` first or set CITYNET_BIN")


@pytest.fixture(scope="session")
def cli():
    """Runs ``citynet --quiet ARGS...`` from the repository root; returns standard output."""
    binary = _binary()

    def run(*args: object) -> bytes:
        out = subprocess.run(
            [str(binary), "--quiet", *map(str, args)], cwd=ROOT, capture_output=True
        )
        assert out.returncode == 0, out.stderr.decode()
        return out.stdout

    return run


def read_csv(data: bytes) -> pd.DataFrame:
    """A CLI table as text cells (numbers are parsed exactly in :func:`assert_same_table`)."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def _numbers(cells) -> np.ndarray:
    # Python's float() rounds correctly: the CLI writes shortest round-trip numbers.
    return np.array([float(x) if x != "" else np.nan for x in cells], dtype=float)


def assert_same_table(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Same columns in the same order; text equal; numbers equal bit for bit (NaN if empty)."""
    assert list(ours.columns) == list(theirs.columns)
    assert len(ours) == len(theirs)
    for c in ours.columns:
        a, b = ours[c], theirs[c].to_numpy()
        if a.dtype == object:
            assert (a.fillna("").astype(str).to_numpy() == b).all(), c
        elif a.dtype == bool:
            assert (a.to_numpy() == (b == "true")).all(), c
        else:
            assert np.array_equal(a.to_numpy(dtype=float), _numbers(b), equal_nan=True), c
