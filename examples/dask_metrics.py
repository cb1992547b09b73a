"""Every metric of a folder of pages, parsed on a local Dask cluster, written as Parquet.

    python examples/dask_metrics.py pages/ metrics/

Needs the dask extra (``pip install '.[dask]'`` from govreport's checkout). On a real cluster, give
``Client`` the scheduler's address instead of starting a LocalCluster.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster

import govreport

ENDINGS = {".txt", ".htm", ".html"}


def metric_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric of a Report (an error record has none)."""
    if "error" in record:
        return []
    return [{"path": record["source"]["path"], "node": m["node"] or "", "value": m["value"], "unit": m["unit"]}
            for m in record["metrics"]]


def main(pages: str, out: str) -> int:
    paths = sorted(str(p) for p in Path(pages).rglob("*") if p.suffix.lower() in ENDINGS)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        records = db.from_sequence(paths, npartitions=max(1, min(64, len(paths)))).map(govreport.parse_record)
        metrics = records.map(metric_rows).flatten()
        metrics.to_dataframe(meta={"path": str, "node": str, "value": float, "unit": str}).to_parquet(out)
    print(f"{len(paths)} pages → {out}")
    return 0


if __name__ == "__main__":  # a cluster starts worker processes: the script must be importable without running
    if len(sys.argv) != 3:
        sys.exit("usage: python examples/dask_metrics.py PAGES_DIR OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
