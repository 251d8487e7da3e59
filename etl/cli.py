"""The command line of DATA_CONTRACT §5: init, template, load, demo, export, user, report."""
import argparse
import getpass
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core import audit, auth, config, queries, report_docx, report_pack, report_pdf, report_xlsx, texts
from core.auth import ROLES, AccountError, add_account
from core.db import connect, ensure_schema, is_read_only_storage, scalar, writer
from core.private_files import PRIVATE
from core.scope import ADMIN, STAFF, Scope, describe
from core.url_filters import BOUNDARIES, REPORTED, Filters
from etl import load as loader
from etl.accounts import active_units, make_unit_accounts, scope_problem
from etl.backup import export_db, is_backup, restore
from etl.bootstrap import ensure_registry, init_db
from etl.cycle import command_line
from etl.demo import DEMO_SIZES, create_demo
from etl.read import EXTENSIONS
from etl.registry import UnitResolver
from etl.template import write_template


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Nạp báo cáo \"Dân vận khéo\" vào DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = f"tệp cơ sở dữ liệu (mặc định {config.DB_PATH})"
    p = sub.add_parser("init", help="tạo cơ sở dữ liệu với danh mục đơn vị")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p = sub.add_parser("template", help="ghi biểu mẫu báo cáo chính thức")
    p.add_argument("out", nargs="?", type=Path, default=Path("bieu_mau_dan_van_kheo.xlsx"))
    p = sub.add_parser("load", help="kiểm tra và nạp tệp báo cáo")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.add_argument("--by", default="cli", help="người nạp (ghi vào lịch sử tải lên)")
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    p = sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu 2021–2026")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p.add_argument("--size", choices=DEMO_SIZES, default=config.DEMO_SIZE,
                   help="full: cả tỉnh (590 tệp); small: ba khu vực và một phần ba cơ quan cấp tỉnh")
    _user_parser(sub, db_help)
    p = sub.add_parser("unit-accounts", help=texts.CLI_UNIT_ACCOUNTS_HELP)
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p.add_argument("--accounts", type=Path, default=config.ACCOUNTS_PATH)
    p = sub.add_parser("report", help="lập báo cáo năm (.docx, .pdf và phụ lục .xlsx) vào một thư mục")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--district", help="khu vực (huyện cũ), ví dụ \"Huyện Sơn Tịnh\"; mặc định toàn tỉnh")
    p.add_argument("--group", help="khối, ví dụ \"Cấp xã\"; mặc định tất cả")
    p.add_argument("--boundary", choices=BOUNDARIES, default=REPORTED,
                   help="reported: theo địa giới khi báo cáo; today: quy đổi theo địa giới hiện nay")
    p.add_argument("out", type=Path, metavar="OUT_FOLDER")
    p = sub.add_parser("export", help="sao lưu mọi bảng (.xlsx hoặc thư mục Parquet)")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help)
    p.add_argument("out", type=Path)
    return parser


def _user_parser(sub, db_help: str) -> None:
    p = sub.add_parser("user", help=texts.CLI_USER_HELP)
    p.add_argument("username")
    p.add_argument("--role", choices=ROLES, help="mặc định staff cho tài khoản mới; tài khoản đã có giữ vai trò")
    p.add_argument("--name", default="", help="tên hiển thị")
    p.add_argument("--district", action="append", default=[], help="khu vực trong phạm vi (lặp lại được)")
    p.add_argument("--group", action="append", default=[], help="khối trong phạm vi (lặp lại được)")
    p.add_argument("--unit", action="append", default=[],
                   help="mã đơn vị trong phạm vi (lặp lại được); tài khoản unit: đúng một mã")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help="khóa tài khoản (kết thúc mọi phiên đăng nhập)")
    state.add_argument("--enable", action="store_true", help="mở khóa tài khoản")
    state.add_argument("--keep-password", action="store_true", help="chỉ đổi vai trò, phạm vi, tên hiển thị")
    p.add_argument("--db", type=Path, default=config.DB_PATH, help=db_help + "; để kiểm tra phạm vi")
    p.add_argument("--accounts", type=Path, default=config.ACCOUNTS_PATH)


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders walked; Excel's "~$" lock files skipped. A backup counts only when named itself."""
    files = []
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(texts.CLI_NOT_FOUND.format(path=path))
        if path.is_dir() and is_backup(path):
            files.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files += [p for p in found if p.suffix.lower() in EXTENSIONS and not p.name.startswith("~$")]
    return files


def print_result(result: loader.LoadResult) -> None:
    label = {loader.LOADED: texts.RESULT_LOADED, loader.DRY_RUN: texts.RESULT_DRY_RUN,
             loader.UNCHANGED: texts.RESULT_UNCHANGED, loader.REJECTED: texts.RESULT_REJECTED}[result.outcome]
    if result.outcome == loader.UNCHANGED:
        detail = texts.SUMMARY_UNCHANGED.format(upload_id=result.upload_id)
    elif result.outcome == loader.REJECTED:
        detail = texts.SUMMARY_REJECTED.format(n=len([p for p in result.problems if not p.warning]))
    else:
        detail = texts.SUMMARY_ROWS.format(
            models=result.n_models, commendations=result.n_commendations,
            unit_years=result.new_unit_years + result.replaced_unit_years,
            new=result.new_unit_years, replaced=result.replaced_unit_years)
    print(f"[{label}] {result.file_name}: {detail}")
    for problem in result.problems:
        print(format_problem(problem))


def format_problem(problem) -> str:
    prefix = texts.WARNING_PREFIX if problem.warning else ""
    if problem.sheet is None and problem.row is None:
        return texts.PROBLEM_LINE_FILE.format(message=prefix + problem.message)
    return texts.PROBLEM_LINE.format(sheet=problem.sheet or "-", row=problem.row or "-",
                                     column=problem.column or "-", message=prefix + problem.message)


def _say_waiting(db: Path):
    return lambda: print(texts.CLI_DB_WAITING.format(db=db, seconds=config.LOCK_WAIT_SECONDS), file=sys.stderr)


def _writer(db: Path):
    """The one writer, waiting a bounded time while the app or another load holds the file."""
    return writer(db, wait_seconds=config.LOCK_WAIT_SECONDS, on_wait=_say_waiting(db))


@contextmanager
def _reader(db: Path):
    """A read-only look: works on a busy (read by the app) or read-only database, and never creates one."""
    if not Path(db).is_file():
        raise FileNotFoundError(texts.CLI_DB_MISSING.format(db=db))
    con = connect(db, read_only=True, wait_seconds=config.LOCK_WAIT_SECONDS, on_wait=_say_waiting(db))
    try:
        yield con
    finally:
        con.close()


@contextmanager
def _checker(db: Path):
    """--dry-run: the database read-only, or, before there is one, the configured registry in memory."""
    if Path(db).exists():
        with _reader(db) as con:
            yield con
        return
    con = connect(":memory:", read_only=False)
    try:
        ensure_schema(con)
        init_db(con)
        yield con
    finally:
        con.close()


def cmd_load(args) -> int:
    files = expand(args.paths)
    if not files:
        print(texts.CLI_NO_FILES.format(paths=", ".join(map(str, args.paths))), file=sys.stderr)
        return 2
    counts = dict.fromkeys((loader.LOADED, loader.DRY_RUN, loader.UNCHANGED, loader.REJECTED), 0)
    with _checker(args.db) if args.dry_run else _writer(args.db) as con:
        if not args.dry_run:
            ensure_registry(con)
        resolver = UnitResolver.from_db(con)
        for path in files:
            if is_backup(path):
                outcome = restore_backup(con, path, explicit=path in args.paths, dry_run=args.dry_run)
                counts[outcome] += 1
                continue
            result = loader.load_bytes(con, path.read_bytes(), path.name, resolver, dry_run=args.dry_run,
                                       archive_dir=config.archive_dir(args.db), uploaded_by=args.by)
            counts[result.outcome] += 1
            print_result(result)
    print(texts.CLI_TOTAL.format(loaded=counts[loader.LOADED] + counts[loader.DRY_RUN],
                                 unchanged=counts[loader.UNCHANGED], rejected=counts[loader.REJECTED]))
    return 1 if counts[loader.REJECTED] else 0


def restore_backup(con, path: Path, *, explicit: bool, dry_run: bool) -> str:
    """A backup replaces everything, so it is restored only when named on the command line, never with --dry-run."""
    if not explicit:
        print(texts.CLI_BACKUP_IN_FOLDER.format(path=path))
        return loader.REJECTED
    if dry_run:
        print(texts.CLI_BACKUP_DRY_RUN.format(path=path))
        return loader.DRY_RUN
    try:
        rows = sum(restore(con, path).values())
    except (duckdb.Error, ValueError, KeyError) as exc:
        print(texts.CLI_BACKUP_FAILED.format(path=path, detail=str(exc)[:300]))
        return loader.REJECTED
    audit.record(config.ACCOUNTS_PATH, audit.BACKUP_RESTORED, audit.os_user(), "cli", f"{path}: {rows} rows")
    print(texts.CLI_RESTORED.format(path=path, rows=rows))
    return loader.LOADED


def cmd_init(args) -> int:
    with _writer(args.db) as con:
        total, added = init_db(con)
    print(texts.CLI_INIT_DONE.format(db=args.db, units=total, added=added))
    return 0


def cmd_template(args) -> int:
    write_template(args.out)
    print(texts.CLI_TEMPLATE_DONE.format(path=args.out))
    return 0


def cmd_demo(args) -> int:
    with _writer(args.db) as con:
        if scalar(con, "SELECT COUNT(*) FROM uploads"):
            print(texts.CLI_DEMO_EXISTS.format(db=args.db), file=sys.stderr)
            return 2
        files, models, commendations = create_demo(con, config.archive_dir(args.db), size=args.size)
    print(texts.CLI_DEMO_DONE.format(files=files, models=models, commendations=commendations, db=args.db))
    return 0


def cmd_export(args) -> int:
    skipped = []
    with _reader(args.db) as con:
        try:
            tables = export_db(con, args.out, skipped)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    for file_name in skipped:
        print(texts.CLI_EXPORT_ORIGINAL_MISSING.format(file=file_name), file=sys.stderr)
    print(texts.CLI_EXPORT_DONE.format(tables=tables, path=args.out))
    return 0


def cmd_report(args) -> int:
    """The same report pack as the Báo cáo page, for the filters given; the command only reads the database."""
    filters = Filters(args.year, args.year, district=args.district, unit_group=args.group, boundary=args.boundary)
    with _reader(args.db) as con:
        unknown = _unknown_filter(con, args)
        if unknown:
            print(unknown, file=sys.stderr)
            return 2
        report = report_pack.build(con, filters, args.year)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, draw in ((".docx", report_docx.to_docx), (".pdf", report_pdf.to_pdf),
                         ("_phu_luc.xlsx", report_xlsx.to_xlsx)):
        path = args.out / f"{report.file_stem}{suffix}"
        path.write_bytes(draw(report))
        written.append(str(path))
    print(texts.CLI_REPORT_DONE.format(year=args.year, paths=", ".join(written)))
    return 0


def _unknown_filter(con, args) -> str | None:
    """A khu vực or khối the database does not know would give an empty report: say so and list the known ones."""
    for value, sql, column, label in ((args.district, queries.DISTRICTS, "district", texts.FILTER_DISTRICT),
                                      (args.group, queries.GROUPS, "unit_group", texts.FILTER_GROUP)):
        known = queries.run(con, sql)[column].tolist()
        if value is not None and value not in known:
            return texts.CLI_REPORT_UNKNOWN.format(name=label, value=value, known="; ".join(known))
    return None


def cmd_user(args) -> int:
    """Creates an account or sets its password (from the keyboard, twice, or from standard input when it is not a
    terminal); role, scope and name are kept unless given. --disable, --enable, --keep-password ask no password."""
    try:
        if args.disable or args.enable:
            auth.set_disabled(args.accounts, args.username, args.disable, command_line(audit.os_user()), "cli")
            print((texts.CLI_USER_DISABLED if args.disable else texts.CLI_USER_ENABLED).format(user=args.username))
            return 0
        existing = auth.read_accounts(args.accounts).get(args.username)
        role, account_scope, name = _user_settings(args, existing)
        auth.check_scope(role, account_scope)
        if problem := _scope_problem(args, role, account_scope):
            print(problem, file=sys.stderr)
            return 2
        if args.keep_password:
            return _change_user(args, existing, role, account_scope, name)
        return _save_user(args, existing, role, account_scope, name)
    except AccountError as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _user_settings(args, existing: dict | None) -> tuple[str, Scope, str]:
    """What the options give, the rest as the account has it (a new one: staff, the whole province). An admin's
    scope is the province whatever it had."""
    current = auth.account_of(args.username, existing) if existing else None
    role = args.role or (current.role if current else STAFF)
    given = Scope(tuple(args.district), tuple(args.group), tuple(args.unit))
    keep = given.whole_province and role != ADMIN and current is not None
    return role, current.scope if keep else given, args.name or (current.display_name if current else "")


def _scope_problem(args, role: str, account_scope: Scope) -> str | None:
    """Only a scope given now is checked against the database: setting a password needs no database."""
    if not (args.district or args.group or args.unit):
        return None
    with _reader(args.db) as con:
        return scope_problem(con, role, account_scope)


def _change_user(args, existing: dict | None, role: str, account_scope: Scope, name: str) -> int:
    if existing is None:
        print(texts.CLI_USER_KEEP_NEW.format(user=args.username), file=sys.stderr)
        return 2
    auth.change_account(args.accounts, args.username, command_line(audit.os_user()), role, account_scope, name,
                        "cli")
    print(texts.CLI_USER_CHANGED.format(user=args.username, role=role, scope=describe(role, account_scope)))
    return 0


def _save_user(args, existing: dict | None, role: str, account_scope: Scope, name: str) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass(texts.CLI_PASSWORD)
        if getpass.getpass(texts.CLI_PASSWORD_AGAIN) != password:
            print(texts.CLI_PASSWORD_MISMATCH, file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        add_account(args.accounts, args.username, password, role, name, account_scope)
    except ValueError:
        print(texts.CLI_PASSWORD_WEAK, file=sys.stderr)
        return 2
    audit.record(args.accounts, audit.ACCOUNT_SAVED, args.username, "cli",
                 f"{'password changed' if existing else 'created'} by {audit.os_user()}, role {role}, "
                 f"scope {describe(role, account_scope)}")
    print(texts.CLI_USER_DONE.format(user=args.username, role=role, path=args.accounts))
    return 0


def cmd_unit_accounts(args) -> int:
    """The file is created first, exclusively and private (it will hold passwords): an earlier file is never
    overwritten, and no account is made that the admin could not hand out."""
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        print(texts.CLI_UNIT_ACCOUNTS_EXISTS.format(path=args.out), file=sys.stderr)
        return 2
    data = None
    try:
        with _reader(args.db) as con:
            units = active_units(con)
        n, data = make_unit_accounts(units, args.accounts, command_line(audit.os_user()), "cli")
        if data:
            os.write(fd, data)
    finally:
        os.close(fd)
        if not data:
            args.out.unlink()
    print(texts.CLI_UNIT_ACCOUNTS_DONE.format(n=n, path=args.out) if data else texts.CLI_UNIT_ACCOUNTS_NONE)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"init": cmd_init, "template": cmd_template, "load": cmd_load, "demo": cmd_demo, "export": cmd_export,
                "user": cmd_user, "report": cmd_report, "unit-accounts": cmd_unit_accounts}
    try:
        return commands[args.command](args)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (duckdb.IOException, PermissionError) as exc:
        message = texts.CLI_DB_READ_ONLY if is_read_only_storage(exc) else texts.CLI_DB_LOCKED
        print(message.format(db=getattr(args, "db", ""), seconds=config.LOCK_WAIT_SECONDS, detail=str(exc)[:200]),
              file=sys.stderr)
        return 2
