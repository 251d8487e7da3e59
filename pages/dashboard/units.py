"""Đơn vị: the scorecard — one row per unit, one column per year, the count of models in its attainment colour."""
import streamlit as st

from core import formats, queries, texts
from dashboard import tables
from dashboard.db_access import query_shaped
from dashboard.downloads import download_buttons
from dashboard.sidebar import boundary_note, chosen_filters, counting_rules

f = chosen_filters()
st.title(texts.UNITS_TITLE)
st.caption(texts.UNITS_CAPTION.format(years=formats.years(f.year_from, f.year_to)))
boundary_note(f)

counts, states = query_shaped(tables.scorecard, queries.SCORECARD, **f.params())
if counts.empty:
    st.info(tables.empty_message(f, texts.EMPTY_UNITS))
    st.stop()
counts = tables.for_boundary(counts, f.boundary)
search = st.text_input(texts.UNITS_SEARCH, key="unit_search", placeholder=texts.UNITS_SEARCH_HINT)
counts = tables.search_units(counts, search)
states = states.loc[counts.index]
st.markdown(tables.legend_html(), unsafe_allow_html=True)
if counts.empty:
    st.info(texts.UNITS_NO_MATCH.format(text=formats.plain(search)))
    st.stop()

event = st.dataframe(tables.styled_scorecard(counts, states), hide_index=True, width="stretch", placeholder="–",
                     height=560, on_select="rerun", selection_mode="single-row", key="scorecard",
                     column_config={texts.COLUMN_LABELS["unit"]: st.column_config.TextColumn(pinned=True)})
st.caption(texts.UNITS_COUNT.format(n=len(counts)))
counting_rules()
if event.selection.rows:
    unit_id = int(counts.iloc[event.selection.rows[0]]["unit_id"])
    st.switch_page(st.session_state["pages"]["profile"], query_params={"unit": str(unit_id), **f.to_url()})
download_buttons(lambda: tables.scorecard_download(counts, states), f"bang_theo_doi_{f.year_from}_{f.year_to}",
                 key="units")  # the flat table made when a button is clicked
