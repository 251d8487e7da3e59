"""Named, parameterised queries of the dashboard. Every filter is a bound parameter; NULL means "all".

$boundary is the boundary mode: 'reported' shows each record under the unit that reported it, 'today' under
today's unit(s) (views `scored` and `unit_area` in schema.sql). Unit-year figures come from `scored`; counts of
models and commendations select the records whose unit lies in the chosen area (`IN_AREA`), so a split commune's
records, shown under both successors, are still counted once in every total; by-district charts count distinct ids.

`district` is the "khu vực (huyện cũ)": the old district of a unit before 01/07/2025, the khu vực of a commune
after it, and "Cấp tỉnh" for provincial bodies, so one filter works for every year. The fragments below are
constants of the code; user input only ever arrives as $parameters.
"""
import re

import pandas as pd

from core import texts
from core.db import sql_text
from core.vntext import fold_sql
from core.vocab import AWARD_LEVELS, PRAISE

_P = sql_text(texts.PROVINCIAL_LEVEL)
DISTRICT = f"COALESCE(u.district, {_P})"
UNITS = (f"($district IS NULL OR {DISTRICT} = $district) AND ($unit_group IS NULL OR u.unit_group = $unit_group)"
         " AND ($old_province IS NULL OR u.old_province = $old_province)")
SCORED = "scored u WHERE u.boundary = $boundary"
# the reporting units whose records fall in the chosen area, in the chosen boundary mode
AREA = (f"SELECT a.unit_id FROM unit_area a JOIN units u ON u.unit_id = a.area_id"
        f" WHERE a.boundary = $boundary AND {UNITS}")
IN_AREA = f"unit_id IN ({AREA})"
# For charts by khu vực (or khối): records are counted per reporting unit first (a CTE `per_unit` of unit_id, …, n),
# then added up under the `{key}` of the areas each unit's records are shown under, each unit once per value: a
# split commune's records, shown under two successors of one khu vực, count once there. The same figures as one row
# per record and area counted DISTINCT, without a million-row join (issue 12).
PLACED = ("placed AS (SELECT DISTINCT a.unit_id, {key} AS {name} FROM unit_area a JOIN units u ON u.unit_id = a.area_id"
          f" WHERE a.boundary = $boundary AND {UNITS})")
PLACED_SUM = "CAST(SUM(r.n) AS BIGINT)"  # COUNT's type: SUM of counts is a HUGEINT
RANGE = "BETWEEN $year_from AND $year_to"
# A trend chart shows the chosen range, or every year up to the chosen one when a single year is chosen.
TREND = "BETWEEN (CASE WHEN $year_from = $year_to THEN 0 ELSE $year_from END) AND $year_to"
FIELD = "($field IS NULL OR m.field = $field)"
# The same of a commendation `c`, by its model, without joining every model to it (a semi-join on one filtered
# side: the join of a million models cost 50–80 ms at scale whether a field was chosen or not).
AWARD_FIELD = "($field IS NULL OR c.model_id IN (SELECT model_id FROM models WHERE field = $field))"
_LEVELS = ", ".join(f"('{a}', '{lv}')" for a, lv in AWARD_LEVELS.items())
AWARD_LEVEL = f"(SELECT lv FROM (VALUES {_LEVELS}) t(a, lv) WHERE t.a = c.award)"
# Names sort in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the base letter in CLDR's order:
# "Huyện Đắk Hà" after "Huyện Ba Tơ", before "Tư Nghĩa"): DuckDB's built-in ICU collation, in every ORDER BY of names.
VI = "COLLATE vi"
MET = f"attainment IN ({sql_text(texts.ON_TARGET)}, {sql_text(texts.ABOVE_TARGET)})"
LAGS = f"attainment IN ({sql_text(texts.NOT_SUBMITTED)}, {sql_text(texts.BELOW_TARGET)})"

# --- filter options and freshness ---
# The years of view unit_year, without its figures (every page's sidebar reads them; the view counts a million
# models): a year of the plan with a unit active on 31/12, or one with a report. The view's rule that a unit begun
# during the year is not expected when its predecessor reported for it changes no year: that report makes it one.
YEARS = """
WITH years AS (
    SELECT CAST(y AS INTEGER) AS year FROM (SELECT CAST(value AS INTEGER) AS first_year FROM meta
                                           WHERE key = 'plan_first_year') b,
    range(b.first_year, GREATEST(year(current_date), (SELECT COALESCE(MAX(year), 0) FROM coverage_years)) + 1) t(y)
)
SELECT year FROM years y WHERE EXISTS (SELECT 1 FROM units u WHERE u.valid_from <= make_date(y.year, 12, 31)
                                       AND (u.valid_to IS NULL OR u.valid_to >= make_date(y.year, 12, 31)))
UNION SELECT year FROM upload_coverage WHERE status = 'applied' AND part = 'models'
ORDER BY year"""
DISTRICTS = f"SELECT DISTINCT {DISTRICT} AS district FROM units u ORDER BY {DISTRICT} = {_P} DESC, district {VI}"
GROUPS = f"SELECT DISTINCT unit_group FROM units ORDER BY unit_group {VI}"
OLD_PROVINCES = ("SELECT DISTINCT old_province FROM units WHERE old_province IS NOT NULL"
                 f" ORDER BY old_province {VI} DESC")  # today's province first
LAST_UPLOAD = "SELECT MAX(uploaded_at) FROM uploads WHERE status <> 'rejected'"

# --- Tổng quan ---
# The KPI cards add up a window of years: 'now' is the chosen one ($year_from … $year_to), 'before' the one it is
# compared with ($cmp_from … $cmp_to; NULL: no comparison, no row). With $cmp_cutoff (a day; NULL: none), the
# comparison's last year is taken "cùng kỳ": a unit-year's part (its models, its commendations) counts only when a
# report of it was uploaded by that day: the report that stands or one it superseded (a rolled-back report never).
# Its figures are then today's (the rows of a superseded report are not kept).
PERIODS = ("periods(period, y0, y1) AS (SELECT 'now', $year_from, $year_to"
           " UNION ALL SELECT 'before', $cmp_from, $cmp_to)")
LATE = """late(unit_id, year, part) AS (
    SELECT c.unit_id, c.year, c.part FROM upload_coverage c JOIN uploads p USING (upload_id)
    WHERE c.year = $cmp_to AND c.status IN ('applied', 'superseded') GROUP BY ALL
    HAVING BOOL_OR(c.status = 'applied') AND MIN(p.uploaded_at) >= CAST($cmp_cutoff AS DATE) + INTERVAL 1 DAY
)"""
_NOT_LATE = ("NOT (p.period = 'before' AND EXISTS (SELECT 1 FROM late l WHERE l.part = '{part}'"
             " AND l.unit_id = {alias}.unit_id AND l.year = {alias}.year))")
# In mode 'today' an area is late when one of its members is: it had not reported in full by the cutoff.
KPIS = f"""
WITH {PERIODS}, {LATE}, late_area AS (
    SELECT DISTINCT a.area_id, l.year FROM late l JOIN unit_area a ON a.unit_id = l.unit_id AND a.boundary = $boundary
    WHERE l.part = 'models'
), shown AS (
    SELECT p.period, u.year, u.submitted, u.attainment, la.area_id IS NOT NULL AS late
    FROM periods p JOIN scored u ON u.year BETWEEN p.y0 AND p.y1
    LEFT JOIN late_area la ON p.period = 'before' AND la.area_id = u.unit_id AND la.year = u.year
    WHERE u.boundary = $boundary AND {UNITS}
)
SELECT period, COUNT(*) AS expected, COUNT(*) FILTER (submitted AND NOT late) AS submitted,
       COUNT(*) FILTER ({MET} AND NOT late) AS met, COUNT(DISTINCT year) AS years
FROM shown GROUP BY period
"""
KPI_MODELS = f"""
WITH {PERIODS}, {LATE}
SELECT p.period, COUNT(*) AS models FROM periods p JOIN counted_models m ON m.year BETWEEN p.y0 AND p.y1
WHERE m.{IN_AREA} AND {FIELD} AND {_NOT_LATE.format(part="models", alias="m")} GROUP BY p.period
"""
KPI_AWARDS = f"""
WITH {PERIODS}, {LATE}
SELECT p.period, COUNT(*) FILTER (c.award <> '{PRAISE}') AS awards, COUNT(*) FILTER (c.award = '{PRAISE}') AS praise
FROM periods p JOIN commendations c ON c.year BETWEEN p.y0 AND p.y1
WHERE c.{IN_AREA} AND {AWARD_FIELD} AND {_NOT_LATE.format(part="commendations", alias="c")} GROUP BY p.period
"""
MODELS_PER_YEAR = f"""
SELECT m.year, COUNT(*) AS models FROM counted_models m
WHERE m.year {TREND} AND m.{IN_AREA} AND {FIELD} GROUP BY m.year ORDER BY m.year
"""
ATTAINMENT_BY_DISTRICT = f"""
SELECT {DISTRICT} AS district, attainment, COUNT(*) AS units FROM {SCORED}
AND year = $year AND {UNITS} GROUP BY ALL ORDER BY district {VI}, attainment
"""
LAGGING = f"""
SELECT name AS unit, unit_group, {DISTRICT} AS district, attainment, n_models, target_min FROM {SCORED}
AND year = $year AND {UNITS} AND {LAGS}
ORDER BY attainment, district {VI}, unit {VI}
"""

# --- Đơn vị (scorecard) and Hồ sơ đơn vị ---
SCORECARD = f"""
SELECT unit_id, name AS unit, code, unit_group, {DISTRICT} AS district, year, n_models, attainment, members, shared
FROM {SCORED} AND year {RANGE} AND {UNITS} ORDER BY unit {VI}, year
"""
# every unit, for the profile picker: a unit merged or split away names its successor(s) and the day
ALL_UNITS = f"""
SELECT u.unit_id, u.name AS unit, u.code, {DISTRICT} AS district, u.valid_from, u.valid_to,
       STRING_AGG(n.name, ', ' ORDER BY n.name {VI}) AS successors, MIN(s.effective_date) AS successor_from,
       COALESCE(BOOL_OR(s.share = 'partial'), false) AS split
FROM units u LEFT JOIN unit_successors s ON s.unit_id = u.unit_id LEFT JOIN units n ON n.unit_id = s.successor_id
GROUP BY ALL ORDER BY unit {VI}, u.valid_from
"""
UNIT = f"""
SELECT unit_id, code, name, unit_group, {DISTRICT} AS district, old_province, valid_from, valid_to, lineage_note
FROM units u WHERE unit_id = $unit_id
"""
# A profile in mode 'today' pools the unit's former units; a unit that no longer exists shows its own records.
_PROFILE_MODE = """(CASE WHEN EXISTS (SELECT 1 FROM unit_area WHERE boundary = $boundary AND area_id = $unit_id)
                         THEN $boundary ELSE 'reported' END)"""
_PROFILE_UNITS = f"SELECT unit_id FROM unit_area WHERE boundary = {_PROFILE_MODE} AND area_id = $unit_id"
# The same choice for the unit's years, written so that in mode 'reported' the planner drops the branch of `scored`
# in today's units (boundary = CASE … over a subquery is no constant: both branches were worked out, issue 12).
_POOLED = "EXISTS (SELECT 1 FROM unit_area WHERE boundary = $boundary AND area_id = $unit_id)"
UNIT_YEARS = f"""
SELECT year, submitted, n_models, target_min, target_max, attainment, members FROM scored
WHERE unit_id = $unit_id AND ((boundary = 'reported' AND ($boundary = 'reported' OR NOT {_POOLED}))
                              OR (boundary = $boundary AND boundary <> 'reported' AND {_POOLED}))
ORDER BY year
"""
UNIT_MODELS = f"""
SELECT m.year, r.name AS reported_unit, m.name AS model, m.kind, m.field, m.form, m.status, m.level, m.theme
FROM models m JOIN units r USING (unit_id) WHERE m.unit_id IN ({_PROFILE_UNITS}) ORDER BY m.year DESC, m.model_id
"""
UNIT_COMMENDATIONS = f"""
SELECT c.year, r.name AS reported_unit, c.recipient, c.recipient_type, c.award, c.decision_no, c.decision_date,
       c.model_name AS model
FROM commendations c JOIN units r USING (unit_id) WHERE c.unit_id IN ({_PROFILE_UNITS})
ORDER BY c.year DESC, c.decision_date
"""
UNIT_UPLOADS = f"""
SELECT p.uploaded_at, p.file_name, r.name AS reported_unit, c.year, c.status AS upload_status, p.uploaded_by, p.sha256
FROM upload_coverage c JOIN uploads p USING (upload_id) JOIN units r ON r.unit_id = c.unit_id
WHERE c.unit_id IN ({_PROFILE_UNITS}) ORDER BY p.uploaded_at DESC, c.year DESC
"""
# each link with the note of its former unit, which names the resolution
UNIT_LINEAGE = f"""
SELECT 'predecessor' AS direction, o.unit_id, o.name, o.code, s.share, s.effective_date, o.valid_from, o.valid_to,
       o.lineage_note AS note
FROM unit_successors s JOIN units o ON o.unit_id = s.unit_id WHERE s.successor_id = $unit_id
UNION ALL
SELECT 'successor', n.unit_id, n.name, n.code, s.share, s.effective_date, n.valid_from, n.valid_to, p.lineage_note
FROM unit_successors s JOIN units n ON n.unit_id = s.successor_id JOIN units p ON p.unit_id = s.unit_id
WHERE s.unit_id = $unit_id
ORDER BY direction, name {VI}
"""

# --- Lĩnh vực ---
_MODELS = f"FROM models m WHERE m.year {RANGE} AND m.{IN_AREA} AND {FIELD}"
_MODELS_TREND = f"FROM models m WHERE m.year {TREND} AND m.{IN_AREA} AND {FIELD}"
FIELD_BY_YEAR = f"SELECT m.field, m.year, COUNT(*) AS models {_MODELS_TREND} GROUP BY ALL ORDER BY m.year, m.field"
FIELD_BY_DISTRICT = f"""
WITH per_unit AS (SELECT m.unit_id, m.field, COUNT(*) AS n FROM models m WHERE m.year {RANGE} AND {FIELD} GROUP BY ALL),
{PLACED.format(key=DISTRICT, name="district")}
SELECT p.district, r.field, {PLACED_SUM} AS models FROM per_unit r JOIN placed p USING (unit_id)
GROUP BY ALL ORDER BY district {VI}"""
FORM_BY_YEAR = f"SELECT m.form, m.year, COUNT(*) AS models {_MODELS_TREND} GROUP BY ALL ORDER BY m.year, m.form"
THEMES = f"""
SELECT COALESCE(NULLIF(m.theme, ''), '{texts.NO_THEME}') AS theme, COUNT(*) AS models,
       COUNT(DISTINCT m.unit_id) AS units {_MODELS} GROUP BY ALL ORDER BY models DESC, theme {VI} LIMIT 15
"""

# --- Khen thưởng ---
_COMMENDATIONS = f"FROM commendations c WHERE c.year {RANGE} AND c.{IN_AREA} AND {AWARD_FIELD}"
AWARD_BY_YEAR = f"""SELECT c.award, c.year, COUNT(*) AS n FROM commendations c
WHERE c.year {TREND} AND c.{IN_AREA} AND {AWARD_FIELD} GROUP BY ALL ORDER BY c.year"""
AWARD_BY_LEVEL = f"""
SELECT {AWARD_LEVEL} AS level, c.recipient_type, COUNT(*) AS n {_COMMENDATIONS} GROUP BY ALL ORDER BY n DESC
"""
AWARD_BY_DISTRICT = f"""
WITH per_unit AS (SELECT c.unit_id, c.recipient_type, COUNT(*) AS n FROM commendations c
                  WHERE c.year {RANGE} AND {AWARD_FIELD} GROUP BY ALL),
{PLACED.format(key=DISTRICT, name="district")}
SELECT p.district, r.recipient_type, {PLACED_SUM} AS n FROM per_unit r JOIN placed p USING (unit_id)
GROUP BY ALL ORDER BY district {VI}"""
# one row per commendation: the unit that reported it, and in mode 'today' the unit(s) it is shown under now. The
# rows are chosen and put in order on numbers (the unit by its rank in Vietnamese order), and only the rows of the
# window are named: ordering 300.000 names COLLATE vi and joining every model took most of 250 ms at scale.
def _commendations(window: str) -> str:
    return f"""
WITH area AS (
    SELECT a.unit_id, STRING_AGG(u.name, '; ' ORDER BY u.name {VI}) AS area,
           STRING_AGG(DISTINCT {DISTRICT}, '; ' ORDER BY {DISTRICT} {VI}) AS district
    FROM unit_area a JOIN units u ON u.unit_id = a.area_id WHERE a.boundary = $boundary AND {UNITS} GROUP BY a.unit_id
), ranked AS (
    SELECT unit_id, dense_rank() OVER (ORDER BY name {VI}) AS unit_rank FROM units
), listed AS (
    SELECT c.commendation_id, k.unit_rank FROM commendations c JOIN area USING (unit_id) JOIN ranked k USING (unit_id)
    WHERE c.year {RANGE} AND {AWARD_FIELD}
    ORDER BY c.year DESC, c.decision_date DESC NULLS LAST, k.unit_rank, c.commendation_id {window}
)
SELECT c.year, r.name AS unit, area.area, area.district, c.recipient, c.recipient_type, c.award,
       {AWARD_LEVEL} AS level, c.decision_no, c.decision_date, COALESCE(m.name, c.model_name) AS model, c.reason
FROM listed l JOIN commendations c USING (commendation_id) JOIN area USING (unit_id)
JOIN units r ON r.unit_id = c.unit_id LEFT JOIN models m ON m.model_id = c.model_id
ORDER BY c.year DESC, c.decision_date DESC NULLS LAST, l.unit_rank, c.commendation_id
"""


# Long lists are read a page at a time ($limit rows from $offset; the order above is total, so no row is shown on two
# pages): at a million models a whole list is hundreds of thousands of rows, seconds to read and to draw. The page
# says how many there are from the counts below, and the download reads the whole list only when asked.
PAGE = "LIMIT $limit OFFSET $offset"
COMMENDATION_LIST = _commendations("")
COMMENDATION_PAGE = _commendations(PAGE)
# the rows of COMMENDATION_LIST (a commendation of a unit in the area is listed once), and how many are "Biểu dương"
COMMENDATION_TOTALS = f"""
SELECT COUNT(*) AS total, COUNT(*) FILTER (c.award = '{PRAISE}') AS praise {_COMMENDATIONS}
"""


def run(con, sql: str, **params) -> pd.DataFrame:
    """Runs a named query; only the parameters the query names are bound."""
    bound = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    return con.execute(sql, bound).df()

# --- staff: upload history and submission tracking ---
# A search of a long list, in SQL: $needle is the text typed, folded by core.vntext.fold (NULL: no search); a row is
# found when one of its columns, folded the same way, holds it. Folding is costly at a million rows: stored keys
# (upload_search) for the one name per upload, folded here only over the few distinct values of the others.
# $logins and $names: people by their display names (the accounts file), as the page shows them.


def shown_person(login: str) -> str:
    return f"COALESCE(map($logins::VARCHAR[], $names::VARCHAR[])[{login}], {login})"



def found_among(column: str, table: str, shown=lambda value: value) -> str:
    """The distinct values of `column` in `table` whose `shown(value)` holds $needle, each folded once: a list, as a
    filter over SELECT DISTINCT is pushed below it and folds every row (0.4 s at 237.000)."""
    folded = fold_sql(shown("x"))
    return f"SELECT UNNEST(list_filter(list(DISTINCT {column}), lambda x: contains({folded}, $needle))) FROM {table}"


FOUND_UNITS = f"SELECT unit_id FROM units u WHERE contains({fold_sql('u.name')}, $needle)"
# An upload is found by its own keys, the person who uploaded it or a unit it covers: a union of ids, each part
# cheap (one filter over them all, subqueries OR-ed, took 0.3 s at 237.000 uploads).
UPLOADS_FOUND = f"""SELECT upload_id FROM uploads WHERE $needle IS NULL
UNION SELECT upload_id FROM upload_search WHERE contains(file_name, $needle) OR contains(report_author, $needle)
UNION SELECT upload_id FROM uploads WHERE uploaded_by IN ({found_among("uploaded_by", "uploads", shown_person)})
UNION SELECT upload_id FROM upload_coverage WHERE unit_id IN ({FOUND_UNITS})"""
UPLOAD_COUNT = f"SELECT COUNT(*) AS total FROM ({UPLOADS_FOUND})"


def _uploads(window: str) -> str:
    """The uploads found, newest first, `window` of them; the units and unit-years of those alone (aggregated once
    for all: a subquery per upload took seconds at 200.000)."""
    return f"""
WITH found AS (SELECT upload_id FROM ({UPLOADS_FOUND}) ORDER BY upload_id DESC {window}), covered AS (
    SELECT c.upload_id, STRING_AGG(DISTINCT u.name, '; ' ORDER BY u.name {VI}) AS unit_names,
           COUNT(DISTINCT (c.unit_id, c.year)) AS unit_years
    FROM upload_coverage c JOIN units u USING (unit_id) WHERE c.upload_id IN (SELECT upload_id FROM found)
    GROUP BY c.upload_id
)
SELECT p.upload_id, p.uploaded_at, p.uploaded_by, p.file_name, k.unit_names,
       p.rows_models AS models, p.rows_commendations AS commendations, p.status AS upload_status,
       COALESCE(k.unit_years, 0) AS unit_years,
       p.report_author, p.rolled_back_by, p.rolled_back_at, p.sha256, p.archive_path
FROM uploads p JOIN found USING (upload_id) LEFT JOIN covered k USING (upload_id) ORDER BY p.upload_id DESC
"""


UPLOAD_LIST = _uploads("")  # the download: every upload found
UPLOAD_PAGE = _uploads(PAGE)
UPLOAD_UNITS = f"""
SELECT u.name AS unit, c.year, c.part, c.status AS upload_status FROM upload_coverage c JOIN units u USING (unit_id)
WHERE c.upload_id = $upload_id ORDER BY unit {VI}, c.year, c.part
"""
_REPORTED = ("COUNT(*) FILTER (submitted) AS submitted, COUNT(*) AS expected,"
             " ROUND(100.0 * COUNT(*) FILTER (submitted) / COUNT(*), 1) AS rate")
TRACKING_BY_DISTRICT = f"""
SELECT {DISTRICT} AS district, {_REPORTED} FROM {SCORED} AND year = $year AND {UNITS}
GROUP BY ALL ORDER BY rate, district {VI}
"""
TRACKING_BY_GROUP = f"""
SELECT unit_group, {_REPORTED} FROM {SCORED} AND year = $year AND {UNITS} GROUP BY ALL ORDER BY rate, unit_group {VI}
"""
# `own`: the unit is the reminders' sender ($sender, a registry code) or lives in it today: never reminded by itself
NOT_REPORTED = f"""
SELECT y.name AS unit, y.code, y.unit_group, {DISTRICT} AS district, u.contact_person, u.phone, u.email,
       EXISTS (SELECT 1 FROM unit_today t JOIN units s ON s.unit_id = t.today_id
               WHERE t.unit_id = y.unit_id AND s.code = $sender) AS own
FROM unit_year y JOIN units u USING (unit_id)
WHERE y.year = $year AND NOT y.submitted AND {UNITS} ORDER BY district {VI}, unit {VI}
"""

# A model name as `core.vntext.fold` keys it (names are stored cleaned: NFC, single spaces): no case, no accents.
FOLDED_NAME = "replace(replace(strip_accents(lower({column})), 'đ', 'd'), 'ð', 'd')"
# Co-reporting: the same model (name after folding) reported by two units or more in a year. Both keep it, each
# toward its own target; staff see the list as a data-quality note (DATA_CONTRACT §1).
CO_REPORTED = f"""
WITH named AS (SELECT m.unit_id, m.name, {FOLDED_NAME.format(column="m.name")} AS folded
               FROM models m JOIN units u USING (unit_id) WHERE m.year = $year AND {UNITS})
SELECT min(n.name) AS model, count(DISTINCT n.unit_id) AS units,
       string_agg(DISTINCT u.name, '; ' ORDER BY u.name {VI}) AS unit_names
FROM named n JOIN units u USING (unit_id) GROUP BY n.folded HAVING count(DISTINCT n.unit_id) > 1
ORDER BY units DESC, model {VI}
"""

# --- map of today's communes: from 01/07/2025 a commune's own row; before, its former communes pooled (mode 'today')
MAP_COMMUNES = f"""
WITH counted AS (
    SELECT t.today_id AS unit_id, COUNT(*) AS models FROM counted_models m JOIN unit_today t USING (unit_id)
    WHERE m.year = $year AND {FIELD} GROUP BY t.today_id
)
SELECT u.unit_id, u.code, u.name AS commune, u.members AS units, u.reported AS submitted,
       COALESCE(c.models, 0) AS models,
       ROUND(COALESCE(c.models, 0) / u.members, 2) AS per_unit, u.shared, u.attainment
FROM area_year u JOIN units n USING (unit_id) LEFT JOIN counted c USING (unit_id)
WHERE u.year = $year AND u.unit_group = 'Cấp xã' AND n.valid_to IS NULL AND {UNITS}
ORDER BY commune {VI}
"""
