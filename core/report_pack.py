"""The yearly report pack (Báo cáo): the figures of one year and one set of filters, written as one document model
that core/report_docx.py, core/report_pdf.py and core/report_xlsx.py draw. One model, so the .docx, the PDF and the
appendix workbook can never say different things; the figures come from the dashboard's own queries."""
import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core import config, formats, queries, report_queries, texts, vocab
from core.url_filters import Filters, Window, comparison, window_params
from core.vntext import printable

TEXT, INT, PERCENT, DATE = "text", "int", "percent", "date"  # how a table column is written


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Table:
    """An appendix. Rows hold typed values (int, float, date, str, None); `total` is the area's figure, computed
    by SQL, never a sum of the rows (in "today" mode a split commune's models sit under both successors)."""
    number: int
    title: str
    columns: list[str]
    kinds: list[str]
    widths: list[float]  # relative
    rows: list[list]
    total: list | None = None
    attainment_column: int | None = None  # coloured by attainment in the workbook


@dataclass(frozen=True)
class Report:
    year: int
    issued_year: int
    scope: str
    body: list = field(default_factory=list)  # Heading | Paragraph
    appendices: list[Table] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        return f"bao_cao_dan_van_kheo_{self.year}"


def params_for(filters: Filters, year: int, window: Window | None) -> dict:
    """The dashboard's parameters, narrowed to one year (the report is yearly), compared as the KPI cards compare:
    with the year before, or "cùng kỳ" while the year is not yet due."""
    return {**filters.params(), "year": year, "year_from": year, "year_to": year, **window_params(window)}


def build(con, filters: Filters, year: int, today: dt.date | None = None) -> Report:
    today = today or config.today()
    years = queries.run(con, queries.YEARS)["year"].tolist()
    window = comparison(year, year, years, today, config.REPORT_DEADLINE)
    params = params_for(filters, year, window)

    def run(sql: str) -> pd.DataFrame:
        return queries.run(con, sql, **params)

    units, counted, awards = run(queries.KPIS), run(queries.KPI_MODELS), run(queries.KPI_AWARDS)
    by_district, by_group = run(report_queries.BY_DISTRICT), run(report_queries.BY_GROUP)
    body = [Paragraph(texts.REPORT_INTRO.format(year=year)),
            Heading(texts.REPORT_PART_RESULTS), Heading(texts.REPORT_SECTION_UNITS),
            *_units_paragraphs(units, year, window),
            Heading(texts.REPORT_SECTION_MODELS), *_model_paragraphs(run(report_queries.MODELS_BY_FIELD_FORM),
                                                                     counted, year, window),
            Heading(texts.REPORT_SECTION_AWARDS), _awards_paragraph(run(queries.AWARD_BY_LEVEL), awards, year),
            Heading(texts.REPORT_SECTION_LAGGING), _lagging_paragraph(units, by_district, year),
            Heading(texts.REPORT_PART_ASSESSMENT), Paragraph(texts.REPORT_FILL_IN, italic=True),
            Heading(texts.REPORT_PART_NEXT.format(year=year + 1)), Paragraph(texts.REPORT_FILL_IN, italic=True),
            Paragraph(texts.REPORT_CLOSING.format(year=year))]
    totals = _totals(units, counted, year)
    appendices = [_by_table(1, by_district, "district", year, totals),
                  _by_table(2, by_group, "unit_group", year, totals),
                  _lagging_table(run(report_queries.LAGGING), year),
                  _commended_table(run(report_queries.COMMENDED), year)]
    return Report(year, today.year, scope_sentence(filters, _data_date(run(queries.LAST_UPLOAD))), body, appendices)


def scope_sentence(filters: Filters, data_date: dt.date | None) -> str:
    return texts.REPORT_SCOPE.format(
        area=texts.REPORT_SCOPE_AREA.format(district=filters.district) if filters.district
        else texts.REPORT_SCOPE_ALL_AREAS,
        group=texts.REPORT_SCOPE_GROUP.format(group=filters.unit_group) if filters.unit_group
        else texts.REPORT_SCOPE_ALL_GROUPS,
        field=texts.REPORT_SCOPE_FIELD.format(field=filters.field) if filters.field else texts.REPORT_SCOPE_ALL_FIELDS,
        province=texts.REPORT_SCOPE_PROVINCE.format(province=filters.old_province) if filters.old_province else "",
        boundary=texts.REPORT_SCOPE_BOUNDARY[filters.boundary], date=formats.date(data_date))


def _data_date(frame: pd.DataFrame) -> dt.date | None:
    last = frame.iloc[0, 0]
    return None if pd.isna(last) else last.date()


NOW, BEFORE = "now", "before"  # the periods of the KPI queries: the report's year, and what it is compared with


def _row(frame: pd.DataFrame, period: str) -> dict:
    rows = frame[frame["period"] == period]
    return {} if rows.empty else {k: int(v) for k, v in rows.iloc[0].items() if k != "period" and pd.notna(v)}


def _rate(part: int, whole: int) -> str:
    return formats.percent(part, whole)


def _units_paragraphs(units: pd.DataFrame, year: int, window: Window | None) -> list[Paragraph]:
    now, before = _row(units, NOW), _row(units, BEFORE)
    if not now:
        return [Paragraph(texts.REPORT_NO_MODELS)]
    first = texts.REPORT_UNITS.format(
        year=year, expected=formats.number(now["expected"]), submitted=formats.number(now["submitted"]),
        submitted_rate=_rate(now["submitted"], now["expected"]), met=formats.number(now["met"]),
        min=config.TARGET_MIN, max=config.TARGET_MAX, met_rate=_rate(now["met"], now["expected"]))
    if not before or not before.get("expected") or not before["submitted"]:
        return [Paragraph(first + " " + texts.REPORT_NO_PREVIOUS.format(previous=year - 1))]
    return [Paragraph(first + " " + _rate_change(now, before, window)), *_unit_count_change(now, before, year)]


def _compared_with(window: Window) -> str:
    """"năm 2024", or "cùng kỳ năm 2025 (tính đến 25/11/2025)" while the report's year is not yet due."""
    if window.cutoff:
        return texts.REPORT_SAME_DAY.format(year=window.year_to, day=formats.date(window.cutoff))
    return texts.REPORT_YEAR.format(year=window.year_to)


def _rate_change(now: dict, before: dict, window: Window) -> str:
    points = round(100 * now["met"] / now["expected"] - 100 * before["met"] / before["expected"], 1)
    words = (texts.REPORT_UP if points > 0 else texts.REPORT_DOWN if points < 0 else texts.REPORT_SAME)
    return texts.REPORT_RATE_CHANGE.format(
        previous=_compared_with(window), direction=words.format(points=formats.decimal(abs(points))),
        met_before=formats.number(before["met"]), expected_before=formats.number(before["expected"]),
        rate_before=_rate(before["met"], before["expected"]))


def _unit_count_change(now: dict, before: dict, year: int) -> list[Paragraph]:
    """A different number of units due is explained, never shown as a rise or a decline of the movement."""
    if now["expected"] == before["expected"]:
        return []
    sentence = texts.REPORT_UNIT_COUNT.format(year=year, previous=year - 1, now=formats.number(now["expected"]),
                                              before=formats.number(before["expected"]))
    reorg = year == config.FIRST_NEW_YEAR
    tail = (texts.REPORT_UNIT_COUNT_REORG.format(date=formats.date(config.REORG_DAY)) if reorg
            else texts.REPORT_UNIT_COUNT_OTHER)
    return [Paragraph(sentence + tail)]


def _parts(frame: pd.DataFrame, key: str, order: list[str]) -> str:
    sums = frame.groupby(key)["models"].sum()
    total = int(sums.sum())
    named = [v for v in order if v in sums.index] + sorted(set(sums.index) - set(order))
    return "; ".join(texts.REPORT_PART.format(name=v, n=formats.number(sums[v]), share=_rate(int(sums[v]), total))
                     for v in named)


def _model_paragraphs(field_form: pd.DataFrame, counted: pd.DataFrame, year: int,
                      window: Window | None) -> list[Paragraph]:
    total = int(field_form["models"].sum())
    if not total:
        return [Paragraph(texts.REPORT_NO_MODELS)]
    now, before = _row(counted, NOW), _row(counted, BEFORE)
    excluded = config.EXCLUDED_STATUSES
    first = texts.REPORT_MODELS.format(
        total=formats.number(total), counted=formats.number(now.get("models", 0)),
        forms=formats.either(config.COUNTED_FORMS, quote="{}"),
        excluded=texts.RULE_EXCLUDED.format(statuses=formats.either(excluded, quote="{}")) if excluded else "",
        previous=texts.REPORT_MODELS_PREVIOUS.format(previous=_compared_with(window),
                                                     counted=formats.number(before.get("models", 0)))
        if window and before else "")
    return [Paragraph(first), Paragraph(texts.REPORT_BY_FIELD.format(parts=_parts(field_form, "field", vocab.FIELDS))),
            Paragraph(texts.REPORT_BY_FORM.format(parts=_parts(field_form, "form", vocab.FORMS)))]


def _awards_paragraph(levels: pd.DataFrame, awards: pd.DataFrame, year: int) -> Paragraph:
    praise = int(_row(awards, NOW).get("praise", 0))
    legal = levels[levels["level"] != vocab.PRAISE]
    praise_text = texts.REPORT_PRAISE.format(n=formats.number(praise)) if praise else ""
    if legal.empty:
        return Paragraph(texts.REPORT_NO_AWARDS + praise_text)
    by_type = legal.groupby("recipient_type")["n"].sum()
    by_level = legal.groupby("level", sort=False)["n"].sum()
    order = [lv for lv in dict.fromkeys(vocab.AWARD_LEVELS.values()) if lv in by_level.index]
    return Paragraph(texts.REPORT_AWARDS.format(
        n=formats.number(by_type.sum()), collective=formats.number(by_type.get(vocab.SUBJECTS[0], 0)),
        individual=formats.number(by_type.get(vocab.SUBJECTS[1], 0)),
        levels="; ".join(texts.REPORT_AWARD_LEVEL.format(level=lv.lower(), n=formats.number(by_level[lv]))
                         for lv in order))
        + praise_text)


def _lagging_paragraph(units: pd.DataFrame, by_district: pd.DataFrame, year: int) -> Paragraph:
    now = _row(units, NOW)
    not_submitted = now.get("expected", 0) - now.get("submitted", 0)
    below = now.get("submitted", 0) - now.get("met", 0)
    if not not_submitted and not below:
        return Paragraph(texts.REPORT_NO_LAGGING)
    text = texts.REPORT_LAGGING.format(not_submitted=formats.number(not_submitted), below=formats.number(below))
    rated = by_district[by_district["expected"] > 0].assign(rate=lambda f: f["met"] / f["expected"])
    if len(rated) > 1:
        low, high = rated.loc[rated["rate"].idxmin()], rated.loc[rated["rate"].idxmax()]
        text += texts.REPORT_EXTREMES.format(low=low["district"], low_rate=_rate(low["met"], low["expected"]),
                                             high=high["district"], high_rate=_rate(high["met"], high["expected"]))
    return Paragraph(text)


def _totals(units: pd.DataFrame, counted: pd.DataFrame, year: int) -> list:
    now = _row(units, NOW)
    expected, met = now.get("expected", 0), now.get("met", 0)
    return [expected, now.get("submitted", 0), met, round(100 * met / expected, 1) if expected else None,
            _row(counted, NOW).get("models", 0)]


def _by_table(number: int, frame: pd.DataFrame, key: str, year: int, totals: list) -> Table:
    label = texts.COLUMN_LABELS[key]
    rows = [[i, r[key], int(r["expected"]), int(r["submitted"]), int(r["met"]),
             round(100 * r["met"] / r["expected"], 1) if r["expected"] else None, int(r["models"])]
            for i, r in enumerate(frame.to_dict("records"), 1)]
    columns = [texts.REPORT_COL_NO, label, texts.COLUMN_LABELS["expected"], texts.REPORT_COL_SUBMITTED,
               texts.REPORT_COL_MET, texts.REPORT_COL_MET_RATE, texts.REPORT_COL_COUNTED]
    total = [None, texts.REPORT_TOTAL, *totals]
    return Table(number, texts.REPORT_APPENDIX_TITLES[number].format(year=year), columns,
                 [INT, TEXT, INT, INT, INT, PERCENT, INT], [6, 34, 12, 12, 12, 12, 12], rows, total)


def _lagging_table(frame: pd.DataFrame, year: int) -> Table:
    rows = [[i, r["unit"], r["unit_group"], r["district"], r["attainment"],
             None if pd.isna(r["n_models"]) else int(r["n_models"])] for i, r in enumerate(frame.to_dict("records"), 1)]
    labels = texts.COLUMN_LABELS
    columns = [texts.REPORT_COL_NO, labels["unit"], labels["unit_group"], labels["district"], labels["attainment"],
               texts.REPORT_COL_COUNTED]
    return Table(3, texts.REPORT_APPENDIX_TITLES[3].format(year=year), columns, [INT, TEXT, TEXT, TEXT, TEXT, INT],
                 [6, 38, 16, 20, 10, 10], rows, attainment_column=4)


def _commended_table(frame: pd.DataFrame, year: int) -> Table:
    rows = [[i, r["recipient"], r["recipient_type"], r["unit"], r["award"], r["decision_no"],
             None if pd.isna(r["decision_date"]) else pd.Timestamp(r["decision_date"]).date()]
            for i, r in enumerate(frame.to_dict("records"), 1)]
    labels = texts.COLUMN_LABELS
    columns = [texts.REPORT_COL_NO, labels["recipient"], labels["recipient_type"], labels["reported_unit"],
               labels["award"], labels["decision_no"], labels["decision_date"]]
    return Table(4, texts.REPORT_APPENDIX_TITLES[4].format(year=year), columns,
                 [INT, TEXT, TEXT, TEXT, TEXT, TEXT, DATE], [5, 22, 8, 19, 20, 15, 11], rows)


def cell_text(value, kind: str) -> str:
    """A table value as the documents print it: 1.234 · 83,3 · 21/11/2026 · "–" when empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–" if kind != TEXT else ""
    if kind == PERCENT:
        return formats.decimal(value)
    if kind == INT:
        return formats.number(value)
    if kind == DATE:
        return formats.date(value)
    return printable(str(value))
