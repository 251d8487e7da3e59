"""Accounts against the registry: a scope may only name khu vực, khối and units the database knows, and the bulk
unit accounts are made for the reporting units active today, with the file of one-time passwords the admin hands
out. The command line and the admin page call the same functions."""
import difflib
import io

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from core import auth, config, formats, queries, texts
from core.account_queries import ACCOUNTS_SORTED, ACTIVE_UNITS, UNIT_CODES
from core.scope import UNIT, Scope, describe
from core.vntext import fold
from core.xlsx import write_sheet

CLOSE_MATCHES = 5


def scope_problem(con, role: str, account_scope: Scope) -> str | None:
    """Why the scope names something the database does not know (None when all is known); a unit account's unit
    must still exist today."""
    districts = queries.run(con, queries.DISTRICTS)["district"].tolist()
    groups = queries.run(con, queries.GROUPS)["unit_group"].tolist()
    codes = queries.run(con, UNIT_CODES)
    for values, known, label in ((account_scope.districts, districts, texts.ACCOUNT_SCOPE_DISTRICT),
                                 (account_scope.groups, groups, texts.ACCOUNT_SCOPE_GROUP)):
        for value in values:
            if value not in known:
                return texts.ACCOUNT_SCOPE_UNKNOWN.format(name=label, value=value, known=close_to(value, known))
    labels = dict(zip(codes["code"], codes["code"] + " (" + codes["name"] + ")"))
    for code in account_scope.units:
        if code not in labels:
            return texts.ACCOUNT_UNIT_UNKNOWN.format(code=code, known=close_to(code, list(labels), labels))
    active = set(codes.loc[codes["active"], "code"])
    if role == UNIT and account_scope.units and account_scope.units[0] not in active:
        return texts.ACCOUNT_UNIT_INACTIVE.format(unit=labels[account_scope.units[0]])
    return None


def close_to(value: str, known: list[str], labels: dict[str, str] | None = None) -> str:
    """The known values nearest to a mistyped one (accents and case ignored), or all of them when none is near."""
    folded = {fold(k): k for k in known}
    near = [folded[f] for f in difflib.get_close_matches(fold(value), list(folded), n=CLOSE_MATCHES, cutoff=0.6)]
    shown = near or known[:30]
    return "; ".join((labels or {}).get(k, k) for k in shown) + ("" if near or len(known) <= 30 else "; …")


def active_units(con) -> pd.DataFrame:
    """code, name, district, unit_group of the reporting units active today, by khu vực then name."""
    return queries.run(con, ACTIVE_UNITS)


def make_unit_accounts(units: pd.DataFrame, accounts_path, actor: auth.Account,
                       client: str | None = None) -> tuple[int, bytes | None]:
    """A unit account for every unit of `units` (`active_units`) that has none; returns how many were made and the
    workbook of their one-time passwords (None when none was made). The passwords exist nowhere else."""
    created = auth.create_unit_accounts(accounts_path, zip(units["code"], units["name"]), actor, client)
    return len(created), unit_accounts_workbook(units, created) if created else None


def unit_accounts_workbook(units, created: list[auth.UnitAccount]) -> bytes:
    """Title row, then STT, Đơn vị, Mã, Khu vực, Khối, Tên đăng nhập, Mật khẩu dùng một lần; frozen header; in the
    order of `units` (by khu vực, then name)."""
    made = {a.code: a for a in created}
    rows = units[units["code"].isin(made)].reset_index(drop=True)
    frame = rows.assign(stt=range(1, len(rows) + 1), username=[made[c].username for c in rows["code"]],
                        password=[made[c].password for c in rows["code"]])
    frame = frame[["stt", "name", "code", "district", "unit_group", "username", "password"]]
    frame.columns = texts.UNIT_ACCOUNTS_COLUMNS
    book = Workbook()
    ws = book.active
    ws.title = texts.UNIT_ACCOUNTS_SHEET
    write_sheet(ws, frame)
    ws.insert_rows(1)
    ws["A1"] = texts.UNIT_ACCOUNTS_TITLE.format(date=formats.date(config.today()), n=len(frame))
    ws["A1"].font = Font(bold=True, size=13)
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def accounts_table(listed: list[auth.Listed]) -> pd.DataFrame:
    """The admin page's table, one row per account in Vietnamese order of the display names; never a hash."""
    frame = pd.DataFrame([(item.account.username, item.account.display_name,
                           texts.ROLE_NAMES.get(item.account.role, item.account.role),
                           describe(item.account.role, item.account.scope), texts.ACCOUNT_STATES[item.disabled],
                           texts.ACCOUNT_MUST_CHANGE[item.account.must_change]) for item in listed],
                         columns=["username", "display_name", "role", "scope", "state", "must_change"], dtype=object)
    con = duckdb.connect()
    try:
        con.register("accounts_in", frame)
        ordered = con.execute(ACCOUNTS_SORTED).df()
    finally:
        con.close()
    ordered.columns = texts.ACCOUNT_COLUMNS
    return ordered
