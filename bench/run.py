"""The benchmark (issue 12): prints one table of medians, ratios measured side by side in one run.

    python bench/run.py [--size full|small] [--repeat 3] [--queries [--demo PATH] [--scaled PATH] [--models N]]
                        [--pages [--db PATH] [--page-runs 5] [--viewers 5,10,20,30]]
                        [--protocol-viewers 5,10,20,40,80 [--protocol-servers 2]] [--first-start] [--grow 7000]

Not part of the test run (tests/test_bench.py runs it on a few files so it keeps working). Rows: the ETL of the demo
folder against the parse floor (python-calamine reading every sheet of the same files), with what bounds it from
below: the project's parse alone, and DuckDB alone taking each file's rows in a transaction of its own; then the
same folder loaded 100 files a transaction, as the demo is; and the per-file load cost
at the start and at the end of the folder (`--repeat 0`: none of these); with --queries, the rows of bench/scale.py:
every named query behind a page at demo scale and on the demo multiplied up to --models models (1 million by
default), against the goals of 50 and 150 ms; with --pages (or --db), the browser rows of bench/pages.py: each
page's render against the sign-in page's, viewers at once, and the app's memory; with --protocol-viewers, the rows
of bench/viewers.py: what one server holds, viewers speaking Streamlit's protocol from clients that cost this machine
almost nothing, each crowd first on the sign-in page (Streamlit's own floor: its p95 and CPU a viewer), on --db or
the demo of --size (beside --protocol-viewers, --db adds the browser rows only with --pages); with --first-start,
the app's first start (bench/first_start.py).
`--grow N` adds the growth rows: the write of one file (`etl.load.apply`, parse excluded) on a database holding
only the registry, and again after N files (a province holds about 7,000).
"""
import argparse
import dataclasses
import hashlib
import io
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere: the project is not installed

from bench import first_start, pages, scale, viewers
from core.db import writer
from etl.bootstrap import init_db
from etl.demo import FILES_PER_TRANSACTION, add_correction, plan_files, write_files
from etl.load import LOADED, apply, apply_batch, load_bytes
from etl.pipeline import ParsedFile, parse_file
from etl.registry import UnitResolver

SAMPLE = 60  # files written at each end of the growth measure: new unit-years, then the same ones replaced


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


def parse_all(files: list[tuple[str, bytes]], folder: Path) -> tuple[float, list[tuple[ParsedFile, bytes]]]:
    """Seconds for the project's own parse of every file (inspection, reading, headers, checks), and the parses."""
    with writer(folder / "parse.duckdb") as con:
        init_db(con)
        resolver = UnitResolver.from_db(con)
    started = time.perf_counter()
    parsed = [(parse_file(data, name, resolver), data) for name, data in files]
    return time.perf_counter() - started, parsed


def etl_batched(files: list[tuple[str, bytes]], folder: Path) -> float:
    """Seconds to load the folder as the demo does: every file parsed, then `apply_batch`, FILES_PER_TRANSACTION
    files to a transaction (the same outcome and database as one file at a time, tests/test_load_batch.py)."""
    db = folder / "batched.duckdb"
    db.unlink(missing_ok=True)
    with writer(db) as con:
        init_db(con)
        resolver = UnitResolver.from_db(con)
        started = time.perf_counter()
        for i in range(0, len(files), FILES_PER_TRANSACTION):
            chunk = [(parse_file(data, name, resolver), data) for name, data in files[i:i + FILES_PER_TRANSACTION]]
            apply_batch(con, chunk, archive_dir=folder / "archive_batched", uploaded_by="bench")
        return time.perf_counter() - started


def write_floor(parsed: list[tuple[ParsedFile, bytes]], folder: Path) -> float:
    """Seconds for DuckDB alone to take each file in a transaction of its own with the fewest statements a load
    could have: its upload row, its models, its commendations (no checks, no links, no archive). What the issue's
    "a file loads in one transaction" costs before any of the loader's own work."""
    db = folder / "floor.duckdb"
    db.unlink(missing_ok=True)
    with duckdb.connect(str(db)) as con:  # no schema of the project: only these tables
        con.execute("CREATE TABLE floor_uploads (upload_id INTEGER, file_name VARCHAR, sha256 VARCHAR)")
        for table, part in (("floor_models", "models"), ("floor_commendations", "commendations")):
            con.register("first", pd.concat([getattr(p, part) for p, _ in parsed]))  # every column typed
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM first LIMIT 0")
        started = time.perf_counter()
        for upload_id, (file, _) in enumerate(parsed):
            file_models, file_commendations = file.models, file.commendations  # noqa: F841 (read by name in SQL)
            con.execute("BEGIN")
            con.execute("INSERT INTO floor_uploads VALUES (?, ?, ?)", [upload_id, file.file_name, file.sha256])
            con.execute("INSERT INTO floor_models BY NAME SELECT * FROM file_models")
            con.execute("INSERT INTO floor_commendations BY NAME SELECT * FROM file_commendations")
            con.execute("COMMIT")
        return time.perf_counter() - started


def demo_files(size: str, folder: Path, limit: int | None = None) -> list[tuple[str, bytes]]:
    with writer(folder / "registry.duckdb") as con:
        init_db(con)
        units = con.execute("SELECT * FROM units").df()
    paths = write_files(add_correction(plan_files(units, size=size))[:limit], folder / "files")
    return [(p.name, p.read_bytes()) for p in paths]


def shifted(parsed: ParsedFile, years: int, copy: str) -> ParsedFile:
    """The same report moved `years` years back, under bytes of its own: a province's worth of files without
    parsing them again (the write of a file does not read its years against the calendar, the parse does)."""
    def move(frame):
        return frame.assign(year=frame["year"] - years)

    return dataclasses.replace(parsed, file_name=f"{copy}_{parsed.file_name}", models=move(parsed.models),
                               commendations=move(parsed.commendations), problems=[],
                               sha256=hashlib.sha256(f"{copy}{parsed.sha256}".encode()).hexdigest(),
                               coverage={(u, y - years) for u, y in parsed.coverage})


def apply_all(con, files: list[tuple[ParsedFile, bytes]], archive: Path) -> list[float]:
    """Each file's CPU seconds of `apply` (its checks, its transaction and its archived original; every thread of
    the process, DuckDB's included): the growth is compared at two moments, which a shared machine's load would
    sway in wall-clock time."""
    each = []
    for parsed, data in files:
        began = time.process_time()
        outcome = apply(con, parsed, data, archive_dir=archive, uploaded_by="bench").outcome
        each.append(time.process_time() - began)
        if outcome != LOADED:
            raise RuntimeError(f"{parsed.file_name}: {outcome}")
    return each


def grow(files: list[tuple[str, bytes]], folder: Path, target: int) -> dict[str, tuple[float, float]]:
    """Median CPU ms of a file's write on the registry alone and after `target` more files: the same sample of the
    demo's files each time, moved to years of their own, loaded as new unit-years and then loaded again (supersession).
    The filling is the demo's files moved back 6 years a copy (years 2021–2026, then 2015–2020, …)."""
    db = folder / "grow.duckdb"
    db.unlink(missing_ok=True)
    medians = {}
    with writer(db) as con:
        init_db(con)
        resolver = UnitResolver.from_db(con)
        parsed = [(parse_file(data, name, resolver), data) for name, data in files]
        sample = parsed[::max(len(parsed) // SAMPLE, 1)][:SAMPLE]
        for when, years in (("empty", -600), ("grown", -700)):  # far years that the filling never reaches
            new = apply_all(con, [(shifted(p, years, f"{when}_new"), d) for p, d in sample], folder / "archive")
            again = apply_all(con, [(shifted(p, years, f"{when}_again"), d) for p, d in sample], folder / "archive")
            medians[when] = 1000 * statistics.median(new), 1000 * statistics.median(again)
            if when == "empty":
                filling = [(shifted(p, 6 * (i // len(parsed)), f"copy{i // len(parsed)}"), d)
                           for i, (p, d) in zip(range(target), itertools.cycle(parsed))]
                apply_all(con, filling, folder / "archive")
    return medians


def growth_rows(medians: dict[str, tuple[float, float]], target: int) -> list[tuple[str, str, str]]:
    rows = []
    for i, what in enumerate(("a new unit-year", "a replaced unit-year")):
        empty, grown = medians["empty"][i], medians["grown"][i]
        rows += [(f"write of a file, {what}, empty db (CPU)", f"{empty:.0f} ms", ""),
                 (f"the same after {target:,} files".replace(",", "."), f"{grown:.0f} ms",
                  f"{grown / empty:.2f}× the empty db")]
    return rows


def etl_rows(args) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = demo_files(args.size, folder, args.files or None)
        floors, loads, firsts, lasts, parses, writes, batched = [], [], [], [], [], [], []
        for _ in range(args.repeat):  # side by side, so a busy moment of the machine hits all
            floors.append(parse_floor([data for _, data in files]))
            total, each = etl(files, folder)
            loads.append(total)
            parse_seconds, parsed = parse_all(files, folder)
            parses.append(parse_seconds)
            writes.append(write_floor(parsed, folder))
            batched.append(etl_batched(files, folder))
            tenth = max(len(each) // 10, 1)
            firsts.append(statistics.median(each[:tenth]))
            lasts.append(statistics.median(each[-tenth:]))
        grown = grow(files, folder, args.grow) if args.grow else None
    rows = [("files", f"{len(files)}", "")]
    if args.repeat:  # --repeat 0: none of these rows but the growth ones
        floor, load = statistics.median(floors), statistics.median(loads)
        rows += [("calamine parse floor", f"{floor:.2f} s", ""),
                 ("ETL of the folder", f"{load:.2f} s", f"{load / floor:.1f}× the floor"),
                 *[(name, f"{seconds:.2f} s", f"{seconds / floor:.1f}× the floor") for name, seconds in (
                     ("  the parse alone (no database)", statistics.median(parses)),
                     ("  DuckDB alone: 3 inserts a file, a transaction each", statistics.median(writes)),
                     (f"ETL, {FILES_PER_TRANSACTION} files a transaction (the demo's)", statistics.median(batched)))],
                 ("a file, first tenth of the folder", f"{1000 * statistics.median(firsts):.0f} ms", ""),
                 ("a file, last tenth of the folder", f"{1000 * statistics.median(lasts):.0f} ms",
                  f"{statistics.median(lasts) / statistics.median(firsts):.2f}× the first")]
    return rows + (growth_rows(grown, args.grow) if grown else [])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("full", "small"), default="full")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=0, help="only the first N files (the smoke test)")
    parser.add_argument("--grow", type=int, default=0, metavar="N",
                        help="also a file's write on an empty database against the same after N files")
    parser.add_argument("--first-start", action="store_true", help="also time the app's first start in Chromium")
    scale.add_arguments(parser)
    pages.add_arguments(parser)
    viewers.add_arguments(parser)
    args = parser.parse_args(argv)
    rows = etl_rows(args) if args.repeat or args.grow else []
    if args.queries:
        rows += scale.rows(args)
    if args.pages or (args.db and not args.protocol_viewers):  # --db alone: the browser rows
        rows += pages.rows(args)
    if args.protocol_viewers:
        rows += viewers.rows(args, rows)
    if args.first_start:
        rows += first_start.rows(args.size)
    runs = args.repeat or args.query_runs  # --repeat 0: the query rows alone
    print(f"{'measure':48} {'median of ' + str(runs):>14}  ratio")
    for name, value, ratio in rows:
        print(f"{name:48} {value:>14}  {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
