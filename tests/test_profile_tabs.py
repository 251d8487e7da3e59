"""Hồ sơ đơn vị draws only the open tab's table (a table costs the browser far more than the run, issue 12); each
tab, once opened, shows its rows of the unit under Vietnamese column names."""
import pytest
from app_support import open_page
from streamlit.testing.v1 import AppTest

from core import config, texts

pytestmark = pytest.mark.slow
PROFILE = "pages/dashboard/profile.py"


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    return AppTest.from_file("../app.py", default_timeout=60)


def test_only_the_open_tab_is_drawn_and_each_tab_shows_the_units_rows(app, demo_con):
    unit_id, models, commendations = demo_con.execute(  # a unit whose profile pools no other unit's rows
        """SELECT u.unit_id, (SELECT COUNT(*) FROM models m WHERE m.unit_id = u.unit_id) AS n_models,
                  (SELECT COUNT(*) FROM commendations c WHERE c.unit_id = u.unit_id) AS n_commendations
           FROM units u
           WHERE NOT EXISTS (SELECT 1 FROM unit_area a WHERE a.area_id = u.unit_id AND a.unit_id <> u.unit_id)
             AND n_models > 0 AND n_commendations > 0
           ORDER BY u.unit_id LIMIT 1""").fetchall()[0]
    at = open_page(app, PROFILE, unit=str(unit_id))
    [first] = at.dataframe  # the years: the other three tables are not sent
    assert texts.COLUMN_LABELS["attainment"] in first.value.columns
    labels = set(texts.COLUMN_LABELS.values())
    assert set(first.value.columns) <= labels
    for tab, rows in ((texts.PROFILE_MODELS, models), (texts.PROFILE_COMMENDATIONS, commendations),
                      (texts.PROFILE_UPLOADS, None)):
        at.session_state["profile_tab"] = tab  # what a click on the tab does
        at.run()
        assert not at.exception
        [table] = at.dataframe
        assert rows is None or len(table.value) == rows, tab
        assert set(table.value.columns) <= labels, (tab, set(table.value.columns) - labels)  # no SQL name shown
