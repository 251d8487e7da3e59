"""Lĩnh vực: in which fields models are built, where, and whether they are new, replicated or maintained."""
import streamlit as st

from core import queries, texts
from dashboard import charts, tables
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.map_view import commune_map_section
from dashboard.sidebar import boundary_note, chosen_filters

f = chosen_filters()
params = f.params()
st.title(texts.FIELDS_TITLE)
st.caption(texts.FIELDS_CAPTION.format(year_from=f.year_from, year_to=f.year_to))
boundary_note(f)

by_year = query(queries.FIELD_BY_YEAR, **params)
if by_year.empty:
    st.info(tables.empty_message(f, texts.EMPTY_MODELS))
    st.stop()
left, right = st.columns(2)
left.plotly_chart(charts.stacked(by_year, x="year", y="models", color="field", colors=charts.FIELD_COLORS,
                                 title=texts.CHART_FIELD_YEAR), width="stretch",
                  config=charts.CONFIG)
right.plotly_chart(charts.stacked(query(queries.FORM_BY_YEAR, **params), x="year", y="models", color="form",
                                  colors=charts.FORM_COLORS, title=texts.CHART_FORM_YEAR), width="stretch",
                   config=charts.CONFIG)
st.plotly_chart(charts.stacked(query(queries.FIELD_BY_DISTRICT, **params), x="district", y="models", color="field",
                               colors=charts.FIELD_COLORS, horizontal=True, title=texts.CHART_FIELD_DISTRICT),
                width="stretch", config=charts.CONFIG)

commune_map_section(f, key="fields")

st.subheader(texts.THEMES_TITLE)
themes = tables.labelled(query(queries.THEMES, **params))
if themes.empty:  # models in earlier years only (the charts show the trend)
    st.info(tables.empty_message(f, texts.EMPTY_MODELS))
else:
    st.dataframe(themes, hide_index=True, width="stretch", placeholder="–")
    download_buttons(themes, f"chu_de_{f.year_from}_{f.year_to}", key="themes")
