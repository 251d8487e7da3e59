"""Lịch sử tải lên: who loaded what and when; the original file; rollback to the state before an upload."""
import streamlit as st

from core import formats, queries, scope, texts
from dashboard import tables
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.signin import require
from dashboard.staff_actions import original_file, rollback_upload

user = require(scope.BATCH)
st.title(texts.HISTORY_TITLE)
if message := st.session_state.pop("history_message", None):
    st.success(message)
uploads = query(queries.UPLOADS)
if uploads.empty:
    st.info(texts.HISTORY_EMPTY)
    st.stop()

uploads = tables.with_people(uploads)
search = st.text_input(texts.HISTORY_SEARCH, key="history_search", placeholder=texts.HISTORY_SEARCH_HINT)
found = tables.search_rows(uploads, search, ["unit_names", "file_name", "uploaded_by", "report_author"])
if found.empty:
    st.info(texts.HISTORY_NO_MATCH.format(text=formats.plain(search)))
else:
    shown = tables.labelled(found.drop(columns=["archive_path"]))
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=tables.DATE_COLUMNS)
    download_buttons(shown, "lich_su_tai_len", key="history")

st.subheader(texts.HISTORY_DETAIL)
labels = {int(r.upload_id): f"#{r.upload_id} · {r.file_name} · {formats.timestamp(r.uploaded_at)}"
          for r in (uploads if found.empty else found).itertuples()}
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
