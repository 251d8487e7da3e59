"""Named queries of account management: the units an account's scope and the bulk unit accounts are drawn from.
Parameters as in core/queries.py."""
from core.queries import DISTRICT, VI

# Reporting units active today (no end date), by khu vực then name: the rows of the bulk unit accounts' file.
ACTIVE_UNITS = f"""
SELECT u.code, u.name, {DISTRICT} AS district, u.unit_group FROM units u
WHERE u.valid_to IS NULL ORDER BY district {VI}, u.name {VI}, u.code"""

# Every registry code once, under its latest name; `active` when a unit with that code still exists.
UNIT_CODES = f"""
SELECT u.code, arg_max(u.name, u.valid_from) AS name, bool_or(u.valid_to IS NULL) AS active FROM units u
GROUP BY u.code ORDER BY name {VI}, u.code"""

# A list of accounts registered as `accounts_in` (username, display_name, …), in Vietnamese order of the names.
ACCOUNTS_SORTED = f"SELECT * FROM accounts_in ORDER BY display_name {VI}, username"
