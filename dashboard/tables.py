"""Query results shaped for display and download: Vietnamese headers, the scorecard pivot, lineage sentences.

Pages call these so that no reshaping happens in a page file.
"""
import pandas as pd
import streamlit as st

from core import auth, config, formats, texts
from core.palette import ATTAINMENT_COLORS, LIGHT_ATTAINMENTS
from core.url_filters import TODAY
from core.vntext import fold
from dashboard.lineage import resolution_number


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese headers; years stay whole numbers; upload statuses in words."""
    frame = frame.copy()
    if "upload_status" in frame:
        frame["upload_status"] = frame["upload_status"].map(texts.UPLOAD_STATUS).fillna(frame["upload_status"])
    if "part" in frame:
        frame["part"] = frame["part"].map(texts.PART_NAMES).fillna(frame["part"])
    for rate in ("rate", "on_time_rate"):  # a decimal comma, as Vietnamese readers expect (not 16.7)
        if rate in frame:
            frame[rate] = frame[rate].map(lambda v: "–" if pd.isna(v) else formats.decimal(v))
    for column in ("year", "n_models", "models", "units", "n"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame.rename(columns=texts.COLUMN_LABELS)


def search_units(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Accent- and case-insensitive: "tinh hoa" finds "Tịnh Hòa", "dak" finds "Đắk"."""
    needle = fold(text or "")
    if not needle:
        return frame
    haystack = (frame["unit"] + " " + frame["code"] + " " + frame["district"]).map(fold)
    return frame[haystack.str.contains(needle, regex=False)]


# Columns that only say something in boundary mode "today" (the former units pooled into today's unit).
TODAY_ONLY = ("target_min", "target_max", "members", "shared", "reported_unit", "area", "former")


def for_boundary(frame: pd.DataFrame, boundary: str) -> pd.DataFrame:
    """Drops the pooling columns when records are shown as reported (they would repeat the obvious)."""
    return frame if boundary == TODAY else frame.drop(columns=[c for c in TODAY_ONLY if c in frame])


def scorecard(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per unit, one column per year: (counts, attainments). A unit not expected in a year is blank.
    In mode "today" a row also says how many former units it pools and whether a split commune is shared."""
    units = rows.drop_duplicates("unit_id")[["unit_id", "unit", "code", "unit_group", "district"]]
    units = units.set_index("unit_id")
    pooled = rows.groupby("unit_id").agg(members=("members", "max"), shared=("shared", "any")).loc[units.index]
    units["former"] = [_former(m, sh) for m, sh in zip(pooled["members"], pooled["shared"])]
    counts = rows.pivot(index="unit_id", columns="year", values="n_models").astype("Float64")
    states = rows.pivot(index="unit_id", columns="year", values="attainment")
    counts.columns = states.columns = [str(c) for c in counts.columns]
    return (units.join(counts).reset_index(), units.join(states).reset_index())


def styled_scorecard(counts: pd.DataFrame, states: pd.DataFrame):
    """Counts coloured by attainment; a unit that did not report shows "–" on grey."""
    years = [c for c in counts.columns if c.isdigit()]
    # the years right after the name, so a phone shows them without scrolling sideways
    extra = ["former"] if "former" in counts else []
    shown = counts[["unit", *years, *extra, "code", "unit_group", "district"]].rename(columns=texts.COLUMN_LABELS)

    def colour(column: pd.Series) -> list[str]:
        if column.name not in years:
            return [""] * len(column)
        return [_cell_style(s) for s in states[column.name]]

    return shown.style.apply(colour, axis=0).format(
        {y: lambda v: "–" if pd.isna(v) else formats.number(v) for y in years})


def _former(members: int, shared: bool) -> str:
    """"Gộp số liệu 4 đơn vị · dùng chung …" (blank for a unit that pooled nothing)."""
    parts = [texts.FORMER_UNITS.format(n=int(members))] if members > 1 else []
    return " · ".join(parts + ([texts.FORMER_SHARED] if shared else []))


def _cell_style(state) -> str:
    if not isinstance(state, str):
        return ""
    text = "#000000" if state in LIGHT_ATTAINMENTS else "#FFFFFF"
    return f"background-color: {ATTAINMENT_COLORS[state]}; color: {text}"


def scorecard_download(counts: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a flat table: "2 (Đạt)" per cell, for Excel and CSV."""
    years = [c for c in counts.columns if c.isdigit()]
    flat = counts.drop(columns=["unit_id"]).astype(object)
    for year in years:
        flat[year] = [_cell_text(n, s) for n, s in zip(counts[year], states[year])]
    return flat.rename(columns=texts.COLUMN_LABELS)


def _cell_text(n, state) -> str:
    if not isinstance(state, str):
        return ""
    return state if state == texts.NOT_SUBMITTED else f"{formats.number(n)} ({state})"


def lineage_lines(lineage: pd.DataFrame, unit_name: str) -> list[str]:
    """Sentences such as "Sáp nhập vào Xã Đông Sơn từ 01/07/2025" (a split is said so)."""
    lines = []
    for row in lineage.itertuples():
        day = formats.date(row.effective_date)
        split = texts.LINEAGE_SPLIT if row.share == "partial" else ""
        template = texts.LINEAGE_SUCCESSOR if row.direction == "successor" else texts.LINEAGE_PREDECESSOR
        number = resolution_number(row.note)
        law = texts.LINEAGE_RESOLUTION.format(number=number) if number else ""
        lines.append(template.format(name=row.name, code=row.code, date=day, split=split, unit=unit_name,
                                     resolution=law))
    return lines


def legend_html() -> str:
    """The attainment colours as a one-line legend (the same colours as every chart)."""
    chips = [f'<span style="background:{c};color:{"#000" if s in LIGHT_ATTAINMENTS else "#fff"};'
             f'padding:2px 8px;border-radius:4px;margin-right:6px">{s}</span>' for s, c in ATTAINMENT_COLORS.items()]
    return "".join(chips)


# Dates shown as 21/11/2026 in every table.
DATE_COLUMNS = {texts.COLUMN_LABELS["decision_date"]: st.column_config.DateColumn(format="DD/MM/YYYY"),
                texts.COLUMN_LABELS["uploaded_at"]: st.column_config.DatetimeColumn(format="HH:mm DD/MM/YYYY")}


def unit_labels(units: pd.DataFrame) -> list[str]:
    """"Xã Tịnh Hòa (21187, Thành phố Quảng Ngãi, đến 30/06/2025) → sáp nhập vào Xã Đông Sơn từ 01/07/2025 ·
    xa tinh hoa": tells apart units that share a name, points a unit merged away to its successor, and ends with
    the name without accents (and Đăk/Đắk spelt the other way), because the select box's own search matches the
    label as typed, accents included: "tinh hoa", "dak to" and "Đắk Tô" all find their unit."""
    labels = []
    for row in units.itertuples():
        until = f", đến {formats.date(row.valid_to)}" if pd.notna(row.valid_to) else ""
        since = f", từ {formats.date(row.valid_from)}" if row.valid_from.year >= config.FIRST_NEW_YEAR else ""
        labels.append(f"{row.unit} ({row.code}, {row.district}{since}{until}){_successor(row)} · {_alias(row.unit)}")
    return labels


def _successor(row) -> str:
    names = getattr(row, "successors", None)
    if not isinstance(names, str) or not names:
        return ""
    template = texts.PICK_SPLIT if row.split else texts.PICK_MERGED
    return template.format(successors=names, date=formats.date(row.successor_from))


# Spellings the province uses for the same syllable (registry names mix them: "Xã Đăk Tô", "Huyện Đắk Tô").
SPELLINGS = (("Đăk", "Đắk"), ("Đắk", "Đăk"), ("đăk", "đắk"), ("đắk", "đăk"))


def _alias(name: str) -> str:
    """What the label adds for searching: the folded name, and the name with the other Đăk/Đắk spelling."""
    variants = [name.replace(a, b) for a, b in SPELLINGS if a in name]
    return " · ".join(dict.fromkeys([fold(name), *variants]))


def unit_facts(unit: pd.Series) -> str:
    start = formats.date(unit["valid_from"])
    period = (texts.PROFILE_PERIOD_OPEN.format(start=start) if pd.isna(unit["valid_to"])
              else texts.PROFILE_PERIOD.format(start=start, end=formats.date(unit["valid_to"])))
    return texts.PROFILE_FACTS.format(code=unit["code"], group=unit["unit_group"], district=unit["district"],
                                      province=unit["old_province"] or "–", period=period)


def file_headline(item) -> tuple[str, str]:
    """(line, icon) per uploaded file: valid, with errors, or already loaded."""
    name = formats.plain(item.file_name)
    if item.parsed.errors:
        return texts.UPLOAD_FILE_BAD.format(name=name, n=len(item.parsed.errors)), ":material/cancel:"
    if not item.loadable:
        return texts.UPLOAD_FILE_SAME.format(name=name), ":material/pause_circle:"
    line = texts.UPLOAD_FILE_OK.format(name=name, models=formats.number(len(item.parsed.models)),
                                       commendations=formats.number(len(item.parsed.commendations)))
    warned = sum(p.warning for p in item.result.problems)
    if warned:  # loads, but something should be checked: said on the line, not only inside the expander
        return line + texts.UPLOAD_FILE_WARNED.format(n=formats.number(warned)), ":material/warning:"
    return line, ":material/check_circle:"


def with_reminders(missing: pd.DataFrame, year: int, year_due=None) -> tuple[pd.DataFrame, list[str]]:
    """A ready-to-send Vietnamese reminder per unit that has not reported, due in REMINDER_DAYS days (a unit past
    the year's due day `year_due` is told it is late); and apart, the names of the sender's own units (column
    `own`), which a reminder would address to the sender itself."""
    today = pd.Timestamp(config.today())
    due = formats.date(today + pd.Timedelta(days=config.REMINDER_DAYS))
    late = year_due is not None and today > pd.Timestamp(year_due)
    template = texts.REMINDER_LATE if late else texts.REMINDER
    own = missing["own"].fillna(False).astype(bool) if "own" in missing else pd.Series(False, index=missing.index)
    others = missing[~own].drop(columns=["own"], errors="ignore")
    reminders = others.assign(reminder=[template.format(unit=u, year=year, due=due, year_due=formats.date(year_due))
                                        for u in others["unit"]])
    return reminders, missing.loc[own, "unit"].tolist()


def empty_message(filters, what: str, staff: bool = False) -> str:
    """"Chưa có đơn vị nào phải báo cáo năm 2024, khu vực Huyện Ba Tơ, khối Cấp xã. …": what is empty for the
    chosen filters, in plain words; staff are also told where reports are loaded (leaders never are)."""
    years = (texts.EMPTY_SCOPE_YEAR.format(year=filters.year_to) if filters.year_from == filters.year_to
             else texts.EMPTY_SCOPE_YEARS.format(year_from=filters.year_from, year_to=filters.year_to))
    parts = [template.format(formats.plain(getattr(filters, name))) for name, template in
             texts.EMPTY_SCOPE_PARTS.items() if getattr(filters, name, None)]
    message = texts.EMPTY_FOR.format(what=what, scope=", ".join([years, *parts]))
    return message + (texts.EMPTY_STAFF_HINT if staff else "")


def with_people(uploads: pd.DataFrame) -> pd.DataFrame:
    """Who uploaded and who rolled back, by their display names (accounts file); a login without an account (an
    account removed since, or a load from the command line) stays as written."""
    names = display_names()
    people = {c: uploads[c].map(lambda u: names.get(u, u) if isinstance(u, str) else u)
              for c in ("uploaded_by", "rolled_back_by") if c in uploads}
    return uploads.assign(**people)


def display_names() -> dict[str, str]:
    accounts = auth.read_accounts(config.ACCOUNTS_PATH)
    return {user: entry.get("display_name") or user for user, entry in accounts.items()}


def search_params(text: str | None, names: dict[str, str]) -> dict:
    """The parameters of a search in SQL (core.queries.UPLOADS_FOUND): the text folded ($needle, None when there
    is nothing to find), and the people's names as the list shows them ($logins, $names)."""
    return {"needle": fold(text or "") or None, "logins": list(names), "names": list(names.values())}


def search_rows(frame: pd.DataFrame, text: str, columns: list[str]) -> pd.DataFrame:
    """Rows whose columns hold the text, accent- and case-insensitively ("dak to" finds "Xã Đăk Tô")."""
    needle = fold(text or "")
    if not needle or frame.empty:
        return frame
    haystack = frame[columns].fillna("").astype(str).agg(" ".join, axis=1).map(fold)
    return frame[haystack.str.contains(needle, regex=False)]
