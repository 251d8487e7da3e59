"""Named queries of the reporting cycle (DATA_CONTRACT §6): a unit-year's state, scope and lock, the review queue,
timeliness. Parameters as in core/queries.py; the scope parameters come from `core.scope.scope_params`."""
from core import texts
from core.db import sql_text
from core.queries import DISTRICT, IN_AREA, UNITS, VI
from core.scope import IN_SCOPE

# A unit `u` reporting for year `{year}` is locked when its whole year or its khu vực is.
LOCKED = "EXISTS (SELECT 1 FROM locks l WHERE l.year = {year} AND l.district IN ('', " + DISTRICT + "))"

# Everything a write needs to know about the unit-years of `cycle_in` (unit_id, year), registered by the caller.
FACTS = f"""
SELECT c.unit_id, c.year, u.name, u.code, {IN_SCOPE} AS in_scope, {LOCKED.format(year="c.year")} AS locked,
       COALESCE(s.state, 'none') AS state, p.opens, p.closes
FROM (SELECT DISTINCT unit_id, year FROM cycle_in) c JOIN units u USING (unit_id)
LEFT JOIN unit_year_state s ON s.unit_id = c.unit_id AND s.year = c.year
LEFT JOIN report_periods p ON p.year = c.year
ORDER BY u.name {VI}, c.year"""

# Reports waiting for approval in a lock's scope ($district NULL: the whole year).
PENDING_IN = f"""
SELECT COUNT(*) FROM unit_year_state s JOIN units u USING (unit_id)
WHERE s.year = $year AND s.state = 'submitted' AND ($district IS NULL OR {DISTRICT} = $district)"""

NEXT_EVENT_ID = "SELECT COALESCE(MAX(event_id), 0) + 1 FROM cycle_events"

# --- The admin's page of the cycle (pages/admin/cycle.py) ---
PERIOD = "SELECT opens, due, closes, set_by, set_at FROM report_periods WHERE year = $year"
LOCKS = f"SELECT district, locked_by, locked_at FROM locks WHERE year = $year ORDER BY district {VI}"
# Per khu vực of a year: the unit-years expected or with a report, by state, and whether a lock holds them.
_P = sql_text(texts.PROVINCIAL_LEVEL)
YEAR_STATES = f"""
WITH pairs AS (
    SELECT unit_id, year FROM unit_year WHERE year = $year
    UNION SELECT unit_id, year FROM unit_year_state WHERE year = $year
), stated AS (
    SELECT {DISTRICT} AS district, COALESCE(s.state, 'none') AS state, {LOCKED.format(year="$year")} AS locked
    FROM pairs p JOIN units u USING (unit_id) LEFT JOIN unit_year_state s USING (unit_id, year)
)
SELECT district, COUNT(*) FILTER (state = 'none') AS not_submitted, COUNT(*) FILTER (state = 'submitted') AS pending,
       COUNT(*) FILTER (state = 'returned') AS returned, COUNT(*) FILTER (state = 'approved') AS approved,
       BOOL_AND(locked) AS locked
FROM stated GROUP BY district ORDER BY district = {_P} DESC, district {VI}"""

# --- The audit page: every event of the cycle, newest first, with the unit's name and the upload's file ---
AUDIT_EVENTS = f"""
SELECT e.event_id, e.happened_at, e.actor, e.action, u.name AS unit, u.code, e.year,
       CASE WHEN e.unit_id IS NULL THEN e.district ELSE {DISTRICT} END AS district, p.file_name, e.state, e.reason
FROM cycle_events e LEFT JOIN units u USING (unit_id) LEFT JOIN uploads p USING (upload_id)
ORDER BY e.event_id DESC"""

# --- The KPI cards: reports of the chosen years and area waiting for approval ---
PENDING_IN_FILTERS = f"""
SELECT COUNT(*) AS pending FROM unit_year_state s
WHERE s.state = 'submitted' AND s.year BETWEEN $year_from AND $year_to AND s.{IN_AREA}"""

# --- Timeliness (DATA_CONTRACT §6), of the units expected in year $year as they reported (unit_year): on time when
# the first report of its models (applied or superseded since; never one rolled back) was uploaded on or before the
# due day, late after it, not submitted without one. The due day is the reporting period's, else the configured day
# and month ($due_day, $due_month; 29/02 falls back to 28/02 in a common year, as url_filters.on_day does). Always
# read on the main schema: the approved one hides the reports still waiting, which were submitted all the same.
_DEFAULT_DUE = "make_date($year, $due_month, LEAST($due_day, day(last_day(make_date($year, $due_month, 1)))))"
TIMELINESS = f"""
WITH first_upload AS (
    SELECT c.unit_id, MIN(p.uploaded_at) AS first_at FROM upload_coverage c JOIN uploads p USING (upload_id)
    WHERE c.year = $year AND c.part = 'models' AND c.status IN ('applied', 'superseded') GROUP BY c.unit_id
), due AS (
    SELECT COALESCE((SELECT due FROM report_periods WHERE year = $year), {_DEFAULT_DUE}) AS due
)
SELECT y.unit_id, y.name AS unit, y.code, y.unit_group, {DISTRICT} AS district, d.due, f.first_at,
       CASE WHEN f.first_at IS NULL THEN 'not_submitted'
            WHEN CAST(f.first_at AS DATE) <= d.due THEN 'on_time' ELSE 'late' END AS timeliness,
       date_diff('day', d.due, CAST(f.first_at AS DATE)) AS days_late
FROM unit_year y JOIN units u USING (unit_id) CROSS JOIN due d LEFT JOIN first_upload f USING (unit_id)
WHERE y.year = $year AND {UNITS}"""
_ON_TIME = """COUNT(*) AS expected, COUNT(*) FILTER (timeliness = 'on_time') AS on_time,
       COUNT(*) FILTER (timeliness = 'late') AS late, COUNT(*) FILTER (timeliness = 'not_submitted') AS not_submitted,
       ROUND(100.0 * COUNT(*) FILTER (timeliness = 'on_time') / COUNT(*), 1) AS on_time_rate"""
ON_TIME_TOTAL = f"WITH t AS ({TIMELINESS}) SELECT ANY_VALUE(due) AS due, {_ON_TIME} FROM t"
ON_TIME_BY_DISTRICT = (f"WITH t AS ({TIMELINESS}) SELECT district, {_ON_TIME} FROM t GROUP BY district"
                       f" ORDER BY on_time_rate, district {VI}")
ON_TIME_BY_GROUP = (f"WITH t AS ({TIMELINESS}) SELECT unit_group, {_ON_TIME} FROM t GROUP BY unit_group"
                    f" ORDER BY on_time_rate, unit_group {VI}")
LATE_UNITS = f"""WITH t AS ({TIMELINESS})
SELECT unit, code, unit_group, district, due, first_at AS first_upload, days_late FROM t WHERE timeliness = 'late'
ORDER BY days_late DESC, district {VI}, unit {VI}"""
