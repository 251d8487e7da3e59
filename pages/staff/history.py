"""Lịch sử tải lên: who loaded what and when; the original file; rollback to the state before an upload. The list
is searched in SQL and read a page at a time (a province holds hundreds of thousands of uploads)."""
import streamlit as st

from core import formats, queries, scope, texts
from dashboard import tables
from dashboard.db_access import query, query_now
from dashboard.downloads import download_buttons
from dashboard.paging import page_window
from dashboard.signin import require
from dashboard.staff_actions import original_file, rollback_upload

user = require(scope.BATCH)
st.title(texts.HISTORY_TITLE)
if message := st.session_state.pop("history_message", None):
    st.success(message)
names = tables.display_names()
everyone = tables.search_params(None, names)
if not query(queries.UPLOAD_COUNT, **everyone).iloc[0]["total"]:
    st.info(texts.HISTORY_EMPTY)
    st.stop()

search = st.text_input(texts.HISTORY_SEARCH, key="history_search", placeholder=texts.HISTORY_SEARCH_HINT)
found = tables.search_params(search, names)
total = int(query(queries.UPLOAD_COUNT, **found).iloc[0]["total"])
if not total:
    st.info(texts.HISTORY_NO_MATCH.format(text=formats.plain(search)))
    found = everyone  # the newest uploads stay at hand below
uploads = tables.with_people(query(queries.UPLOAD_PAGE, **found, **page_window(total, key="history_page")))
if total:
    st.dataframe(tables.labelled(uploads.drop(columns=["archive_path"])), hide_index=True, width="stretch",
                 placeholder="–", column_config=tables.DATE_COLUMNS)
    download_buttons(lambda: tables.labelled(tables.with_people(query_now(queries.UPLOAD_LIST, **found))
                                             .drop(columns=["archive_path"])), "lich_su_tai_len", key="history")

st.subheader(texts.HISTORY_DETAIL)
labels = {int(r.upload_id): f"#{r.upload_id} · {r.file_name} · {formats.timestamp(r.uploaded_at)}"
          for r in uploads.itertuples()}
upload_id = st.selectbox(texts.HISTORY_PICK, list(labels), format_func=labels.get, key="history_pick")
row = uploads[uploads["upload_id"] == upload_id].iloc[0]
covered = tables.labelled(query(queries.UPLOAD_UNITS, upload_id=upload_id))
if covered.empty:  # a rejected file covers nothing
    st.caption(texts.EMPTY_TABLE)
else:
    st.dataframe(covered, hide_index=True, width="stretch", placeholder="–")
if (original := original_file(row["archive_path"])) is not None:
    st.download_button(texts.HISTORY_ORIGINAL, original, file_name=row["file_name"], key=f"original_{upload_id}",
                       icon=":material/download:")
if row["upload_status"] == "applied":
    shown_name = formats.plain(row["file_name"])
    confirm = st.checkbox(texts.HISTORY_CONFIRM.format(file=shown_name), key=f"confirm_{upload_id}")
    if st.button(texts.HISTORY_ROLLBACK, disabled=not confirm, key=f"rollback_{upload_id}", type="primary"):
        try:
            restored = rollback_upload(upload_id, user)
        except ValueError as exc:
            st.error(formats.plain(str(exc), limit=400))
        else:
            restored_ids = ", ".join(f"#{u}" for u in restored) or texts.HISTORY_NONE_RESTORED
            st.session_state["history_message"] = texts.HISTORY_ROLLED_BACK.format(file=shown_name,
                                                                                   restored=restored_ids)
            st.rerun()
