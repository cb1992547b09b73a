"""A corpus as table files: one CSV or Parquet file per table in a directory (``--format tables``,
``--format parquet``), with the columns and types of the DuckDB tables.

Each table is written to a temporary name beside it, a chunk of documents at a time, and renamed
into place when the run ends; a run that stops leaves no table half-written. pyarrow (for Parquet)
is an optional dependency, imported only here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .table_rows import COLUMNS, TABLES
from .tables import ChunkedWriter, Chunks, TableError, signals_held

ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "BOOLEAN": "bool_", "DATE": "date32",
               "JSON": "string"}
"""DuckDB's column types as pyarrow's (``VARCHAR[]`` is a list of strings), so that Parquet tables read back
with the types of the DuckDB tables."""


def _csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists as JSON, booleans as true/false, floats always with a point (so that a
    DOUBLE column of whole numbers is not read back as integers), None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


class TableFiles(ChunkedWriter):
    """One file per table in a directory (``documents.csv`` … or ``documents.parquet`` …), each written to a
    temporary name beside it, a chunk at a time, and renamed into place when the run ends."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder, self.kind = folder, kind
        self.suffix = ".parquet" if kind == "parquet" else ".csv"
        if kind == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise TableError("writing Parquet tables needs pyarrow: pip install '.[parquet]' in govreport's "
                                 "checkout (or pip install pyarrow)") from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TableError(f"cannot make {folder} ({exc.strerror or exc}); choose another --output") from None
        self.chunk = Chunks()
        self.parts: dict[str, Path] = {name: folder / f".{name}{self.suffix}.part" for name in TABLES}
        self.writers: dict[str, Any] = {}

    def has(self, path: str) -> bool:
        return False

    def _open(self, name: str) -> Any:
        if name in self.writers:
            return self.writers[name]
        columns = COLUMNS[name]
        if self.kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.schema([(c, pa.list_(pa.string()) if t == "VARCHAR[]"
                                 else getattr(pa, ARROW_TYPES[t.split()[0]])()) for c, t in columns])
            writer: Any = pq.ParquetWriter(self.parts[name], schema)
        else:
            import csv

            fh = open(self.parts[name], "w", encoding="utf-8", newline="")
            writer = (fh, csv.writer(fh, lineterminator="\n"))
            writer[1].writerow([c for c, _ in columns])
        self.writers[name] = writer
        return writer

    def _write(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        writer = self._open(name)
        if self.kind == "parquet":
            import datetime

            import pyarrow as pa

            columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in COLUMNS[name]]
            for i, (_, t) in enumerate(COLUMNS[name]):
                if t == "DATE":
                    columns[i] = [datetime.date.fromisoformat(v) if v else None for v in columns[i]]
            writer.write_table(pa.Table.from_arrays(columns, schema=writer.schema))
        else:
            writer[1].writerows([_csv_cell(v) for v in row] for row in rows)

    def flush(self) -> None:
        if not self.chunk.keys:
            return
        try:
            with signals_held():
                for name, rows in self.chunk.pending.items():
                    if rows:
                        self._write(name, rows)
        except OSError as exc:  # the unfinished tables are removed: nothing is half-written, nothing kept
            raise TableError(f"cannot write the tables in {self.folder} ({exc.strerror or exc}); no table was "
                             "written: free space and run again") from None
        self.chunk.clear()

    def close(self) -> None:
        """Write what is pending and put every table in place (a table with no rows has its header)."""
        self.flush()
        try:
            for name in TABLES:
                self._open(name)
            for name in TABLES:
                self._finish(name)
            for name in TABLES:
                os.replace(self.parts[name], self.folder / f"{name}{self.suffix}")
        except OSError as exc:
            self.abort()
            raise TableError(f"cannot write the tables in {self.folder} ({exc.strerror or exc}); no table was "
                             "written: free space and run again") from None

    def _finish(self, name: str) -> None:
        writer = self.writers.pop(name)
        if self.kind == "parquet":
            writer.close()
        else:
            writer[0].close()

    def abort(self) -> None:
        """Remove the unfinished tables: the directory keeps only tables written whole."""
        for name in list(self.writers):
            try:
                self._finish(name)
            except Exception:  # closing a file that failed to write: it is removed next
                pass
        for part in self.parts.values():
            try:
                part.unlink()
            except OSError:
                pass
