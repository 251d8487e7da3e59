"""Glue between the staff pages and the ETL: preview a batch, commit it, roll back, fetch originals."""
import hashlib
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from core import config, texts
from core.auth import Account
from dashboard import tables
from dashboard.db_access import read, write
from etl.batch import FilePreview, commit, preview
from etl.error_report import error_workbook
from etl.load import DamagedArchive, read_archive
from etl.registry import UnitResolver
from etl.rollback import rollback


def preview_files(files, user: Account) -> list[FilePreview]:
    """Checks every uploaded file against the database and the account's scope; results are kept per file content
    for the session, and only for the files still in the uploader (each entry holds the file's bytes and its error
    report)."""
    cache = st.session_state.setdefault("previews", {})
    bar = st.progress(0.0)
    keys = []
    for done, file in enumerate(files, 1):
        data = file.getvalue()
        keys.append(_cache_key(file.name, hashlib.sha256(data).hexdigest()))
        if keys[-1] not in cache:
            cache[keys[-1]] = read(partial(_preview, data=data, file_name=file.name, user=user))
        bar.progress(done / len(files), text=texts.UPLOAD_CHECKING.format(done=done, total=len(files)))
    bar.empty()
    _prune(set(keys))
    return [cache[key] for key in keys]


def _preview(con, data: bytes, file_name: str, user: Account) -> FilePreview:
    return preview(con, data, file_name, UnitResolver.from_db(con), config.archive_dir(config.DB_PATH), user)


def _cache_key(file_name: str, sha256: str) -> tuple:
    return file_name, sha256, st.session_state.get("data_generation", 0)


def forget_previews() -> None:
    """The uploader is empty: nothing of the earlier files stays in the session."""
    _prune(set())


def _prune(keep: set) -> None:
    """Files taken out of the uploader, and previews of an older state of the data, are forgotten."""
    for store in ("previews", "error_reports"):
        cache = st.session_state.setdefault(store, {})
        for key in [k for k in cache if k not in keep]:
            del cache[key]


def commit_files(chosen: list[FilePreview], user: Account):
    """Each file in its own write, so other people's pages are answered between two files of a long batch."""
    bar, results = st.progress(0.0), []
    for done, item in enumerate(chosen, 1):
        results += write(partial(_commit, item=item, user=user))
        bar.progress(done / len(chosen), text=texts.UPLOAD_COMMITTING.format(done=done, total=len(chosen)))
    bar.empty()
    st.session_state["data_generation"] = st.session_state.get("data_generation", 0) + 1  # previews are stale now
    _prune(set())  # and the uploader starts empty again
    return results


def _commit(con, item: FilePreview, user: Account):
    return commit(con, [item], UnitResolver.from_db(con), config.archive_dir(config.DB_PATH), user.username,
                  actor=user)


def problems_table(problems) -> pd.DataFrame:
    return pd.DataFrame([(p.sheet or "", p.row or "", p.column or "", p.message) for p in problems],
                        columns=["Trang", "Dòng", "Cột", "Lý do"]).astype(str)


def file_details(item: FilePreview, key: str, report_label: str = texts.UPLOAD_ERROR_REPORT) -> None:
    """What a checked file gives (its unit-years) and every error and warning at once, with the error workbook to
    download: the staff page and the unit's page show a file alike."""
    if not item.unit_years.empty:
        st.dataframe(tables.labelled(item.unit_years), hide_index=True, width="stretch", placeholder="–")
    errors, warnings = item.parsed.errors, [p for p in item.result.problems if p.warning]
    if errors:
        st.markdown(texts.UPLOAD_ERRORS)
        st.dataframe(problems_table(errors), hide_index=True, width="stretch", placeholder="–")
        st.download_button(report_label, error_report(item), key=f"report_{key}",
                           file_name=f"LOI_{item.file_name.rsplit('.', 1)[0]}.xlsx", icon=":material/error:")
    if warnings:
        st.markdown(texts.UPLOAD_WARNINGS)
        st.dataframe(problems_table(warnings), hide_index=True, width="stretch", placeholder="–")


def error_report(item: FilePreview) -> bytes:
    """Built once per file and kept with its preview: the page asks for it on every rerun."""
    reports = st.session_state.setdefault("error_reports", {})
    key = _cache_key(item.file_name, item.parsed.sha256)
    if key not in reports:
        reports[key] = error_workbook(item.data, item.file_name, item.result.problems, item.parsed.contents)
    return reports[key]


def rollback_upload(upload_id: int, user: Account) -> list[int]:
    return write(lambda con: rollback(con, upload_id, UnitResolver.from_db(con), user.username, actor=user))


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
