"""Drill-down from Tổng quan: a tap on a khu vực's bar opens Đơn vị with that khu vực chosen.

The filters live in the sidebar widgets once a session has started (the URL only decides on the first run), so a
switch_page with `district=` in its query parameters would be overruled by the sidebar. The tap's callback runs
before the next run, while the sidebar widget is not drawn yet: it sets the widget's value there, and that run opens
the page. The map opens a commune's profile the same way (map_view.py)."""
import pandas as pd
import streamlit as st

from core import texts
from core.url_filters import Filters
from dashboard import charts
from dashboard.kpis import chart_year
from dashboard.sidebar import KEYS

CHART_KEY = "overview_districts"
_WANTED = "drill_to_units"


def _district_tapped() -> None:
    event = st.session_state.get(CHART_KEY)
    points = event.selection.points if event else []
    district = next((p.get("y") for p in points if p.get("y")), None)  # the bars lie down: the khu vực is y
    if district:
        st.session_state[KEYS["district"]] = district
        st.session_state[_WANTED] = True


def district_chart(where, frame: pd.DataFrame, filters: Filters) -> None:
    """The attainment bars by khu vực; a tapped bar opens the scorecard of its khu vực."""
    where.plotly_chart(charts.attainment_by_district(frame, chart_year(filters)), width="stretch", key=CHART_KEY,
                       on_select=_district_tapped, selection_mode="points", config=charts.CONFIG)
    if st.session_state.pop(_WANTED, False):
        st.switch_page(st.session_state["pages"]["units"], query_params=filters.to_url())


def units_link(filters: Filters) -> None:
    """Under the KPI cards (a metric takes no click): the list of the units they count."""
    st.page_link(st.session_state["pages"]["units"], label=texts.SEE_UNITS, icon=":material/format_list_bulleted:",
                 query_params=filters.to_url())
