"""What a reviewer reads before approving a unit-year's report: its rows against the unit's previous submission of
that unit-year and against last year, and the warnings the ETL gave its file. The comparisons are pure functions
over frames (rows as the database or etl.pipeline gives them); `archived` reads an upload's original again from
the archive, so a superseded report's rows and a file's warnings need no table of their own."""
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core import formats, texts, vocab
from core.vntext import clean, key
from etl.load import read_archive
from etl.pipeline import parse_file
from etl.registry import UnitResolver
from etl.validate import Problem

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
CHANGE_COLUMNS = ["change", "name", "details"]
# What is compared of two rows that share a name, with the header the details name it by. Models are matched by
# name; commendations by recipient and award (two awards to one recipient are two rows).
MODEL_FIELDS = {k: vocab.MODEL_COLUMNS[k][0] for k in ("kind", "subject", "field", "theme", "form", "status", "level",
                                                       "start", "place")}
COMMENDATION_FIELDS = {"recipient_type": vocab.COMMENDATION_COLUMNS["recipient_type"][0],
                       "decision_no": vocab.COMMENDATION_COLUMNS["decision_no"][0],
                       "decision_date": vocab.COMMENDATION_COLUMNS["decision_date"][0],
                       "model_name": vocab.COMMENDATION_COLUMNS["model"][0]}


@dataclass(frozen=True)
class Diff:
    before: int             # rows in the earlier report
    now: int                # rows in this one
    changes: pd.DataFrame   # change (added · changed · removed), name, details; the unchanged rows are left out

    def count(self, change: str) -> int:
        return int((self.changes["change"] == change).sum())


@dataclass
class Archived:
    """An upload's original read again: its rows (every unit-year of the file) and its warnings."""
    models: pd.DataFrame
    commendations: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    parts: set[str] = field(default_factory=set)  # the tables the file holds: a file of commendations alone
    errors: int = 0  # a file that no longer reads cleanly (the registry changed since): its rows are not trusted

    def of(self, unit_id: int, year: int) -> "Archived":
        return Archived(of_unit_year(self.models, unit_id, year), of_unit_year(self.commendations, unit_id, year),
                        self.warnings, self.parts, self.errors)


def archived(stored: str | None, sha256: str, file_name: str, archive_dir: Path,
             resolver: UnitResolver) -> Archived | None:
    """The archived original parsed again; None when it is missing. Raises etl.load.DamagedArchive."""
    data = read_archive(stored, sha256, archive_dir)
    if data is None:
        return None
    parsed = parse_file(data, file_name, resolver)
    return Archived(parsed.models, parsed.commendations, [p for p in parsed.problems if p.warning], set(parsed.parts),
                    len(parsed.errors))


def of_unit_year(frame: pd.DataFrame, unit_id: int, year: int) -> pd.DataFrame:
    return frame[(frame["unit_id"] == unit_id) & (frame["year"] == year)].reset_index(drop=True)


def compare_models(now: pd.DataFrame, before: pd.DataFrame) -> Diff:
    """Models added, removed and changed by name (case and tone placement aside)."""
    return _compare(_with_start(now), _with_start(before), ["name"], MODEL_FIELDS, lambda r: r["name"])


def compare_commendations(now: pd.DataFrame, before: pd.DataFrame) -> Diff:
    return _compare(now, before, ["recipient", "award"], COMMENDATION_FIELDS,
                    lambda r: texts.REVIEW_AWARD_NAME.format(recipient=r["recipient"], award=r["award"]))


def _compare(now: pd.DataFrame, before: pd.DataFrame, keys: list[str], fields: dict, name) -> Diff:
    """Rows pair up by their keys, the n-th row of a key with the n-th row of the same key in the other report."""
    new, old = _keyed(now, keys), _keyed(before, keys)
    changes = []
    for match, row in new.items():
        if match not in old:
            changes.append((ADDED, name(row), ""))
        elif details := _differences(old[match], row, fields):
            changes.append((CHANGED, name(row), details))
    changes += [(REMOVED, name(row), "") for match, row in old.items() if match not in new]
    return Diff(len(before), len(now), pd.DataFrame(changes, columns=CHANGE_COLUMNS, dtype=object))


def _keyed(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, pd.Series]:
    seen: dict[tuple, int] = {}
    keyed = {}
    for _, row in frame.iterrows():
        match = tuple(key(row[k]) for k in keys)
        seen[match] = seen.get(match, 0) + 1
        keyed[(*match, seen[match])] = row
    return keyed


def _differences(old: pd.Series, new: pd.Series, fields: dict) -> str:
    """"Hình thức: Xây dựng mới → Duy trì; …" for the fields whose shown value differs."""
    parts = []
    for column, header in fields.items():
        before, after = shown(old.get(column)), shown(new.get(column))
        if key(before) != key(after):
            parts.append(texts.REVIEW_FIELD_CHANGE.format(field=header, before=before or "–", after=after or "–"))
    return "; ".join(parts)


def _with_start(frame: pd.DataFrame) -> pd.DataFrame:
    """"Thời gian bắt đầu" as the unit wrote it: a day, or only a year."""
    starts = [date if shown(date) else year for date, year in zip(frame["start_date"], frame["start_year"])]
    return frame.assign(start=pd.Series(starts, index=frame.index, dtype=object))


def shown(value) -> str:
    """A cell as a person reads it: nothing for an empty one, dd/mm/yyyy for a day, 2024 rather than 2024.0."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return formats.date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)
