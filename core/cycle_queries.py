"""Named queries of the reporting cycle (DATA_CONTRACT §6): a unit-year's state, scope and lock, the review queue,
timeliness. Parameters as in core/queries.py; the scope parameters come from `core.scope.scope_params`."""
from core.queries import DISTRICT, VI
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
