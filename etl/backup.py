"""Backup of every table (an .xlsx with one sheet per table, or a folder of Parquet files) and its restore.

`python -m etl load BACKUP` restores: all tables are replaced in one transaction.
"""
import io
from pathlib import Path

import pandas as pd

from core import texts
from core.db import PUBLIC_TABLES, transaction
from core.xlsx import workbook_bytes
from etl.read import inspect, sheet_names

MARKER = "dvk_backup"  # sheet name in an .xlsx backup, file name (.txt) in a Parquet folder


def export_db(con, out: Path) -> int:
    out = Path(out)
    frames = {t: con.execute(f"SELECT * FROM {t}").df() for t in PUBLIC_TABLES}  # names are constants
    if out.suffix.lower() == ".xlsx":  # text beginning with "=" stays text, never a live formula
        out.write_bytes(workbook_bytes({MARKER: pd.DataFrame({"tables": PUBLIC_TABLES}), **frames}))
    elif out.suffix == "":
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{MARKER}.txt").write_text("\n".join(PUBLIC_TABLES), encoding="utf-8")
        for table, frame in frames.items():
            frame.to_parquet(out / f"{table}.parquet", index=False)
    else:
        raise ValueError(texts.ERR_EXPORT_FORMAT)
    return len(frames)


def is_backup(path: Path) -> bool:
    path = Path(path)
    if path.is_dir():
        return (path / f"{MARKER}.txt").exists()
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        data = path.read_bytes()
        if MARKER not in sheet_names(data):  # cheap: every file of a folder is asked
            return False
        inspect(data, path.name)  # calamine must never open a file the reader's limits refuse
        return MARKER in pd.ExcelFile(io.BytesIO(data), engine="calamine").sheet_names
    except Exception:  # not readable as a workbook: the normal path reports why
        return False


def read_backup(path: Path) -> dict[str, pd.DataFrame]:
    path = Path(path)
    if path.is_dir():
        return {t: pd.read_parquet(path / f"{t}.parquet") for t in PUBLIC_TABLES}
    return pd.read_excel(path, sheet_name=PUBLIC_TABLES, engine="calamine")


def restore(con, path: Path) -> dict[str, int]:
    """Replaces every table by the backup's rows; all or nothing."""
    frames = read_backup(path)
    with transaction(con):
        for table in PUBLIC_TABLES:
            frame = frames[table]
            con.execute(f"DELETE FROM {table}")
            if len(frame):
                con.register("backup_in", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM backup_in")
                con.unregister("backup_in")
    return {t: len(f) for t, f in frames.items()}
