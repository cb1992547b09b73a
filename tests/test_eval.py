"""The shared scorer over tests/corpus (hand-written answers), with the floors the project keeps.

Floors are never lowered silently: a rule change that drops a score below them fails here.
The shared corpus holds real portal pages with hand-checked answers; tests/corpus, constructed ones.
The scorer lives in the shared evaluation checkout beside this repository; without it
the test is skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SHARED = ROOT.parent / "shared" / "corpus"
# the constructed corpus (tests/corpus) and the shared corpus of real pages; "meta" is the lowest meta field
FLOORS = {"outline": 0.95, "structure": 0.93, "metrics": 0.90, "meta": 0.90, "boilerplate": 1.0, "body": 1.0}
SHARED_FLOORS = {"outline": 1.0, "structure": 1.0, "metrics": 1.0, "meta": 0.99, "boilerplate": 1.0, "body": 1.0}


def _score(corpus: Path, floors: dict[str, float]) -> subprocess.CompletedProcess[str]:
    args = [f"--min-{name}={value}" for name, value in floors.items()]
    return subprocess.run([sys.executable, str(SCORER), "--corpus", str(corpus),
                           "--cmd", f"{sys.executable} -m govreport extract --format json", *args],
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside this checkout")
def test_constructed_corpus_meets_the_floors() -> None:
    proc = _score(ROOT / "tests" / "corpus", FLOORS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("OK ")


@pytest.mark.skipif(not SCORER.exists() or not (SHARED / "gold").is_dir(),
                    reason="the shared corpus is not beside this checkout")
def test_shared_corpus_of_real_pages_meets_the_floors() -> None:
    proc = _score(SHARED, SHARED_FLOORS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("OK ")


@pytest.mark.skipif(not SCORER.exists() or not (SHARED / "gold").is_dir(),
                    reason="the shared corpus is not beside this checkout")
def test_seed_page_is_read_exactly() -> None:
    """The project's sample page: every outline node, inferred node, metric and meta field."""
    perfect = {name: 1.0 for name in ("outline", "structure", "metrics", "meta")}
    args = [f"--min-{name}={value}" for name, value in perfect.items()]
    proc = subprocess.run([sys.executable, str(SCORER), "--corpus", str(SHARED), "--only", "zhoushan-kjj-2020.txt",
                           "--json", "--cmd", f"{sys.executable} -m govreport extract --format json", *args],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.splitlines()[0])
    assert result["inferred"][2] == 1.0 and result["titles_exact"] == 1.0


CONSISTENCY = ROOT.parent / "shared" / "eval" / "consistency.py"
CONSISTENCY_CEILINGS = {"corpus/docs": 0.05, "corpus/raw": 0.05, "bulk/gwr_wikisource": 0.075,
                        "bulk/pkulaw_policies": 0.07, "bulk/tw_laws": 0.45}
"""The share of visibly inconsistent outlines per folder, as measured (docs 0.028, raw 0.019, gwr 0.069,
pkulaw 0.065, tw_laws 0.446), never to rise. docs and raw are held at 0.05. The law database (tw_laws) stays
high for three things the check counts that are right: a paragraph that starts with a citation (第十五條所稱…)
among 第 N 條 articles, an inserted article (第 12-1 條, numbered 12 after 12) and the same list of items in two
articles; the State Council reports and the policies keep numbering that skips or repeats in the page itself,
and runs whose first 一是 stands inside a paragraph and the rest at paragraph starts (item, then headings)."""


@pytest.mark.skipif(not CONSISTENCY.exists() or not (SHARED / "bulk").is_dir(),
                    reason="the shared corpus is not beside this checkout")
def test_outlines_of_real_pages_without_answers_stay_consistent() -> None:
    import os

    folders = [SHARED / "docs", SHARED / "raw", *(SHARED / "bulk" / f for f in ("gwr_wikisource", "pkulaw_policies",
                                                                              "tw_laws"))]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([sys.executable, str(CONSISTENCY), *map(str, folders)], capture_output=True, text=True,
                          timeout=1200, check=False, env=env)
    shares = {}
    for line in proc.stdout.splitlines():  # corpus/bulk/tw_laws: 1344 documents, flagged 0.447 (…)
        folder, _, rest = line.partition(":")
        if " flagged " in rest and folder != "all":
            shares["/".join(folder.split("/")[-2:])] = float(rest.split(" flagged ")[1].split()[0].rstrip(","))
    assert set(shares) == set(CONSISTENCY_CEILINGS), proc.stdout + proc.stderr
    over = {f: s for f, s in shares.items() if s > CONSISTENCY_CEILINGS[f]}
    assert not over, proc.stdout
