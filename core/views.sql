-- The views of the dashboard over the tables of schema.sql. Created twice: in the main schema over every report
-- that stands, and in the schema `approved` (core/approved.sql) over the approved unit-years only, where the names
-- models, commendations and upload_coverage resolve to filtered views. Same text, so the two cannot drift.
-- '{not_submitted}' and the like are the attainment words of core/texts.py, put in place by core/db.py.

CREATE OR REPLACE VIEW counted_models AS
SELECT m.* FROM models m
WHERE m.form IN (SELECT value FROM counting_rule WHERE dimension = 'form')
  AND m.status NOT IN (SELECT value FROM counting_rule WHERE dimension = 'excluded_status');

-- One row per (unit expected in that year, year). A unit is expected in a year when it is active on 31/12 of
-- that year; a unit that ended during the year appears only if it reported for it, and then its successor is not
-- expected for that year as well (so 2025 counts an area once, under the unit or units that reported).
CREATE OR REPLACE VIEW unit_year AS
WITH bounds AS (
    SELECT CAST(value AS INTEGER) AS first_year FROM meta WHERE key = 'plan_first_year'
), years AS (
    SELECT CAST(y AS INTEGER) AS year
    FROM bounds, range(bounds.first_year, GREATEST(year(current_date), (SELECT COALESCE(MAX(year), 0) FROM coverage_years)) + 1) t(y)
), target AS (
    SELECT MAX(CASE WHEN dimension = 'target_min' THEN CAST(value AS INTEGER) END) AS target_min,
           MAX(CASE WHEN dimension = 'target_max' THEN CAST(value AS INTEGER) END) AS target_max
    FROM counting_rule
), submitted AS (
    SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied' AND part = 'models'
), counted AS (
    SELECT unit_id, year, COUNT(*) AS n FROM counted_models GROUP BY ALL
), expected AS (
    -- active on 31/12, unless it began during that year and a predecessor that ended during it reported for it
    -- (a new commune in 2025: the area counted once); a body that existed all year always owes its own report
    SELECT u.unit_id, y.year FROM units u JOIN years y
      ON u.valid_from <= make_date(y.year, 12, 31) AND (u.valid_to IS NULL OR u.valid_to >= make_date(y.year, 12, 31))
    WHERE u.valid_from <= make_date(y.year, 1, 1)
       OR NOT EXISTS (SELECT 1 FROM unit_successors s JOIN submitted p ON p.unit_id = s.unit_id AND p.year = y.year
                      JOIN units o ON o.unit_id = s.unit_id
                      WHERE s.successor_id = u.unit_id AND o.valid_to < make_date(y.year, 12, 31))
    UNION
    SELECT unit_id, year FROM submitted
)
SELECT u.unit_id, u.code, u.name, u.unit_group, u.district, u.old_province, e.year,
       (s.unit_id IS NOT NULL) AS submitted,
       CASE WHEN s.unit_id IS NULL THEN NULL ELSE COALESCE(c.n, 0) END AS n_models,
       t.target_min, t.target_max,
       CASE WHEN s.unit_id IS NULL THEN '{not_submitted}'
            WHEN COALESCE(c.n, 0) < t.target_min THEN '{below_target}'
            WHEN c.n <= t.target_max THEN '{on_target}'
            ELSE '{above_target}' END AS attainment
FROM expected e
JOIN units u USING (unit_id)
CROSS JOIN target t
LEFT JOIN submitted s ON s.unit_id = e.unit_id AND s.year = e.year
LEFT JOIN counted c ON c.unit_id = e.unit_id AND c.year = e.year;

-- Boundary mode "today" (Quy đổi theo địa giới hiện nay). Where each unit's history lives today: the unit itself
-- while it is active, else the end of its successor chain; a split reaches several units (share 'partial'); a unit
-- closed without a successor (a district body) stays itself, so no record is ever left out of a total.
CREATE OR REPLACE VIEW unit_today AS
WITH RECURSIVE chain(unit_id, today_id, partial, depth) AS (
    SELECT unit_id, unit_id, FALSE, 0 FROM units
    UNION ALL
    SELECT c.unit_id, s.successor_id, c.partial OR s.share = 'partial', c.depth + 1
    FROM chain c JOIN unit_successors s ON s.unit_id = c.today_id
    WHERE c.depth < 10
), ends AS (  -- the steps that reached a unit without successor
    SELECT * FROM chain c WHERE NOT EXISTS (SELECT 1 FROM unit_successors s WHERE s.unit_id = c.today_id)
)
SELECT unit_id, today_id,
       CASE WHEN BOOL_OR(partial) THEN 'partial' WHEN unit_id = today_id THEN 'self' ELSE 'full' END AS share
FROM ends GROUP BY unit_id, today_id
UNION ALL  -- a chain with no end (a registry loop) keeps the unit as itself rather than losing its records
SELECT unit_id, unit_id, 'self' FROM units WHERE unit_id NOT IN (SELECT unit_id FROM ends);

-- Which unit a record is shown under, per boundary mode: as reported, or today's unit(s).
CREATE OR REPLACE VIEW unit_area AS
SELECT 'reported' AS boundary, unit_id, unit_id AS area_id, 'self' AS share FROM units
UNION ALL
SELECT 'today', unit_id, today_id, share FROM unit_today;

-- unit_year rolled into today's units. Every unit active on 31/12 of a year owed its own target that year, so a
-- today's unit owes (its members active on 31/12) × target, and all of those must have reported; a member that
-- ended during the year (an old commune reporting for 2025) adds its models but no target: a merged commune owes
-- 1–2 in 2025, not the sum of its predecessors'.
CREATE OR REPLACE VIEW area_year AS
WITH member AS (
    SELECT t.today_id, t.share, y.year, y.submitted, y.n_models, y.target_min, y.target_max,
           (m.valid_to IS NULL OR m.valid_to >= make_date(y.year, 12, 31)) AS owes  -- active on 31/12
    FROM unit_year y JOIN unit_today t USING (unit_id) JOIN units m ON m.unit_id = y.unit_id
), pooled AS (
    SELECT today_id AS unit_id, year, COUNT(*) AS members, COUNT(*) FILTER (submitted) AS reported,
           COUNT(*) FILTER (owes) AS owing, COUNT(*) FILTER (owes AND submitted) AS owing_reported,
           SUM(n_models) AS n_models, BOOL_OR(share = 'partial') AS shared,
           ANY_VALUE(target_min) AS unit_min, ANY_VALUE(target_max) AS unit_max
    FROM member GROUP BY today_id, year
), owed AS (
    SELECT p.*, u.code, u.name, u.unit_group, u.district, u.old_province, GREATEST(p.owing, 1) AS owed_by
    FROM pooled p JOIN units u USING (unit_id)
)
SELECT unit_id, code, name, unit_group, district, old_province, year,
       reported > 0 AND owing_reported = owing AS submitted,
       CASE WHEN reported = 0 THEN NULL ELSE COALESCE(n_models, 0) END AS n_models,
       unit_min * owed_by AS target_min, unit_max * owed_by AS target_max,
       CASE WHEN reported = 0 THEN '{not_submitted}'
            WHEN owing_reported < owing THEN '{below_target}'
            WHEN COALESCE(n_models, 0) < unit_min * owed_by THEN '{below_target}'
            WHEN n_models <= unit_max * owed_by THEN '{on_target}'
            ELSE '{above_target}' END AS attainment,
       members, reported, shared
FROM owed;

-- Both boundary modes in one relation: the dashboard filters it with boundary = 'reported' or 'today'.
CREATE OR REPLACE VIEW scored AS
SELECT 'reported' AS boundary, unit_id, code, name, unit_group, district, old_province, year, submitted, n_models,
       target_min, target_max, attainment, 1 AS members, CAST(submitted AS INTEGER) AS reported, FALSE AS shared
FROM unit_year
UNION ALL
SELECT 'today', unit_id, code, name, unit_group, district, old_province, year, submitted, n_models,
       target_min, target_max, attainment, members, reported, shared
FROM area_year;
