"""The report pack as a PDF, drawn from the same document model as the .docx, in the same layout (A4, margins
20 / 20 / 30 / 15 mm, page numbers centred at the top from page 2, appendices on landscape pages).

fpdf2 writes it: pure Python and on PyPI, so the README's first command (pip only) still produces PDFs; no office
suite or browser on the server. It embeds (and subsets) Liberation Serif from data/fonts, metric-compatible with
Times New Roman and complete for Vietnamese, so the PDF looks the same on every reader."""
from fpdf import FPDF
from fpdf.fonts import FontFace

from core import config, texts
from core.report_pack import INT, PERCENT, Heading, Report, Table, cell_text
from core.vntext import printable

FAMILY = "LiberationSerif"
FONT_FILES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
LEFT, TOP, RIGHT, BOTTOM = 30, 20, 15, 20  # mm, Nghị định 30/2020/NĐ-CP
LINE = 1.15  # line spacing, as the .docx
ORG_WIDTH = 62  # the issuer's block; Quốc hiệu – Tiêu ngữ takes the rest of the line


class _Document(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:  # from the second page, centred in the top margin
            self.set_font(FAMILY, "", 13)
            self.set_y(10)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_y(TOP)


def to_pdf(report: Report) -> bytes:
    pdf = _Document(orientation="P", unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(config.FONTS_DIR / f"LiberationSerif-{name}.ttf"))
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(texts.REPORT_SUBJECT.format(year=report.year))
    pdf.set_lang("vi")
    pdf.add_page()
    _masthead(pdf, report)
    _body(pdf, report)
    _signature(pdf)
    for table in report.appendices:
        _appendix(pdf, table, report)
    return bytes(pdf.output())


def _lines(pdf: FPDF, x: float, width: float, lines: list[tuple[str, str, float]]) -> float:
    """Centred lines in a column from the current y; returns the y under them."""
    for text, style, size in lines:
        pdf.set_font(FAMILY, style, size)
        pdf.set_x(x)
        pdf.multi_cell(width, size * 0.42, printable(text), align="C", new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y()


def _rule_under(pdf: FPDF, x: float, width: float, length: float, y: float) -> None:
    pdf.set_line_width(0.3)
    pdf.line(x + (width - length) / 2, y + 1.5, x + (width + length) / 2, y + 1.5)


def _masthead(pdf: FPDF, report: Report) -> None:
    top = pdf.get_y()
    left_end = _lines(pdf, LEFT, ORG_WIDTH, [(config.REPORT_PARENT_ORG, "", 13), (config.REPORT_ORG, "B", 13)])
    _rule_under(pdf, LEFT, ORG_WIDTH, 24, left_end)
    pdf.set_y(left_end + 4)
    left_end = _lines(pdf, LEFT, ORG_WIDTH, [(texts.REPORT_NUMBER.format(code=config.REPORT_ORG_CODE), "", 13)])
    pdf.set_y(top)
    right, width = LEFT + ORG_WIDTH, pdf.epw - ORG_WIDTH
    right_end = _lines(pdf, right, width, [(texts.REPORT_MOTTO, "B", 12), (texts.REPORT_MOTTO_LINE, "B", 13)])
    pdf.set_font(FAMILY, "B", 13)
    _rule_under(pdf, right, width, pdf.get_string_width(texts.REPORT_MOTTO_LINE), right_end)
    pdf.set_y(right_end + 4)
    place = texts.REPORT_PLACE_DATE.format(place=config.REPORT_PLACE, year=report.issued_year)
    right_end = _lines(pdf, right, width, [(place, "I", 14)])
    pdf.set_y(max(left_end, right_end) + 8)
    end = _lines(pdf, LEFT, pdf.epw, [(texts.REPORT_KIND, "B", 14),
                                      (texts.REPORT_SUBJECT.format(year=report.year), "B", 14)])
    _rule_under(pdf, LEFT, pdf.epw, 50, end)
    pdf.set_y(end + 6)


def _body(pdf: FPDF, report: Report) -> None:
    blocks = [(report.scope, "I")] + [(b.text, "B" if isinstance(b, Heading) else "I" if b.italic else "")
                                      for b in report.body]
    with pdf.text_columns(text_align="J", line_height=LINE) as columns:
        for text, style in blocks:
            pdf.set_font(FAMILY, style, 14)
            with columns.paragraph(first_line_indent=10, bottom_margin=2) as paragraph:
                paragraph.write(printable(text))


def _signature(pdf: FPDF) -> None:
    if pdf.get_y() > pdf.h - BOTTOM - 55:
        pdf.add_page()
    top = pdf.get_y() + 6
    pdf.set_y(top)
    pdf.set_font(FAMILY, "BI", 12)
    pdf.cell(80, 6, texts.REPORT_RECIPIENTS, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    recipients = config.REPORT_RECIPIENTS
    for index, name in enumerate(recipients):
        pdf.cell(80, 5, f"- {name}{'.' if index == len(recipients) - 1 else ';'}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top)
    _lines(pdf, LEFT + 80, 85, [(config.REPORT_SIGNER_ROLE, "B", 14), (config.REPORT_SIGNER_TITLE, "B", 14),
                                (texts.REPORT_SIGNATURE_NOTE, "I", 13)])


def _appendix(pdf: FPDF, table: Table, report: Report) -> None:
    pdf.add_page(orientation="L")
    end = _lines(pdf, LEFT, pdf.epw, [(texts.REPORT_APPENDIX.format(n=table.number), "B", 14), (table.title, "B", 14),
                                      (texts.REPORT_APPENDIX_NOTE.format(code=config.REPORT_ORG_CODE,
                                                                         year=report.issued_year), "I", 13)])
    pdf.set_y(end + 4)
    if not table.rows:
        pdf.set_font(FAMILY, "", 14)
        pdf.cell(0, 7, texts.REPORT_EMPTY_TABLE)
        return
    _data_table(pdf, table)


def _data_table(pdf: FPDF, table: Table) -> None:
    aligns = tuple("CENTER" if i == 0 else "RIGHT" if kind in (INT, PERCENT) else "LEFT"
                   for i, kind in enumerate(table.kinds))
    pdf.set_font(FAMILY, "", 12)
    with pdf.table(col_widths=table.widths, text_align=aligns, line_height=5.5, padding=(1, 1.5),
                   headings_style=FontFace(emphasis="BOLD"), repeat_headings=1) as grid:
        header = grid.row()
        for name in table.columns:
            header.cell(name, align="CENTER")
        for values in table.rows:
            row = grid.row()
            for value, kind in zip(values, table.kinds):
                row.cell(cell_text(value, kind))
        if table.total:
            row = grid.row(style=FontFace(emphasis="BOLD"))
            for value, kind in zip(table.total, table.kinds):
                row.cell(cell_text(value, kind))
