"""Drill-down from Tổng quan: a tap on a khu vực's bar opens Đơn vị with that khu vực chosen.

The filters live in the sidebar widgets once a session has started (the URL only decides on the first run), so a
switch_page with `district=` in its query parameters would be overruled by the sidebar. The tap's callback runs
before the next run, while the sidebar widget is not drawn yet: it sets the widget's value there, and that run opens
the page. The map opens a commune's profile the same way (map_view.py)."""
import pandas as pd
import streamlit as st

from core import texts
from core.palette import ATTAINMENT_COLORS
from core.url_filters import Filters
from dashboard import vega_charts
from dashboard.kpis import chart_subtitle
from dashboard.sidebar import KEYS

CHART_KEY = "overview_districts"
PICK = "district_pick"  # the chart's point selection
_WANTED = "drill_to_units"


def _district_tapped() -> None:
    event = st.session_state.get(CHART_KEY)
    picked = (event.selection.get(PICK) if event else None) or []  # the point selection's fields: the khu vực
    district = next((p.get("district") for p in picked if p.get("district")), None)
    if district:
        st.session_state[KEYS["district"]] = district
        st.session_state[_WANTED] = True


def district_chart(where, frame: pd.DataFrame, filters: Filters) -> None:
    """The attainment bars by khu vực; a tapped bar opens the scorecard of its khu vực."""
    chart = vega_charts.stacked_bars(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS,
                                     horizontal=True, title=texts.CHART_ATTAINMENT,
                                     subtitle=chart_subtitle(filters), pick=PICK)
    vega_charts.draw(where, chart, width="stretch", key=CHART_KEY, on_select=_district_tapped, selection_mode=PICK)
    if st.session_state.pop(_WANTED, False):
        st.switch_page(st.session_state["pages"]["units"], query_params=filters.to_url())


def units_link(filters: Filters) -> None:
    """Under the KPI cards (a metric takes no click): the list of the units they count."""
    st.page_link(st.session_state["pages"]["units"], label=texts.SEE_UNITS, icon=":material/format_list_bulleted:",
                 query_params=filters.to_url())
