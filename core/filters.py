"""The sidebar filters shared by every page; their values live in the URL so a copied link reopens the view."""
import pandas as pd
import streamlit as st

from core import queries, texts
from core.data import query


def year_filter() -> int | None:
    years = query(queries.YEARS)["year"].tolist()
    if not years:
        return None
    return st.sidebar.selectbox(texts.FILTER_YEAR, years, key="year", bind="query-params")


def district_filter() -> str | None:
    options = [texts.ALL_DISTRICTS] + query(queries.DISTRICTS)["district"].tolist()
    choice = st.sidebar.selectbox(texts.FILTER_DISTRICT, options, key="district", bind="query-params")
    return None if choice == texts.ALL_DISTRICTS else choice


def freshness() -> None:
    from core import formats

    last = query(queries.LAST_UPLOAD).iloc[0, 0]
    when = None if pd.isna(last) else last.to_pydatetime()
    st.sidebar.caption(texts.DATA_UPDATED.format(when=formats.timestamp(when)))
