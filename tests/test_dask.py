"""Past one machine: the same corpus through Dask (a bag over file paths on a two-worker
LocalCluster) gives the same Reports as the command line with --jobs 1, and lands in Parquet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCUMENTS

SHARED = Path(__file__).parent.parent.parent / "shared" / "corpus"


def _corpus(tmp_path: Path) -> list[str]:
    paths = sorted(str(p) for p in DOCUMENTS.glob("*/input.*"))
    if (SHARED / "docs").is_dir():
        paths += sorted(str(p) for p in (SHARED / "docs").iterdir())
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4 not a page")
    return [*paths, str(bad)]


def test_dask_bag_on_a_local_cluster_matches_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    import govreport

    paths = _corpus(tmp_path)
    cli = subprocess.run([sys.executable, "-m", "govreport", "extract", *paths, "--jobs", "1", "--quiet"],
                         capture_output=True, timeout=600, check=False)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster):
        records = db.from_sequence(paths, npartitions=4).map(govreport.parse_record)
        got = records.compute()
        metrics = records.filter(lambda r: "error" not in r).map(
            lambda r: [{"path": r["source"]["path"], "node": m["node"] or "", "raw": m["raw"], "value": m["value"],
                        "unit": m["unit"]} for m in r["metrics"]]).flatten()
        metrics.to_dataframe(meta={"path": str, "node": str, "raw": str, "value": float, "unit": str}).to_parquet(
            str(tmp_path / "metrics.parquet"), write_index=False)
    assert got == expected
    assert got[-1]["error"]["code"] == "binary-input"
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "metrics.parquet")
    assert len(frame) == sum(len(r["metrics"]) for r in expected if "error" not in r)
    assert frame["node"].map(type).eq(str).all()
