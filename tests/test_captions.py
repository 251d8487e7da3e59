"""A page's caption and Lĩnh vực's charts say their years as a reader would: "năm 2024" for one year, "năm 2022–2024" for a range."""
import json

import pytest
from app_support import open_page
from streamlit.testing.v1 import AppTest

from core import config, formats

pytestmark = pytest.mark.slow


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    return AppTest.from_file("../app.py", default_timeout=60)


def test_years_are_one_year_or_a_range():
    assert formats.years(2024, 2024) == "2024" and formats.years(2021, 2024) == "2021–2024"


@pytest.mark.parametrize("page", ["pages/dashboard/units.py", "pages/dashboard/fields.py"])
@pytest.mark.parametrize(("chosen", "said"), [("2024", "năm 2024"), ("2022-2024", "năm 2022–2024")])
def test_the_caption_says_the_chosen_years(app, page, chosen, said):
    at = open_page(app, page, year=chosen)
    captions = " ".join(c.value for c in at.caption)
    assert said in captions and "2024–2024" not in captions, captions


@pytest.mark.parametrize(("chosen", "trend", "counted"), [("2024", "Các năm đến 2024", "Năm 2024"),
                                                          ("2022-2024", "Năm 2022–2024", "Năm 2022–2024")])
def test_each_chart_of_linh_vuc_says_its_years(app, chosen, trend, counted):
    """One chosen year: the charts by year show the years up to it (queries.TREND), the chart by khu vực that year."""
    at = open_page(app, "pages/dashboard/fields.py", year=chosen)
    subtitles = [json.loads(chart.proto.spec)["title"].get("subtitle") for chart in at.get("vega_lite_chart")[:3]]
    assert subtitles == [trend, trend, counted]
