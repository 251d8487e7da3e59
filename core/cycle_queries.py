"""Named queries of the reporting cycle (DATA_CONTRACT §6): a unit-year's state, scope and lock, the review queue,
timeliness. Parameters as in core/queries.py; the scope parameters come from `core.scope.scope_params`."""
from core import texts
from core.db import sql_text
from core.queries import DISTRICT, IN_AREA, PAGE, UNITS, VI, found_among, shown_person
from core.scope import IN_SCOPE
from core.vntext import fold_sql


def _map(names: dict[str, str]) -> str:
    """A constant mapping of the code (code → Vietnamese name) as a DuckDB MAP literal."""
    return "MAP {" + ", ".join(f"{sql_text(k)}: {sql_text(v)}" for k, v in names.items()) + "}"


# A unit `u` reporting for year `{year}` is locked when its whole year or its khu vực is.
LOCKED = "EXISTS (SELECT 1 FROM locks l WHERE l.year = {year} AND l.district IN ('', " + DISTRICT + "))"

# Everything a write needs to know about the unit-years given as two lists of the same length, $unit_ids and $years,
# as the rows of a few scans without a join (DuckDB spends ~2 ms planning each join, and a load asks this for every
# file, issue 12); etl/cycle.py puts them together per unit-year. Kinds of row: 'unit' (its name, code, scope and
# khu vực, in Vietnamese order of name), 'state' (the latest event's state of a unit-year: view unit_year_state's
# rule, worked out for these units alone, as the view aggregates every unit-year of the database), 'applied' (the
# units' applied reports, per part), 'lock' and 'period' (of the years), 'same_file' (the uploads of the bytes
# $sha256 that still stand: applied or superseded, not rolled back; none when $sha256 is NULL).
FACTS = f"""
SELECT 'unit' AS kind, u.unit_id, NULL::BIGINT AS year, u.name AS text, u.code, {IN_SCOPE} AS in_scope,
       {DISTRICT} AS district, NULL::DATE AS opens, NULL::DATE AS closes
FROM units u WHERE list_contains($unit_ids::BIGINT[], u.unit_id)
UNION ALL SELECT 'state', unit_id, year, arg_max(state, event_id), NULL, NULL, NULL, NULL, NULL FROM cycle_events
    WHERE state IS NOT NULL AND list_contains($unit_ids::BIGINT[], unit_id) GROUP BY unit_id, year
UNION ALL SELECT 'applied', unit_id, year, part, NULL, NULL, NULL, NULL, NULL FROM upload_coverage
    WHERE status = 'applied' AND list_contains($unit_ids::BIGINT[], unit_id)
UNION ALL SELECT 'lock', NULL, year, NULL, NULL, NULL, district, NULL, NULL FROM locks
    WHERE list_contains($years::BIGINT[], year)
UNION ALL SELECT 'period', NULL, year, NULL, NULL, NULL, NULL, opens, closes FROM report_periods
    WHERE list_contains($years::BIGINT[], year)
UNION ALL SELECT 'same_file', upload_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM uploads
    WHERE sha256 = $sha256 AND status <> 'rolled_back'
ORDER BY kind, text {VI}, year"""

# Reports waiting for approval in a lock's scope ($district NULL: the whole year).
PENDING_IN = f"""
SELECT COUNT(*) FROM unit_year_state s JOIN units u USING (unit_id)
WHERE s.year = $year AND s.state = 'submitted' AND ($district IS NULL OR {DISTRICT} = $district)"""

LOCK_EXISTS = "SELECT COUNT(*) FROM locks WHERE year = ? AND district = ?"  # district '' = the whole year
NEXT_EVENT_ID = "SELECT COALESCE(MAX(event_id), 0) + 1 FROM cycle_events"

# --- the unit's page and the review queue (issue 13, part b) ---
# The year being reported: the latest whose reporting period is open on $today (none: the caller takes today's year).
REPORTING_YEAR = """SELECT MAX(year) AS year FROM report_periods
WHERE (opens IS NULL OR opens <= $today) AND (closes IS NULL OR closes >= $today)"""

# The years of a unit account's unit, named by its registry code (a code may name a former unit and a later one):
# each year it owes a report or has one, its state ('locked' while its year or khu vực is locked), the reason
# of a return (of nothing else: an approval with approval off has one too), the due day
# (the year's reporting period, else the configured deadline) and the day of its first report that still counts
# (applied or superseded, never rolled back).
MY_YEARS = f"""
WITH mine AS (
    SELECT unit_id, year FROM unit_year WHERE code = $code
    UNION SELECT s.unit_id, s.year FROM unit_year_state s JOIN units u USING (unit_id) WHERE u.code = $code
), first_report AS (  -- of this unit's years only: not every upload of the province
    SELECT c.unit_id, c.year, MIN(p.uploaded_at) AS first_upload FROM upload_coverage c JOIN uploads p USING (upload_id)
    JOIN mine m ON m.unit_id = c.unit_id AND m.year = c.year
    WHERE c.status IN ('applied', 'superseded') GROUP BY ALL
)
SELECT m.year, m.unit_id, u.name AS unit, u.code,
       CASE WHEN {LOCKED.format(year="m.year")} THEN 'locked' ELSE COALESCE(s.state, 'none') END AS state,
       CASE WHEN s.state = 'returned' THEN s.reason END AS reason,
       COALESCE(p.due, make_date(m.year, $due_month, $due_day)) AS due, f.first_upload
FROM mine m JOIN units u USING (unit_id)
LEFT JOIN unit_year_state s ON s.unit_id = m.unit_id AND s.year = m.year
LEFT JOIN report_periods p ON p.year = m.year
LEFT JOIN first_report f ON f.unit_id = m.unit_id AND f.year = m.year
ORDER BY m.year DESC, u.valid_from DESC"""

# The unit that reports for $year under the code: the one expected that year, else the latest unit of the code.
MY_UNIT = """SELECT u.unit_id, u.name, u.code FROM units u WHERE u.code = $code
ORDER BY EXISTS (SELECT 1 FROM unit_year y WHERE y.unit_id = u.unit_id AND y.year = $year) DESC, u.valid_from DESC
LIMIT 1"""

# A unit-year's rows as they stand in the database, in the order of its file.
UNIT_YEAR_MODELS = """SELECT unit_id, year, name, kind, subject, field, theme, form, status, level, start_date,
       start_year, place, result, note FROM models WHERE unit_id = $unit_id AND year = $year
ORDER BY upload_id, source_row, model_id"""
UNIT_YEAR_COMMENDATIONS = """SELECT unit_id, year, recipient, recipient_type, award, decision_no, decision_date,
       model_name, reason FROM commendations WHERE unit_id = $unit_id AND year = $year
ORDER BY upload_id, source_row, commendation_id"""

# The reports in a reviewer's scope in state $state ('submitted': the queue; 'approved': those it may reopen), not
# locked, with the upload that stands for each (the latest applied) and the one it replaced (the latest superseded).
REVIEW_QUEUE = f"""
WITH standing AS (
    SELECT unit_id, year, MAX(upload_id) AS upload_id FROM upload_coverage WHERE status = 'applied' GROUP BY ALL
), replaced AS (
    SELECT unit_id, year, MAX(upload_id) AS upload_id FROM upload_coverage WHERE status = 'superseded' GROUP BY ALL
)
SELECT s.unit_id, s.year, u.name AS unit, u.code, {DISTRICT} AS district, s.state,
       p.upload_id, p.file_name, p.sha256, p.archive_path, p.uploaded_by, p.uploaded_at,
       r.upload_id AS previous_id, q.file_name AS previous_file, q.sha256 AS previous_sha256,
       q.archive_path AS previous_archive, q.uploaded_at AS previous_at,
       (SELECT COUNT(*) FROM models m WHERE m.unit_id = s.unit_id AND m.year = s.year) AS models,
       (SELECT COUNT(*) FROM commendations k WHERE k.unit_id = s.unit_id AND k.year = s.year) AS commendations,
       EXISTS (SELECT 1 FROM upload_coverage l WHERE l.unit_id = s.unit_id AND l.year = s.year - 1
               AND l.status = 'applied') AS last_year_reported
FROM unit_year_state s JOIN units u USING (unit_id)
JOIN standing c ON c.unit_id = s.unit_id AND c.year = s.year JOIN uploads p ON p.upload_id = c.upload_id
LEFT JOIN replaced r ON r.unit_id = s.unit_id AND r.year = s.year LEFT JOIN uploads q ON q.upload_id = r.upload_id
WHERE s.state = $state AND {IN_SCOPE} AND NOT {LOCKED.format(year="s.year")}
  AND ($year IS NULL OR s.year = $year) AND ($district IS NULL OR {DISTRICT} = $district)
ORDER BY district {VI}, unit {VI}, s.year"""

# The choices of the queue's filters: the years with a report to review or reopen, the khu vực of the scope.
REVIEW_YEARS = f"""SELECT DISTINCT s.year FROM unit_year_state s JOIN units u USING (unit_id)
WHERE s.state IN ('submitted', 'approved') AND {IN_SCOPE} ORDER BY s.year DESC"""
REVIEW_DISTRICTS = f"""SELECT DISTINCT {DISTRICT} AS district FROM units u WHERE {IN_SCOPE}
ORDER BY district {VI}"""

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

# --- The audit page (Nhật ký): the cycle's events and the account events of audit.jsonl, which the page reads and
# registers as `account_events` (happened_at, person, event, note, client, seq, and the folded `person_key`,
# `event_key`, `note_key`), as one list in Vietnamese, newest first; filtered by $year (account events have none),
# $kinds (the events as named; [] is all), $person (as shown) and $needle (core.queries.UPLOADS_FOUND), and read a
# page at a time. The cycle's events are filtered before they are named: a million of them are not all joined.


def _action_name(action: str) -> str:
    return f"COALESCE({_map(texts.ACTION_NAMES)}[{action}], {action})"


def _state_name(state: str) -> str:
    return f"{_map(texts.STATE_NAMES)}[{state}]"


_PERSON = shown_person("e.actor")
# an event of no unit (a lock, a period) names its khu vực, or the whole year
_UNITLESS_DISTRICT = (f"CASE WHEN e.action IN ('lock', 'unlock') AND e.district IS NULL"
                      f" THEN {sql_text(texts.AUDIT_WHOLE_YEAR)} ELSE e.district END")
_EVENT_DISTRICT = f"CASE WHEN e.unit_id IS NOT NULL THEN {DISTRICT} ELSE {_UNITLESS_DISTRICT} END"
_CYCLE_FOUND = f"""($needle IS NULL OR e.actor IN ({found_among("actor", "cycle_events", shown_person)})
    OR e.action IN ({found_among("action", "cycle_events", _action_name)})
    OR e.unit_id IN (SELECT unit_id FROM units u WHERE contains({fold_sql("u.name")}, $needle)
                     OR contains({fold_sql("u.code")}, $needle) OR contains({fold_sql(DISTRICT)}, $needle))
    OR e.event_id IN (SELECT event_id FROM cycle_events e WHERE e.unit_id IS NULL
                      AND contains({fold_sql(_UNITLESS_DISTRICT)}, $needle))
    OR e.upload_id IN (SELECT upload_id FROM upload_search WHERE contains(file_name, $needle))
    OR e.state IN ({found_among("state", "cycle_events", _state_name)})
    OR e.reason IN ({found_among("reason", "cycle_events")}))"""
_AUDIT_ROWS = f"""
WITH cycle AS (
    SELECT e.* FROM cycle_events e
    WHERE ($year IS NULL OR e.year = $year) AND ($person IS NULL OR {_PERSON} = $person)
      AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], {_action_name("e.action")}))
      AND {_CYCLE_FOUND}
), rows AS (
    SELECT e.happened_at, {_PERSON} AS person, {_action_name("e.action")} AS event, u.name AS unit,
           u.code, e.year, {_EVENT_DISTRICT} AS district, NULL::VARCHAR AS file_name,
           {_state_name("e.state")} AS state, e.reason AS note, NULL::VARCHAR AS client, e.event_id AS seq,
           e.upload_id, 0 AS source
    FROM cycle e LEFT JOIN units u USING (unit_id)
    UNION ALL BY NAME
    SELECT a.happened_at, a.person, a.event, a.note, a.client, a.seq, 1 AS source FROM account_events a
    WHERE $year IS NULL AND ($person IS NULL OR a.person = $person)
      AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], a.event))
      AND ($needle IS NULL OR contains(a.person_key, $needle) OR contains(a.event_key, $needle)
           OR contains(a.note_key, $needle))
)"""
AUDIT_COUNT = f"{_AUDIT_ROWS} SELECT COUNT(*) AS total FROM rows"
# the columns of `account_events` and their pandas types
ACCOUNT_EVENT_TYPES = {"happened_at": "datetime64[us]", "person": "string", "event": "string", "note": "string",
                       "client": "string", "seq": "int64", "person_key": "string", "event_key": "string",
                       "note_key": "string"}


def _audit(window: str) -> str:
    """The rows, newest first (at the same second, the later written first; a cycle event before an account
    event), `window` of them; the upload's file named for those alone."""
    return f"""{_AUDIT_ROWS}, shown AS (SELECT * FROM rows ORDER BY happened_at DESC, seq DESC, source {window})
SELECT r.happened_at, r.person, r.event, r.unit, r.code, r.year, r.district, p.file_name, r.state, r.note, r.client
FROM shown r LEFT JOIN uploads p USING (upload_id) ORDER BY r.happened_at DESC, r.seq DESC, r.source"""


AUDIT_LIST = _audit("")  # the download
AUDIT_PAGE = _audit(PAGE)
# What the filters offer from the cycle's events (the page adds the account events'): codes, named by the page.
AUDIT_CHOICES = """SELECT COALESCE(list(DISTINCT year ORDER BY year DESC) FILTER (year IS NOT NULL), []) AS years,
       COALESCE(list(DISTINCT action), []) AS actions, COALESCE(list(DISTINCT actor), []) AS actors
FROM cycle_events"""

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
