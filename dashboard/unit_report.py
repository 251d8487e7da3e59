"""The unit's own page (Báo cáo của đơn vị): its years and what became of each report, the template filled for it,
and its submission, which goes through the same preview and commit as the staff page (and the same checks of role,
scope, locks and reporting period on the server)."""
import io

import pandas as pd
import streamlit as st

from core import config, formats, texts
from core.auth import Account
from core.cycle_queries import MY_UNIT, MY_YEARS, REPORTING_YEAR, UNIT_YEAR_MODELS
from dashboard.db_access import query
from dashboard.staff_actions import commit_files
from etl.batch import FilePreview
from etl.load import LOADED
from etl.template import write_prefilled

MESSAGE = "my_report_message"  # what the last submission did, said once after the rerun it asks for
GENERATION = "my_uploader_generation"  # a new uploader, empty, after each submission
YEAR_COLUMNS = ["year", "unit", "state", "reason", "due", "timeliness"]


def unit_code(user: Account) -> str:
    return user.scope.units[0]  # a unit account names exactly one registry code (core.auth.add_account)


def my_years(user: Account) -> pd.DataFrame:
    day, month = config.REPORT_DEADLINE
    return query(MY_YEARS, code=unit_code(user), due_day=day, due_month=month)


def reporting_year(years: list[int]) -> int:
    """The year being reported: the latest whose reporting period is open today, else this year; the latest of
    the unit's years when the unit did not report in that year (a commune merged away)."""
    today = config.today()
    found = query(REPORTING_YEAR, today=today)["year"].iloc[0]
    year = today.year if pd.isna(found) else int(found)
    return year if year in years else max(years)


def year_row(years: pd.DataFrame, year: int) -> pd.Series:
    return years[years["year"] == year].iloc[0]


def status(row: pd.Series) -> None:
    """The state of the chosen year in words; a returned report says why; the due day and whether it was met."""
    state = texts.STATE_NAMES[row["state"]]
    st.markdown(texts.MY_STATE.format(year=row["year"], state=state))
    if row["state"] == "returned":
        reason = str(row["reason"]).strip().rstrip(".")  # the sentence puts its own full stop after it
        st.warning(texts.MY_RETURNED.format(reason=formats.plain(reason, limit=config.REASON_MAX)))
    elif row["state"] == "locked":
        st.info(texts.MY_LOCKED.format(year=row["year"]))
    elif not takes_a_file(row):
        st.info(texts.MY_APPROVED_NO_UPLOAD.format(year=row["year"]))
    st.markdown(texts.MY_DUE.format(due=formats.date(row["due"]), timeliness=timeliness(row)))
    if not config.APPROVAL:
        st.info(texts.MY_APPROVAL_OFF)


def takes_a_file(row: pd.Series) -> bool:
    """Whether a file for this year could be accepted: not while it is locked, nor once approved (with approval on,
    a reviewer returns it first); the server says the same (etl/cycle.py), the page just offers no uploader."""
    return row["state"] != "locked" and not (config.APPROVAL and row["state"] == "approved")


def timeliness(row: pd.Series) -> str:
    """On time when the first report that still counts came by the due day (DATA_CONTRACT §6)."""
    if pd.isna(row["first_upload"]):
        return texts.MY_NOT_SUBMITTED
    first = row["first_upload"].date()
    template = texts.MY_ON_TIME if first <= row["due"].date() else texts.MY_LATE
    return template.format(day=formats.date(first))


def years_table(years: pd.DataFrame) -> pd.DataFrame:
    shown = years.assign(state=years["state"].map(texts.STATE_NAMES), due=years["due"].map(formats.date),
                         timeliness=[timeliness(r) for _, r in years.iterrows()])
    return shown[YEAR_COLUMNS].rename(columns=texts.MY_YEAR_COLUMNS)


def template(user: Account, year: int) -> tuple[bytes, str]:
    """The workbook filled for the unit and year, with last year's models as "Duy trì"; and its file name."""
    unit = query(MY_UNIT, code=unit_code(user), year=year).iloc[0]
    last_year = query(UNIT_YEAR_MODELS, unit_id=int(unit["unit_id"]), year=year - 1)
    return _workbook(unit["name"], unit["code"], year, last_year), f"bao_cao_{unit['code']}_{year}.xlsx"


@st.cache_data(show_spinner=False, max_entries=32)
def _workbook(name: str, code: str, year: int, last_year: pd.DataFrame) -> bytes:
    """Cached: the download button wants its bytes on every rerun of the page."""
    out = io.BytesIO()
    write_prefilled(out, unit=name, code=code, year=year, last_year=last_year.to_dict("records"))
    return out.getvalue()


def submit(item: FilePreview, user: Account) -> None:
    """Loads the checked file; the server checks it again. Applied at once when approval is off."""
    result = commit_files([item], user)[0]
    if result.outcome != LOADED:  # refused since the preview (a lock, an approval, the period closed)
        st.error(texts.MY_REFUSED.format(reasons=" ".join(p.message for p in result.problems if not p.warning)))
        return
    st.session_state[MESSAGE] = texts.MY_SUBMITTED if config.APPROVAL else texts.MY_SUBMITTED_APPLIED
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.rerun()
