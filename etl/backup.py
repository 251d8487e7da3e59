"""Backup of every table (an .xlsx with one sheet per table, or a folder of Parquet files) and its restore.

`python -m etl load BACKUP` restores: all tables are replaced in one transaction. A backup also carries the
archived originals, without which no rollback of the restored database could rebuild an earlier report: a Parquet
folder in its `archive/` subfolder, an .xlsx backup in a zip beside it (`NAME_archive.zip`: a folder of workbooks
there would be loaded as reports by `load` of the parent folder).
"""
import hashlib
import io
import zipfile
from pathlib import Path, PurePath

import pandas as pd

from core import texts
from core.db import PUBLIC_TABLES, fill_upload_search, refresh_approved, transaction
from core.xlsx import workbook_bytes
from etl.load import DamagedArchive, archive_dir_of, read_archive, store_original
from etl.read import inspect, sheet_names

MARKER = "dvk_backup"  # sheet name in an .xlsx backup, file name (.txt) in a Parquet folder
ARCHIVE = "archive"  # the originals: subfolder of a Parquet backup, "<name>_archive.zip" beside an .xlsx backup


def export_db(con, out: Path, skipped: list[str] | None = None) -> int:
    """Writes the backup; the file names of originals that are damaged or gone are added to `skipped`."""
    out = Path(out)
    frames = {t: con.execute(f"SELECT * FROM {t}").df() for t in PUBLIC_TABLES}  # names are constants
    if out.suffix.lower() == ".xlsx":  # text beginning with "=" stays text, never a live formula
        out.write_bytes(workbook_bytes({MARKER: pd.DataFrame({"tables": PUBLIC_TABLES}), **frames}))
        with zipfile.ZipFile(_zip_of(out), "w", zipfile.ZIP_STORED) as bundle:  # workbooks are zipped already
            for name, data in _originals(con, skipped):
                bundle.writestr(name, data)
    elif out.suffix == "":
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{MARKER}.txt").write_text("\n".join(PUBLIC_TABLES), encoding="utf-8")
        for table, frame in frames.items():
            frame.to_parquet(out / f"{table}.parquet", index=False)
        for name, data in _originals(con, skipped):
            store_original(out / ARCHIVE, name, data, PurePath(name).stem)
    else:
        raise ValueError(texts.ERR_EXPORT_FORMAT)
    return len(frames)


def _zip_of(backup: Path) -> Path:
    return backup.with_name(f"{backup.stem}_{ARCHIVE}.zip")


def _originals(con, skipped: list[str] | None):
    """(archive name, bytes) of every upload's original that is intact: a damaged or missing copy is not carried
    on, and its upload's file name goes to `skipped` so the user is told."""
    folder = archive_dir_of(con)
    stored = con.execute("""SELECT archive_path, sha256, MIN(file_name) FROM uploads
                            WHERE archive_path IS NOT NULL GROUP BY ALL ORDER BY 3""")
    for archive_path, sha256, file_name in stored.fetchall():
        try:
            data = read_archive(archive_path, sha256, folder)
        except DamagedArchive:
            data = None
        if data is not None:
            yield PurePath(archive_path).name, data
        elif skipped is not None:
            skipped.append(file_name)


def _backup_originals(path: Path):
    """(name, bytes) of the originals a backup carries; only those whose bytes hash to their name."""
    if path.is_dir():
        found = ((p.name, p.read_bytes()) for p in sorted((path / ARCHIVE).glob("*")) if p.is_file())
    elif _zip_of(path).is_file():
        with zipfile.ZipFile(_zip_of(path)) as bundle:
            found = [(PurePath(i.filename).name, bundle.read(i)) for i in bundle.infolist() if not i.is_dir()]
    else:
        found = []
    return [(name, data) for name, data in found if hashlib.sha256(data).hexdigest() == PurePath(name).stem]


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
    """Every table the backup holds; a backup made before the reporting cycle has no cycle tables (empty here)."""
    if path.is_dir():
        frames = {t: pd.read_parquet(path / f"{t}.parquet") for t in PUBLIC_TABLES if (path / f"{t}.parquet").exists()}
    else:
        with pd.ExcelFile(path, engine="calamine") as book:
            frames = pd.read_excel(book, sheet_name=[t for t in PUBLIC_TABLES if t in book.sheet_names])
    return {t: frames.get(t, pd.DataFrame()) for t in PUBLIC_TABLES}


def restore(con, path: Path) -> dict[str, int]:
    """Replaces every table by the backup's rows; all or nothing. The originals are put back first, as a load
    archives before it commits: a restored upload never points at an original that is not there yet."""
    frames = read_backup(path)
    folder = archive_dir_of(con)
    for name, data in _backup_originals(Path(path)):
        store_original(folder, name, data, PurePath(name).stem)
    with transaction(con):
        for table in PUBLIC_TABLES:
            frame = frames[table]
            con.execute(f"DELETE FROM {table}")
            if len(frame):
                con.register("backup_in", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM backup_in")
                con.unregister("backup_in")
        con.execute("DELETE FROM upload_search")  # the restored uploads' own keys
        fill_upload_search(con)
        refresh_approved(con)  # the restored events and coverage decide it anew
    return {t: len(f) for t, f in frames.items()}
