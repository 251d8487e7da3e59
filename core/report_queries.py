"""Named queries of the yearly report pack (Báo cáo). They reuse the dashboard's fragments (core/queries.py), so a
figure in the report is the figure on the page for the same filters: same views, same boundary mode, same area."""
from core import texts
from core.db import sql_text
from core.queries import AWARD_FIELD, DISTRICT, FIELD, IN_AREA, MET, PLACED, PLACED_SUM, SCORED, UNITS, VI
from core.vocab import PRAISE

PROVINCIAL = sql_text(texts.PROVINCIAL_LEVEL)  # listed first, as the dashboard lists it

# models of the year in the area, by field and form (every form: "Duy trì" included, as the Lĩnh vực page shows)
MODELS_BY_FIELD_FORM = f"""
SELECT m.field, m.form, COUNT(*) AS models FROM models m
WHERE m.year = $year AND m.{IN_AREA} AND {FIELD} GROUP BY ALL
"""
_SCORED_BY = """
SELECT {key} AS {name}, COUNT(*) AS expected, COUNT(*) FILTER (submitted) AS submitted,
       COUNT(*) FILTER ({met}) AS met
FROM {scored} AND year = $year AND {units} GROUP BY ALL
"""
_MODELS_BY = """
WITH per_unit AS (SELECT m.unit_id, COUNT(*) AS n FROM counted_models m WHERE m.year = $year AND {field} GROUP BY ALL),
{placed}
SELECT p.{name}, {total} AS models FROM per_unit r JOIN placed p USING (unit_id) GROUP BY ALL
"""


def _by(key: str, name: str, order: str) -> str:
    scored = _SCORED_BY.format(key=key, name=name, met=MET, scored=SCORED, units=UNITS)
    counted = _MODELS_BY.format(name=name, placed=PLACED.format(key=key, name=name), total=PLACED_SUM, field=FIELD)
    return f"""
WITH s AS ({scored}), c AS ({counted})
SELECT s.{name}, s.expected, s.submitted, s.met, COALESCE(c.models, 0) AS models
FROM s LEFT JOIN c USING ({name}) ORDER BY {order}
"""


# Phụ lục 1 and 2: per khu vực (provincial bodies first, as the dashboard lists them) and per khối
BY_DISTRICT = _by(DISTRICT, "district", f"s.district = {PROVINCIAL} DESC, s.district {VI}")
BY_GROUP = _by("u.unit_group", "unit_group", f"s.unit_group {VI}")

# Phụ lục 3: units that have not reported, or reported fewer models than the target
LAGGING = f"""
SELECT name AS unit, unit_group, {DISTRICT} AS district, attainment, n_models, target_min FROM {SCORED}
AND year = $year AND {UNITS} AND attainment IN ({sql_text(texts.NOT_SUBMITTED)}, {sql_text(texts.BELOW_TARGET)})
ORDER BY attainment = {sql_text(texts.BELOW_TARGET)}, district = {PROVINCIAL} DESC, district {VI}, unit {VI}
"""

# Phụ lục 4: the collectives and individuals commended in the year (legal awards; "Biểu dương" counted apart)
COMMENDED = f"""
SELECT c.recipient, c.recipient_type, r.name AS unit, c.award, c.decision_no, c.decision_date
FROM commendations c JOIN units r ON r.unit_id = c.unit_id
WHERE c.year = $year AND c.{IN_AREA} AND {AWARD_FIELD} AND c.award <> '{PRAISE}'
ORDER BY c.recipient_type {VI}, c.award {VI}, c.recipient {VI}
"""
