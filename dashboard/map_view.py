"""The commune map shared by Tổng quan and Lĩnh vực: today's 96 communes, a click opens the profile."""
import streamlit as st

from core import config, geo, queries, texts
from core.url_filters import Filters
from dashboard import charts
from dashboard.db_access import query


def commune_map_section(filters: Filters, key: str) -> None:
    frame = query(queries.MAP_COMMUNES, **filters.params())
    if frame.empty:
        return
    after = filters.year >= config.FIRST_NEW_YEAR
    choice = st.radio(texts.MAP_COLOUR, [texts.MAP_BY_ATTAINMENT, texts.MAP_BY_MODELS], horizontal=True,
                      key=f"{key}_colour")
    years = f"{filters.year_from}–{filters.year_to}"  # a range: its last year, said on a second line
    year = texts.LAST_YEAR_OF_RANGE_CHART.format(year=filters.year, years=years) if filters.is_range else filters.year
    title = texts.MAP_TITLE.format(n=len(frame), year=year)
    figure = charts.commune_map(frame, geo.communes(), choice == texts.MAP_BY_ATTAINMENT, title)
    event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=f"{key}_map", width="stretch",
                            config=charts.CONFIG)
    st.caption(texts.MAP_NOTE_AFTER if after else texts.MAP_NOTE_BEFORE.format(year=filters.year, n=len(frame),
                                                                                      min=config.TARGET_MIN,
                                                                                      max=config.TARGET_MAX))
    points = event.selection.points if event else []
    if points and points[0].get("customdata") is not None:  # the dot of a commune carries its unit_id
        unit_id = int(points[0]["customdata"])
        st.switch_page(st.session_state["pages"]["profile"], query_params={"unit": str(unit_id), **filters.to_url()})
