"""Tổng quan: the state of the movement for a year and a khu vực at a glance."""
import streamlit as st

from core import config, queries, texts
from dashboard import charts, tables
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.drill import district_chart, units_link
from dashboard.kpis import overview_kpis
from dashboard.map_view import commune_map_section
from dashboard.phone import metric_cards
from dashboard.sidebar import boundary_note, chosen_filters, counting_rules

f = chosen_filters()
params = f.params()
st.title(texts.OVERVIEW_HEADER.format(province=config.PROVINCE_NAME))
boundary_note(f)

units = query(queries.KPIS, **params)
if units.empty:
    st.info(texts.EMPTY_DATA)
    st.stop()
if units[units["year"] == f.year]["submitted"].sum() == 0:
    st.info(texts.NO_REPORTS_YET.format(year=f.year))

cards = overview_kpis(units, query(queries.COUNTED_BY_YEAR, **params), query(queries.COMMENDATIONS_BY_YEAR, **params),
                      f.year)
st.caption(texts.KPI_DELTA_DESCRIPTION.format(year=f.year, previous=f.year - 1))
metric_cards(cards)
units_link(f)

left, right = st.columns(2)
left.plotly_chart(charts.models_per_year(query(queries.MODELS_PER_YEAR, **params)), width="stretch",
                  config=charts.CONFIG)
district_chart(right, query(queries.ATTAINMENT_BY_DISTRICT, **params), f)
right.caption(texts.DRILL_HINT)

commune_map_section(f, key="overview")
counting_rules()

st.subheader(texts.LAGGING_TITLE.format(year=f.year))
lagging = tables.labelled(tables.for_boundary(query(queries.LAGGING, **params), f.boundary))
if lagging.empty:
    st.success(texts.NO_LAGGING)
else:
    st.dataframe(lagging, hide_index=True, width="stretch", placeholder="–")
    download_buttons(lagging, f"don_vi_chua_dat_{f.year}", key="lagging")
