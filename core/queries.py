"""Named, parameterised queries of the dashboard. Every filter is a bound parameter; None means "all".

`district` is the "khu vực (huyện cũ)": the old district of a unit before 01/07/2025, the khu vực of a commune
after it, and "Cấp tỉnh" for provincial bodies, so one filter works for every year.
"""
import pandas as pd

from core import texts

_DISTRICT = f"COALESCE(district, '{texts.PROVINCIAL_LEVEL}')"  # a constant of the code, not user input
_WHERE = f"year = $year AND ($district IS NULL OR {_DISTRICT} = $district)"

YEARS = "SELECT DISTINCT year FROM unit_year ORDER BY year DESC"
DISTRICTS = f"SELECT DISTINCT {_DISTRICT} AS district FROM units ORDER BY district = '{texts.PROVINCIAL_LEVEL}' DESC, district"
KPIS = f"""
SELECT COUNT(*) AS expected, COUNT(*) FILTER (submitted) AS submitted,
       COALESCE(SUM(n_models), 0) AS models,
       COUNT(*) FILTER (attainment IN ('Đạt', 'Vượt')) AS met
FROM unit_year WHERE {_WHERE}
"""
COMMENDATIONS = f"""
SELECT COUNT(*) AS n FROM commendations c JOIN units u USING (unit_id)
WHERE c.year = $year AND ($district IS NULL OR COALESCE(u.district, '{texts.PROVINCIAL_LEVEL}') = $district)
"""
MODELS_PER_YEAR = f"""
SELECT year, COALESCE(SUM(n_models), 0) AS models FROM unit_year
WHERE $district IS NULL OR {_DISTRICT} = $district GROUP BY year ORDER BY year
"""
ATTAINMENT_BY_DISTRICT = f"""
SELECT {_DISTRICT} AS district, attainment, COUNT(*) AS units FROM unit_year
WHERE {_WHERE} GROUP BY ALL ORDER BY district, attainment
"""
LAGGING = f"""
SELECT name, unit_group, {_DISTRICT} AS district, attainment, n_models FROM unit_year
WHERE {_WHERE} AND attainment IN ('Chưa nộp', 'Chưa đạt')
ORDER BY attainment, district, name
"""
LAST_UPLOAD = "SELECT MAX(uploaded_at) FROM uploads WHERE status <> 'rejected'"


def run(con, sql: str, **params) -> pd.DataFrame:
    """Runs a named query; only the parameters the query names are bound."""
    bound = {k: v for k, v in params.items() if f"${k}" in sql}
    return con.execute(sql, bound).df()
