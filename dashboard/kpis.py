"""The KPI cards of Tổng quan: totals over the chosen year or range, and their change against the comparison
window (`core.url_filters.comparison`): the year before, the preceding range of the same length, or, for a year not
yet due, the same day of the year before. Rates change in percentage points, so a year with fewer units (the 2025
reorganisation) is not shown as a decline."""
import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from core import config, cycle_queries, formats, queries, texts, vocab
from core.url_filters import Filters, Window, comparison, counted_until, due_date, window_params
from dashboard import tables
from dashboard.db_access import approved_only, query

NOW, BEFORE = "now", "before"  # the periods of queries.KPIS, KPI_MODELS and KPI_AWARDS


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None
    help: str | None = None
    delta_color: str = "normal"
    delta_description: str | None = None  # beside the change: "cùng kỳ 2025", "do sắp xếp ĐVHC"
    delta_arrow: str = "auto"


def _value(frame: pd.DataFrame, period: str, column: str) -> float | None:
    """The period's value (its first row); a plain walk over a frame of two rows, as pandas' boolean indexing
    costs ~1 ms a call, ten calls a run of Tổng quan."""
    return next((float(value) for at, value in zip(frame["period"].tolist(), frame[column].tolist())
                 if at == period), None)


def _pair(frame: pd.DataFrame, column: str, compared: bool) -> tuple[float, float | None]:
    """The value now (0 when no row) and in the comparison window (None without one; 0 when it has no row)."""
    return _value(frame, NOW, column) or 0, (_value(frame, BEFORE, column) or 0) if compared else None


def _delta(now: float | None, before: float | None, percent_points: bool = False) -> str | None:
    if now is None or before is None:
        return None
    change = now - before
    if percent_points:
        shown = round(change, 1) or 0.0  # no "-0,0"
        return formats.decimal(shown, sign=bool(shown)) + " điểm %"
    return ("+" if change > 0 else "") + formats.number(change) if change else "0"


def _rate(part: float | None, whole: float | None) -> float | None:
    return None if not whole or part is None else 100 * part / whole


def crosses_reorganisation(f: Filters, window: Window | None) -> bool:
    """True when one window has years before the 2025 reorganisation and the other years after it."""
    def sides(low: int, high: int) -> set[bool]:
        return {year >= config.FIRST_NEW_YEAR for year in range(low, high + 1)}
    return window is not None and sides(f.year_from, f.year_to) != sides(window.year_from, window.year_to)


def fewer_units_after_reorganisation(units: pd.DataFrame, f: Filters, window: Window | None) -> bool:
    """The windows straddle the 2025 reorganisation and fewer units are due in the chosen one: the counts fall
    because units merged, which the cards and the caption then say."""
    now, before = _pair(units, "expected", window is not None)
    return crosses_reorganisation(f, window) and before is not None and now < before


def overview_kpis(units: pd.DataFrame, models: pd.DataFrame, awards: pd.DataFrame, f: Filters,
                  window: Window | None) -> list[Kpi]:
    """The five cards; each frame has one row per period ('now', 'before')."""
    compared, reorg = window is not None, fewer_units_after_reorganisation(units, f, window)
    years = f"{f.year_from}–{f.year_to}"
    range_help = texts.KPI_RANGE_HELP.format(years=years) + " " if f.is_range else ""
    reorg_help = " " + texts.KPI_REORG_NOTE.format(day=formats.date(config.REORG_DAY)) if reorg else ""
    count_color = "off" if reorg else "normal"
    expected, expected_before = _pair(units, "expected", compared)
    submitted, submitted_before = _pair(units, "submitted", compared)
    met, met_before = _pair(units, "met", compared)
    rate, rate_before = _rate(submitted, expected), _rate(submitted_before, expected_before)
    cards = [
        Kpi(texts.KPI_EXPECTED_RANGE if f.is_range else texts.KPI_EXPECTED, formats.number(expected),
            _delta(expected, expected_before), range_help + texts.KPI_EXPECTED_HELP + reorg_help, "off"),
        Kpi(texts.KPI_SUBMITTED_RANGE if f.is_range else texts.KPI_SUBMITTED, formats.number(submitted),
            _delta(rate, rate_before, percent_points=True),
            (texts.KPI_SUBMITTED_HELP if compared else texts.KPI_SUBMITTED_HELP_ALONE).format(
                now=_percent(rate), before=_percent(rate_before))),
    ]
    now, before = _pair(models, "models", compared)
    cards.append(Kpi(texts.KPI_MODELS, formats.number(now), _delta(now, before), reorg_help.strip() or None,
                     count_color))
    cards.append(_met_card(f, _rate(met, expected), _rate(met_before, expected_before), years))
    now, before = _pair(awards, "awards", compared)
    praise = formats.number(_value(awards, NOW, "praise") or 0)
    help_text = (texts.KPI_COMMENDATIONS_RANGE_HELP.format(years=years, praise=praise) if f.is_range
                 else texts.KPI_COMMENDATIONS_HELP.format(praise=praise))
    cards.append(Kpi(texts.KPI_COMMENDATIONS, formats.number(now), _delta(now, before), help_text, count_color))
    versus = versus_words(window)
    cards = [replace(c, delta_description=versus if c.delta else None) for c in cards]
    cards = [replace(c, delta_arrow="off", delta_color="off") if _unchanged(c.delta) else c for c in cards]
    if reorg:  # fewer units to report is not a decline: no arrow, and why
        cards[0] = replace(cards[0], delta_arrow="off", delta_description=texts.KPI_DELTA_REORG)
    return cards


def _unchanged(delta: str | None) -> bool:
    """"0" or "0,0 điểm %": no arrow, no colour."""
    return delta is not None and not any(ch in "123456789" for ch in delta)


def versus_words(window: Window | None) -> str | None:
    """Under each change of an unfinished year: "cùng kỳ 2025" (the caption says the rest; five cards share a
    desktop row, so the words under a change stay few)."""
    if window is None or not window.cutoff:
        return None
    return texts.KPI_DELTA_VS_SAME_DAY.format(year=window.label)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else formats.decimal(rate) + "%"


def _met_card(f: Filters, rate: float | None, rate_before: float | None, years: str) -> Kpi:
    """The attainment rate ignores the field filter (the 1–2 target counts models of every field): with a field
    chosen, the card says so in its label and help."""
    words = counting_rule_words()
    help_text = texts.KPI_MET_HELP.format(**words)
    if f.is_range:
        help_text += " " + texts.KPI_MET_RANGE_HELP.format(years=years)
    if f.field:
        help_text += " " + texts.KPI_MET_FIELD_NOTE.format(field=f.field, min=words["min"], max=words["max"])
    label = texts.KPI_MET_ALL_FIELDS if f.field else texts.KPI_MET
    return Kpi(label, _percent(rate), _delta(rate, rate_before, percent_points=True), help_text)


def kpi_caption(f: Filters, window: Window | None, today: dt.date, deadline: tuple[int, int],
                fewer_units: bool = False) -> str:
    """What the cards count and what the arrows compare with, in words."""
    years = f"{f.year_from}–{f.year_to}"
    until = counted_until(f.year_to, today, deadline)
    open_year = {"year": f.year_to, "due": formats.date(due_date(f.year_to, deadline)),
                 "today": formats.date(until)}
    if f.is_range:
        parts = [texts.KPI_NOW_RANGE.format(years=years)] + ([texts.KPI_NOW_OPEN.format(**open_year)] if until else [])
    else:
        parts = [texts.KPI_NOW_OPEN_ONE.format(**open_year) if until else texts.KPI_NOW_ONE.format(year=f.year_to)]
    parts.append(_comparison_words(f, window))
    if fewer_units:
        parts.append(texts.KPI_REORG_NOTE.format(day=formats.date(config.REORG_DAY)))
    if f.field:
        parts.append(texts.KPI_FIELD_NOTE.format(field=f.field))
    return " ".join(parts)


def _comparison_words(f: Filters, window: Window | None) -> str:
    length = f.year_to - f.year_from + 1
    if window is None:
        missing = f"{f.year_from - length}–{f.year_to - length}" if f.is_range else str(f.year_from - 1)
        return (texts.KPI_VS_NONE_RANGE if f.is_range else texts.KPI_VS_NONE_YEAR).format(years=missing)
    if window.cutoff and not f.is_range:
        return texts.KPI_VS_SAME_DAY.format(year=window.year_to, day=formats.date(window.cutoff))
    if window.cutoff:
        return texts.KPI_VS_RANGE_SAME_DAY.format(years=window.label, year=window.year_to,
                                                  day=formats.date(window.cutoff))
    return (texts.KPI_VS_RANGE if f.is_range else texts.KPI_VS_YEAR).format(years=window.label)


def kpi_section(f: Filters) -> bool:
    """Draws the caption and the cards of Tổng quan; False when the selection holds no unit at all."""
    today = config.today()
    window = comparison(f.year_from, f.year_to, query(queries.YEARS)["year"].tolist(), today,
                        config.REPORT_DEADLINE)
    params = {**f.params(), **window_params(window)}
    units = query(queries.KPIS, **params)
    if units.empty or not _value(units, NOW, "expected"):
        st.info(tables.empty_message(f, texts.EMPTY_UNITS))
        return False
    if not _value(units, NOW, "submitted"):
        st.info(texts.NO_REPORTS_YET.format(year=window_label(f)))
    cards = overview_kpis(units, query(queries.KPI_MODELS, **params), query(queries.KPI_AWARDS, **params), f, window)
    st.caption(kpi_caption(f, window, today, config.REPORT_DEADLINE,
                           fewer_units_after_reorganisation(units, f, window)))
    with st.container(horizontal=True, key="kpi_cards"):  # one row on a desktop; two a row on a phone (phone.py)
        for card in cards:
            st.metric(card.label, card.value, card.delta, help=card.help, border=True, delta_color=card.delta_color,
                      delta_description=card.delta_description, delta_arrow=card.delta_arrow)
    pending_line(f)
    return True


def pending_line(f: Filters) -> None:
    """With approval on: how many reports of the chosen years and area wait for approval, and whether the cards
    count them (Tất cả số liệu đã nộp) or not (Chỉ số liệu đã duyệt)."""
    if not config.APPROVAL:
        return
    pending = int(query(cycle_queries.PENDING_IN_FILTERS, **f.params())["pending"].iloc[0])
    if pending:
        template = texts.KPI_PENDING_LEFT_OUT if approved_only(f.figures) else texts.KPI_PENDING_COUNTED
        st.caption(template.format(n=formats.number(pending)), help=texts.KPI_PENDING_HELP)


def last_year_words(f: Filters) -> str:
    """Said after the year of a one-year view (attainment by khu vực, lagging units) when a range is chosen."""
    return texts.LAST_YEAR_OF_RANGE.format(years=window_label(f)) if f.is_range else ""


def chart_subtitle(f: Filters) -> str:
    """Under the title of a chart of one year (f.year): the year, and with a range that it is the range's last."""
    if f.is_range:
        return texts.LAST_YEAR_OF_RANGE_CHART.format(year=f.year, years=window_label(f))
    return texts.CHART_YEAR.format(year=f.year)


def years_subtitle(f: Filters) -> str:
    """Under the title of a chart of the chosen years."""
    return texts.CHART_YEARS.format(years=window_label(f))


def trend_subtitle(f: Filters) -> str:
    """Under the title of a chart by year: one chosen year shows the years up to it too (queries.TREND)."""
    return years_subtitle(f) if f.is_range else texts.CHART_YEARS_UP_TO.format(year=f.year_to)


def window_label(f: Filters) -> str:
    return formats.years(f.year_from, f.year_to)


def counting_rule_words() -> dict[str, str]:
    """What KPI_MET_HELP and RULES fill in: the target, the counting rule as configured, the attainment words."""
    other_forms = [f for f in vocab.FORMS if f not in config.COUNTED_FORMS]
    statuses = config.EXCLUDED_STATUSES
    return {"min": config.TARGET_MIN, "max": config.TARGET_MAX, "forms": formats.either(config.COUNTED_FORMS),
            "excluded": texts.RULE_EXCLUDED.format(statuses=formats.either(statuses)) if statuses else "",
            "not_counted": texts.RULE_NOT_COUNTED.format(forms=formats.either(other_forms)) if other_forms else "",
            "not_submitted": texts.NOT_SUBMITTED, "below_target": texts.BELOW_TARGET,
            "on_target": texts.ON_TARGET, "above_target": texts.ABOVE_TARGET}
