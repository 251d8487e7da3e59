"""The benchmark (issue 12): prints one table of medians, ratios measured side by side in one run.

    python bench/run.py [--size full|small] [--repeat 3] [--queries [--demo PATH] [--scaled PATH] [--models N]]
                        [--pages [--db PATH] [--page-runs 5] [--viewers 5,10,20,30]] [--first-start]

Not part of the test run (tests/test_bench.py runs it on a few files so it keeps working). Rows: the ETL of the demo
folder against the parse floor (python-calamine reading every sheet of the same files), and the per-file load cost
at the start and at the end of the folder (`--repeat 0`: none of these); with --queries, the rows of bench/scale.py:
every named query behind a page at demo scale and on the demo multiplied up to --models models (1 million by
default), against the goals of 50 and 150 ms; with --pages (or --db), the browser rows of bench/pages.py: each
page's render against the sign-in page's, viewers at once, and the app's memory; with --first-start, the app's
first start (bench/first_start.py).
"""
import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere: the project is not installed

from bench import first_start, pages, scale
from core.db import writer
from etl.bootstrap import init_db
from etl.demo import add_correction, plan_files, write_files
from etl.load import load_bytes
from etl.registry import UnitResolver


def parse_floor(files: list[bytes]) -> float:
    """Seconds for calamine alone to read every sheet of every file: what no loader can beat."""
    started = time.perf_counter()
    for data in files:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - started


def etl(files: list[tuple[str, bytes]], folder: Path) -> tuple[float, list[float]]:
    """Seconds to load the folder into a database holding the registry, and each file's own seconds."""
    db = folder / "dvk.duckdb"
    db.unlink(missing_ok=True)
    each = []
    with writer(db) as con:
        init_db(con)
        resolver = UnitResolver.from_db(con)
        started = time.perf_counter()
        for name, data in files:
            began = time.perf_counter()
            load_bytes(con, data, name, resolver, archive_dir=folder / "archive", uploaded_by="bench")
            each.append(time.perf_counter() - began)
        return time.perf_counter() - started, each


def demo_files(size: str, folder: Path, limit: int | None = None) -> list[tuple[str, bytes]]:
    with writer(folder / "registry.duckdb") as con:
        init_db(con)
        units = con.execute("SELECT * FROM units").df()
    paths = write_files(add_correction(plan_files(units, size=size))[:limit], folder / "files")
    return [(p.name, p.read_bytes()) for p in paths]


def etl_rows(args) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = demo_files(args.size, folder, args.files or None)
        floors, loads, firsts, lasts = [], [], [], []
        for _ in range(args.repeat):  # side by side, so a busy moment of the machine hits both
            floors.append(parse_floor([data for _, data in files]))
            total, each = etl(files, folder)
            loads.append(total)
            tenth = max(len(each) // 10, 1)
            firsts.append(statistics.median(each[:tenth]))
            lasts.append(statistics.median(each[-tenth:]))
    floor, load = statistics.median(floors), statistics.median(loads)
    return [("files", f"{len(files)}", ""),
        ("calamine parse floor", f"{floor:.2f} s", ""),
        ("ETL of the folder", f"{load:.2f} s", f"{load / floor:.1f}× the floor"),
        ("a file, first tenth of the folder", f"{1000 * statistics.median(firsts):.0f} ms", ""),
        ("a file, last tenth of the folder", f"{1000 * statistics.median(lasts):.0f} ms",
         f"{statistics.median(lasts) / statistics.median(firsts):.2f}× the first")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("full", "small"), default="full")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=0, help="only the first N files (the smoke test)")
    parser.add_argument("--first-start", action="store_true", help="also time the app's first start in Chromium")
    scale.add_arguments(parser)
    pages.add_arguments(parser)
    args = parser.parse_args(argv)
    rows = etl_rows(args) if args.repeat else []
    if args.queries:
        rows += scale.rows(args)
    if args.pages or args.db:
        rows += pages.rows(args)
    if args.first_start:
        rows += first_start.rows(args.size)
    runs = args.repeat or args.query_runs  # --repeat 0: the query rows alone
    print(f"{'measure':44} {'median of ' + str(runs):>14}  ratio")
    for name, value, ratio in rows:
        print(f"{name:44} {value:>14}  {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
