"""Lĩnh vực: in which fields models are built, where, and whether they are new, replicated or maintained."""
import streamlit as st

from core import formats, queries, texts
from core.palette import FIELD_COLORS, FORM_COLORS
from dashboard import tables, vega_charts
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.kpis import trend_subtitle, years_subtitle
from dashboard.map_view import commune_map_section
from dashboard.sidebar import boundary_note, chosen_filters

f = chosen_filters()
params = f.params()
st.title(texts.FIELDS_TITLE)
st.caption(texts.FIELDS_CAPTION.format(years=formats.years(f.year_from, f.year_to)))
boundary_note(f)

by_year = query(queries.FIELD_BY_YEAR, **params)
if by_year.empty:
    st.info(tables.empty_message(f, texts.EMPTY_MODELS))
    st.stop()
trend = trend_subtitle(f)
left, right = st.columns(2)
fields_chart = vega_charts.stacked_bars(by_year, x="year", y="models", color="field", colors=FIELD_COLORS,
                                        title=texts.CHART_FIELD_YEAR, subtitle=trend)
forms_chart = vega_charts.stacked_bars(query(queries.FORM_BY_YEAR, **params), x="year", y="models", color="form",
                                       colors=FORM_COLORS, title=texts.CHART_FORM_YEAR, subtitle=trend)
districts_chart = vega_charts.stacked_bars(query(queries.FIELD_BY_DISTRICT, **params), x="district", y="models",
                                           color="field", colors=FIELD_COLORS, horizontal=True,
                                           title=texts.CHART_FIELD_DISTRICT, subtitle=years_subtitle(f))
vega_charts.draw(left, fields_chart, width="stretch")
vega_charts.draw(right, forms_chart, width="stretch")
vega_charts.draw(st, districts_chart, width="stretch")

commune_map_section(f, key="fields")

st.subheader(texts.THEMES_TITLE)
themes = tables.labelled(query(queries.THEMES, **params))
if themes.empty:  # models in earlier years only (the charts show the trend)
    st.info(tables.empty_message(f, texts.EMPTY_MODELS))
else:
    st.dataframe(themes, hide_index=True, width="stretch", placeholder="–")
    download_buttons(themes, f"chu_de_{f.year_from}_{f.year_to}", key="themes")
