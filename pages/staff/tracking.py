"""Tiến độ nộp báo cáo: for a year, who was expected to report and who did, on time or late, and a reminder for
the others. Every submitted report counts here, approved or not: a unit waiting for approval has reported."""
import streamlit as st

from core import config, formats, queries, scope, texts
from core.url_filters import ALL_SUBMITTED
from dashboard import tables
from dashboard.db_access import query
from dashboard.downloads import download_buttons
from dashboard.sidebar import boundary_note, chosen_filters
from dashboard.signin import require
from dashboard.timeliness import late_section, timeliness_section, year_due

require(scope.TRACK)
f = chosen_filters()
params = f.params(ALL_SUBMITTED)
st.title(texts.TRACKING_TITLE.format(year=f.year))
boundary_note(f)
if config.APPROVAL:
    st.caption(texts.TRACKING_ALL_SUBMITTED)

by_district = query(queries.TRACKING_BY_DISTRICT, **params)
if by_district.empty:
    st.info(tables.empty_message(f, texts.EMPTY_EXPECTED, staff=True))
    st.stop()
expected, submitted = int(by_district["expected"].sum()), int(by_district["submitted"].sum())
left, middle, right = st.columns(3)
left.metric(texts.KPI_EXPECTED, formats.number(expected), border=True)
middle.metric(texts.KPI_SUBMITTED, formats.number(submitted), border=True)
right.metric(texts.TRACKING_RATE, formats.percent(submitted, expected), border=True)

left, right = st.columns(2)
with left:
    st.subheader(texts.TRACKING_BY_DISTRICT)
    st.dataframe(tables.labelled(by_district), hide_index=True, width="stretch", placeholder="–")
with right:
    st.subheader(texts.TRACKING_BY_GROUP)
    st.dataframe(tables.labelled(query(queries.TRACKING_BY_GROUP, **params)), hide_index=True, width="stretch",
                 placeholder="–")
timeliness_section(f)

missing, own = tables.with_reminders(query(queries.NOT_REPORTED, **params, sender=config.REMINDER_SENDER), f.year,
                                     year_due(f))
st.subheader(texts.TRACKING_MISSING.format(n=len(missing) + len(own)))
st.caption(texts.TRACKING_MISSING_NOTE)
if own:
    st.info(texts.TRACKING_OWN.format(units=", ".join(own), year=f.year))
if missing.empty:
    st.success(texts.TRACKING_ALL_IN)
else:
    shown = tables.labelled(missing)
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–")
    download_buttons(shown, f"don_vi_chua_nop_{f.year}", key="tracking")
late_section(f)

co_reported = query(queries.CO_REPORTED, **params)
st.subheader(texts.TRACKING_CO_REPORTED.format(n=formats.number(len(co_reported))))
st.caption(texts.TRACKING_CO_REPORTED_NOTE.format(year=f.year))
if co_reported.empty:
    st.success(texts.TRACKING_NO_CO_REPORTED.format(year=f.year))
else:
    shown = tables.labelled(co_reported)
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–")
    download_buttons(shown, f"mo_hinh_trung_ten_{f.year}", key="co_reported")
