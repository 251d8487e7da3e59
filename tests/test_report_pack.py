"""The report pack (Báo cáo): the .docx is opened with python-docx, the PDF with pypdf and the workbook with openpyxl;
their figures are checked against SQL written here independently of the app's queries, and every Vietnamese letter
must come back out of each file."""
import datetime as dt
import io
import re

import docx
import openpyxl
import pypdf
import pytest
from docx.shared import Pt

from core import config, formats, report_docx, report_pack, report_pdf, report_xlsx, texts
from core.report_pack import INT, PERCENT, TEXT, Paragraph, Report, Table
from core.url_filters import Filters

# Every letter of Vietnamese, lower and upper case (the 134 of the alphabet with its tones, đ included).
VOWELS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ"
VIETNAMESE = VOWELS + "đ" + VOWELS.upper() + "Đ"
# the same letters as words (a vowel with its five tones), so a line may wrap between them
VIETNAMESE_WORDS = " ".join(VIETNAMESE[i:i + 6] for i in range(0, len(VIETNAMESE), 6))
TODAY = dt.date(2026, 11, 25)


def docx_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    """The text of every page, without the page numbers at the top of pages 2 and on."""
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    body = [pages[0]] + [text.split("\n", 1)[1] if "\n" in text else "" for text in pages[1:]]
    return " ".join(" ".join(body).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


def paragraph_numbers(text: str, start: str) -> list[int]:
    """The whole numbers after `start` in the paragraph it begins, in order (1.234 read as 1234; 17,7% left out)."""
    found = next(line for line in text.split("\n") if line.startswith(start))[len(start):]
    return [int(n.replace(".", "")) for n in re.findall(r"(?<![\d,.])\d+(?:\.\d{3})*(?![\d,%])", found)]


def sql_year(con, year: int) -> dict:
    expected, submitted, met = con.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (submitted), COUNT(*) FILTER (attainment IN ('Đạt', 'Vượt'))"
        " FROM unit_year WHERE year = ?", [year]).fetchone()
    counted = con.execute("SELECT COUNT(*) FROM counted_models WHERE year = ?", [year]).fetchone()[0]
    models = con.execute("SELECT COUNT(*) FROM models WHERE year = ?", [year]).fetchone()[0]
    awards, praise = con.execute(
        "SELECT COUNT(*) FILTER (award <> 'Biểu dương'), COUNT(*) FILTER (award = 'Biểu dương')"
        " FROM commendations WHERE year = ?", [year]).fetchone()
    return {"expected": expected, "submitted": submitted, "met": met, "counted": counted, "models": models,
            "awards": awards, "praise": praise}


def reported_year(con) -> int:
    """The latest year with reports and a year before it that has some too (the demo's 2021–2026)."""
    return con.execute("SELECT MAX(year) FROM unit_year WHERE submitted AND year < 2025").fetchone()[0]


@pytest.fixture
def report_2024(demo_con):
    year = reported_year(demo_con)
    return year, report_pack.build(demo_con, Filters(year, year), year, TODAY)


def test_docx_figures_equal_sql(demo_con, report_2024):
    year, report = report_2024
    text = docx_text(docx.Document(io.BytesIO(report_docx.to_docx(report))))
    now, before = sql_year(demo_con, year), sql_year(demo_con, year - 1)
    assert paragraph_numbers(text, f"Năm {year}, có")[:3] == [now["expected"], now["submitted"], now["met"]]
    assert paragraph_numbers(text, "Trong năm, các đơn vị báo cáo")[:2] == [now["models"], now["counted"]]
    assert f"năm {year - 1} có {formats.number(before['counted'])} mô hình được tính" in text
    assert f"Có {formats.number(now['awards'])} lượt tập thể, cá nhân được khen thưởng" in text
    assert f"Ngoài ra có {formats.number(now['praise'])} lượt biểu dương" in text
    rate_now = 100 * now["met"] / now["expected"]
    rate_before = 100 * before["met"] / before["expected"]
    assert formats.decimal(abs(round(rate_now - rate_before, 1))) + " điểm phần trăm" in text
    lagging = now["expected"] - now["met"]
    assert paragraph_numbers(text, "Còn ")[:2] == [now["expected"] - now["submitted"], lagging - (
        now["expected"] - now["submitted"])]


def test_appendix_by_district_equals_sql(demo_con, report_2024):
    year, report = report_2024
    expected = {d: (e, s, m) for d, e, s, m in demo_con.execute(
        "SELECT COALESCE(u.district, 'Cấp tỉnh'), COUNT(*), COUNT(*) FILTER (y.submitted),"
        " COUNT(*) FILTER (y.attainment IN ('Đạt', 'Vượt')) FROM unit_year y JOIN units u USING (unit_id)"
        " WHERE y.year = ? GROUP BY ALL", [year]).fetchall()}
    table = docx.Document(io.BytesIO(report_docx.to_docx(report))).tables[2]  # masthead, signature, Phụ lục 1
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][1] == texts.COLUMN_LABELS["district"]
    shown = {r[1]: tuple(int(v.replace(".", "")) for v in r[2:5]) for r in rows[1:-1]}
    assert shown == expected
    total = sql_year(demo_con, year)
    assert rows[-1][1] == texts.REPORT_TOTAL
    assert [int(v.replace(".", "")) for v in rows[-1][2:5]] == [total["expected"], total["submitted"], total["met"]]
    assert int(rows[-1][6]) == total["counted"]


def test_district_filter_narrows_every_figure(demo_con):
    district, year = demo_con.execute(
        "SELECT u.district, y.year FROM unit_year y JOIN units u USING (unit_id) WHERE y.submitted"
        " AND u.district IS NOT NULL AND y.year < 2025 ORDER BY y.year DESC, u.district LIMIT 1").fetchone()
    report = report_pack.build(demo_con, Filters(year, year, district=district), year, TODAY)
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year JOIN units USING (unit_id) WHERE year = ?"
                                " AND units.district = ?", [year, district]).fetchone()[0]
    assert f"khu vực {district}" in report.scope
    assert report.appendices[0].total[2] == expected
    assert [row[1] for row in report.appendices[0].rows] == [district]
    assert f"có {formats.number(expected)} cơ quan" in report.body[3].text


def test_2025_explains_the_unit_count_instead_of_a_decline(demo_con):
    report = report_pack.build(demo_con, Filters(2025, 2025), 2025, TODAY)
    text = "\n".join(b.text for b in report.body)
    now, before = sql_year(demo_con, 2025), sql_year(demo_con, 2024)
    assert now["expected"] != before["expected"]
    assert (f"Số đơn vị phải báo cáo năm 2025 là {formats.number(now['expected'])} "
            f"(năm 2024: {formats.number(before['expected'])}), thay đổi do sắp xếp") in text
    assert "điểm phần trăm" in text or "không đổi" in text
    assert "-" + formats.number(before["expected"] - now["expected"]) not in text


def test_docx_follows_decree_30_layout(report_2024):
    _, report = report_2024
    document = docx.Document(io.BytesIO(report_docx.to_docx(report)))
    first = document.sections[0]
    def mm(*lengths):  # Word stores twentieths of a point: compare to the millimetre
        return [round(length.mm) for length in lengths]

    assert mm(first.page_width, first.page_height) == [210, 297]
    assert mm(first.top_margin, first.bottom_margin, first.left_margin, first.right_margin) == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert first.different_first_page_header_footer
    assert 'w:instr="PAGE"' in first.header._element.xml
    masthead = [c.text for c in document.tables[0].rows[0].cells]
    assert config.REPORT_ORG in masthead[0] and texts.REPORT_NUMBER.format(code=config.REPORT_ORG_CODE) in masthead[0]
    assert texts.REPORT_MOTTO in masthead[1] and texts.REPORT_MOTTO_LINE in masthead[1]
    paragraphs = [p.text for p in document.paragraphs]
    assert texts.REPORT_SUBJECT.format(year=report.year) in paragraphs
    signature = document.tables[1].rows[0].cells
    assert signature[0].paragraphs[0].text == texts.REPORT_RECIPIENTS and signature[0].paragraphs[0].runs[0].italic
    assert config.REPORT_SIGNER_TITLE in signature[1].text
    appendices = document.sections[1:]
    assert len(appendices) == 4 and all(mm(s.page_width, s.page_height) == [297, 210] for s in appendices)
    assert not any(s.different_first_page_header_footer for s in appendices)  # numbered on their first page too
    assert all(c.width is not None and round(c.width.mm) > 5 for c in document.tables[2].columns)  # grid widths


def test_pdf_says_what_the_docx_says(report_2024):
    _, report = report_2024
    data = report_pdf.to_pdf(report)
    text = pdf_text(data)
    for block in report.body:
        assert one_line(block.text) in text
    assert one_line(report.scope) in text
    for table in report.appendices:
        assert table.title in text
        for row in table.rows[:5]:
            assert report_pack.cell_text(row[1], TEXT) in text
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.pages[1].extract_text().split("\n")[0] == "2"  # numbered from page 2
    assert not reader.pages[0].extract_text().startswith("1")
    fonts = {f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert all("LiberationSerif" in name for name in fonts)  # embedded, subset ("ABCDEF+LiberationSerif")


def letters_report() -> Report:
    table = Table(1, "Bảng " + VIETNAMESE, ["STT", VIETNAMESE, "Số"], [INT, TEXT, PERCENT], [1, 8, 1],
                  [[1, VIETNAMESE, 12.5], [2, "=HYPERLINK(\"http://x\")", None]], total=[None, "Tổng", 12.5])
    return Report(2025, 2026, "Phạm vi " + VIETNAMESE, [Paragraph(VIETNAMESE_WORDS)], [table])


def test_every_vietnamese_letter_survives_each_format():
    report = letters_report()
    assert VIETNAMESE_WORDS in pdf_text(report_pdf.to_pdf(report))
    assert VIETNAMESE_WORDS in docx_text(docx.Document(io.BytesIO(report_docx.to_docx(report))))
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx.to_xlsx(report))).active
    assert sheet["B5"].value == VIETNAMESE and sheet["A1"].value == "Bảng " + VIETNAMESE


def test_workbook_has_numbers_filters_colours_and_safe_sums(demo_con, report_2024):
    year, report = report_2024
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx.to_xlsx(report)))
    assert book.sheetnames == [texts.REPORT_APPENDIX_SHEET.format(n=n) for n in (1, 2, 3, 4)]
    first = book.worksheets[0]
    assert first["A2"].value == report.scope and formats.date(TODAY) not in first["A1"].value
    rows = list(first.iter_rows(min_row=5, values_only=True))
    assert all(isinstance(r[2], int) and (r[5] is None or isinstance(r[5], (int, float))) for r in rows[:-1])
    total = rows[-1]
    last = 4 + len(rows) - 1
    assert total[2] == f"=SUM(C5:C{last})" and total[5] == f'=IF(C{last + 1}=0,"",E{last + 1}/C{last + 1})'
    assert first.cell(5, 6).number_format == "0.0%"
    lagging = book.worksheets[2]
    states = {row[4].value: row[4].fill.fgColor.rgb for row in lagging.iter_rows(min_row=5)}
    assert states[texts.NOT_SUBMITTED].endswith("BBBBBB")


def test_a_total_that_is_not_the_sum_of_its_rows_stays_a_value():
    """In "today" mode a split commune's models sit under both successors: the rows add up to more than the area's
    total, so the workbook writes SQL's total, never a SUM that would double count."""
    table = Table(1, "t", ["STT", "Khu vực", texts.COLUMN_LABELS["expected"], texts.REPORT_COL_MET, "Mô hình"],
                  [INT, TEXT, INT, INT, INT], [1, 4, 2, 2, 2], [[1, "A", 3, 1, 4], [2, "B", 2, 2, 3]],
                  total=[None, "Tổng", 5, 3, 6])
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx.to_xlsx(Report(2025, 2026, "p", [], [table])))).active
    assert sheet["C7"].value == "=SUM(C5:C6)" and sheet["D7"].value == "=SUM(D5:D6)"
    assert sheet["E7"].value == 6


def test_hostile_text_stays_text_in_the_workbook():
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx.to_xlsx(letters_report()))).active
    assert sheet["B6"].value == "=HYPERLINK(\"http://x\")" and sheet["B6"].data_type == "s"
    assert sheet["C5"].value == 0.125


def test_cli_writes_the_three_files_for_a_district(demo_db, demo_con, tmp_path, capsys):
    from etl.cli import main

    district = demo_con.execute("SELECT MIN(district) FROM units WHERE district IS NOT NULL").fetchone()[0]
    assert main(["report", "--db", str(demo_db), "--year", "2024", "--district", district, str(tmp_path)]) == 0
    stem = tmp_path / "bao_cao_dan_van_kheo_2024"
    word = docx.Document(stem.with_suffix(".docx"))
    assert any(f"khu vực {district}" in p.text for p in word.paragraphs)
    assert pypdf.PdfReader(stem.with_suffix(".pdf")).pages
    assert openpyxl.load_workbook(tmp_path / "bao_cao_dan_van_kheo_2024_phu_luc.xlsx").sheetnames
    assert "Đã lập báo cáo năm 2024" in capsys.readouterr().out


def test_cli_refuses_a_district_it_does_not_know(demo_db, tmp_path, capsys):
    from etl.cli import main

    assert main(["report", "--db", str(demo_db), "--year", "2024", "--district", "Huyện Không Có", str(tmp_path)]) == 2
    assert "Không có Khu vực (huyện cũ) \"Huyện Không Có\"" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_restyled_report_saved_as_template_gives_its_styles(report_2024, tmp_path, monkeypatch):
    _, report = report_2024
    restyled = docx.Document(io.BytesIO(report_docx.to_docx(report)))  # as staff would, in Word
    restyled.styles["Normal"].font.size = Pt(13)
    restyled.styles["Heading 1"].font.name = "Arial"
    template = tmp_path / "mau.docx"
    restyled.save(template)
    monkeypatch.setattr(config, "REPORT_TEMPLATE", template)
    document = docx.Document(io.BytesIO(report_docx.to_docx(report)))
    assert document.styles["Normal"].font.size == Pt(13)
    assert document.styles["Heading 1"].font.name == "Arial"
    subject = texts.REPORT_SUBJECT.format(year=report.year)
    assert [p.text for p in document.paragraphs].count(subject) == 1  # the template's own text is gone
    assert len(document.tables) == 2 + 4 and len(document.sections) == 5
    assert document.sections[0].header._element.xml.count('w:instr="PAGE"') == 1
    assert round(document.sections[0].page_width.mm) == 210


def test_odd_text_from_reports_does_not_break_any_format():
    """A 400-letter word, control characters an old .xls load kept, an emoji: every file is still written, and the
    control characters are left out (XML refuses them)."""
    table = Table(4, "T", ["STT", "Tên", "Số"], [INT, TEXT, TEXT], [1, 8, 2],
                  [[1, "X" * 400, "Y" * 80], [2, "Nguyễn\x00 Văn\x07 An 🤝", None]])
    report = Report(2025, 2026, "Phạm vi\x01", [Paragraph("Z" * 500), Paragraph("Dòng\x02 cuối")], [table])
    assert "Nguyễn Văn An" in docx_text(docx.Document(io.BytesIO(report_docx.to_docx(report))))
    assert "Dòng cuối" in pdf_text(report_pdf.to_pdf(report))
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx.to_xlsx(report))).active
    assert sheet["B6"].value == "Nguyễn Văn An 🤝" and sheet["A2"].value == "Phạm vi"


def test_a_year_not_yet_due_is_compared_with_the_same_day_of_the_year_before(demo_con):
    """As the KPI cards do: on 25/11/2026 the 2026 report compares with 2025 as uploaded by 25/11/2025."""
    report = report_pack.build(demo_con, Filters(2026, 2026), 2026, dt.date(2026, 11, 25))
    text = "\n".join(b.text for b in report.body)
    assert "So với cùng kỳ năm 2025 (tính đến 25/11/2025), tỷ lệ đơn vị đạt chỉ tiêu" in text
    finished = report_pack.build(demo_con, Filters(2025, 2025), 2025, dt.date(2026, 11, 25))
    assert "So với năm 2024, tỷ lệ" in "\n".join(b.text for b in finished.body)
