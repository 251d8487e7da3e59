"""The KPI cards of Tổng quan: values of a year and their change against the year before."""
from dataclasses import dataclass

import pandas as pd

from core import config, formats, texts


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None
    help: str | None = None


def _value(frame: pd.DataFrame, year: int, column: str) -> float | None:
    row = frame[frame["year"] == year]
    return None if row.empty else float(row[column].iloc[0])


def _delta(now: float | None, before: float | None, percent_points: bool = False) -> str | None:
    if now is None or before is None:
        return None
    change = now - before
    if percent_points:
        return formats.decimal(change, sign=True) + " điểm %"
    return ("+" if change > 0 else "") + formats.number(change) if change else "0"


def overview_kpis(units: pd.DataFrame, counted: pd.DataFrame, awards: pd.DataFrame, year: int) -> list[Kpi]:
    cards = []
    for label, frame, column in ((texts.KPI_EXPECTED, units, "expected"), (texts.KPI_SUBMITTED, units, "submitted"),
                                 (texts.KPI_MODELS, counted, "models")):
        now, before = _value(frame, year, column), _value(frame, year - 1, column)
        cards.append(Kpi(label, formats.number(now or 0), _delta(now or 0, before)))
    rate = {y: _rate(units, y) for y in (year, year - 1)}
    cards.append(Kpi(texts.KPI_MET, formats.percent(rate[year] or 0, 100) if rate[year] is not None else "–",
                     _delta(rate[year], rate[year - 1], percent_points=True),
                     texts.KPI_MET_HELP.format(min=config.TARGET_MIN)))
    now, before = _value(awards, year, "awards"), _value(awards, year - 1, "awards")
    praise = _value(awards, year, "praise") or 0
    cards.append(Kpi(texts.KPI_COMMENDATIONS, formats.number(now or 0), _delta(now or 0, before),
                     texts.KPI_COMMENDATIONS_HELP.format(praise=formats.number(praise))))
    return cards


def _rate(units: pd.DataFrame, year: int) -> float | None:
    expected, met = _value(units, year, "expected"), _value(units, year, "met")
    return None if not expected else 100 * met / expected
