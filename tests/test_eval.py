"""The shared scorer over tests/corpus (hand-written answers), with the floors the project keeps.

Floors are never lowered silently: a rule change that drops a score below them fails here.
The scorer lives in the shared evaluation checkout beside this repository; without it
the test is skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FLOORS = {"outline": 0.95, "structure": 0.93, "metrics": 0.90, "meta": 0.90, "boilerplate": 1.0, "body": 1.0}


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside this checkout")
def test_scored_corpus_meets_the_floors() -> None:
    floors = [f"--min-{name}={value}" for name, value in FLOORS.items()]
    proc = subprocess.run([sys.executable, str(SCORER), "--corpus", str(ROOT / "tests" / "corpus"),
                           "--cmd", f"{sys.executable} -m govreport extract --format json", *floors],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("OK ")
