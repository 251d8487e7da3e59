"""All settings in one place; each can be overridden by an environment variable."""
import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    return [v.strip() for v in raw.split(",") if v.strip()] if raw else default


DB_PATH = Path(_env("DVK_DB", str(DATA_DIR / "dvk.duckdb")))
REGISTRY_PATH = Path(_env("DVK_REGISTRY", str(DATA_DIR / "registry" / "units.csv")))
PROVINCE_NAME = _env("DVK_PROVINCE", "Quảng Ngãi")

# Target of the movement: each unit builds or replicates 1–2 models a year.
TARGET_MIN = int(_env("DVK_TARGET_MIN", "1"))
TARGET_MAX = int(_env("DVK_TARGET_MAX", "2"))
# Counting rule: a model counts when its form is one of these and its status is not excluded.
COUNTED_FORMS = _env_list("DVK_COUNTED_FORMS", ["Xây dựng mới", "Nhân rộng"])
EXCLUDED_STATUSES = _env_list("DVK_EXCLUDED_STATUSES", ["Chưa đạt"])

FIRST_YEAR = int(_env("DVK_FIRST_YEAR", "2015"))  # earliest year a report may carry
PLAN_FIRST_YEAR = int(_env("DVK_PLAN_FIRST_YEAR", "2021"))  # first year the dashboard expects reports
# The 2025 reorganisation: no district level and today's communes from this day.
REORG_DAY = dt.date(2025, 7, 1)
LAST_OLD_DAY = REORG_DAY - dt.timedelta(days=1)  # the last day of the old districts and communes
FIRST_NEW_YEAR = REORG_DAY.year  # the first year reported by today's communes


def _day_month(raw: str) -> tuple[int, int]:
    """'15/12' → (15, 12); a day that no year has (31/02) is refused when the module loads."""
    day, month = (int(part) for part in raw.strip().split("/"))
    dt.date(2024, month, day)  # 2024 is a leap year: 29/02 is accepted
    return day, month


# Year Y's reports are due on this day and month of Y: until then Y is "chưa đến hạn" (the dashboard opens on the
# latest year whose reports are due and compares an unfinished year with the same day of the year before).
REPORT_DEADLINE = _day_month(_env("DVK_REPORT_DEADLINE", "15/12"))


def today() -> dt.date:
    """Today, or the day DVK_TODAY names (dd/mm/yyyy), so a demonstration or a test can stand on a given day."""
    raw = os.environ.get("DVK_TODAY")
    if not raw:
        return dt.date.today()
    day, month, year = (int(part) for part in raw.strip().split("/"))
    return dt.date(year, month, day)

# The reporting cycle: with approval on, an uploaded report waits for a reviewer ("Chờ duyệt") and the dashboard
# shows the approved figures by default; off (the simple mode), an upload applies at once, as approved.
APPROVAL = _env("DVK_APPROVAL", "0") == "1"
REASON_MAX = 1000  # characters of a return or unlock reason

ACCOUNTS_PATH = Path(_env("DVK_ACCOUNTS", str(DATA_DIR / "accounts.json")))
REQUIRE_LOGIN = _env("DVK_REQUIRE_LOGIN", "0") == "1"  # viewing is open unless this is set
SESSION_HOURS = float(_env("DVK_SESSION_HOURS", "8"))  # a sign-in lasts a working day

REMINDER_DAYS = int(_env("DVK_REMINDER_DAYS", "7"))  # the due date a reminder asks for
# The registry code of the body that sends the reminders (texts.REMINDER names it): it and the units whose history
# it holds today (Ban Dân vận and Ban Tuyên giáo Tỉnh ủy, merged into it on 01/03/2025) are never reminded.
REMINDER_SENDER = _env("DVK_REMINDER_SENDER", "T51-37")

# The yearly report pack (Báo cáo): who issues it, in the layout of Nghị định 30/2020/NĐ-CP.
REPORT_PARENT_ORG = _env("DVK_REPORT_PARENT_ORG", "UBND TỈNH QUẢNG NGÃI")
REPORT_ORG = _env("DVK_REPORT_ORG", "BAN CHỈ ĐẠO PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”")
REPORT_ORG_CODE = _env("DVK_REPORT_ORG_CODE", "BCĐ")  # "Số: …/BC-BCĐ"
REPORT_PLACE = _env("DVK_REPORT_PLACE", "Quảng Ngãi")
REPORT_SIGNER_ROLE = _env("DVK_REPORT_SIGNER_ROLE", "TM. BAN CHỈ ĐẠO")
REPORT_SIGNER_TITLE = _env("DVK_REPORT_SIGNER_TITLE", "TRƯỞNG BAN")
REPORT_RECIPIENTS = _env_list("DVK_REPORT_RECIPIENTS", [
    "Ban Thường vụ Tỉnh ủy (b/c)", "Thường trực HĐND tỉnh (b/c)", "UBND tỉnh (b/c)", "Thành viên Ban Chỉ đạo",
    "Các cơ quan, đơn vị, địa phương", "Lưu: VT"])
# A report saved from Word after restyling it: later reports take its styles (core/report_docx.py). Optional.
REPORT_TEMPLATE = Path(_env("DVK_REPORT_TEMPLATE", str(DATA_DIR / "report_template.docx")))
FONTS_DIR = DATA_DIR / "fonts"  # Liberation Serif (metric-compatible with Times New Roman), embedded in the PDF

# How long the command line waits while the app (or another load) holds the database file.
LOCK_WAIT_SECONDS = int(_env("DVK_LOCK_WAIT", "60"))

# Rows of a long list shown at once (the Khen thưởng list): the rest a page further, or whole in the download.
LIST_PAGE_ROWS = int(_env("DVK_LIST_PAGE_ROWS", "500"))

MAX_UPLOAD_MB = int(_env("DVK_MAX_UPLOAD_MB", "20"))
HEADER_SCAN_ROWS = 30  # how far down a sheet the header row is looked for
DEMO_SEED = int(_env("DVK_DEMO_SEED", "20261121"))
# "small": the demo of three khu vực and a third of the provincial bodies (142 files, about 15 s to build), for a
# quick trial and the tests; "full" (the default): every unit of the province, 590 files.
DEMO_SIZE = _env("DVK_DEMO_SIZE", "full")
# Processes that write and parse the demo's workbooks while the app loads them (0: all in the loading process).
DEMO_WORKERS = int(_env("DVK_DEMO_WORKERS", str(os.cpu_count() or 1)))


def archive_dir(db_path: Path) -> Path:
    """Original files are kept beside the database, named by their SHA-256."""
    return Path(db_path).resolve().parent / "archive"
