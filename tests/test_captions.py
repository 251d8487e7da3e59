"""A page's caption says its years as a reader would: "năm 2024" for one year, "năm 2022–2024" for a range."""
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
