"""The .pyi stubs agree with the module (mypy's stubtest) and the package is typed."""

import subprocess
import sys
import tempfile
from pathlib import Path

import citynet


def test_stubtest():
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "citynet"],
                         capture_output=True, text=True, cwd=tempfile.gettempdir())
    assert out.returncode == 0, out.stdout + out.stderr


def test_py_typed():
    assert (Path(citynet.__file__).parent / "py.typed").exists()
