"""The command line of accounts: `python -m etl user` with role, scope (checked against the database), --disable,
--enable, --keep-password; `python -m etl unit-accounts OUT.xlsx` and the file of one-time passwords it writes."""
import json
import os
import stat

import openpyxl
import pytest

from core import auth, texts
from core.auth import Throttle
from core.db import connect
from etl.cli import main

PASSWORD = "mat-khau-dai"


class Stdin:
    """Standard input that is not a terminal: the user command reads the password from it."""
    def __init__(self, text=PASSWORD):
        self.text, self.read = text, 0

    def isatty(self):
        return False

    def readline(self):
        self.read += 1
        return self.text + "\n"


@pytest.fixture
def accounts(tmp_path):
    return tmp_path / "accounts.json"


def user(accounts, db_path, *options, stdin=None, monkeypatch=None) -> int:
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", stdin or Stdin())
    return main(["user", *options, "--accounts", str(accounts), "--db", str(db_path)])


def entry(accounts, name="lan") -> dict:
    return auth.read_accounts(accounts)[name]


def audit_events(accounts) -> list[tuple[str, str]]:
    lines = (accounts.parent / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    return [(e["event"], e["detail"]) for e in map(json.loads, lines)]


def test_a_reviewer_with_khu_vuc_and_khoi(accounts, db_path, monkeypatch, capsys):
    assert user(accounts, db_path, "lan", "--role", "reviewer", "--name", "Nguyễn Thị Lan", "--district",
                "Huyện Sơn Tịnh", "--district", "Huyện Ba Tơ", "--group", "Cấp xã", monkeypatch=monkeypatch) == 0
    assert entry(accounts) | {"hash": None} == {
        "hash": None, "role": "reviewer", "display_name": "Nguyễn Thị Lan", "must_change": False,
        "scope": {"districts": ["Huyện Sơn Tịnh", "Huyện Ba Tơ"], "groups": ["Cấp xã"]}}
    assert capsys.readouterr().out.strip() == texts.CLI_USER_DONE.format(user="lan", role="reviewer", path=accounts)
    [(event, detail)] = audit_events(accounts)
    assert event == "account_saved" and detail.startswith("created by ")
    assert detail.endswith(", role reviewer, scope Huyện Sơn Tịnh, Huyện Ba Tơ, Cấp xã")


def test_a_new_password_keeps_the_role_and_scope_it_had(accounts, db_path, monkeypatch):
    assert user(accounts, db_path, "lan", "--role", "reviewer", "--group", "Cấp xã", monkeypatch=monkeypatch) == 0
    assert user(accounts, db_path, "lan", stdin=Stdin("mat-khau-moi-1"), monkeypatch=monkeypatch) == 0
    assert (entry(accounts)["role"], entry(accounts)["scope"]) == ("reviewer", {"groups": ["Cấp xã"]})
    assert auth.verify(auth.read_accounts(accounts), Throttle(auth.state_path(accounts)), "lan",
                       "mat-khau-moi-1").account is not None


def test_a_unit_account_takes_one_active_unit(accounts, db_path, monkeypatch):
    assert user(accounts, db_path, "binhson", "--role", "unit", "--unit", "21040", monkeypatch=monkeypatch) == 0
    assert entry(accounts, "binhson")["scope"] == {"units": ["21040"]}


@pytest.mark.parametrize("options, message", [
    (["--district", "Huyen Son Tin"],
     'Không có khu vực "Huyen Son Tin" trong cơ sở dữ liệu. Gần giống: Huyện Sơn Tịnh; Huyện Sơn Tây; Huyện Sơn Hà; '
     "Huyện Lý Sơn; Huyện Kon Plông."),
    (["--group", "Cấp xả"], 'Không có khối "Cấp xả" trong cơ sở dữ liệu. Gần giống: Cấp xã.'),
    (["--group", "Khối xã"], 'Không có khối "Khối xã" trong cơ sở dữ liệu. Gần giống: Cấp huyện; Cấp xã; '
     "Cơ quan Đảng; Lực lượng vũ trang; MTTQ và các đoàn thể; Sở, ban, ngành."),  # none near: all of them
    (["--role", "unit", "--unit", "21040", "--unit", "21043"], texts.ACCOUNT_UNIT_SCOPE),
    (["--role", "unit"], texts.ACCOUNT_UNIT_SCOPE),
    (["--role", "admin", "--district", "Huyện Ba Tơ"], texts.ACCOUNT_ADMIN_SCOPE),
])
def test_a_scope_the_database_does_not_know_is_refused(accounts, db_path, monkeypatch, capsys, options, message):
    stdin = Stdin()
    assert user(accounts, db_path, "lan", *options, stdin=stdin, monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err.strip() == message
    assert not accounts.exists() and stdin.read == 0  # refused before any password is asked


def test_an_unknown_unit_code_lists_the_nearest_codes_with_their_names(accounts, db_path, monkeypatch, capsys):
    assert user(accounts, db_path, "lan", "--role", "unit", "--unit", "T51-99", monkeypatch=monkeypatch) == 2
    message = capsys.readouterr().err.strip()
    prefix = 'Không có mã đơn vị "T51-99" trong danh mục. Gần giống: '
    assert message.startswith(prefix) and message.endswith(".")
    listed = [item.rsplit(" (", 1) for item in message[len(prefix):-1].split("; ")]
    con = connect(db_path, read_only=True)
    latest = dict(con.execute("SELECT code, arg_max(name, valid_from) FROM units GROUP BY code").fetchall())
    con.close()
    assert len(listed) == 5 and all(code.startswith("T51-") for code, _ in listed)
    assert all(latest[code] == name[:-1] for code, name in listed)  # each code under its latest name


def test_a_unit_that_no_longer_exists_gets_no_unit_account(accounts, db_path, monkeypatch, capsys):
    con = connect(db_path, read_only=True)
    code, name = con.execute("""SELECT code, name FROM units GROUP BY code, name
                                HAVING bool_and(valid_to IS NOT NULL) AND code NOT IN
                                (SELECT code FROM units WHERE valid_to IS NULL) ORDER BY code LIMIT 1""").fetchone()
    con.close()
    assert user(accounts, db_path, "cu", "--role", "unit", "--unit", code, monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err.strip() == texts.ACCOUNT_UNIT_INACTIVE.format(unit=f"{code} ({name})")


def test_disable_enable_and_keep_password_ask_no_password(accounts, db_path, monkeypatch, capsys):
    assert user(accounts, db_path, "lan", "--role", "staff", monkeypatch=monkeypatch) == 0
    stdin = Stdin()
    assert user(accounts, db_path, "lan", "--disable", stdin=stdin, monkeypatch=monkeypatch) == 0
    assert entry(accounts)["disabled"] is True
    assert user(accounts, db_path, "lan", stdin=Stdin("mat-khau-moi-1"), monkeypatch=monkeypatch) == 0
    assert entry(accounts)["disabled"] is True  # a new password does not unlock it
    assert user(accounts, db_path, "lan", "--enable", stdin=stdin, monkeypatch=monkeypatch) == 0
    assert "disabled" not in entry(accounts)
    assert user(accounts, db_path, "lan", "--keep-password", "--role", "reviewer", "--district", "Huyện Ba Tơ",
                stdin=stdin, monkeypatch=monkeypatch) == 0
    assert (entry(accounts)["role"], entry(accounts)["scope"]) == ("reviewer", {"districts": ["Huyện Ba Tơ"]})
    assert stdin.read == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [texts.CLI_USER_DISABLED.format(user="lan"),
                       texts.CLI_USER_DONE.format(user="lan", role="staff", path=accounts),
                       texts.CLI_USER_ENABLED.format(user="lan"),
                       texts.CLI_USER_CHANGED.format(user="lan", role="reviewer", scope="Huyện Ba Tơ")]
    assert [event for event, _ in audit_events(accounts)] == ["account_saved", "account_disabled", "account_saved",
                                                              "account_enabled", "role_changed", "scope_changed"]


@pytest.mark.parametrize("options, message", [
    (["--disable"], texts.ACCOUNT_UNKNOWN.format(user="lan")),
    (["--keep-password", "--role", "reviewer"], texts.CLI_USER_KEEP_NEW.format(user="lan")),
])
def test_an_account_that_does_not_exist(accounts, db_path, monkeypatch, capsys, options, message):
    assert user(accounts, db_path, "lan", *options, monkeypatch=monkeypatch) == 2
    assert capsys.readouterr().err.strip() == message
    assert not accounts.exists()


def test_disable_and_enable_together_is_bad_usage(accounts, db_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["user", "lan", "--disable", "--enable", "--accounts", str(accounts)])
    assert exit_info.value.code == 2


def active_units_in_order(db_path) -> list[tuple]:
    """Written here, independently of the code: every unit without an end date, by khu vực then name (Vietnamese)."""
    con = connect(db_path, read_only=True)
    try:
        return con.execute("""SELECT name, code, COALESCE(district, 'Cấp tỉnh') AS d, unit_group FROM units
                              WHERE valid_to IS NULL ORDER BY d COLLATE vi, name COLLATE vi, code""").fetchall()
    finally:
        con.close()


def test_unit_accounts_file(accounts, db_path, tmp_path, monkeypatch, capsys):
    assert user(accounts, db_path, "binhson", "--role", "unit", "--unit", "21040", monkeypatch=monkeypatch) == 0
    out = tmp_path / "mat_khau.xlsx"
    assert main(["unit-accounts", str(out), "--db", str(db_path), "--accounts", str(accounts)]) == 0
    expected = [u for u in active_units_in_order(db_path) if u[1] != "21040"]  # 21040 had its account already
    assert capsys.readouterr().out.splitlines()[-1] == texts.CLI_UNIT_ACCOUNTS_DONE.format(n=len(expected), path=out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith(f"Tài khoản đơn vị và mật khẩu dùng một lần ({len(expected)} tài khoản")
    assert list(rows[1]) == ["STT", "Đơn vị", "Mã", "Khu vực", "Khối", "Tên đăng nhập", "Mật khẩu dùng một lần"]
    assert sheet.freeze_panes == "A3"
    body = rows[2:]
    assert [r[0] for r in body] == list(range(1, len(expected) + 1))
    assert [r[1:5] for r in body] == expected  # every active unit once, in Vietnamese order by khu vực then name
    known = auth.read_accounts(accounts)
    assert [r[5] for r in body] == [code.lower() for _, code, _, _ in expected]
    for row in body[::20]:  # a sample: argon2 per password
        username, password = row[5], row[6]
        assert known[username]["must_change"] is True and known[username]["scope"] == {"units": [row[2]]}
        assert known[username]["display_name"] == row[1]
        found = auth.verify(known, Throttle(auth.state_path(accounts)), username, password).account
        assert found is not None and found.must_change
    passwords = {r[6] for r in body}
    assert len(passwords) == len(body)
    assert not any(p in (accounts.parent / "audit.jsonl").read_text(encoding="utf-8") for p in passwords)


def test_unit_accounts_never_overwrite_a_file_and_write_none_when_all_have_one(accounts, db_path, tmp_path, capsys):
    out = tmp_path / "mat_khau.xlsx"
    out.write_bytes(b"tep cu")
    assert main(["unit-accounts", str(out), "--db", str(db_path), "--accounts", str(accounts)]) == 2
    assert capsys.readouterr().err.strip() == texts.CLI_UNIT_ACCOUNTS_EXISTS.format(path=out)
    assert out.read_bytes() == b"tep cu" and not accounts.exists()
    assert main(["unit-accounts", str(tmp_path / "lan1.xlsx"), "--db", str(db_path), "--accounts",
                 str(accounts)]) == 0
    assert main(["unit-accounts", str(tmp_path / "lan2.xlsx"), "--db", str(db_path), "--accounts",
                 str(accounts)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == texts.CLI_UNIT_ACCOUNTS_NONE
    assert not (tmp_path / "lan2.xlsx").exists()
    assert len(auth.read_accounts(accounts)) == len(active_units_in_order(db_path))
