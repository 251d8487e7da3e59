"""The sidebar filters shared by every page, drawn once in app.py; their values live in the URL."""
import pandas as pd
import streamlit as st

from core import formats, queries, texts
from core.data import query
from core.filtering import URL_KEYS, Filters, Options, parse_filters
from etl.vocab import FIELDS

KEYS = {"years": "f_years", "district": "f_district", "group": "f_group", "field": "f_field"}


def load_options() -> Options:
    return Options(years=sorted(query(queries.YEARS)["year"].tolist()),
                   districts=query(queries.DISTRICTS)["district"].tolist(),
                   groups=query(queries.GROUPS)["unit_group"].tolist(), fields=list(FIELDS))


def _initialise_from_url(options: Options) -> None:
    """On a session's first run the URL decides; afterwards the widgets do."""
    if "filters_ready" in st.session_state:
        return
    url = {k: st.query_params.get(k) for k in URL_KEYS}
    parsed = parse_filters(url, options, default_year=options.years[-1])
    st.session_state[KEYS["years"]] = (parsed.year_from, parsed.year_to)
    st.session_state[KEYS["district"]] = parsed.district or texts.ALL_DISTRICTS
    st.session_state[KEYS["group"]] = parsed.unit_group or texts.ALL_GROUPS
    st.session_state[KEYS["field"]] = parsed.field or texts.ALL_FIELDS
    st.session_state["filter_notices"] = parsed.notices
    st.session_state["filters_ready"] = True


def sidebar_filters() -> Filters:
    options = load_options()
    _initialise_from_url(options)
    side = st.sidebar
    years = side.select_slider(texts.FILTER_YEAR, options=options.years, key=KEYS["years"], help=texts.FILTER_YEAR_HELP)
    year_from, year_to = years if isinstance(years, (tuple, list)) else (years, years)  # equal ends may come as one
    district = side.selectbox(texts.FILTER_DISTRICT, [texts.ALL_DISTRICTS] + options.districts, key=KEYS["district"])
    group = side.selectbox(texts.FILTER_GROUP, [texts.ALL_GROUPS] + options.groups, key=KEYS["group"])
    field = side.selectbox(texts.FILTER_FIELD, [texts.ALL_FIELDS] + options.fields, key=KEYS["field"])
    for notice in st.session_state.get("filter_notices", ()):
        side.warning(notice)
    filters = Filters(year_from, year_to, None if district == texts.ALL_DISTRICTS else district,
                      None if group == texts.ALL_GROUPS else group, None if field == texts.ALL_FIELDS else field)
    _write_url(filters)
    freshness()
    return filters


def _write_url(filters: Filters) -> None:
    wanted = filters.to_url()
    for key in URL_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def freshness() -> None:
    last = query(queries.LAST_UPLOAD).iloc[0, 0]
    when = None if pd.isna(last) else last.to_pydatetime()
    st.sidebar.caption(texts.DATA_UPDATED.format(when=formats.timestamp(when)))


def current() -> Filters:
    """The filters of this run, for the pages (app.py draws them before running the page)."""
    if "filters" not in st.session_state:  # a page run on its own, outside app.py
        st.session_state["filters"] = sidebar_filters()
    return st.session_state["filters"]
