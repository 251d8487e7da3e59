"""The commune map shared by Tổng quan and Lĩnh vực: today's 96 communes, a click or tap opens the profile."""
import streamlit as st

from core import config, geo, queries, texts
from core.url_filters import Filters
from dashboard import vega_charts
from dashboard.db_access import query
from dashboard.kpis import chart_subtitle


def commune_map_section(filters: Filters, key: str) -> None:
    frame = query(queries.MAP_COMMUNES, **filters.params())
    if frame.empty:
        return
    after = filters.year >= config.FIRST_NEW_YEAR
    choice = st.radio(texts.MAP_COLOUR, [texts.MAP_BY_ATTAINMENT, texts.MAP_BY_MODELS], horizontal=True,
                      key=f"{key}_colour")
    title = texts.MAP_TITLE.format(n=len(frame))
    chart = vega_charts.commune_map(frame, geo.communes(), choice == texts.MAP_BY_ATTAINMENT, title,
                                    chart_subtitle(filters))
    event = st.vega_lite_chart(spec=chart, on_select="rerun", selection_mode=vega_charts.MAP_PICK, key=f"{key}_map",
                               width="stretch")
    st.caption(texts.MAP_NOTE_AFTER if after else texts.MAP_NOTE_BEFORE.format(year=filters.year, n=len(frame),
                                                                                      min=config.TARGET_MIN,
                                                                                      max=config.TARGET_MAX))
    picked = event.selection.get(vega_charts.MAP_PICK) if event else None
    if picked and picked[0].get("unit_id") is not None:  # the commune carries its unit_id
        unit_id = int(picked[0]["unit_id"])
        st.switch_page(st.session_state["pages"]["profile"], query_params={"unit": str(unit_id), **filters.to_url()})
