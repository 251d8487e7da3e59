"""Hồ sơ đơn vị: one unit's years, models, commendations, submissions, and its place in the 2025 reorganisation."""
import streamlit as st

from core import queries, tables, texts
from core.data import query
from core.downloads import download_buttons

units = query(queries.ALL_UNITS)
labels = dict(zip(units["unit_id"], tables.unit_labels(units)))
wanted = st.query_params.get("unit", "")
default = int(wanted) if wanted.isdigit() and int(wanted) in labels else None
if wanted and default is None:
    st.warning(texts.NOTICE_BAD_FILTER.format(name=texts.PAGE_PROFILE, value=wanted))
unit_id = st.selectbox(texts.PROFILE_PICK, list(labels), index=list(labels).index(default) if default else None,
                       format_func=labels.get, placeholder=texts.PROFILE_PICK_HINT, key="profile_unit")
if unit_id is None:
    st.info(texts.PROFILE_EMPTY)
    st.stop()
st.query_params["unit"] = str(unit_id)

unit = query(queries.UNIT, unit_id=unit_id).iloc[0]
st.title(unit["name"])
st.markdown(tables.unit_facts(unit))
for line in tables.lineage_lines(query(queries.UNIT_LINEAGE, unit_id=unit_id), unit["name"]):
    st.markdown(f"- {line}")
if isinstance(unit["lineage_note"], str) and unit["lineage_note"]:
    st.caption(unit["lineage_note"])  # the registry's own words, with the resolution number

sections = st.tabs([texts.PROFILE_YEARS, texts.PROFILE_MODELS, texts.PROFILE_COMMENDATIONS, texts.PROFILE_UPLOADS])
for tab, sql, stem in zip(sections, (queries.UNIT_YEARS, queries.UNIT_MODELS, queries.UNIT_COMMENDATIONS,
                                     queries.UNIT_UPLOADS), ("nam", "mo_hinh", "khen_thuong", "lich_su_nop")):
    with tab:
        frame = tables.labelled(query(sql, unit_id=unit_id))
        if frame.empty:
            st.info(texts.PROFILE_NONE)
            continue
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="–", column_config=tables.DATE_COLUMNS)
        download_buttons(frame, f"{stem}_{unit['code']}", key=f"profile_{stem}")
