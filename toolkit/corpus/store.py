"""The corpus store: a folder of partitioned Parquet tables written part by part.

Store layout (``store="out/corpus"``)::

    out/corpus/_toolkit_store.json          format marker
    out/corpus/<table>/part-<key>.parquet   one file per table per written part

Every part file is written under a temporary name and renamed into place, and the
``articles`` file of a part is written *last*: a part whose ``articles`` file exists is complete.
Readers ignore everything else, and a resumed run deletes it before going on, so a crash at
any moment loses at most the part being written, never the store.  One run writes a store
at a time: a ``.lock`` file names it, and a second run is refused while the first is alive.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..types import LIST_COLUMNS, LOAD_STAGE, SCHEMAS, TABLES, conform, frame

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["CorpusStore", "arrow_schema", "error_key", "to_arrow"]

MARKER = "_toolkit_store.json"
LOCK = ".lock"
STORE_FORMAT = 1




def arrow_schema(table: str) -> pa.Schema:
    """Return the fixed Arrow schema of ``table`` (so every part of the store agrees).

    >>> str(arrow_schema("claims").field("content_spans").type)
    'list<item: list<item: int64>>'
    """
    import pyarrow as pa

    scalar = {
        "string": pa.string(),
        "int64": pa.int64(),
        "Int64": pa.int64(),
        "bool": pa.bool_(),
        "float64": pa.float64(),
        "datetime64[ns, UTC]": pa.timestamp("ns", tz="UTC"),
    }
    fields = []
    for col, (dtype, _) in SCHEMAS[table].items():
        if col in LIST_COLUMNS[table]:
            # An all-empty list column would otherwise be inferred as list<null> and clash with other parts.
            typ = pa.list_(pa.list_(pa.int64())) if col == "content_spans" else pa.list_(pa.string())
        else:
            typ = scalar[dtype]
        fields.append(pa.field(col, typ))
    return pa.schema(fields)


def to_arrow(df: pd.DataFrame, table: str) -> pa.Table:
    """Convert a table's DataFrame to Arrow with :func:`arrow_schema` (extra columns kept).

    >>> to_arrow(frame([], "links"), "links").num_columns
    5
    """
    import pyarrow as pa

    schema = arrow_schema(table)
    df = conform(df, table)
    lists = LIST_COLUMNS[table]
    arrays = [
        pa.array(df[f.name].tolist() if f.name in lists else df[f.name], type=f.type, from_pandas=True)
        for f in schema
    ]
    fields = list(schema)
    for col in df.columns[len(schema) :]:
        arr = pa.array(df[col], from_pandas=True)
        if pa.types.is_null(arr.type) or arr.type == pa.large_string():
            arr = arr.cast(pa.string())
        arrays.append(arr)
        fields.append(pa.field(str(col), arr.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _from_arrow(tab: pa.Table, table: str) -> pd.DataFrame:
    return conform(tab.to_pandas(), table)


@dataclass
class CorpusStore:
    """A folder of partitioned Parquet tables written part by part (see the module docstring).

    >>> import tempfile
    >>> store = CorpusStore(tempfile.mkdtemp(), create=True)
    >>> store.stored_ids()
    set()
    """

    path: Path
    create: bool = False
    _seq: int = field(default=0, init=False)
    _run: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path).expanduser()
        marker = self.path / MARKER
        if self.create:
            if self.path.exists() and not self.path.is_dir():
                raise NotADirectoryError(f"{self.path}: exists and is not a folder; cannot hold a store")
            if self.path.is_dir() and any(self.path.iterdir()) and not marker.exists():
                raise FileExistsError(
                    f"{self.path}: folder is not empty and is not a toolkit store; choose a new or empty folder"
                )
            self.path.mkdir(parents=True, exist_ok=True)
            if not marker.exists():
                marker.write_text(json.dumps({"format": STORE_FORMAT, "tables": list(TABLES)}), encoding="utf-8")
        elif not self.path.is_dir():
            raise FileNotFoundError(f"{self.path}: no such store (folder of Parquet tables)")
        elif not marker.exists() and not self._legacy():
            raise FileNotFoundError(
                f"{self.path}: not a toolkit store (no {MARKER} and no <table>.parquet files)"
            )
        # Time-ordered run id: parts sort in the order they were written, across resumed runs too.
        self._run = f"{time.time_ns():016x}"

    def _legacy(self) -> bool:
        # A folder written by Analysis.to_parquet (<table>.parquet) reads and queries like a store.
        return any((self.path / f"{t}.parquet").is_file() for t in TABLES)

    def _committed(self) -> set[str]:
        d = self.path / "articles"
        return {p.name for p in d.glob("part-*.parquet")} if d.is_dir() else set()

    def files(self, table: str) -> list[Path]:
        """Return the complete part files of ``table``, in writing order."""
        if table not in SCHEMAS:
            raise KeyError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
        single = self.path / f"{table}.parquet"
        if single.is_file():
            return [single]
        d = self.path / table
        if not d.is_dir():
            return []
        done = self._committed()
        return sorted(p for p in d.glob("part-*.parquet") if p.name in done)

    def n_rows(self, table: str) -> int:
        """Count the rows of ``table`` from the Parquet footers (no data read)."""
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in self.files(table))

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Read ``table`` (or some of its columns) into a DataFrame."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        files = self.files(table)
        if not files:
            empty = frame([], table)
            return empty[columns] if columns else empty
        tab = pa.concat_tables([pq.read_table(p, columns=columns) for p in files], promote_options="permissive")
        if columns:
            return tab.to_pandas()
        return _from_arrow(tab, table)

    def stored_ids(self) -> set[str]:
        """Return the ids of the articles already stored completely."""
        ids = self.read("articles", columns=["article_id"])["article_id"]
        return {str(x) for x in ids}

    def stored_load_errors(self) -> set[tuple[Any, ...]]:
        """Return the load-stage error rows already stored, to avoid writing them twice on resume."""
        errs = self.read("errors")
        errs = errs[errs["stage"] == LOAD_STAGE]
        return {error_key(r) for r in errs.itertuples(index=False)}

    def lock(self) -> None:
        """Claim the store for this process; raise if another live run is writing it."""
        import socket

        me = f"{socket.gethostname()} {os.getpid()}"
        lock = self.path / LOCK
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = lock.read_text(encoding="utf-8").strip() if lock.exists() else ""
            host, _, pid = holder.partition(" ")
            if holder and holder != me and (host != socket.gethostname() or _alive(int(pid or 0))):
                raise RuntimeError(
                    f"{self.path}: another analyze run ({holder}) is writing this store; wait for it, "
                    f"or delete {lock} if that run is dead"
                ) from None
            fd = os.open(lock, os.O_CREAT | os.O_TRUNC | os.O_WRONLY)  # stale lock of a dead run
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(me)

    def unlock(self) -> None:
        """Release the claim taken by :meth:`lock`."""
        (self.path / LOCK).unlink(missing_ok=True)

    def remove_if_unused(self) -> bool:
        """Delete the store's folder when it holds no written part (a run that failed at once); say if it did."""
        if self._committed() or any(p.name not in (MARKER, LOCK) for p in self.path.iterdir()):
            return False
        shutil.rmtree(self.path)
        return True

    def recover(self) -> int:
        """Delete temporary files and parts of incomplete writes; return how many files were removed."""
        done = self._committed()
        removed = 0
        for table in TABLES:
            d = self.path / table
            if not d.is_dir():
                continue
            for p in d.iterdir():
                orphan = p.name.startswith("part-") and p.name not in done and table != "articles"
                if p.name.startswith(".tmp-") or orphan:
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed

    def write(self, tables: dict[str, pd.DataFrame]) -> str:
        """Write one part (every non-empty table, then ``articles`` last) and return its file name."""
        import pyarrow.parquet as pq

        self._seq += 1
        name = f"part-{self._run}-{self._seq:06d}.parquet"
        for table in [t for t in TABLES if t != "articles"] + ["articles"]:
            df = tables.get(table)
            if table != "articles" and (df is None or df.empty):
                continue
            d = self.path / table
            d.mkdir(exist_ok=True)
            tmp = d / f".tmp-{name}"
            with open(tmp, "wb") as fh:
                pq.write_table(to_arrow(df if df is not None else frame([], table), table), fh)
                fh.flush()
                # Durable before visible: after a power cut a renamed part is never an empty file.
                os.fsync(fh.fileno())
            os.replace(tmp, d / name)
        return name


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def error_key(row: Any) -> tuple[Any, ...]:
    """Identify an ``errors`` row (as a tuple) so a resumed run does not store it twice.

    >>> from toolkit.types import ErrorRecord
    >>> error_key(ErrorRecord(None, "x.txt", "load", "error", "empty"))
    (None, 'x.txt', 'load', 'empty')
    """
    def norm(v: Any) -> Any:
        return None if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA else str(v)

    return (norm(row.article_id), norm(row.source), norm(row.stage), norm(row.message))
