"""Báo cáo của đơn vị: a unit account's own page. Its years and what became of each report, the template filled
for the chosen year, then one file checked as on the staff upload page and submitted."""
import streamlit as st

from core import config, formats, scope, texts
from dashboard import tables, unit_report
from dashboard.signin import require
from dashboard.staff_actions import file_details, forget_previews, preview_files

user = require(scope.SUBMIT_OWN)
st.title(texts.PAGE_MY_REPORT)
years = unit_report.my_years(user)
if years.empty:
    st.error(texts.MY_UNKNOWN_UNIT.format(code=formats.plain(unit_report.unit_code(user))))
    st.stop()

choices = sorted(set(years["year"]), reverse=True)
year = st.selectbox(texts.MY_YEAR, choices, index=choices.index(unit_report.reporting_year(choices)), key="my_year")
row = unit_report.year_row(years, year)
st.subheader(texts.MY_UNIT.format(unit=formats.plain(row["unit"]), code=formats.plain(row["code"])))
if message := st.session_state.pop(unit_report.MESSAGE, None):
    st.success(message)
unit_report.status(row)

workbook, file_name = unit_report.template(user, year)
st.download_button(texts.MY_TEMPLATE.format(year=year), workbook, file_name=file_name, key="my_template",
                   icon=":material/description:", on_click="ignore")
st.caption(texts.MY_TEMPLATE_HELP)

generation = st.session_state.get(unit_report.GENERATION, 0)
file = st.file_uploader(texts.MY_UPLOAD_LABEL, type=["xlsx", "xlsm", "xls", "ods"], key=f"my_uploader_{generation}",
                        max_upload_size=config.MAX_UPLOAD_MB, help=texts.UPLOAD_HELP.format(mb=config.MAX_UPLOAD_MB)
                        ) if unit_report.takes_a_file(row) else None
if file is None:
    forget_previews()
else:
    item = preview_files([file], user)[0]
    headline, icon = tables.file_headline(item)
    with st.expander(headline, icon=icon, expanded=True):
        file_details(item, f"my_{generation}", texts.MY_ERROR_REPORT)
    if st.button(texts.MY_SUBMIT, type="primary", key="my_submit", disabled=not item.loadable):
        unit_report.submit(item, user)

st.subheader(texts.MY_YEARS_TITLE)
st.dataframe(unit_report.years_table(years), hide_index=True, width="stretch", placeholder="–")
