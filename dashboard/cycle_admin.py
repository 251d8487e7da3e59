"""Kỳ báo cáo và chốt số liệu: what the admin's page reads (the years, a year's period, its state by khu vực, its
locks) and its writes (period, lock, unlock), each through the one writer and checked again in etl/cycle.py, whose
refusal is shown in its own words; a success is said after the rerun that shows its effect."""
import datetime as dt

import pandas as pd
import streamlit as st

from core import config, cycle_queries, formats, queries, texts
from core.auth import Account
from core.url_filters import due_date
from dashboard.audit_log import person_names
from dashboard.db_access import query, write
from etl import cycle

MESSAGE = "cycle_message"  # session key: the success to say once the page has rerun


def cycle_years() -> list[int]:
    """The years of the dashboard and the next one (its period is set before it opens), newest first."""
    return sorted(set(query(queries.YEARS)["year"].tolist()) | {config.today().year + 1}, reverse=True)


def period(year: int) -> tuple[dt.date | None, dt.date, dt.date | None, str]:
    """(opens, due, closes, the sentence saying it): the period set for the year, else the configured due day."""
    found = query(cycle_queries.PERIOD, year=year)
    if found.empty:
        due = due_date(year, config.REPORT_DEADLINE)
        return None, due, None, texts.CYCLE_PERIOD_DEFAULT.format(year=year, due=formats.date(due))
    row = found.iloc[0]
    opens, due, closes = (None if pd.isna(row[k]) else row[k].date() for k in ("opens", "due", "closes"))
    words = texts.CYCLE_PERIOD_SET.format(opens=formats.date(opens), due=formats.date(due),
                                          closes=formats.date(closes), by=_person(row["set_by"]),
                                          at=formats.date_time(row["set_at"].to_pydatetime()))
    return opens, due, closes, words


def year_states(year: int) -> pd.DataFrame:
    return query(cycle_queries.YEAR_STATES, year=year)


def states_table(states: pd.DataFrame) -> pd.DataFrame:
    return states.assign(locked=states["locked"].map(texts.CYCLE_LOCK_STATES)).rename(columns=texts.COLUMN_LABELS)


def where_words(district: str | None) -> str:
    return district or texts.CYCLE_WHOLE_YEAR


def lock_words(year: int, district: str | None) -> str | None:
    """Who locked the year (or this khu vực of it) and when; None when it is not locked."""
    locks = query(cycle_queries.LOCKS, year=year)
    found = locks[locks["district"] == (district or "")]
    if found.empty:
        return None
    row = found.iloc[0]
    return texts.CYCLE_LOCKED_BY.format(year=year, where=where_words(district), by=_person(row["locked_by"]),
                                        at=formats.date_time(row["locked_at"].to_pydatetime()))


def _person(username: str) -> str:
    return person_names().get(username, username)


def save_period(user: Account, year: int, opens: dt.date | None, due: dt.date | None,
                closes: dt.date | None) -> None:
    if due is None:
        st.error(texts.CYCLE_DUE_REQUIRED)
        return
    _act(lambda con: cycle.set_period(con, user, year, opens, due, closes), texts.CYCLE_PERIOD_SAVED.format(year=year))


def lock(user: Account, year: int, district: str | None) -> None:
    _act(lambda con: cycle.lock(con, user, year, district),
         texts.CYCLE_LOCK_DONE.format(year=year, where=where_words(district)))


def unlock(user: Account, year: int, district: str | None, reason: str) -> None:
    _act(lambda con: cycle.unlock(con, user, year, district, reason),
         texts.CYCLE_UNLOCK_DONE.format(year=year, where=where_words(district)))


def _act(step, done: str) -> None:
    try:
        write(step)
    except cycle.CycleError as refused:
        st.error(formats.plain(str(refused), limit=400))
        return
    st.session_state[MESSAGE] = done
    st.rerun()


def show_message() -> None:
    if message := st.session_state.pop(MESSAGE, None):
        st.success(message)
