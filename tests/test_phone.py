"""Phone first (issue 14 §3): the filter chips and their copy-link bar, the KPI cards' wrapping row, charts with their
legend above the plot and their year under the title, and the drill-down from a khu vực's bar to Đơn vị. What a person sees
at 390 px is checked in a real browser (test_browser_phone.py); here the app's output is read in AppTest."""
import json

import pandas as pd
import pytest
from app_support import open_page
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from core import config, texts
from core.palette import ATTAINMENT_COLORS
from core.url_filters import TODAY, Filters
from dashboard import vega_charts
from dashboard.drill import CHART_KEY, PICK
from dashboard.phone import chip_labels

DASHBOARD = ["pages/dashboard/overview.py", "pages/dashboard/units.py", "pages/dashboard/profile.py",
             "pages/dashboard/fields.py", "pages/dashboard/commendations.py"]


@pytest.mark.parametrize("filters, expected", [
    (Filters(2024, 2024), ["Năm 2024"]),
    (Filters(2021, 2024, district="Huyện Sơn Tịnh", field="Kinh tế"),
     ["Năm 2021–2024", "Khu vực (huyện cũ): Huyện Sơn Tịnh", "Lĩnh vực: Kinh tế"]),
    (Filters(2025, 2025, unit_group="Cấp xã", old_province="Kon Tum", boundary=TODAY),
     ["Năm 2025", "Quy đổi theo địa giới hiện nay", "Khối: Cấp xã", "Tỉnh cũ: Kon Tum"]),
])
def test_chips_name_the_filters_in_force_and_leave_out_the_defaults(filters, expected):
    assert chip_labels(filters) == expected


def test_a_legend_sits_above_the_plot_a_row_for_each_entry_and_the_plot_keeps_its_height():
    frame = pd.DataFrame({"year": [2023, 2023, 2024], "field": ["Kinh tế", "Duy trì", "Kinh tế"], "n": [1, 2, 3]})
    colors = {"Kinh tế": "#4477AA", "Duy trì": "#BBBBBB"}
    spec = vega_charts.stacked_bars(frame, x="year", y="n", color="field", colors=colors, title="t").to_dict()
    legend = spec["encoding"]["color"]["legend"]
    assert (legend["orient"], legend["direction"], legend["columns"]) == ("top", "vertical", 1)  # never beside it
    assert spec["height"] == vega_charts.PLOT_HEIGHT + vega_charts.LEGEND_ROW * len(colors)


def test_a_long_title_leaves_its_year_to_a_line_under_it():
    """At 390 px a title with its year ran past the chart's width and was cut with "…"."""
    frame = pd.DataFrame({"district": ["A", "B"], "attainment": ["Đạt", "Vượt"], "units": [1, 2]})
    spec = vega_charts.stacked_bars(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS,
                                    horizontal=True, title=texts.CHART_ATTAINMENT, subtitle="Năm 2024").to_dict()
    assert spec["title"]["text"] == texts.CHART_ATTAINMENT and spec["title"]["subtitle"] == "Năm 2024"
    assert len(texts.CHART_ATTAINMENT) <= 40 and len(texts.MAP_TITLE.format(n=96)) <= 40


# --- the app in AppTest (slow: a whole run each) ---

@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setattr(config, "DB_PATH", demo_db)
    return AppTest.from_file("../app.py", default_timeout=60)


def chips(at) -> list[str]:
    return [m.value for m in at.main if m.type == "markdown" and m.value.startswith(":blue-badge[")]


def filter_bar(at):
    return [e for e in at.get("bidi_component") if e.key == "filter_bar"]


@pytest.mark.slow
@pytest.mark.parametrize("page", DASHBOARD)
def test_every_dashboard_page_shows_its_filters_as_chips_with_the_copy_link_bar(app, page):
    at = open_page(app, page, year="2023", district="Huyện Sơn Tịnh", unit="1")
    assert chips(at) == [":blue-badge[Năm 2023]", ":blue-badge[Khu vực (huyện cũ): Huyện Sơn Tịnh]"]
    [bar] = filter_bar(at)
    assert texts.COPY_LINK in bar.proto.html_content and texts.OPEN_FILTERS in bar.proto.html_content
    assert "location.href" in bar.proto.js_content  # the link copied is the page's URL, filters included


@pytest.mark.slow
def test_staff_pages_have_no_chips(app):
    at = app.run()
    at.switch_page("pages/staff/signin.py").run()
    assert chips(at) == [] and filter_bar(at) == []


@pytest.mark.slow
def test_kpi_cards_sit_in_one_wrapping_row_with_a_link_to_the_units(app):
    at = open_page(app, DASHBOARD[0], year="2024")
    [row] = [b for b in at.main if getattr(b, "type", None) == "flex_container" and b.key == "kpi_cards"]
    assert [m.label for m in row.children.values()] == [m.label for m in at.metric] and len(at.metric) == 5
    assert row.proto.flex_container.wrap is True
    [link] = [p for p in at.get("page_link") if p.proto.label == texts.SEE_UNITS]
    assert "units" in link.proto.page


@pytest.mark.slow
def test_choosing_a_filter_tells_the_bar_to_close_the_sidebar(app):
    at = open_page(app, DASHBOARD[0], year="2024")
    assert json.loads(filter_bar(at)[0].proto.json)["close"] == 0
    at.sidebar.selectbox(key="f_district").select("Huyện Sơn Tịnh").run()
    assert json.loads(filter_bar(at)[0].proto.json)["close"] == 1
    at.run()  # a run without a new choice (a chart's click, a rerun) does not close it again
    assert json.loads(filter_bar(at)[0].proto.json)["close"] == 1


def tap(at: AppTest, key: str, pick: str, **fields) -> AppTest:
    """What the browser sends when a mark of the chart `key` is clicked or tapped: its point selection `pick`, the
    fields of the mark chosen (AppTest has no setter for a chart's selection)."""
    [chart] = [c for c in at.get("vega_lite_chart") if c.key == key]
    states = at._tree.get_widget_states()
    selection = {"selection": {pick: [fields]}}
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(selection)))
    return at._run(states)


def tap_bar(at: AppTest, district: str) -> AppTest:
    return tap(at, CHART_KEY, PICK, district=district)


@pytest.mark.slow
def test_a_tapped_khu_vuc_opens_the_units_of_that_khu_vuc(app, demo_con):
    at = open_page(app, DASHBOARD[0], year="2024")
    at = tap_bar(at, "Huyện Sơn Tịnh")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == texts.UNITS_TITLE
    assert at.sidebar.selectbox(key="f_district").value == "Huyện Sơn Tịnh"
    assert (at.query_params["district"], at.query_params["year"]) == ("Huyện Sơn Tịnh", "2024")
    assert ":blue-badge[Khu vực (huyện cũ): Huyện Sơn Tịnh]" in chips(at)
    expected = demo_con.execute("SELECT COUNT(*) FROM unit_year WHERE year = 2024 AND district = 'Huyện Sơn Tịnh'"
                                ).fetchall()[0][0]
    assert texts.UNITS_COUNT.format(n=expected) in [c.value for c in at.main.caption]


@pytest.mark.slow
@pytest.mark.parametrize("page, key", [(DASHBOARD[0], "overview_map"), (DASHBOARD[3], "fields_map")])
def test_a_tapped_commune_opens_its_profile(app, demo_con, page, key):
    at = open_page(app, page, year="2024")
    [(unit_id, name)] = demo_con.execute("SELECT unit_id, name FROM units WHERE name = 'Xã Ba Tơ'").fetchall()
    at = tap(at, key, vega_charts.MAP_PICK, unit_id=unit_id)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == name
    assert (at.query_params["unit"], at.query_params["year"]) == (str(unit_id), "2024")
