"""Báo cáo: the official yearly report for the chosen filters, as .docx, PDF and an appendix workbook."""
import streamlit as st

from core import texts
from dashboard.db_access import yearly_report
from dashboard.report_view import report_downloads, report_preview
from dashboard.sidebar import boundary_note, chosen_filters

f = chosen_filters()
year = f.year_to
st.title(texts.REPORT_PAGE_TITLE.format(year=year))
st.caption(texts.REPORT_PAGE_CAPTION)
if f.year_from != f.year_to:
    st.info(texts.REPORT_RANGE_NOTE.format(year=year))
boundary_note(f)

report = yearly_report(f, year)
report_downloads(report)
st.subheader(texts.REPORT_PREVIEW)
report_preview(report)
