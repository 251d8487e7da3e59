"""Vietnamese everywhere, and nothing misleading (issue 14 §4): the alphabetical order of names, the unit picker's
search, empty states in plain words, no command lines in what viewers read, reminders never sent to their sender."""
import datetime as dt
import random
import re

import duckdb
import pandas as pd
import pytest

from core import config, queries, report_queries, texts
from core.url_filters import Filters
from dashboard import style, tables

# The Vietnamese alphabet (Bộ Giáo dục: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), and each vowel's
# tones in CLDR's order for vi (common/collation/vi.xml): no mark, huyền, hỏi, ngã, sắc, nặng.
ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
TONES = ["a", "à", "ả", "ã", "á", "ạ"]
NAMES_IN_ORDER = ["Ba", "Bà", "Bả", "Bá", "Ba Tô", "Ba Tơ", "Dz", "Đ", "E", "Ê", "Huyện Ba Tơ", "Huyện Bình Sơn",
                  "Huyện Đắk Hà", "Huyện Đăk Tô", "Huyện Sơn Tịnh", "Huyện Tư Nghĩa", "Thành phố Kon Tum", "Ư"]
NAME_COLUMNS = {"unit", "name", "district", "unit_group", "commune", "theme", "model", "old_province"}


def vi_sorted(values: list[str]) -> list[str]:
    con = duckdb.connect()
    try:
        frame = pd.DataFrame({"x": values})
        con.register("t", frame)
        return [r[0] for r in con.execute(f"SELECT x FROM t ORDER BY x {queries.VI}").fetchall()]
    finally:
        con.close()


@pytest.mark.parametrize("expected", [ALPHABET, [a.upper() for a in ALPHABET], TONES, NAMES_IN_ORDER],
                         ids=["alphabet", "capitals", "tones", "names"])
def test_the_collation_follows_the_vietnamese_alphabet_and_cldr_tones(expected):
    shuffled = expected[:]
    random.Random(14).shuffle(shuffled)
    assert vi_sorted(shuffled) == expected


def _order_terms(sql: str) -> list[str]:
    terms = []
    for clause in re.findall(r"ORDER BY (.+?)(?:\)|LIMIT|\n|$)", sql):
        terms += [t.strip() for t in clause.split(",")]
    return terms


def test_every_order_by_of_a_name_uses_the_vietnamese_collation():
    unsorted = []
    named = [item for module in (queries, report_queries) for item in vars(module).items()]
    for name, sql in named:
        if not name.isupper() or not isinstance(sql, str) or "ORDER BY" not in sql:
            continue
        for term in _order_terms(sql):
            column = term.split()[0].split(".")[-1] if term else ""
            if not {"(", "="} & set(term) and column in NAME_COLUMNS and queries.VI not in term:  # expressions aside
                unsorted.append(f"{name}: {term}")
    assert unsorted == []


def test_filter_options_come_in_vietnamese_order(demo_con):
    districts = queries.run(demo_con, queries.DISTRICTS)["district"].tolist()
    assert districts[0] == texts.PROVINCIAL_LEVEL
    assert districts[1:] == vi_sorted(districts[1:])
    assert districts.index("Huyện Đắk Hà") < districts.index("Huyện Tư Nghĩa")
    groups = queries.run(demo_con, queries.GROUPS)["unit_group"].tolist()
    assert groups == vi_sorted(groups)


def _picker(demo_con) -> dict[str, str]:
    units = queries.run(demo_con, queries.ALL_UNITS)
    return dict(zip(units["unit"] + " " + units["code"], tables.unit_labels(units)))


def _streamlit_contains(labels: list[str], typed: str) -> list[str]:
    """st.selectbox(filter_mode="contains"): the label holds what is typed, ignoring case only."""
    return [label for label in labels if typed.lower() in label.lower()]


@pytest.mark.parametrize("typed, unit", [
    ("tinh hoa", "Xã Tịnh Hòa"), ("TINH HOA", "Xã Tịnh Hòa"), ("Tịnh Hòa", "Xã Tịnh Hòa"),
    ("dak to", "Xã Đăk Tô"), ("Đắk Tô", "Xã Đăk Tô"), ("Đăk Tô", "Xã Đăk Tô"), ("xa dak to", "Xã Đăk Tô"),
    ("dong son", "Xã Đông Sơn"), ("21187", "Xã Tịnh Hòa"), ("so tu phap", "Sở Tư pháp"),
])
def test_the_unit_picker_finds_units_without_accents(demo_con, typed, unit):
    found = _streamlit_contains(list(_picker(demo_con).values()), typed)
    assert any(label.startswith(f"{unit} (") for label in found), found[:5]


def test_a_unit_merged_away_points_to_its_successor(demo_con):
    label = next(v for k, v in _picker(demo_con).items() if k.startswith("Xã Tịnh Hòa "))
    assert "→ sáp nhập vào Xã Đông Sơn từ 01/07/2025" in label
    today = next(v for k, v in _picker(demo_con).items() if k.startswith("Xã Đông Sơn "))
    assert "→" not in today


def test_the_picker_lists_units_in_vietnamese_order(demo_con):
    units = queries.run(demo_con, queries.ALL_UNITS)["unit"].tolist()
    assert units == vi_sorted(units)


@pytest.mark.parametrize("filters, staff, expected", [
    (Filters(2024, 2024), False,
     "Chưa có đơn vị nào phải báo cáo năm 2024. Hãy chọn năm, khu vực hoặc khối khác."),
    (Filters(2021, 2024, district="Huyện Ba Tơ", unit_group="Cấp xã"), False,
     "Chưa có đơn vị nào phải báo cáo các năm 2021–2024, khu vực Huyện Ba Tơ, khối Cấp xã. Hãy chọn năm, khu vực "
     "hoặc khối khác."),
    (Filters(2026, 2026, field="Kinh tế", old_province="Kon Tum"), True,
     "Chưa có đơn vị nào phải báo cáo năm 2026, lĩnh vực Kinh tế, tỉnh cũ Kon Tum. Hãy chọn năm, khu vực hoặc khối "
     "khác. Báo cáo của các đơn vị được nạp ở trang \"Tải lên báo cáo\"."),
])
def test_an_empty_state_says_what_is_empty_for_the_filters(filters, staff, expected):
    assert tables.empty_message(filters, texts.EMPTY_UNITS, staff=staff) == expected


VIEWER_TEXTS = [n for n in dir(texts) if n.isupper() and not n.startswith(("CLI_", "ERR_REGISTRY", "ERR_EXPORT"))]


@pytest.mark.parametrize("name", VIEWER_TEXTS)
def test_no_command_line_in_what_viewers_and_units_read(name):
    value = getattr(texts, name)
    words = " ".join(map(str, value.values() if isinstance(value, dict) else
                         value if isinstance(value, (list, tuple)) else [value]))
    assert "python -m" not in words and "--db" not in words and "DVK_" not in words.replace("DVK_LOCK_WAIT", "")


def test_reminders_are_never_addressed_to_their_sender(demo_con):
    missing = queries.run(demo_con, queries.NOT_REPORTED, year=2026, district=None, unit_group=None,
                          old_province=None, sender=config.REMINDER_SENDER)
    sender = demo_con.execute("SELECT name FROM units WHERE code = ?", [config.REMINDER_SENDER]).fetchone()[0]
    assert sender in missing["unit"].tolist()  # the demo's Ban has not reported for 2026 …
    reminders, own = tables.with_reminders(missing, 2026)
    assert own == [sender]  # … and is named apart, not reminded by itself
    assert sender not in reminders["unit"].tolist() and len(reminders) == len(missing) - 1
    assert not reminders["reminder"].str.contains(f"Kính gửi {sender}:", regex=False).any()


def test_a_reminder_after_the_years_due_day_says_the_report_is_late(demo_con, monkeypatch):
    monkeypatch.setenv("DVK_TODAY", "20/12/2024")
    missing = queries.run(demo_con, queries.NOT_REPORTED, year=2024, district=None, unit_group=None,
                          old_province=None, sender=config.REMINDER_SENDER)
    before, _ = tables.with_reminders(missing, 2024, dt.date(2024, 12, 31))
    after, _ = tables.with_reminders(missing, 2024, dt.date(2024, 12, 15))
    unit = after["unit"].iloc[0]
    assert before["reminder"].iloc[0] == texts.REMINDER.format(unit=unit, year=2024, due="27/12/2024")
    assert after["reminder"].iloc[0] == texts.REMINDER_LATE.format(unit=unit, year=2024, due="27/12/2024",
                                                                   year_due="15/12/2024")
    assert "đã quá hạn nộp ngày 15/12/2024" in after["reminder"].iloc[0]


def test_units_merged_into_the_sender_are_not_reminded_either(demo_con):
    missing = queries.run(demo_con, queries.NOT_REPORTED, year=2024, district=None, unit_group=None,
                          old_province=None, sender=config.REMINDER_SENDER)
    _, own = tables.with_reminders(missing, 2024)
    assert "Ban Dân vận Tỉnh ủy" in own


def test_uploads_show_display_names(tmp_path, monkeypatch):
    from core.auth import add_account

    accounts = tmp_path / "accounts.json"
    add_account(accounts, "lan", "mat-khau-dai", "staff", "Nguyễn Thị Lan")
    monkeypatch.setattr(config, "ACCOUNTS_PATH", accounts)
    uploads = pd.DataFrame({"uploaded_by": ["lan", "cli-user"], "rolled_back_by": [None, "lan"]})
    shown = tables.with_people(uploads)
    assert shown["uploaded_by"].tolist() == ["Nguyễn Thị Lan", "cli-user"]
    assert shown["rolled_back_by"].iloc[1] == "Nguyễn Thị Lan" and pd.isna(shown["rolled_back_by"].iloc[0])


@pytest.mark.parametrize("typed, rows", [("", 3), ("dak to", 1), ("ĐẮK TÔ", 1), ("lan", 2), ("zzz", 0)])
def test_search_rows_is_accent_insensitive(typed, rows):
    frame = pd.DataFrame({"unit_names": ["Xã Đăk Tô; Xã Pô Kô", "Xã Tịnh Hòa", None],
                          "uploaded_by": ["Nguyễn Thị Lan", "Nguyễn Thị Lan", "Trần Văn Nam"]})
    assert len(tables.search_rows(frame, typed, ["unit_names", "uploaded_by"])) == rows


def test_the_stylesheet_fills_every_word_and_quotes_it():
    css = style.vietnamese_css()
    assert not re.search(r"content: [A-Z_]+;", css)
    assert f'content: "{texts.UI_UPLOAD_BUTTON}";' in css
    assert texts.UI_UPLOAD_HINT.format(mb=config.MAX_UPLOAD_MB) in css
    assert style.css_text('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


def _app_with_a_failing_callback():
    import streamlit as st

    from dashboard.failures import guarded, show_callback_failure

    def fail():
        raise RuntimeError("/srv/secret/path: boom")

    st.button("Bấm", key="go", on_click=guarded(fail))
    show_callback_failure()


def test_an_error_in_a_callback_reaches_the_viewer_as_the_vietnamese_message_only(caplog):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_app_with_a_failing_callback, default_timeout=30).run()
    at.button(key="go").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [texts.UNEXPECTED_ERROR]
    assert "boom" in caplog.text  # the details go to the server log
