-- "Chỉ số liệu đã duyệt": the dashboard's views again, over the approved unit-years only (DATA_CONTRACT §6).
-- The three tables holding reported rows are shadowed by filtered views; core/db.py then creates views.sql inside
-- this schema, where those names resolve here first and every other name (units, meta…) in main.
CREATE SCHEMA IF NOT EXISTS approved;
CREATE OR REPLACE VIEW approved.upload_coverage AS SELECT * FROM main.upload_coverage
WHERE (unit_id, year) IN (SELECT (unit_id, year) FROM main.approved_unit_years);
CREATE OR REPLACE VIEW approved.models AS SELECT * FROM main.models
WHERE (unit_id, year) IN (SELECT (unit_id, year) FROM main.approved_unit_years);
CREATE OR REPLACE VIEW approved.commendations AS SELECT * FROM main.commendations
WHERE (unit_id, year) IN (SELECT (unit_id, year) FROM main.approved_unit_years);
