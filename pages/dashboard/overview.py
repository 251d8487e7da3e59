"""Tổng quan: the state of the movement for a year (or the totals of a range) and a khu vực at a glance."""
import streamlit as st

from core import config, queries, texts
from core.palette import ATTAINMENT_COLORS
from dashboard import tables, vega_charts
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.drill import district_chart, units_link
from dashboard.kpis import kpi_section, last_year_words
from dashboard.map_view import commune_map_section
from dashboard.sidebar import boundary_note, chosen_filters, counting_rules
from dashboard.timeliness import on_time_line

f = chosen_filters()
params = f.params()
st.title(texts.OVERVIEW_HEADER.format(province=config.PROVINCE_NAME))
boundary_note(f)
if not kpi_section(f):
    st.stop()
on_time_line(f, f"{f.year}{last_year_words(f)}")
units_link(f)

left, right = st.columns(2)
per_year = vega_charts.bars_with_values(query(queries.MODELS_PER_YEAR, **params), x="year", y="models",
                                        title=texts.CHART_MODELS_PER_YEAR, colour=ATTAINMENT_COLORS[texts.ON_TARGET])
vega_charts.draw(left, per_year, width="stretch")
district_chart(right, query(queries.ATTAINMENT_BY_DISTRICT, **params), f)
right.caption(texts.DRILL_HINT)

commune_map_section(f, key="overview")
counting_rules()

st.subheader(texts.LAGGING_TITLE.format(year=f"{f.year}{last_year_words(f)}"))
lagging = tables.labelled(tables.for_boundary(query(queries.LAGGING, **params), f.boundary))
if lagging.empty:
    st.success(texts.NO_LAGGING)
else:
    st.dataframe(lagging, hide_index=True, width="stretch", placeholder="–")
    download_buttons(lagging, f"don_vi_chua_dat_{f.year}", key="lagging")
