"""Kỳ báo cáo và chốt số liệu (admin): a year's reporting period, its state by khu vực, locking the year or one
khu vực of it, and unlocking with a reason. Every write is checked again in etl/cycle.py."""
import streamlit as st

from core import config, scope, texts
from dashboard import cycle_admin as admin
from dashboard.sidebar import chosen_filters
from dashboard.signin import require

user = require(scope.LOCK)
st.title(texts.PAGE_CYCLE)
admin.show_message()
years = admin.cycle_years()
default = chosen_filters().year
year = st.selectbox(texts.CYCLE_PICK_YEAR, years, index=years.index(default) if default in years else 0,
                    key="cycle_year")

st.subheader(texts.CYCLE_PERIOD_TITLE.format(year=year))
opens, due, closes, words = admin.period(year)
st.caption(words)
with st.form(f"period_{year}"):
    left, middle, right = st.columns(3)
    opens = left.date_input(texts.CYCLE_OPENS, opens, format="DD/MM/YYYY", key=f"opens_{year}")
    due = middle.date_input(texts.CYCLE_DUE, due, format="DD/MM/YYYY", key=f"due_{year}",
                            help=texts.CYCLE_PERIOD_HELP)
    closes = right.date_input(texts.CYCLE_CLOSES, closes, format="DD/MM/YYYY", key=f"closes_{year}")
    if st.form_submit_button(texts.CYCLE_SAVE_PERIOD):
        admin.save_period(user, year, opens, due, closes)

st.subheader(texts.CYCLE_STATES_TITLE.format(year=year))
states = admin.year_states(year)
if states.empty:
    st.info(texts.CYCLE_STATES_EMPTY.format(year=year))
else:
    st.dataframe(admin.states_table(states), hide_index=True, width="stretch", placeholder="–")

st.subheader(texts.CYCLE_LOCK_TITLE)
where = st.selectbox(texts.CYCLE_WHERE, [None, *states["district"]], key=f"where_{year}",
                     format_func=lambda district: district or texts.CYCLE_WHOLE_YEAR_OPTION)
if (locked := admin.lock_words(year, where)) is None:
    st.caption(texts.CYCLE_LOCK_NOTE)
    if st.button(texts.CYCLE_LOCK_BUTTON, key="lock", type="primary"):
        admin.lock(user, year, where)
else:
    st.info(locked)
    reason = st.text_area(texts.CYCLE_UNLOCK_REASON, key=f"unlock_reason_{year}_{where}", max_chars=config.REASON_MAX)
    if st.button(texts.CYCLE_UNLOCK_BUTTON, key="unlock"):
        admin.unlock(user, year, where, reason)
