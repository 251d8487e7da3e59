"""Timeliness (DATA_CONTRACT §6): on time · late · not submitted against the year's due day, as DHIS2 shows its
reporting rate on time; on the tracking page by khu vực and khối with the list of late units, and as one line on
Tổng quan. Counted over every submitted report whatever the sidebar's figures: a report waiting for approval was
submitted all the same, on the day it was uploaded."""
import pandas as pd
import streamlit as st

from core import config, cycle_queries, formats, texts
from core.url_filters import ALL_SUBMITTED, Filters
from dashboard import tables
from dashboard.db_access import query
from dashboard.downloads import download_buttons

# The due day as a date; the first report's upload to the minute.
LATE_COLUMNS = {texts.COLUMN_LABELS["due"]: st.column_config.DateColumn(format="DD/MM/YYYY"),
                texts.COLUMN_LABELS["first_upload"]: st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")}


def _params(f: Filters) -> dict:
    day, month = config.REPORT_DEADLINE
    return {**f.params(ALL_SUBMITTED), "due_day": day, "due_month": month}


def _total(f: Filters) -> pd.Series | None:
    total = query(cycle_queries.ON_TIME_TOTAL, **_params(f)).iloc[0]
    return None if not total["expected"] else total


def _help() -> str:
    day, month = config.REPORT_DEADLINE
    return texts.ON_TIME_HELP.format(day=f"{day:02d}/{month:02d}")


def _words(total: pd.Series) -> dict:
    return {"due": formats.date(total["due"]), "rate": formats.percent(total["on_time"], total["expected"]),
            **{k: formats.number(total[k]) for k in ("expected", "on_time", "late", "not_submitted")}}


def year_due(f: Filters):
    """The chosen year's due day (its reporting period's, else the configured day), for the reminders."""
    return query(cycle_queries.ON_TIME_TOTAL, **_params(f)).iloc[0]["due"]


def on_time_line(f: Filters, year_words: str) -> None:
    """Tổng quan: the on-time rate of the year in one line (the tracking page has the detail)."""
    if (total := _total(f)) is not None:
        st.caption(texts.ON_TIME_LINE.format(year=year_words, **_words(total)), help=_help())


def timeliness_section(f: Filters) -> None:
    """Tiến độ nộp báo cáo: the on-time rate of the year, by khu vực and by khối."""
    if (total := _total(f)) is None:
        return
    st.subheader(texts.ON_TIME_TITLE.format(year=f.year, due=formats.date(total["due"])))
    st.caption(texts.ON_TIME_SUMMARY.format(**_words(total)), help=_help())
    left, right = st.columns(2)
    for column, sql in ((left, cycle_queries.ON_TIME_BY_DISTRICT), (right, cycle_queries.ON_TIME_BY_GROUP)):
        column.dataframe(tables.labelled(query(sql, **_params(f))), hide_index=True, width="stretch", placeholder="–")


def late_section(f: Filters) -> None:
    """The units whose first report came after the due day, the latest first: apart from the reminders, which
    are for units that have not reported at all."""
    late = query(cycle_queries.LATE_UNITS, **_params(f))
    st.subheader(texts.LATE_TITLE.format(n=formats.number(len(late))))
    if late.empty:
        st.success(texts.LATE_NONE.format(year=f.year))
        return
    st.caption(texts.LATE_NOTE)
    shown = tables.labelled(late)
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=LATE_COLUMNS)
    download_buttons(shown, f"don_vi_nop_muon_{f.year}", key="late")
