"""The demo database: realistic submission workbooks for 2021–2026, written and loaded through the normal path.

Seeded, so every build gives the same numbers. Communes before 2025 report through their district's compilation
(one file, several units, the district in "Thông tin"); provincial bodies and communes from 01/07/2025 send one
file each. Most units build 1–2 models, some none, some 3 or more; some never report in a year; 2026 is still open.
"""
import datetime as dt
import io
import pickle
import queue
import random
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from core import config, vocab
from core.auth import Account
from core.db import first_row
from core.scope import ADMIN
from etl import cycle
from etl.bootstrap import init_db
from etl.load import LOADED, apply_batch
from etl.pipeline import ParsedFile, parse_file
from etl.registry import UnitResolver
from etl.template import write_submission

YEARS = range(2021, 2027)
DEMO_REVIEWER = Account("demo", ADMIN, "Dữ liệu mẫu")
RETURN_REASONS = ["Thiếu số và ngày quyết định công nhận mô hình; đề nghị bổ sung.",
                  "Mô hình \"Tuyến đường hoa kiểu mẫu\" đã báo cáo năm trước, đề nghị ghi hình thức Duy trì."]
MODEL_IDEAS = {
    "Kinh tế": ["Dân vận khéo trong phát triển kinh tế hộ gia đình", "Tổ hợp tác trồng keo liên kết",
                "Hỗ trợ hộ nghèo nuôi bò sinh sản", "Chuyển đổi cây trồng trên đất lúa kém hiệu quả",
                "Liên kết tiêu thụ sản phẩm OCOP", "Vận động hiến đất làm đường giao thông nông thôn"],
    "Văn hóa - Xã hội": ["Tuyến đường hoa kiểu mẫu", "Thắp sáng đường quê", "Nhóm phụ nữ tiết kiệm",
                         "Khu dân cư văn hóa kiểu mẫu", "Bữa sáng yêu thương cho học sinh vùng cao",
                         "Phân loại rác thải tại nguồn", "Xóa bỏ hủ tục trong tang lễ"],
    "Quốc phòng - An ninh": ["Camera an ninh khu dân cư", "Tổ tự quản an ninh trật tự",
                             "Khu dân cư không có tội phạm và ma túy", "Dân quân tự vệ giúp dân thu hoạch mùa",
                             "Bảo vệ chủ quyền biển đảo cùng ngư dân"],
    "Xây dựng hệ thống chính trị": ["Cải cách hành chính một cửa thân thiện", "Chính quyền lắng nghe dân nói",
                                    "Đối thoại trực tiếp với nhân dân hằng quý", "Chi bộ bốn tốt",
                                    "Số hóa hồ sơ đảng viên", "Ngày thứ Bảy cùng dân"],
}
THEMES = ["Nông thôn mới", "Cải cách hành chính", "Giảm nghèo bền vững", "Chuyển đổi số", "Bảo vệ môi trường", ""]
PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hồ Văn Em", "Đinh Thị Hoa",
          "Võ Văn Hùng", "Huỳnh Thị Lan", "A Sáu", "Y Blong"]
# The small demo: three khu vực (a city; a mountain district with a split commune; one of Kon Tum) and every
# third provincial body.
SMALL_DISTRICTS = ("Thành phố Quảng Ngãi", "Huyện Trà Bồng", "Huyện Kon Plông")
SMALL_BODIES_STEP = 3
PROJECT_ROOT = Path(__file__).resolve().parent.parent  # where `python -m etl.demo` finds the packages
DEMO_SIZES = ("full", "small")
# The demo's files are loaded this many to a transaction (`apply_batch`): a few statements for many files, where
# one transaction per file (as uploads are) spent most of the first start in the database.
FILES_PER_TRANSACTION = 100
FIELD_SYNONYMS = {"Văn hóa - Xã hội": "VH-XH", "Quốc phòng - An ninh": "QP-AN",
                  "Xây dựng hệ thống chính trị": "XD HTCT"}


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def models_for(rng: random.Random, unit: pd.Series, year: int, in_progress: bool) -> list[dict]:
    count = pick(rng, {0: 7, 1: 40, 2: 36, 3: 12, 4: 5})
    rows = []
    for _ in range(count):
        field = pick(rng, {"Kinh tế": 30, "Văn hóa - Xã hội": 32, "Quốc phòng - An ninh": 16,
                           "Xây dựng hệ thống chính trị": 22})
        status = pick(rng, {"Đăng ký": 30, "Đang thực hiện": 50, "Được công nhận": 15, "Chưa đạt": 5}) \
            if in_progress else pick(rng, {"Được công nhận": 62, "Tiêu biểu": 12, "Đang thực hiện": 10,
                                            "Đăng ký": 4, "Chưa đạt": 12})
        rows.append({
            "unit": unit["name"], "year": year, "name": rng.choice(MODEL_IDEAS[field]),
            "kind": pick(rng, {"Mô hình": 85, "Điển hình": 15}), "subject": pick(rng, {"Tập thể": 88, "Cá nhân": 12}),
            "field": FIELD_SYNONYMS.get(field, field) if rng.random() < 0.1 else field,
            "theme": rng.choice(THEMES), "form": pick(rng, {"Xây dựng mới": 55, "Nhân rộng": 30, "Duy trì": 15}),
            "status": status, "level": _level(rng, unit, year),
            "start": dt.date(year, rng.randint(1, 9), rng.randint(1, 28)) if rng.random() < 0.7 else year,
            "place": unit["name"] if unit["unit_group"] == "Cấp xã" else "",
            "result": f"Thu hút {rng.randint(20, 400)} hộ dân tham gia",
        })
    return rows


def _level(rng: random.Random, unit: pd.Series, year: int) -> str:
    if unit["unit_group"] in ("Cấp xã", "Cấp huyện"):
        levels = {"Cơ sở": 60, "Huyện": 30, "Tỉnh": 10} if year < config.FIRST_NEW_YEAR else {"Cơ sở": 80, "Tỉnh": 20}
    else:
        levels = {"Tỉnh": 85, "Trung ương": 15}
    return pick(rng, levels)


def commendations_for(rng: random.Random, unit: pd.Series, year: int, models: list[dict]) -> list[dict]:
    awarded = [m for m in models if m["status"] in ("Được công nhận", "Tiêu biểu")]
    rows = []
    for model in awarded:
        if rng.random() > 0.45:
            continue
        individual = rng.random() < 0.35
        day = dt.date(year, rng.randint(10, 12), rng.randint(1, 28))
        award = _award(rng, unit, year, model["status"])
        rows.append({
            "unit": unit["name"], "year": year,
            "recipient": rng.choice(PEOPLE) if individual else unit["name"],
            "recipient_type": "Cá nhân" if individual else "Tập thể", "award": award,
            "decision_no": f"{rng.randint(100, 3999)}/QĐ-{_issuer(award)}", "decision_date": day,
            "model": model["name"],
            "reason": f"Có thành tích xuất sắc trong phong trào thi đua \"Dân vận khéo\" năm {year}",
        })
    return rows


def _award(rng: random.Random, unit: pd.Series, year: int, status: str) -> str:
    if status == "Tiêu biểu" and rng.random() < 0.5:
        return pick(rng, {vocab.AWARDS[1]: 60, vocab.AWARDS[2]: 35, vocab.AWARDS[0]: 5})
    if unit["unit_group"] == "Cấp xã":
        local = {vocab.AWARDS[4]: 50, vocab.AWARDS[6]: 30} if year < config.FIRST_NEW_YEAR else {vocab.AWARDS[6]: 80}
        return pick(rng, {**local, vocab.AWARDS[3]: 10, vocab.PRAISE: 10})
    return pick(rng, {vocab.AWARDS[3]: 40, vocab.AWARDS[5]: 45, vocab.PRAISE: 15})


def _issuer(award: str) -> str:
    return "TU" if "Tỉnh ủy" in award else "TTg" if "Thủ tướng" in award else "UBND" if "UBND" in award else "SYT"


def plan_files(units: pd.DataFrame, seed: int = config.DEMO_SEED, size: str = "full") -> list[dict]:
    """Every demo submission: {name, info, models, commendations}. Deterministic for a seed and size."""
    rng = random.Random(seed)
    reporting = reporting_units(units, size)
    files = []
    for year in YEARS:
        end = pd.Timestamp(year, 12, 31)
        active = units[(units["valid_from"] <= end) & (units["valid_to"].isna() | (units["valid_to"] >= end))]
        share = 0.45 if year == dt.date.today().year else 0.9
        reports = {}
        shared = set(active["name"][active["name"].duplicated()])  # over the whole registry, whatever the size
        for unit in active[active["code"].isin(reporting)].sort_values("code").to_dict("records"):
            if unit["name"] in shared:  # a shared commune name resolves only with its district (contract §2)
                unit["name"] = f"{unit['name']} ({unit['district']})"
            if rng.random() < share:
                models = models_for(rng, unit, year, in_progress=year == dt.date.today().year)
                reports[unit["unit_id"]] = (unit, models, commendations_for(rng, unit, year, models))
        files += _group_into_files(active, reports, year)
    return files


def reporting_units(units: pd.DataFrame, size: str) -> set[str]:
    """The codes of the units that send reports in a demo of this size."""
    if size == "full":
        return set(units["code"])
    bodies = sorted(units.loc[units["district"].isna(), "code"].unique())[::SMALL_BODIES_STEP]
    return set(units.loc[units["district"].isin(SMALL_DISTRICTS), "code"]) | set(bodies)


def _group_into_files(active: pd.DataFrame, reports: dict, year: int) -> list[dict]:
    """Communes before 2025 go in their district's compilation; every other unit sends its own file."""
    compiled: dict[str, list] = {}
    files = []
    for unit, models, commendations in reports.values():
        if unit["unit_group"] == "Cấp xã" and year < config.FIRST_NEW_YEAR:
            compiled.setdefault(unit["district"], []).append((unit, models, commendations))
        else:
            own = [(unit, models, commendations)]
            files.append(_file(f"{year}_{unit['code']}", unit["name"], unit["code"], year, own))
    for district, parts in sorted(compiled.items()):
        code = active[active["name"] == district]["code"].iloc[0]
        files.append(_file(f"{year}_tonghop_{code}", district, code, year, parts, compiled_by=True))
    return files


def sent_on(stem: str, year: int) -> dt.datetime | None:
    """When the demo's report of a past year reached the province: a working hour between 01/11 and 31/12 of its
    year, fixed by the file's name (not the seeded generator, so the demo's figures stay as they were); None for
    the current year (uploaded as it loads). The "cùng kỳ" comparison of Tổng quan reads these upload times."""
    if year >= dt.date.today().year:
        return None
    spread = zlib.crc32(stem.encode())
    return dt.datetime(year, 11, 1, 8) + dt.timedelta(days=spread % 61, hours=spread // 61 % 9)


def _file(stem: str, unit_name: str, code: str, year: int, parts: list, compiled_by: bool = False) -> dict:
    sent = sent_on(stem, year)
    info = {"unit": unit_name, "year": year, "author": "Văn phòng", "phone": "0255 3822 000",
            "date": sent.date() if sent else dt.date.today()}
    if not compiled_by:
        info["code"] = code
    models = [m for _, ms, _ in parts for m in ms]
    commendations = [c for _, _, cs in parts for c in cs]
    if not compiled_by:  # a unit's own file leaves the unit column empty: "Thông tin" gives it
        models = [{**m, "unit": ""} for m in models]
        commendations = [{**c, "unit": ""} for c in commendations]
    return {"name": f"{stem}.xlsx", "info": info, "models": models, "commendations": commendations, "sent": sent}


def write_files(plan: list[dict], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in plan:
        path = folder / item["name"]
        write_submission(path, info=item["info"], models=item["models"], commendations=item["commendations"])
        paths.append(path)
    return paths


def add_correction(plan: list[dict]) -> list[dict]:
    """A unit re-sends its 2024 report with one more model: the demo then shows a superseded upload."""
    original = next(f for f in plan if f["name"].startswith("2024_T51") and f["models"])
    extra = {**original["models"][0], "name": "Tuyên truyền, vận động chuyển đổi số cho người dân",
             "field": "Xây dựng hệ thống chính trị", "form": "Xây dựng mới", "status": "Được công nhận"}
    corrected = {**original, "name": original["name"].replace(".xlsx", "_bo_sung.xlsx"),
                 "models": original["models"] + [extra], "sent": original["sent"] + dt.timedelta(days=9)}
    return plan + [corrected]


def create_demo(con, archive_dir: Path, progress=None, size: str = config.DEMO_SIZE,
                workers: int = config.DEMO_WORKERS) -> tuple[int, int, int]:
    """Registry plus the demo submissions, written and loaded (the CLI and the app). Returns (files, models,
    commendations)."""
    with _workers(workers) as processes:  # started first: their imports (a second or two) overlap the plan
        init_db(con)
        return build_demo(con, archive_dir, progress, size, processes)


def build_demo(con, archive_dir: Path, progress=None, size: str = "full",
               processes: list[subprocess.Popen] = ()) -> tuple[int, int, int]:
    """Writes the demo workbooks and loads them in order through the normal path (parse_file, then apply_batch:
    the outcome of `apply` on each file in turn, `FILES_PER_TRANSACTION` files to a transaction). With worker
    `processes`, they write and parse the next files while this one loads: loading is the one writer's work,
    writing and parsing are not."""
    if size not in DEMO_SIZES:
        raise ValueError(f"DVK_DEMO_SIZE: {size!r} is not one of {DEMO_SIZES}")
    plan = add_correction(plan_files(con.execute("SELECT * FROM units").df(), size=size))
    resolver = UnitResolver.from_db(con)
    sent, chunk = [], []
    with _prepared(plan, resolver, processes) as files:
        for done, (item, (data, parsed)) in enumerate(zip(plan, files), 1):
            chunk.append((item, parsed, data))
            if len(chunk) == FILES_PER_TRANSACTION or done == len(plan):
                sent += _load(con, chunk, archive_dir)
                chunk = []
            if progress:
                progress(done / len(plan))
    _backdate(con, sent)
    if config.APPROVAL:
        play_cycle(con, config.today())
    models, commendations = first_row(con, "SELECT (SELECT COUNT(*) FROM models), (SELECT COUNT(*) FROM commendations)")
    return len(plan), models, commendations


def _load(con, chunk: list[tuple[dict, ParsedFile, bytes]], archive_dir: Path) -> list[tuple[int, dt.datetime]]:
    """Loads the files as `apply` would one by one (`apply_batch`); returns (upload id, when sent) of the past
    years' files."""
    results = apply_batch(con, [(parsed, data) for _, parsed, data in chunk], archive_dir=archive_dir,
                          uploaded_by="demo")
    for result in results:
        if result.outcome != LOADED:  # the demo must exercise the normal path without a single rejection
            raise RuntimeError(f"{result.file_name}: {[p.message for p in result.problems]}")
    return [(result.upload_id, item["sent"]) for (item, _, _), result in zip(chunk, results) if item["sent"]]


def _backdate(con, sent: list[tuple[int, dt.datetime]]) -> None:
    """A past year's report was uploaded back then, not today."""
    con.register("sent_in", pd.DataFrame(sent, columns=["upload_id", "sent"]))
    con.execute("UPDATE uploads SET uploaded_at = s.sent FROM sent_in s WHERE uploads.upload_id = s.upload_id")
    con.unregister("sent_in")


@contextmanager
def _workers(count: int) -> Iterator[list[subprocess.Popen]]:
    """`count` worker processes, started before they are given work; stopped on the way out, whatever happened.
    They are `python -m etl.demo` processes fed through pipes, not multiprocessing: in the app, `__main__` is
    app.py, which a spawned child would run again, and forking a threaded server is unsafe."""
    processes = [subprocess.Popen([sys.executable, "-m", "etl.demo"], cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE) for _ in range(count)]
    try:
        yield processes
    finally:
        for process in processes:
            _stop(process)
            process.stdin.close()  # still open when no work was given
            process.stdout.close()


@contextmanager
def _prepared(plan: list[dict], resolver: UnitResolver,
              processes: list[subprocess.Popen]) -> Iterator[Iterator[tuple[bytes, ParsedFile]]]:
    """(bytes, parsed file) of every planned file, in the plan's order, as they become ready: from the worker
    `processes` (`_workers`), or written and parsed here when there are none."""
    if not processes:
        yield (_written_and_parsed(item, resolver) for item in plan)
        return
    count = len(processes)
    for i, process in enumerate(processes):  # file k goes to worker k % n
        pickle.dump((plan[i::count], resolver), process.stdin)
        process.stdin.close()
    readers = [_Reader(process) for process in processes]
    try:
        yield (readers[k % count].next() for k in range(len(plan)))
    finally:
        for process, reader in zip(processes, readers):
            _stop(process)
            reader.thread.join()  # the stopped worker's pipe ends: its reader is done


def _stop(process: subprocess.Popen) -> None:
    process.kill()  # nothing once it has ended
    process.wait()


class _Reader:
    """A worker's results, read as soon as it writes them: a pipe holds about three files, so a worker whose pipe
    is read only between this process's loads (a batch takes about half a second) would wait on it."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.results = process, queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True, name="demo-worker-reader")
        self.thread.start()

    def _read(self) -> None:
        try:
            while True:
                self.results.put(pickle.load(self.process.stdout))  # our own child's output, never a visitor's
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            self.results.put(None)  # the worker is done or gone; a file still awaited says so

    def next(self) -> tuple[bytes, ParsedFile]:
        received = self.results.get()
        if received is None:
            raise RuntimeError(f"a demo worker stopped (exit code {self.process.wait()})")
        return received


def _written_and_parsed(item: dict, resolver: UnitResolver) -> tuple[bytes, ParsedFile]:
    out = io.BytesIO()
    write_submission(out, info=item["info"], models=item["models"], commendations=item["commendations"])
    data = out.getvalue()
    return data, parse_file(data, item["name"], resolver)


def _work() -> None:
    """A worker: reads (items, resolver) from stdin, writes each item's (bytes, parsed file) to stdout in order."""
    items, resolver = pickle.load(sys.stdin.buffer)
    for item in items:
        pickle.dump(_written_and_parsed(item, resolver), sys.stdout.buffer)
        sys.stdout.buffer.flush()


def play_cycle(con, today: dt.date) -> None:
    """With approval on, the demo stands in the middle of a cycle: each year's reporting period set; every year
    before this one approved and locked; this year's reports half approved, two returned with a reason, the rest
    waiting for the reviewer."""
    day, month = config.REPORT_DEADLINE
    for year in YEARS:
        cycle.set_period(con, DEMO_REVIEWER, year, dt.date(year, 10, 1), dt.date(year, month, day),
                         dt.date(year + 1, 1, 15))
        waiting = con.execute("""SELECT unit_id, year FROM unit_year_state WHERE year = ? AND state = 'submitted'
                                 ORDER BY unit_id""", [year]).fetchall()
        if year < today.year:
            cycle.approve(con, DEMO_REVIEWER, waiting)
            cycle.lock(con, DEMO_REVIEWER, year)
            continue
        cycle.approve(con, DEMO_REVIEWER, waiting[::2])
        for (unit_id, _), reason in zip(waiting[1::2], RETURN_REASONS):
            cycle.return_report(con, DEMO_REVIEWER, unit_id, year, reason)


if __name__ == "__main__":
    _work()
