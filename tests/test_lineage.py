"""The lineage timeline of a unit profile: the rows it draws and the resolution named at each change."""
import datetime as dt

import pandas as pd
import pytest

from core import queries, texts
from dashboard import lineage, vega_charts


@pytest.mark.parametrize("note, number", [
    ("Sáp nhập vào Xã Cà Đam từ 01/07/2025 theo Nghị quyết 1677/NQ-UBTVQH15", "1677/NQ-UBTVQH15"),
    ("Không còn cấp huyện từ 01/07/2025 (Nghị quyết 202/2025/QH15)", "202/2025/QH15"),
    ("Hợp nhất vào Sở Tài chính từ 01/03/2025", None),  # the registry names no resolution: none is invented
    (None, None),
])
def test_resolution_number_from_the_registry_note(note, number):
    assert lineage.resolution_number(note) == number


def test_a_split_communes_timeline(demo_con):
    unit = queries.run(demo_con, queries.UNIT, unit_id=_id(demo_con, "Xã Trà Bùi")).iloc[0]
    links = queries.run(demo_con, queries.UNIT_LINEAGE, unit_id=int(unit["unit_id"]))
    rows = lineage.timeline_rows(unit, links, dt.date(2026, 11, 21))
    assert rows["name"].tolist() == ["Xã Trà Bùi", "Xã Cà Đam (một phần)", "Xã Tây Trà Bồng (một phần)"]
    assert rows["role"].tolist() == [texts.TIMELINE_SELF, texts.TIMELINE_AFTER, texts.TIMELINE_AFTER]
    assert rows["period"].tolist() == ["01/01/2021 – 30/06/2025", "từ 01/07/2025", "từ 01/07/2025"]
    assert rows["end"].iloc[0] == pd.Timestamp("2025-07-01") and rows["end"].iloc[1] == pd.Timestamp("2026-11-21")
    marks = lineage.changes(links)
    assert marks == [(pd.Timestamp("2025-07-01"), "01/07/2025 · Nghị quyết 1677/NQ-UBTVQH15")]
    spec = vega_charts.lineage_timeline(rows, marks).to_dict()
    drawn = {kind: [row for layer in spec["layer"] if layer["mark"]["type"] == kind
                    for row in spec["datasets"][layer["data"]["name"]]] for kind in ("bar", "text")}
    assert [row["name"] for row in drawn["bar"]] == rows["name"].tolist()
    assert [row["text"] for row in drawn["text"]] == [marks[0][1]]


def test_a_merged_departments_timeline_has_one_mark_per_date(demo_con):
    links = queries.run(demo_con, queries.UNIT_LINEAGE, unit_id=_id(demo_con, "Sở Tài chính"))
    assert [d for d, _ in lineage.changes(links)] == [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-07-01")]
    assert all("Nghị quyết" not in text for _, text in lineage.changes(links))


def _id(con, name: str) -> int:
    return con.execute("SELECT unit_id FROM units WHERE name = ?", [name]).fetchall()[0][0]
