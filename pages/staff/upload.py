"""Tải lên: a batch of workbooks → a preview per file → commit the good ones; bad ones get an error report."""
import io

import streamlit as st

from core import config, scope, texts
from dashboard import tables
from dashboard.signin import require
from dashboard.staff_actions import commit_files, file_details, forget_previews, preview_files
from etl.template import write_template

user = require(scope.BATCH)
st.title(texts.UPLOAD_TITLE)
template = io.BytesIO()
write_template(template)
st.download_button(texts.UPLOAD_TEMPLATE, template.getvalue(), file_name="bieu_mau_dan_van_kheo.xlsx",
                   icon=":material/description:", key="template_download")
if message := st.session_state.pop("upload_message", None):
    st.success(message)

generation = st.session_state.get("uploader_generation", 0)
files = st.file_uploader(texts.UPLOAD_LABEL, type=["xlsx", "xlsm", "xls", "ods"], accept_multiple_files=True,
                         max_upload_size=config.MAX_UPLOAD_MB, key=f"uploader_{generation}",
                         help=texts.UPLOAD_HELP.format(mb=config.MAX_UPLOAD_MB))
st.caption(texts.UPLOAD_HELP.format(mb=config.MAX_UPLOAD_MB))
if not files:
    forget_previews()
    st.info(texts.UPLOAD_EMPTY)
    st.stop()

previews = preview_files(files, user)
counts = [sum(p.loadable for p in previews), sum(bool(p.parsed.errors) for p in previews)]
st.markdown(texts.UPLOAD_SUMMARY.format(ok=counts[0], bad=counts[1], same=len(previews) - sum(counts)))
chosen = []
for index, item in enumerate(previews):
    headline, icon = tables.file_headline(item)
    with st.expander(headline, icon=icon, expanded=bool(item.parsed.errors)):
        if item.loadable and st.checkbox(texts.UPLOAD_INCLUDE, value=True, key=f"include_{index}_{generation}"):
            chosen.append(item)
        file_details(item, f"{index}_{generation}")

if st.button(texts.UPLOAD_COMMIT, type="primary", key="commit", disabled=not chosen):
    results = commit_files(chosen, user)
    st.session_state["upload_message"] = texts.UPLOAD_DONE.format(n=sum(r.outcome == "loaded" for r in results))
    st.session_state["uploader_generation"] = generation + 1
    st.rerun()
