"""The report pack as a Word document in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman,
margins 20 / 20 / 30 / 15 mm, the issuer and Quốc hiệu – Tiêu ngữ blocks, page numbers centred at the top from
page 2, "Nơi nhận" and the signature block; the appendices on landscape pages. Headings use Word's own "Heading 1/2"
styles, so staff can change the look of the whole document in Word's style pane, and keep that look for every later
report by saving one restyled report as the template (DVK_REPORT_TEMPLATE)."""
import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core import config, texts
from core.report_pack import INT, PERCENT, Heading, Report, Table, cell_text
from core.vntext import printable

FONT = "Times New Roman"
CENTER, RIGHT, JUSTIFY, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY,
                                WD_ALIGN_PARAGRAPH.LEFT)


def to_docx(report: Report) -> bytes:
    doc = _base()
    _page(doc.sections[0], landscape=False)
    _page_numbers(doc.sections[0])
    _masthead(doc, report)
    for block in report.body:
        if isinstance(block, Heading):
            doc.add_paragraph(printable(block.text), style="Heading 2" if block.text[:1].isdigit() else "Heading 1")
        else:
            _body(doc, block.text, italic=block.italic)
    _signature(doc)
    for table in report.appendices:
        _appendix(doc, table, report)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _base():
    """A new document in the house style, or, when staff have saved a restyled report as DVK_REPORT_TEMPLATE, that
    document emptied: its styles (fonts, sizes, spacing of Normal and the headings) are kept as they set them."""
    template = config.REPORT_TEMPLATE
    if template is None or not template.is_file():
        doc = Document()
        _styles(doc)
        return doc
    doc = Document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's settings stay; the page setup is set again below
            body.remove(child)
    return doc


def _styles(doc) -> None:
    for name, size, bold in (("Normal", 14, False), ("Heading 1", 14, True), ("Heading 2", 14, True)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.bold, style.font.italic = FONT, Pt(size), bold, False
        style.font.color.rgb = None
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font wins over
            fonts.attrib.pop(qn(theme), None)  # the named one: Word's headings would stay in the theme's sans
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(6)
        style.paragraph_format.line_spacing = 1.15
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].paragraph_format.first_line_indent = Mm(10)
        doc.styles[name].paragraph_format.keep_with_next = True


def _page(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def _page_numbers(section) -> None:
    """NĐ 30: the page number centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    for child in list(paragraph._p):  # a template's own number would otherwise be printed twice
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size=14, align=CENTER, underline=False, after=0):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(0), Pt(after)
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(printable(text))
    run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
    return paragraph


def _rule(paragraph, indent_mm: float) -> None:
    """A short horizontal line under a block (a bottom border on an empty, indented paragraph)."""
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent_mm)
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _grid(doc, rows: int, widths_mm: list[float], borders: bool):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    if borders:
        table.style = "Table Grid"
    for column, width in zip(table.columns, widths_mm):  # the grid's widths: LibreOffice reads these, not the cells'
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # cells start empty; lines are added
    return table


def _masthead(doc, report: Report) -> None:
    left, right = _grid(doc, 1, [62, 103], borders=False).rows[0].cells
    _line(left, config.REPORT_PARENT_ORG, size=13)
    _line(left, config.REPORT_ORG, bold=True, size=13)
    _rule(_line(left, "", size=4), 22)
    _line(left, texts.REPORT_NUMBER.format(code=config.REPORT_ORG_CODE), size=13)
    _line(right, texts.REPORT_MOTTO, bold=True, size=12)
    _line(right, texts.REPORT_MOTTO_LINE, bold=True, size=13)
    _rule(_line(right, "", size=4), 24)
    _line(right, texts.REPORT_PLACE_DATE.format(place=config.REPORT_PLACE, year=report.issued_year), italic=True,
          size=14, after=0).paragraph_format.space_before = Pt(6)
    _line(doc, texts.REPORT_KIND, bold=True, size=14).paragraph_format.space_before = Pt(18)
    _line(doc, texts.REPORT_SUBJECT.format(year=report.year), bold=True, size=14)
    _rule(_line(doc, "", size=4, after=6), 60)
    _body(doc, report.scope, italic=True)


def _body(doc, text: str, italic: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.add_run(printable(text)).italic = italic


def _signature(doc) -> None:
    left, right = _grid(doc, 1, [80, 85], borders=False).rows[0].cells
    _line(left, texts.REPORT_RECIPIENTS, bold=True, italic=True, size=12, align=LEFT)
    recipients = config.REPORT_RECIPIENTS
    for index, name in enumerate(recipients):
        _line(left, f"- {name}{'.' if index == len(recipients) - 1 else ';'}", size=11, align=LEFT)
    _line(right, config.REPORT_SIGNER_ROLE, bold=True, size=14)
    _line(right, config.REPORT_SIGNER_TITLE, bold=True, size=14)
    _line(right, texts.REPORT_SIGNATURE_NOTE, italic=True, size=13)


def _appendix(doc, table: Table, report: Report) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # a new section copies the first one's: numbered throughout
    _page(section, landscape=True)
    _line(doc, texts.REPORT_APPENDIX.format(n=table.number), bold=True)
    _line(doc, table.title, bold=True)
    _line(doc, texts.REPORT_APPENDIX_NOTE.format(code=config.REPORT_ORG_CODE, year=report.issued_year),
          italic=True, after=12)
    if not table.rows:
        _body(doc, texts.REPORT_EMPTY_TABLE)
        return
    _data_table(doc, table)


def _data_table(doc, table: Table) -> None:
    width = 297 - 30 - 15
    widths = [width * w / sum(table.widths) for w in table.widths]
    rows = table.rows + ([table.total] if table.total else [])
    grid = _grid(doc, len(rows) + 1, widths, borders=True)
    _repeat_header(grid.rows[0])
    for cell, name in zip(grid.rows[0].cells, table.columns):
        _line(cell, name, bold=True, size=12)
    for values, row in zip(rows, grid.rows[1:]):
        bold = values is table.total
        for index, (cell, value, kind) in enumerate(zip(row.cells, values, table.kinds)):
            align = CENTER if index == 0 else RIGHT if kind in (INT, PERCENT) else LEFT  # STT is centred
            _line(cell, cell_text(value, kind), size=12, bold=bold, align=align)


def _repeat_header(row) -> None:
    """The column titles repeat at the top of every page a long table runs over."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)
