"""The Báo cáo page's parts: a readable preview of the report and its three downloads, each file drawn only when
its button is clicked (Streamlit runs a callable `data` on click), so browsing the page costs no document."""
import pandas as pd
import streamlit as st

from core import formats, report_docx, report_pdf, report_xlsx, texts
from core.report_pack import Heading, Report, cell_text
from core.xlsx import XLSX_MIME

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_downloads(report: Report) -> None:
    stem = report.file_stem
    left, middle, right = st.columns(3)
    left.download_button(texts.DOWNLOAD_REPORT_DOCX, lambda: report_docx.to_docx(report), file_name=f"{stem}.docx",
                         mime=DOCX_MIME, icon=":material/description:", key="report_docx", on_click="ignore",
                         width="stretch")
    middle.download_button(texts.DOWNLOAD_REPORT_PDF, lambda: report_pdf.to_pdf(report), file_name=f"{stem}.pdf",
                           mime="application/pdf", icon=":material/picture_as_pdf:", key="report_pdf",
                           on_click="ignore", width="stretch")
    right.download_button(texts.DOWNLOAD_REPORT_XLSX, lambda: report_xlsx.to_xlsx(report),
                          file_name=f"{stem}_phu_luc.xlsx", mime=XLSX_MIME, icon=":material/table_view:",
                          key="report_xlsx", on_click="ignore", width="stretch")


def report_preview(report: Report) -> None:
    """The report's text as the document says it, then each appendix in a collapsed section."""
    with st.container(border=True):
        st.markdown(f"**{texts.REPORT_KIND}**  \n**{formats.plain(texts.REPORT_SUBJECT.format(year=report.year))}**")
        st.caption(formats.plain(report.scope, limit=1000))
        for block in report.body:
            text = formats.plain(block.text, limit=5000)
            st.markdown(f"**{text}**" if isinstance(block, Heading) else f"*{text}*" if block.italic else text)
    for table in report.appendices:
        title = f"{texts.REPORT_APPENDIX.format(n=table.number)}: {table.title}"
        with st.expander(formats.plain(title, limit=200)):
            if not table.rows:
                st.caption(texts.REPORT_EMPTY_TABLE)
                continue
            rows = table.rows + ([table.total] if table.total else [])
            st.dataframe(pd.DataFrame({name: [cell_text(row[i], kind) for row in rows]
                                       for i, (name, kind) in enumerate(zip(table.columns, table.kinds))}),
                         hide_index=True, width="stretch", placeholder="–")
