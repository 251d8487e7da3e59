"""The Báo cáo page in Chromium, at a phone's width and a desk's: the three downloads are clicked, the files opened,
and their headline figures read against SQL."""
import io
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from browser_support import assert_no_error, settled, shoot
from playwright.sync_api import expect

from core import formats, texts

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "desktop": (1440, 900)}


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as event:
        page.get_by_role("button", name=label).click()
    return Path(event.value.path()).read_bytes()


@pytest.mark.parametrize("size", SIZES)
def test_report_downloads_carry_the_database_figures(demo_server, browser, demo_con, size):
    year = 2024
    expected, submitted, met = demo_con.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (submitted), COUNT(*) FILTER (attainment IN ('Đạt', 'Vượt'))"
        " FROM unit_year WHERE year = ?", [year]).fetchone()
    sentence = (f"Năm {year}, có {formats.number(expected)} cơ quan, đơn vị, địa phương phải báo cáo; "
                f"{formats.number(submitted)} đơn vị đã báo cáo")
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(f"{demo_server}/report?year={year}")
    page.get_by_text(texts.REPORT_PAGE_TITLE.format(year=year)).wait_for(timeout=60_000)
    expect(page.locator("body")).to_contain_text(sentence, timeout=60_000)  # the preview says what the files say
    settled(page)
    assert_no_error(page)
    shoot(page, f"report_{size}")

    word = docx.Document(io.BytesIO(download(page, texts.DOWNLOAD_REPORT_DOCX)))
    assert any(p.text.startswith(sentence) for p in word.paragraphs)
    pdf = pypdf.PdfReader(io.BytesIO(download(page, texts.DOWNLOAD_REPORT_PDF)))
    assert sentence in " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    book = openpyxl.load_workbook(io.BytesIO(download(page, texts.DOWNLOAD_REPORT_XLSX)))
    first = book.worksheets[0]
    column = [first.cell(row, 3).value for row in range(5, first.max_row)]
    assert sum(column) == expected and first.cell(first.max_row, 3).value.startswith("=SUM(")
    assert_no_error(page)
    page.close()


def test_a_table_download_is_built_on_click_and_holds_the_table(demo_server, browser, demo_con):
    """Downloads are built only when clicked (a callable): the file must still be the table on the page."""
    year = 2024
    lagging = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = ? AND attainment IN ('Chưa nộp', 'Chưa đạt')",
                               [year]).fetchone()[0]
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page.goto(f"{demo_server}/?year={year}")
    page.get_by_text(texts.LAGGING_TITLE.format(year=year)).wait_for(timeout=60_000)
    expect(page.get_by_role("button", name=texts.DOWNLOAD_XLSX)).to_be_visible(timeout=60_000)
    settled(page)
    sheet = openpyxl.load_workbook(io.BytesIO(download(page, texts.DOWNLOAD_XLSX))).active
    assert sheet.max_row - 1 == lagging and sheet["A1"].value == texts.COLUMN_LABELS["unit"]
    csv = download(page, texts.DOWNLOAD_CSV).decode("utf-8-sig")
    assert len(csv.strip().splitlines()) - 1 == lagging
    page.close()
