"""The compiled build (``hatch_build.py``): ``GOVREPORT_COMPILE=1`` builds a wheel whose pipeline modules are C
extensions made by mypyc, and that wheel writes the same JSON as the sources, byte for byte, on the fixture documents
and the shared corpus's hand-checked and raw pages. A plain build compiles nothing and stays a pure-Python wheel.

Compiling takes about a minute; the build uses this environment's hatchling, mypy and setuptools (the test extra), so
nothing is downloaded. Without a C compiler or Python's headers the compiled test skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from .conftest import fixture_and_shared_pages

ROOT = Path(__file__).resolve().parent.parent

# prints where the outline module was loaded from, then each page's name and the sha256 of its JSON (or the
# error that refused it)
_DIGESTS = """
import hashlib, sys
from govreport import outline
from govreport.json_writer import dumps
from govreport.pipeline import analyse_data, decode_bytes
print(outline.__file__)
for path in sys.argv[1:]:
    try:
        source, evidence = decode_bytes(open(path, "rb").read(), path)
        print(path, hashlib.sha256(dumps(analyse_data(source, path, evidence), 2)).hexdigest())
    except Exception as exc:  # a page the pipeline refuses: the same refusal on both sides
        print(path, type(exc).__name__, exc)
"""


def _wheel(tmp: Path, compile: bool) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "GOVREPORT_COMPILE"}
    if compile:
        env["GOVREPORT_COMPILE"] = "1"
    # --no-build-isolation: hatchling, mypy and setuptools come from the test extra, so nothing is downloaded
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", str(ROOT),
                           "-w", str(tmp)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return next(tmp.glob("govreport-*.whl"))


def _can_compile() -> bool:
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(cc) is not None and (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file()


def _digests(pythonpath: Path, pages: list[Path]) -> tuple[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    done = subprocess.run([sys.executable, "-c", _DIGESTS, *map(str, pages)], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    where, *lines = done.stdout.splitlines()
    return where, lines


def test_a_plain_build_compiles_nothing(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path, compile=False)
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "govreport/outline.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd"))]


@pytest.mark.skipif(not _can_compile(), reason="no C compiler or Python headers for mypyc")
def test_the_compiled_build_writes_the_same_json(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path / "wheel", compile=True)
    assert "-none-any" not in wheel.name  # a platform wheel
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp_path / "site")
    assert not list((ROOT / "src").rglob("*.so")), "the build left compiled modules in the checkout"

    pages = fixture_and_shared_pages()
    compiled_at, compiled = _digests(tmp_path / "site", pages)
    source_at, source = _digests(ROOT / "src", pages)

    assert compiled_at.endswith(EXTENSION_SUFFIXES[0]), compiled_at  # the C extension was the module imported
    assert source_at.endswith(".py"), source_at
    assert len(compiled) == len(pages) >= 17
    assert compiled == source
