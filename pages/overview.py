"""Tổng quan: the state of the movement for a year and a khu vực at a glance."""
import streamlit as st

from core import charts, config, formats, queries, texts
from core.data import query
from core.filters import district_filter, freshness, year_filter

year, district = year_filter(), district_filter()
freshness()
st.title(texts.OVERVIEW_HEADER.format(province=config.PROVINCE_NAME))

kpi = query(queries.KPIS, year=year, district=district).iloc[0] if year else None
if kpi is None or kpi["expected"] == 0:
    st.info(texts.EMPTY_DATA)
    st.stop()

if kpi["submitted"] == 0:
    st.info(texts.NO_REPORTS_YET.format(year=year))
n_comm = query(queries.COMMENDATIONS, year=year, district=district).iloc[0]["n"]
cols = st.columns(5)
cols[0].metric(texts.KPI_EXPECTED, formats.number(kpi["expected"]))
cols[1].metric(texts.KPI_SUBMITTED, formats.number(kpi["submitted"]))
cols[2].metric(texts.KPI_MODELS, formats.number(kpi["models"]))
cols[3].metric(texts.KPI_MET, formats.percent(kpi["met"], kpi["expected"]),
               help=texts.KPI_MET_HELP.format(min=config.TARGET_MIN))
cols[4].metric(texts.KPI_COMMENDATIONS, formats.number(n_comm))

left, right = st.columns(2)
left.plotly_chart(charts.models_per_year(query(queries.MODELS_PER_YEAR, district=district)), width="stretch")
right.plotly_chart(charts.attainment_by_district(query(queries.ATTAINMENT_BY_DISTRICT, year=year, district=district),
                                                 year), width="stretch")

st.subheader(texts.LAGGING_TITLE.format(year=year))
lagging = query(queries.LAGGING, year=year, district=district)
if lagging.empty:
    st.success(texts.NO_LAGGING)
else:
    table = lagging.rename(columns=texts.LAGGING_COLUMNS)
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(texts.DOWNLOAD_CSV, table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"don_vi_chua_dat_{year}.csv", mime="text/csv", key="download_lagging")
