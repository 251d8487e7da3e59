"""Nhật ký (admin, reviewer): every event of the reporting cycle and of the accounts, newest first; filters by
year, kind of event, person and text, applied in SQL, and the list read a page at a time; the list as found
downloads as .xlsx and .csv."""
import streamlit as st

from core import formats, scope, texts
from dashboard import audit_log
from dashboard.downloads import download_buttons
from dashboard.paging import page_window
from dashboard.signin import require

require(scope.AUDIT)
st.title(texts.PAGE_AUDIT)
st.caption(texts.AUDIT_CAPTION)
offered = audit_log.choices()
if not offered["any"]:
    st.info(texts.AUDIT_EMPTY)
    st.stop()

year_box, person_box = st.columns(2)
year = year_box.selectbox(texts.AUDIT_YEAR, [None, *offered["years"]], key="audit_year", help=texts.AUDIT_YEAR_HELP,
                          format_func=lambda y: texts.AUDIT_ALL_YEARS if y is None else str(y))
person = person_box.selectbox(texts.AUDIT_PERSON, [None, *offered["people"]], key="audit_person",
                              format_func=lambda p: texts.AUDIT_ALL_PEOPLE if p is None else p)
kinds = st.multiselect(texts.AUDIT_KINDS, offered["events"], key="audit_kinds", placeholder=texts.AUDIT_KINDS_ALL)
text = st.text_input(texts.AUDIT_SEARCH, key="audit_search", placeholder=texts.AUDIT_SEARCH_HINT)

found = audit_log.chosen(year, kinds, person, text)
total = audit_log.count(found)
if not total:
    st.info(texts.AUDIT_NO_MATCH)
    st.stop()
st.caption(texts.AUDIT_COUNT.format(n=formats.number(total)))
shown = audit_log.labelled(audit_log.page(found, page_window(total, key="audit_page")))
st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=audit_log.SHOWN_COLUMNS)
download_buttons(lambda: audit_log.for_download(audit_log.labelled(audit_log.whole(found))), "nhat_ky", key="audit")
