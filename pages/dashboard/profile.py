"""Hồ sơ đơn vị: one unit's years, models, commendations, submissions, and its place in the 2025 reorganisation."""
import datetime as dt

import streamlit as st

from core import formats, queries, texts
from core.url_filters import TODAY
from dashboard import lineage, tables, vega_charts
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.sidebar import boundary_note, chosen_filters

f = chosen_filters()
units = query(queries.ALL_UNITS)
labels = dict(zip(units["unit_id"], tables.unit_labels(units)))
wanted = st.query_params.get("unit", "")
default = int(wanted) if wanted.isdigit() and int(wanted) in labels else None
if wanted and default is None:
    st.warning(texts.NOTICE_BAD_FILTER.format(name=texts.PAGE_PROFILE, value=formats.plain(wanted)))
unit_id = st.selectbox(texts.PROFILE_PICK, list(labels), index=list(labels).index(default) if default else None,
                       format_func=labels.get, placeholder=texts.PROFILE_PICK_HINT, key="profile_unit",
                       filter_mode="contains")  # the label carries the name without accents (tables.unit_labels)
if unit_id is None:
    st.info(texts.PROFILE_EMPTY)
    st.stop()
st.query_params["unit"] = str(unit_id)

unit = query(queries.UNIT, unit_id=unit_id).iloc[0]
st.title(unit["name"])
st.markdown(tables.unit_facts(unit))
links = query(queries.UNIT_LINEAGE, unit_id=unit_id)
if links.empty:  # a district body ended without successor: the registry's own words, with the resolution
    note = unit["lineage_note"]
    st.caption(note if isinstance(note, str) and note else texts.TIMELINE_NONE)
else:
    timeline = vega_charts.lineage_timeline(lineage.timeline_rows(unit, links, dt.date.today()), lineage.changes(links))
    vega_charts.draw(st, timeline, width="stretch")
    for line in tables.lineage_lines(links, unit["name"]):
        st.markdown(f"- {line}")

shown = {"unit_id": unit_id, "boundary": f.boundary, "figures": f.figures}  # the sidebar's figures too
years = query(queries.UNIT_YEARS, **shown)
boundary_note(f)
if f.boundary == TODAY and not years.empty and years["members"].max() > 1:
    st.caption(texts.PROFILE_POOLED.format(n=int(years["members"].max())))
# Only the open tab is drawn (a switch reruns the page): a table costs the browser far more than the run.
sections = st.tabs([texts.PROFILE_YEARS, texts.PROFILE_MODELS, texts.PROFILE_COMMENDATIONS, texts.PROFILE_UPLOADS],
                   key="profile_tab", on_change="rerun")
frames = (lambda: years, lambda: query(queries.UNIT_MODELS, **shown),
          lambda: query(queries.UNIT_COMMENDATIONS, **shown),
          lambda: tables.with_people(query(queries.UNIT_UPLOADS, **shown)))
stems = ("nam", "mo_hinh", "khen_thuong", "lich_su_nop")
for tab, read, stem, none in zip(sections, frames, stems, texts.PROFILE_NONE_TABS):
    if not tab.open:
        continue
    with tab:
        frame = tables.labelled(tables.for_boundary(read(), f.boundary))
        if frame.empty:
            st.info(none)
            continue
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="–", column_config=tables.DATE_COLUMNS)
        download_buttons(frame, f"{stem}_{unit['code']}", key=f"profile_{stem}")
