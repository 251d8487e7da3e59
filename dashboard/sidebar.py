"""The sidebar filters shared by every page, drawn once in app.py; their values live in the URL."""
import pandas as pd
import streamlit as st

from core import config, formats, queries, texts, url_filters
from core.url_filters import BOUNDARIES, REPORTED, URL_KEYS, Filters, Options, default_year, is_due, parse_filters
from core.vocab import FIELDS
from dashboard.db_access import query
from dashboard.kpis import counting_rule_words

KEYS = {"year_mode": "f_year_mode", "year": "f_year", "years": "f_years", "district": "f_district",
        "group": "f_group", "field": "f_field", "province": "f_province", "boundary": "f_boundary",
        "figures": "f_figures"}


def load_options() -> Options:
    return Options(years=sorted(query(queries.YEARS)["year"].tolist()),
                   districts=query(queries.DISTRICTS)["district"].tolist(),
                   groups=query(queries.GROUPS)["unit_group"].tolist(), fields=list(FIELDS),
                   provinces=query(queries.OLD_PROVINCES)["old_province"].tolist())


def _initial(options: Options) -> Filters:
    """On a session's first run the URL decides; afterwards the widgets do. The initial values are passed as
    `value`/`index` and kept constant (a range select_slider preset through session_state comes back wrong)."""
    if "filters_initial" not in st.session_state:
        url = {k: st.query_params.get(k) for k in URL_KEYS}
        default = default_year(options.years, config.today(), config.REPORT_DEADLINE)
        st.session_state["filters_initial"] = parse_filters(url, options, default_year=default,
                                                            approval=config.APPROVAL)
    return st.session_state["filters_initial"]


def _year_label(year: int) -> str:
    due = is_due(year, config.today(), config.REPORT_DEADLINE)
    return str(year) if due else texts.YEAR_NOT_DUE.format(year=year)


def _years(options: Options, initial: Filters) -> tuple[int, int]:
    """One year (a select box, the default) or, as a deliberate choice, a range (a slider over two years or more).
    Each widget starts from the URL's year or range, else from the default year (the range: from the first year)."""
    modes = (texts.YEAR_MODE_ONE, texts.YEAR_MODE_RANGE)
    mode = st.sidebar.radio(texts.FILTER_YEAR, modes, index=int(initial.is_range), horizontal=True,
                            key=KEYS["year_mode"], help=texts.FILTER_YEAR_HELP)
    years = options.years
    if mode == texts.YEAR_MODE_ONE or len(years) < 2:
        newest_first = years[::-1]
        year = st.sidebar.selectbox(texts.FILTER_YEAR_ONE, newest_first, index=newest_first.index(initial.year_to),
                                    format_func=_year_label, key=KEYS["year"])
        return year, year
    low, high = (initial.year_from, initial.year_to) if initial.is_range else (years[0], initial.year_to)
    if low == high:
        low, high = years[0], years[-1]
    low, high = st.sidebar.select_slider(texts.FILTER_YEAR_RANGE, options=years, value=(low, high),
                                         key=KEYS["years"])
    return low, high


def _choice(label: str, everything: str, values: list[str], initial: str | None, key: str) -> str | None:
    options = [everything] + values
    index = options.index(initial) if initial in options else 0
    choice = st.sidebar.selectbox(label, options, index=index, key=key)
    return None if choice == everything else choice


def _figures(initial: Filters) -> str | None:
    """With approval on: the approved figures (the default) or every submitted report; without it, no choice."""
    if initial.figures is None:
        return None
    return st.sidebar.radio(texts.FILTER_FIGURES, url_filters.FIGURES,
                            index=url_filters.FIGURES.index(initial.figures),
                            format_func=texts.FIGURES_LABELS.get, key=KEYS["figures"], help=texts.FILTER_FIGURES_HELP)


def sidebar_filters() -> Filters:
    options = load_options()
    initial = _initial(options)
    figures = _figures(initial)
    year_from, year_to = _years(options, initial)
    boundary = st.sidebar.radio(texts.FILTER_BOUNDARY, BOUNDARIES, index=BOUNDARIES.index(initial.boundary),
                                format_func=texts.BOUNDARY_LABELS.get, key=KEYS["boundary"],
                                help=texts.FILTER_BOUNDARY_HELP)
    district = _choice(texts.FILTER_DISTRICT, texts.ALL_DISTRICTS, options.districts, initial.district,
                       KEYS["district"])
    group = _choice(texts.FILTER_GROUP, texts.ALL_GROUPS, options.groups, initial.unit_group, KEYS["group"])
    field = _choice(texts.FILTER_FIELD, texts.ALL_FIELDS, options.fields, initial.field, KEYS["field"])
    province = _choice(texts.FILTER_PROVINCE, texts.ALL_PROVINCES, options.provinces, initial.old_province,
                       KEYS["province"])
    for notice in initial.notices:
        st.sidebar.warning(notice)
    filters = Filters(year_from, year_to, district, group, field, province, boundary, figures=figures)
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


def boundary_note(filters: Filters) -> None:
    """Says on the page which boundaries the figures follow when they are not the ones reported."""
    if filters.boundary != REPORTED:
        st.caption(texts.BOUNDARY_NOTE_TODAY.format(min=config.TARGET_MIN, max=config.TARGET_MAX),
                   help=texts.FILTER_BOUNDARY_HELP)


def counting_rules() -> None:
    """The "Cách tính" expander: how units, targets and the two boundary modes are counted."""
    with st.expander(texts.RULES_TITLE, icon=":material/info:"):
        st.markdown(texts.RULES.format(**counting_rule_words()))


def chosen_filters() -> Filters:
    """The filters of this run, for the pages (app.py draws them before running the page)."""
    if "filters" not in st.session_state:  # a page run on its own, outside app.py
        st.session_state["filters"] = sidebar_filters()
    return st.session_state["filters"]
