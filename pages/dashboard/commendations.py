"""Khen thưởng: who was commended, with which award, at which level, and for which model."""
import streamlit as st

from core import formats, queries, texts
from core.palette import TYPE_COLORS, award_colors
from core.vocab import AWARD_LEVELS, AWARDS
from dashboard import tables, vega_charts
from dashboard.db_access import query, query_now
from dashboard.downloads import download_buttons
from dashboard.paging import page_window
from dashboard.sidebar import boundary_note, chosen_filters

f = chosen_filters()
params = f.params()
st.title(texts.COMMENDATIONS_TITLE)
st.caption(texts.COMMENDATIONS_CAPTION.format(year_from=f.year_from, year_to=f.year_to) if f.is_range
           else texts.COMMENDATIONS_CAPTION_ONE.format(year=f.year))
boundary_note(f)

totals = query(queries.COMMENDATION_TOTALS, **params).iloc[0]
if not totals["total"]:
    st.info(tables.empty_message(f, texts.EMPTY_COMMENDATIONS))
    st.stop()
left, right = st.columns(2)
by_year = vega_charts.stacked_bars(query(queries.AWARD_BY_YEAR, **params), x="year", y="n", color="award",
                                   colors=award_colors(AWARDS), title=texts.CHART_AWARD_YEAR)
by_level = vega_charts.stacked_bars(query(queries.AWARD_BY_LEVEL, **params), x="level", y="n",
                                    color="recipient_type", colors=TYPE_COLORS, title=texts.CHART_AWARD_LEVEL,
                                    x_order=list(dict.fromkeys(AWARD_LEVELS.values())))
by_district = vega_charts.stacked_bars(query(queries.AWARD_BY_DISTRICT, **params), x="district", y="n",
                                       color="recipient_type", colors=TYPE_COLORS, horizontal=True,
                                       title=texts.CHART_AWARD_DISTRICT)
vega_charts.draw(left, by_year, width="stretch")
vega_charts.draw(right, by_level, width="stretch")
vega_charts.draw(st, by_district, width="stretch")

awards, praise = int(totals["total"] - totals["praise"]), int(totals["praise"])
st.subheader(texts.COMMENDATIONS_LIST_SPLIT.format(awards=formats.number(awards), praise=formats.number(praise)),
             help=texts.COMMENDATIONS_LIST_SPLIT_HELP.format(awards=formats.number(awards),
                                                             praise=formats.number(praise)))
shown = page_window(int(totals["total"]), key="commendations_page")
listing = tables.labelled(tables.for_boundary(query(queries.COMMENDATION_PAGE, **params, **shown), f.boundary))
st.dataframe(listing, hide_index=True, width="stretch", placeholder="–", column_config=tables.DATE_COLUMNS)
download_buttons(lambda: tables.labelled(tables.for_boundary(query_now(queries.COMMENDATION_LIST, **params),
                                                             f.boundary)),
                 f"khen_thuong_{f.year_from}_{f.year_to}", key="commendations")
