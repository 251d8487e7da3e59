"""The KPI cards of Tổng quan: values of a year and their change against the year before."""
from dataclasses import dataclass

import pandas as pd

from core import config, formats, texts, vocab


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
                     texts.KPI_MET_HELP.format(**counting_rule_words())))
    now, before = _value(awards, year, "awards"), _value(awards, year - 1, "awards")
    praise = _value(awards, year, "praise") or 0
    cards.append(Kpi(texts.KPI_COMMENDATIONS, formats.number(now or 0), _delta(now or 0, before),
                     texts.KPI_COMMENDATIONS_HELP.format(praise=formats.number(praise))))
    return cards


def counting_rule_words() -> dict[str, str]:
    """What KPI_MET_HELP and RULES fill in: the target, the counting rule as configured, the attainment words."""
    other_forms = [f for f in vocab.FORMS if f not in config.COUNTED_FORMS]
    statuses = config.EXCLUDED_STATUSES
    return {"min": config.TARGET_MIN, "max": config.TARGET_MAX, "forms": formats.either(config.COUNTED_FORMS),
            "excluded": texts.RULE_EXCLUDED.format(statuses=formats.either(statuses)) if statuses else "",
            "not_counted": texts.RULE_NOT_COUNTED.format(forms=formats.either(other_forms)) if other_forms else "",
            "not_submitted": texts.NOT_SUBMITTED, "below_target": texts.BELOW_TARGET,
            "on_target": texts.ON_TARGET, "above_target": texts.ABOVE_TARGET}


def _rate(units: pd.DataFrame, year: int) -> float | None:
    expected, met = _value(units, year, "expected"), _value(units, year, "met")
    return None if not expected else 100 * met / expected
