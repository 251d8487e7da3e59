"""Downloads: Vietnamese headers, frozen header, dates as dates, formula-looking text as text."""
import datetime as dt
import io

import openpyxl
import pandas as pd

from core.xlsx import to_csv, to_xlsx

FRAME = pd.DataFrame({"Đơn vị": ["=HYPERLINK(\"x\")", "+84 905", "Xã Tịnh Hòa"], "Số mô hình": [1, 2, None],
                      "Ngày quyết định": pd.to_datetime(["2024-12-05", None, "2025-01-02"])})


def test_xlsx_is_formatted_and_safe():
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(FRAME, "Danh sách"))).active
    assert ws.title == "Danh sách" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["Đơn vị", "Số mô hình", "Ngày quyết định"]
    assert ws["A2"].value == "=HYPERLINK(\"x\")" and ws["A2"].data_type == "s"
    assert ws["A3"].data_type == "s"
    assert ws["B2"].value == 1 and ws["B4"].value is None
    assert ws["C2"].value == dt.datetime(2024, 12, 5) and ws["C2"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["A"].width >= len("Xã Tịnh Hòa")


def test_csv_has_a_bom_vietnamese_dates_and_no_live_formulas():
    text = to_csv(FRAME).decode("utf-8")
    assert text.startswith("\ufeffĐơn vị,Số mô hình,Ngày quyết định")
    assert "'=HYPERLINK" in text and "'+84 905" in text and "05/12/2024" in text and ",1," in text
