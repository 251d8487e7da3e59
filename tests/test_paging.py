"""Long lists a page at a time (issue 12): the pages of the Khen thưởng list add up to the whole list, its totals
are its rows, and the page shows one page with the rows it holds and how many there are."""
import pandas as pd
import pytest
from app_support import open_page
from streamlit.testing.v1 import AppTest

from core import config, formats, queries, texts
from core.vocab import PRAISE

STATES = [  # (year_from, year_to, district, boundary)
    (2024, 2024, None, "reported"), (2021, 2026, None, "reported"), (2021, 2026, None, "today"),
    (2024, 2024, "Huyện Trà Bồng", "today"), (2021, 2025, "Thành phố Quảng Ngãi", "reported"),
]


def params(year_from, year_to, district, boundary, **more) -> dict:
    return {"year_from": year_from, "year_to": year_to, "district": district, "unit_group": None, "field": None,
            "old_province": None, "boundary": boundary, **more}


@pytest.mark.parametrize("state", STATES)
def test_the_pages_of_the_list_are_the_whole_list(demo_con, state):
    whole = queries.run(demo_con, queries.COMMENDATION_LIST, **params(*state))
    assert len(whole) > 7
    pages = [queries.run(demo_con, queries.COMMENDATION_PAGE, **params(*state, limit=7, offset=offset))
             for offset in range(0, len(whole) + 7, 7)]
    assert all(len(page) == 7 for page in pages[:len(whole) // 7])
    assert pages[-1].empty  # read one page past the end: nothing more
    pd.testing.assert_frame_equal(pd.concat([p for p in pages if not p.empty], ignore_index=True), whole)


@pytest.mark.parametrize("state", STATES)
def test_the_totals_are_the_rows_of_the_list(demo_con, state):
    whole = queries.run(demo_con, queries.COMMENDATION_LIST, **params(*state))
    totals = queries.run(demo_con, queries.COMMENDATION_TOTALS, **params(*state)).iloc[0]
    assert totals["total"] == len(whole)
    assert totals["praise"] == (whole["award"] == PRAISE).sum()
    # and the list is the commendations of those years reported by the units of the area, each once
    year_from, year_to, district, boundary = state
    expected = demo_con.execute("""SELECT COUNT(*) FROM commendations c WHERE c.year BETWEEN ? AND ?
        AND c.unit_id IN (SELECT a.unit_id FROM unit_area a JOIN units u ON u.unit_id = a.area_id
                          WHERE a.boundary = ? AND (? IS NULL OR COALESCE(u.district, 'Cấp tỉnh') = ?))""",
                                [year_from, year_to, boundary, district, district]).fetchone()[0]
    assert totals["total"] == expected


def test_the_order_is_the_former_one_made_total(demo_con):
    """Only ties (same year, day and unit) are ordered now, by id: no row moved otherwise."""
    state = params(2021, 2026, None, "reported")
    former = queries.COMMENDATION_LIST.replace(", c.commendation_id", "")
    assert former != queries.COMMENDATION_LIST
    keys = ["year", "decision_date", "unit"]
    pd.testing.assert_frame_equal(queries.run(demo_con, queries.COMMENDATION_LIST, **state)[keys],
                                  queries.run(demo_con, former, **state)[keys])


@pytest.mark.slow
def test_the_page_shows_one_page_and_says_how_many(demo_db, demo_con, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    monkeypatch.setattr(config, "LIST_PAGE_ROWS", 20)
    app = AppTest.from_file("../app.py", default_timeout=60)
    at = open_page(app, "pages/dashboard/commendations.py", year="2021-2026")
    total = demo_con.execute("SELECT COUNT(*) FROM commendations WHERE year BETWEEN 2021 AND 2026").fetchone()[0]
    assert total > 40
    assert len(at.dataframe[0].value) == 20
    shown = texts.LIST_ROWS_SHOWN.format(first=1, last=20, total=formats.number(total))
    assert shown in [c.value for c in at.caption]
    box = at.number_input(key="commendations_page")
    box.set_value(2).run()
    assert not at.exception
    whole = queries.run(demo_con, queries.COMMENDATION_LIST, **params(2021, 2026, None, "reported"))
    second = at.dataframe[0].value
    assert len(second) == 20
    assert list(second.iloc[:, 1]) == list(whole["unit"][20:40])
    assert texts.LIST_ROWS_SHOWN.format(first=21, last=40, total=formats.number(total)) in [c.value
                                                                                          for c in at.caption]


def test_the_download_reads_the_whole_list(demo_db, demo_con, monkeypatch):
    """What the page's download buttons call on click: every row, not the page shown."""
    from dashboard.db_access import query_now

    monkeypatch.setattr(config, "DB_PATH", demo_db)
    state = params(2021, 2026, None, "reported")
    whole = query_now(queries.COMMENDATION_LIST, figures=None, **state, limit=5, offset=0)
    pd.testing.assert_frame_equal(whole, queries.run(demo_con, queries.COMMENDATION_LIST, **state))
    assert len(whole) > 5  # the limit and offset a page passes are not the download's
