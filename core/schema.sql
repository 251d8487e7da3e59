-- The database of the dashboard (DATA_CONTRACT §3). Public names: units, models, commendations, uploads, unit_year.
-- Ids are MAX + 1 inside the writer's transaction (one writer), so a restored backup needs no sequence reset.
-- The views over these tables are in views.sql.

CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS units (
    unit_id INTEGER PRIMARY KEY,
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    unit_group VARCHAR NOT NULL,
    district VARCHAR,            -- old district; for communes from 01/07/2025 the "khu vực"; NULL = provincial body
    old_province VARCHAR,
    valid_from DATE NOT NULL,
    valid_to DATE,
    lineage_note VARCHAR,
    aliases VARCHAR,
    contact_person VARCHAR,      -- contact details from the registry, for reminders (optional)
    phone VARCHAR,
    email VARCHAR
);

CREATE TABLE IF NOT EXISTS unit_successors (
    unit_id INTEGER NOT NULL,
    successor_id INTEGER NOT NULL,
    share VARCHAR NOT NULL,      -- full · partial (a split)
    effective_date DATE,
    PRIMARY KEY (unit_id, successor_id)
);

CREATE TABLE IF NOT EXISTS uploads (
    upload_id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,     -- not unique: a rolled-back file loaded again is a new upload (contract §4)
    uploaded_by VARCHAR,
    uploaded_at TIMESTAMP NOT NULL,
    rows_models INTEGER NOT NULL,
    rows_commendations INTEGER NOT NULL,
    status VARCHAR NOT NULL,     -- applied · superseded · rejected · rolled_back
    archive_path VARCHAR,
    report_author VARCHAR,
    report_phone VARCHAR,
    report_date DATE,            -- "Ngày lập" of the "Thông tin" sheet
    rolled_back_by VARCHAR,
    rolled_back_at TIMESTAMP
);

-- An upload's file name and author as core.vntext.fold keys them, written with the upload: the history's search
-- reads them rather than folding 200.000 names on every search (issue 12).
CREATE TABLE IF NOT EXISTS upload_search (
    upload_id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    report_author VARCHAR NOT NULL
);

-- The unit-years an upload covers, per part of the report (its models, its commendations): a later upload
-- supersedes one unit-year's part at a time, so a file of commendations alone never removes models.
CREATE TABLE IF NOT EXISTS upload_coverage (
    upload_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    part VARCHAR NOT NULL,       -- models · commendations
    status VARCHAR NOT NULL,     -- applied · superseded · rolled_back
    PRIMARY KEY (upload_id, unit_id, year, part)
);

CREATE TABLE IF NOT EXISTS models (
    model_id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    theme VARCHAR,
    form VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    level VARCHAR,
    start_date DATE,
    start_year INTEGER,
    place VARCHAR,
    result VARCHAR,
    note VARCHAR,
    source_row INTEGER,
    upload_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS commendations (
    commendation_id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    recipient VARCHAR NOT NULL,
    recipient_type VARCHAR NOT NULL,
    award VARCHAR NOT NULL,
    decision_no VARCHAR,
    decision_date DATE,
    model_id INTEGER,
    model_name VARCHAR,
    reason VARCHAR,
    source_row INTEGER,
    upload_id INTEGER NOT NULL
);

-- The counting rule and target (core/config.py), written by every writer so the view follows the config.
CREATE TABLE IF NOT EXISTS counting_rule (dimension VARCHAR NOT NULL, value VARCHAR NOT NULL);

-- The reporting cycle (DATA_CONTRACT §6). Every submission, approval, return, rollback, lock, unlock and change of a
-- reporting period, appended and never changed or deleted: the audit record of the data, written in the same
-- transaction as what it records. A unit-year's state is the state its latest event left (view unit_year_state).
CREATE TABLE IF NOT EXISTS cycle_events (
    event_id INTEGER PRIMARY KEY,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,      -- the account (or the system user of the command line)
    action VARCHAR NOT NULL,     -- submit · approve · return · rollback · lock · unlock · period
    unit_id INTEGER,             -- NULL for lock, unlock, period
    year INTEGER NOT NULL,
    district VARCHAR,            -- lock and unlock: the khu vực, or NULL for the whole year
    upload_id INTEGER,           -- submit and rollback: the upload concerned
    state VARCHAR,               -- the unit-year's state after the event: submitted · returned · approved · none
    reason VARCHAR               -- required for return and unlock
);

-- Locked figures: a year (district '') or one khu vực of it. A locked unit-year cannot be replaced or rolled back.
CREATE TABLE IF NOT EXISTS locks (
    year INTEGER NOT NULL,
    district VARCHAR NOT NULL,   -- '' = the whole year
    locked_by VARCHAR NOT NULL,
    locked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (year, district)
);

-- The reporting period of a year, set by the province: units submit from `opens` to `closes`; `due` is the hạn
-- nộp that timeliness is measured against. A year without a row is due on the configured day (core/config.py).
CREATE TABLE IF NOT EXISTS report_periods (
    year INTEGER PRIMARY KEY,
    opens DATE,
    due DATE NOT NULL,
    closes DATE,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMP NOT NULL
);

-- The years of the reports, for the last year the views and the sidebar show (its MAX). The schema `approved` has its
-- own (core/approved.sql): the same MAX from the approved unit-years alone, not a filter over every coverage row.
CREATE OR REPLACE VIEW coverage_years AS SELECT year FROM upload_coverage;

-- The state of each unit-year that has a report or has been through the cycle: its latest event's state; a report
-- loaded before the cycle existed (no event) counts as approved, as it was applied when loaded. The reason is the
-- latest event's, NULL included (arg_max would skip a NULL and keep an old return's reason after the resubmission).
CREATE OR REPLACE VIEW unit_year_state AS
WITH latest AS (
    SELECT unit_id, year, arg_max(state, event_id) AS state, arg_max_null(reason, event_id) AS reason,
           arg_max(actor, event_id) AS actor, MAX(happened_at) AS happened_at
    FROM cycle_events WHERE unit_id IS NOT NULL AND state IS NOT NULL GROUP BY unit_id, year
), applied AS (
    SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied'
)
SELECT unit_id, year, COALESCE(l.state, 'approved') AS state, l.reason, l.actor, l.happened_at
FROM applied a FULL JOIN latest l USING (unit_id, year);

-- The unit-years whose report stands approved. The schema `approved` (core/approved.sql) shows the dashboard only these.
-- A table kept by the writers, not a view: every approved figure reads it several times a query, and working it out
-- (unit_year_state's rule over every coverage row and event) cost more than the figures themselves at a million
-- models (issue 12). Every write that can change a unit-year's state writes an event for it in the same transaction
-- and then calls core.db.refresh_approved for those unit-years; the rule is core.db.APPROVED_RULE.
CREATE TABLE IF NOT EXISTS approved_unit_years (
    unit_id INTEGER NOT NULL,
    year INTEGER NOT NULL
);
