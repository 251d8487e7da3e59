"""Duyệt báo cáo: the reports waiting in the reviewer's scope, each opened to read its rows, what changed against
the unit's previous submission and last year, and its file's warnings; approved one by one, or several at once when
their files gave no warning, or returned with a reason the unit sees. A second tab reopens an approved report."""
import streamlit as st

from core import formats, scope, texts
from dashboard import review_view
from dashboard.signin import require
from etl import cycle

user = require(scope.REVIEW)
st.title(texts.PAGE_REVIEW)
st.caption(texts.REVIEW_SCOPE.format(scope=formats.plain(scope.describe(user.role, user.scope), limit=300)))
review_view.show_message()
year, district = review_view.filters(user)
waiting = review_view.reports(user, cycle.SUBMITTED, year, district)
approved = review_view.reports(user, cycle.APPROVED, year, district)
pending_tab, approved_tab = st.tabs([texts.REVIEW_TAB_PENDING.format(n=formats.number(len(waiting))),
                                     texts.REVIEW_TAB_APPROVED.format(n=formats.number(len(approved)))])
with pending_tab:
    if waiting.empty:
        st.info(texts.REVIEW_EMPTY)
    else:
        st.caption(texts.REVIEW_HOW)
        chosen = [(int(r.unit_id), int(r.year)) for r in waiting.itertuples() if review_view.report_item(r, user)]
        if st.button(texts.REVIEW_APPROVE_SELECTED.format(n=formats.number(len(chosen))), key="approve_selected",
                     type="primary", disabled=not chosen, icon=":material/done_all:"):
            review_view.approve(user, chosen)
with approved_tab:
    st.caption(texts.REVIEW_APPROVED_HOW)
    review_view.reopen_form(user, approved)
