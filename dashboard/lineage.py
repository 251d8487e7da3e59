"""A unit's place in the 2025 reorganisation: the rows of its timeline and the resolution behind each change.

The registry's lineage note names the resolution ("… theo Nghị quyết 1677/NQ-UBTVQH15"); the department mergers
of 01/03/2025 have no number in the registry, and none is invented here.
"""
import datetime as dt
import re

import pandas as pd

from core import formats, texts

RESOLUTION_NUMBER = re.compile(r"Nghị quyết (?:số )?([0-9]+/[0-9A-Za-zĐđ/\-]+)")


def resolution_number(note) -> str | None:
    """"1677/NQ-UBTVQH15" from "Sáp nhập vào … theo Nghị quyết 1677/NQ-UBTVQH15"; None when the note has none."""
    found = RESOLUTION_NUMBER.search(note) if isinstance(note, str) else None
    return found.group(1) if found else None


def timeline_rows(unit: pd.Series, lineage: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """One bar per unit: the predecessors, the unit itself, its successors, each over the period it existed."""
    role = {"predecessor": texts.TIMELINE_BEFORE, "successor": texts.TIMELINE_AFTER}
    rows = [_row(_label(r.name, r.share), r.valid_from, r.valid_to, role[r.direction], today)
            for r in lineage.itertuples()]
    rows.append(_row(unit["name"], unit["valid_from"], unit["valid_to"], texts.TIMELINE_SELF, today))
    order = {texts.TIMELINE_BEFORE: 0, texts.TIMELINE_SELF: 1, texts.TIMELINE_AFTER: 2}
    frame = pd.DataFrame(rows).sort_values("role", key=lambda s: s.map(order), kind="stable")
    return frame.assign(start=pd.to_datetime(frame["start"]), end=pd.to_datetime(frame["end"]))


def changes(lineage: pd.DataFrame) -> list[tuple[pd.Timestamp, str]]:
    """(date, "01/07/2025 · Nghị quyết 1677/NQ-UBTVQH15") per distinct change, for the timeline's markers."""
    marks = {}
    for row in lineage.itertuples():
        number = resolution_number(row.note)
        text = formats.date(row.effective_date) + (f" · {texts.RESOLUTION.format(number=number)}" if number else "")
        marks.setdefault(row.effective_date, text)
    return sorted(marks.items())


def _row(name: str, start, end, role: str, today: dt.date) -> dict:
    period = (texts.PROFILE_PERIOD_OPEN.format(start=formats.date(start)) if pd.isna(end)
              else texts.PROFILE_PERIOD.format(start=formats.date(start), end=formats.date(end)))
    return {"name": name, "start": start, "end": _end(end, today), "role": role, "period": period}


def _label(name: str, share: str) -> str:
    return name + (texts.TIMELINE_PART if share == "partial" else "")


def _end(valid_to, today: dt.date):
    return today if pd.isna(valid_to) else valid_to + dt.timedelta(days=1)  # the bar covers its last day
