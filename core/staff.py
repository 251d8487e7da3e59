"""Glue between the staff pages and the ETL: preview a batch, commit it, roll back, fetch originals."""
import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from core import config, texts
from core.data import read, write
from etl.batch import FilePreview, commit, preview
from etl.error_report import error_workbook
from etl.load import DamagedArchive, read_archive
from etl.registry import UnitResolver
from etl.rollback import rollback


def preview_files(files) -> list[FilePreview]:
    """Checks every uploaded file against the database; results are kept per file content for the session."""
    cache = st.session_state.setdefault("previews", {})
    bar = st.progress(0.0)
    previews = []
    for done, file in enumerate(files, 1):
        data = file.getvalue()
        cache_key = (file.name, hashlib.sha256(data).hexdigest(), st.session_state.get("data_generation", 0))
        if cache_key not in cache:
            cache[cache_key] = read(lambda con: preview(con, data, file.name, UnitResolver.from_db(con),
                                                        config.archive_dir(config.DB_PATH)))
        previews.append(cache[cache_key])
        bar.progress(done / len(files), text=texts.UPLOAD_CHECKING.format(done=done, total=len(files)))
    bar.empty()
    return previews


def commit_files(chosen: list[FilePreview], username: str):
    """Each file in its own write, so other people's pages are answered between two files of a long batch."""
    bar, results = st.progress(0.0), []
    for done, item in enumerate(chosen, 1):
        results += write(lambda con: commit(con, [item], UnitResolver.from_db(con),
                                            config.archive_dir(config.DB_PATH), username))
        bar.progress(done / len(chosen), text=texts.UPLOAD_COMMITTING.format(done=done, total=len(chosen)))
    bar.empty()
    st.session_state["data_generation"] = st.session_state.get("data_generation", 0) + 1  # previews are stale now
    return results


def problems_table(problems) -> pd.DataFrame:
    return pd.DataFrame([(p.sheet or "", p.row or "", p.column or "", p.message) for p in problems],
                        columns=["Trang", "Dòng", "Cột", "Lý do"]).astype(str)


def error_report(item: FilePreview) -> bytes:
    return error_workbook(item.data, item.file_name, item.result.problems)


def rollback_upload(upload_id: int, username: str) -> list[int]:
    return write(lambda con: rollback(con, upload_id, UnitResolver.from_db(con), username))


def original_file(archive_path: str | None) -> bytes | None:
    """The upload's original, found in the database's archive folder and named by its SHA-256: offered only when
    its bytes still hash to that name (a damaged copy is said so, never handed out)."""
    if not archive_path:
        return None
    try:
        return read_archive(archive_path, Path(archive_path).stem, config.archive_dir(config.DB_PATH))
    except DamagedArchive:
        st.warning(texts.ORIGINAL_DAMAGED)
        return None
