"""Long staff lists searched in SQL and read a page at a time (issue 12): the upload history and the Nhật ký.
`core.vntext.fold_sql` is `fold` in SQL; a search finds the rows whose columns, folded, hold the folded text, as
the former Python search over the whole list did (each column on its own); the pages add up to the list."""
import shutil
import unicodedata

import duckdb
import pandas as pd
import pytest

from core import cycle_queries, queries, texts
from core.db import connect, writer
from core.vntext import fold, fold_sql
from etl.backup import export_db, restore

VIETNAMESE = ["Xã Tịnh Hòa", "XÃ TỊNH HOÀ", "Đắk Tô", "ĐĂK GLEI", "đường hoa", "Ðà Nẵng", "ðèn", "Thuỷ lợi",
              "thủy lợi", "Khoẻ", "khỏe", "Quý", "Nguyễn Thị Lan", "Trần  Văn\u00a0Nam", " Sơn Tịnh – Tư Nghĩa ",
              "Ủy ban\tnhân dân", "Hội Liên hiệp Phụ nữ", "Bằng khen của Thủ tướng Chính phủ", "ỨNG DỤNG", "Ỷ Lan",
              "Gỡ rối", "Kon Tum\u200b", "\ufeffBáo cáo", "a\u2014b\u2212c", "x\x07y", "Straße", "ΣΊΣΥΦΟΣ", "", None]
VIETNAMESE += [unicodedata.normalize("NFD", s) for s in VIETNAMESE if s]
# every letter, mark, space and dash of the blocks Vietnamese text is written with (and Greek, which casefold treats
# apart), between two letters
BLOCKS = [range(0x0370), range(0x0370, 0x0400), range(0x1E00, 0x1F00), range(0x2000, 0x2070),
          range(0x3000, 0x3001), range(0xFE50, 0xFE70), range(0xFF00, 0xFF20)]
IOTA_BELOW = "\u0345"  # casefolds to a letter (ι) where strip_accents drops it as a mark


def sql_folded(values: list) -> list[str]:
    con = duckdb.connect()
    try:
        con.register("t", pd.DataFrame({"x": pd.Series(values, dtype=object)}))
        return [r[0] for r in con.execute(f"SELECT {fold_sql('x')} FROM t").fetchall()]
    finally:
        con.close()


def test_fold_in_sql_is_fold_on_vietnamese():
    assert sql_folded(VIETNAMESE) == [fold(s) for s in VIETNAMESE]


def test_fold_in_sql_is_fold_on_every_character_of_the_latin_and_greek_blocks():
    texts_ = ["a" + chr(c) + "b" for block in BLOCKS for c in block if chr(c) != IOTA_BELOW]
    got = sql_folded(texts_)
    assert [(t, g) for t, g in zip(texts_, got) if g != fold(t)] == []


NEEDLES = ["", "tinh", "TỊNH HÒA", "tinh hoa", "dak", "Đắk", "xlsx", "demo", "2024", "nguyen", "zzz khong co"]


def uploads_found(con, needle: str) -> pd.DataFrame:
    return queries.run(con, queries.UPLOAD_LIST, needle=fold(needle) or None, logins=["demo"], names=["Nguyễn Demo"])


@pytest.mark.parametrize("needle", NEEDLES)
def test_the_history_search_finds_what_the_python_search_found(demo_con, needle):
    """The former search, written here: every upload, its people by their names, a row kept when one of the
    columns searched holds the folded text."""
    everything = uploads_found(demo_con, "").assign(
        uploaded_by=lambda f: f["uploaded_by"].replace({"demo": "Nguyễn Demo"}))
    columns = ["file_name", "uploaded_by", "report_author"]
    wanted = fold(needle)
    kept = everything.apply(lambda r: any(wanted in fold(r[c]) for c in columns)
                            or any(wanted in fold(name) for name in str(r["unit_names"] or "").split("; ")), axis=1)
    got = uploads_found(demo_con, needle)
    assert got["upload_id"].tolist() == everything[kept]["upload_id"].tolist()
    count = queries.run(demo_con, queries.UPLOAD_COUNT, needle=wanted or None, logins=["demo"], names=["Nguyễn Demo"])
    assert count["total"].iloc[0] == len(got)
    if needle in ("TỊNH HÒA", "tinh hoa"):
        assert 0 < len(got) < len(everything)


def test_the_history_finds_by_the_name_shown_not_only_the_login(demo_con):
    assert len(uploads_found(demo_con, "nguyễn demo")) == len(uploads_found(demo_con, ""))
    assert queries.run(demo_con, queries.UPLOAD_COUNT, needle="nguyen demo", logins=[], names=[])["total"][0] == 0


@pytest.mark.parametrize("needle", ["", "tinh"])
def test_the_pages_of_the_history_are_the_list(demo_con, needle):
    params = {"needle": fold(needle) or None, "logins": [], "names": []}
    whole = queries.run(demo_con, queries.UPLOAD_LIST, **params)
    size = max(len(whole) // 4, 1)
    pages = [queries.run(demo_con, queries.UPLOAD_PAGE, **params, limit=size, offset=o)
             for o in range(0, len(whole) + size, size)]
    assert pages[-1].empty
    pd.testing.assert_frame_equal(pd.concat([p for p in pages if not p.empty], ignore_index=True), whole)


def test_every_upload_has_its_folded_keys_after_a_load_an_upgrade_and_a_restore(demo_db, tmp_path):
    db = tmp_path / "dvk.duckdb"
    shutil.copyfile(demo_db, db)
    check = """SELECT p.upload_id, p.file_name, p.report_author, s.file_name, s.report_author
               FROM uploads p LEFT JOIN upload_search s USING (upload_id) ORDER BY p.upload_id"""
    with writer(db) as con:
        rows = con.execute(check).fetchall()
        assert rows and all((k, a) == (fold(f), fold(r)) for _, f, r, k, a in rows)  # written by the demo's loads
        con.execute("DELETE FROM upload_search WHERE upload_id % 2 = 0")  # as a database of an earlier version
    with writer(db) as con:  # the next writer fills them in
        assert con.execute(check).fetchall() == rows
        export_db(con, tmp_path / "backup")
        con.execute("UPDATE uploads SET file_name = 'khac.xlsx' WHERE upload_id = 1")
        con.execute("UPDATE upload_search SET file_name = 'khac.xlsx' WHERE upload_id = 1")
        restore(con, tmp_path / "backup")  # the backup holds no keys: the restored uploads get theirs
        assert con.execute(check).fetchall() == rows


# --- Nhật ký ---
ACCOUNTS = pd.DataFrame({"happened_at": pd.to_datetime(["2024-03-01 09:00", "2030-01-01 00:00"]).astype("datetime64[us]"),
                         "person": ["Trần Văn Tịnh (tinh)", None], "event": ["Đăng nhập", "Đăng xuất"],
                         "note": [None, "Đắk Tô"], "client": ["10.0.0.1", None], "seq": [1, 2]})
ACCOUNTS = ACCOUNTS.assign(**{f"{c}_key": ACCOUNTS[c].map(fold) for c in ("person", "event", "note")})
# the former query of the page (its Python named the rows and searched each column)
FORMER_EVENTS = f"""
SELECT e.event_id, e.happened_at, e.actor, e.action, u.name AS unit, u.code, e.year,
       CASE WHEN e.unit_id IS NULL THEN e.district ELSE {queries.DISTRICT} END AS district, p.file_name, e.state,
       e.reason
FROM cycle_events e LEFT JOIN units u USING (unit_id) LEFT JOIN uploads p USING (upload_id)
ORDER BY e.event_id DESC"""
SEARCHED = ["person", "event", "unit", "code", "district", "file_name", "state", "note"]


def former_audit(con, names: dict) -> pd.DataFrame:
    e = queries.run(con, FORMER_EVENTS)
    whole_year = e["action"].isin(["lock", "unlock"]) & e["district"].isna()
    cycle = pd.DataFrame({
        "happened_at": e["happened_at"], "person": e["actor"].map(lambda a: names.get(a, a)),
        "event": e["action"].map(texts.ACTION_NAMES).fillna(e["action"]), "unit": e["unit"], "code": e["code"],
        "year": e["year"].astype("Int64"), "district": e["district"].mask(whole_year, texts.AUDIT_WHOLE_YEAR),
        "file_name": e["file_name"], "state": e["state"].map(texts.STATE_NAMES), "note": e["reason"],
        "client": None, "seq": e["event_id"]})
    accounts = ACCOUNTS[["happened_at", "person", "event", "note", "client", "seq"]].assign(year=pd.NA)
    merged = pd.concat([cycle, accounts], ignore_index=True)
    return merged.sort_values(["happened_at", "seq"], ascending=False, kind="stable").reset_index(drop=True)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as Python objects, None for every missing one: a page whose column is all empty reads it as objects."""
    return frame.astype(object).where(frame.notna(), None)


def audit_params(names, year=None, kinds=(), person=None, text=""):
    return {"year": year, "kinds": list(kinds), "person": person, "needle": fold(text) or None,
            "logins": list(names), "names": list(names.values())}


def audit_rows(con, sql, params, **window):
    con.register("account_events", ACCOUNTS)
    try:
        return queries.run(con, sql, **params, **window)
    finally:
        con.unregister("account_events")


AUDIT_FILTERS = [{}, {"year": 2024}, {"kinds": ["Duyệt", "Đăng nhập"]}, {"person": "Trần Văn Tịnh (tinh)"},
                 {"text": "tinh"}, {"text": "ĐẮK"}, {"text": "cả năm"}, {"text": "xlsx"}, {"text": "da duyet"},
                 {"text": "nop bao cao"}, {"text": "dang nhap"}, {"year": 2025, "text": "ba"}]


@pytest.mark.parametrize("chosen", AUDIT_FILTERS)
def test_the_audit_list_is_what_the_page_listed_and_found(demo_con, chosen):
    names = {"demo": "Người Demo (demo)"}
    former = former_audit(demo_con, {**names, "tinh": "Trần Văn Tịnh (tinh)"})
    shown = former
    if chosen.get("year") is not None:
        shown = shown[shown["year"] == chosen["year"]]
    if chosen.get("kinds"):
        shown = shown[shown["event"].isin(chosen["kinds"])]
    if chosen.get("person"):
        shown = shown[shown["person"] == chosen["person"]]
    if wanted := fold(chosen.get("text", "")):
        shown = shown[shown[SEARCHED].apply(lambda r: any(wanted in fold(v) for v in r if isinstance(v, str)), axis=1)]
    params = audit_params(names, **chosen)
    got = audit_rows(demo_con, cycle_queries.AUDIT_LIST, params)
    want = shown.drop(columns="seq").reset_index(drop=True)
    pd.testing.assert_frame_equal(plain(got), plain(want[got.columns]))
    assert audit_rows(demo_con, cycle_queries.AUDIT_COUNT, params)["total"].iloc[0] == len(want)
    if not chosen:
        assert len(want) > 20 and {"Đăng nhập", "Nộp báo cáo"} <= set(want["event"])


def test_the_pages_of_the_audit_list_are_the_list(demo_con):
    params = audit_params({})
    whole = audit_rows(demo_con, cycle_queries.AUDIT_LIST, params)
    size = max(len(whole) // 5, 1)
    pages = [audit_rows(demo_con, cycle_queries.AUDIT_PAGE, params, limit=size, offset=o)
             for o in range(0, len(whole) + size, size)]
    assert pages[-1].empty
    pd.testing.assert_frame_equal(plain(pd.concat([p for p in pages if not p.empty], ignore_index=True)),
                                  plain(whole))


def test_a_connection_without_the_search_keys_table_is_an_old_database(tmp_path):
    """The keys come with the schema: a database the app opens is upgraded by its writer first (db_access)."""
    db = tmp_path / "dvk.duckdb"
    with writer(db):
        pass
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT COUNT(*) FROM upload_search").fetchone() == (0,)
    finally:
        con.close()
