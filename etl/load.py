"""Stage 5, load: the one writer. A parsed file is applied in one transaction keyed by its SHA-256.

Re-loading the same bytes changes nothing. A file for a (unit, year) already loaded replaces that unit-year's rows;
the older upload's coverage of it becomes `superseded` (the upload itself once nothing of it is applied any more),
and every original file is archived by hash beside the database, so nothing is ever lost.
"""
import datetime as dt
import functools
import hashlib
import itertools
import os
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from core import config, scope, texts
from core.auth import Account
from core.db import refresh_approved, scalar, transaction
from core.vntext import fold
from etl import cycle
from etl.pipeline import ParsedFile, parse_file
from etl.validate import Problem
from etl.values import parse_date

LOADED, DRY_RUN, UNCHANGED, REJECTED = "loaded", "dry_run", "unchanged", "rejected"


@dataclass
class LoadResult:
    file_name: str
    outcome: str
    upload_id: int | None = None
    n_models: int = 0
    n_commendations: int = 0
    new_unit_years: int = 0
    replaced_unit_years: int = 0
    problems: list[Problem] = field(default_factory=list)


def apply(con, parsed: ParsedFile, data: bytes, *, archive_dir: Path, uploaded_by: str = "",
          dry_run: bool = False, actor: Account | None = None) -> LoadResult:
    """`actor`: the signed-in account, checked against its role, scope, locks and approvals (etl/cycle.py); None
    is the command line, which acts as the province under the name `uploaded_by`."""
    result = LoadResult(parsed.file_name, REJECTED, problems=list(parsed.problems),
                        n_models=len(parsed.models), n_commendations=len(parsed.commendations))
    if parsed.errors:
        return result
    actor = actor or cycle.command_line(uploaded_by)
    known = cycle.read_facts(con, actor, parsed.coverage, parsed.sha256)
    if known.same_file is not None:
        result.outcome, result.upload_id = UNCHANGED, known.same_file
        return result
    if refused := cycle.upload_problems(con, actor, parsed.coverage, known=known):
        parsed.problems += refused  # shown with the file's own errors, in its error report too
        result.problems += refused
        return result
    replaced = len({(u, y) for u, y, part in set(_coverage_rows(parsed)) & known.applied})
    result.replaced_unit_years, result.new_unit_years = replaced, len(parsed.coverage) - replaced
    if dry_run:
        result.outcome = DRY_RUN
        return result
    archiving = _ARCHIVER.submit(archive_file, data, parsed, archive_dir)  # its fsyncs wait while DuckDB works
    try:
        with transaction(con):
            result.upload_id = _insert_upload(con, parsed, archive_path(parsed, archive_dir), actor.username)
            cycle.record_submission(con, actor, result.upload_id, parsed.coverage)
            orphaned = _supersede(con, parsed) if replaced else []
            _insert_coverage(con, [result.upload_id], [parsed])
            result.problems += insert_rows(con, parsed, result.upload_id)
            relink(con, orphaned)
            refresh_approved(con, parsed.coverage)
            archiving.result()  # the original is whole on disk before the upload commits, or the upload rolls back
    finally:
        futures.wait([archiving])  # nothing of this file is still being written when it returns
    result.outcome = LOADED
    return result


_ARCHIVER = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive")


def apply_batch(con, files: list[tuple[ParsedFile, bytes]], *, archive_dir: Path, uploaded_by: str = "",
                actor: Account | None = None) -> list[LoadResult]:
    """The outcome of `apply` on each file in turn, and the same database, with the files that add only new
    unit-years written together in one transaction (a few statements for the lot): the demo's build. A file
    that has errors, is refused, repeats a loaded file or replaces a report (of the database or of an earlier file
    of the list) goes through `apply`, alone and in its place."""
    actor = actor or cycle.command_line(uploaded_by)
    refused = cycle.upload_refusals(con, actor, [p for parsed, _ in files for p in parsed.coverage])
    shas, parts = _loaded(con, files)
    allowed = cycle.may(actor, scope.UPLOAD)
    results, run = [], []
    for parsed, data in files:
        mine = set(_coverage_rows(parsed))
        if allowed and not (parsed.errors or parsed.sha256 in shas or mine & parts
                            or refused.keys() & parsed.coverage):
            run.append((parsed, data))
        else:
            results += _apply_together(con, run, archive_dir, actor)
            run = []
            results.append(apply(con, parsed, data, archive_dir=archive_dir, actor=actor))
        shas.add(parsed.sha256)
        parts |= mine
    return results + _apply_together(con, run, archive_dir, actor)


def _loaded(con, files: list[tuple[ParsedFile, bytes]]) -> tuple[set[str], set[tuple]]:
    """Of these files: the hashes of those loaded already, and the (unit, year, part) already applied."""
    shas = {r[0] for r in con.execute(_LOADED_HASHES, [[p.sha256 for p, _ in files]]).fetchall()}
    pairs = sorted({(int(u), int(y)) for parsed, _ in files for u, y in parsed.coverage})
    applied = con.execute(_APPLIED_PARTS, [[u for u, _ in pairs], [y for _, y in pairs]]).fetchall()
    return shas, {(int(u), int(y), part) for u, y, part in applied}


_LOADED_HASHES = "SELECT sha256 FROM uploads WHERE status <> 'rolled_back' AND sha256 IN (SELECT UNNEST(?))"
_APPLIED_PARTS = """SELECT k.unit_id, k.year, k.part FROM upload_coverage k JOIN (SELECT UNNEST(?::BIGINT[]) AS unit_id,
                    UNNEST(?::BIGINT[]) AS year) c USING (unit_id, year) WHERE k.status = 'applied'"""


def _apply_together(con, run: list[tuple[ParsedFile, bytes]], archive_dir: Path, actor: Account) -> list[LoadResult]:
    """Files of new unit-years only, in one transaction: uploads, events, coverage, models, then commendations."""
    if not run:
        return []
    parsed_files = [parsed for parsed, _ in run]
    archives = [archive_file(data, parsed, archive_dir) for parsed, data in run]
    with transaction(con):
        ids = _insert_uploads(con, parsed_files, archives, actor.username)
        cycle.record_submissions(con, actor, [(i, parsed.coverage) for i, parsed in zip(ids, parsed_files)])
        _insert_coverage(con, ids, parsed_files)
        refresh_approved(con, [pair for parsed in parsed_files for pair in parsed.coverage])
        first_model = scalar(con, "SELECT COALESCE(MAX(model_id), 0) + 1 FROM models")
        _insert_models(con, pd.concat([p.models for p in parsed_files]),
                       [i for i, p in zip(ids, parsed_files) for _ in range(len(p.models))])
        # a file saw the models of the files before it and its own, never those of the files after it
        newest = list(itertools.accumulate((len(p.models) for p in parsed_files), initial=first_model - 1))[1:]
        frames = [p.commendations for p in parsed_files]
        links = _insert_commendations(con, pd.concat(frames, ignore_index=True),
                                      [i for i, frame in zip(ids, frames) for _ in range(len(frame))],
                                      [n for frame, n in zip(frames, newest) for _ in range(len(frame))])
    return [_batch_result(parsed, i, file_links)
            for parsed, i, file_links in zip(parsed_files, ids, _split(links, frames))]


def _insert_coverage(con, upload_ids: list[int], parsed_files: list[ParsedFile]) -> None:
    rows = [(i, *row) for i, parsed in zip(upload_ids, parsed_files) for row in _coverage_rows(parsed)]
    if rows:
        con.execute("""INSERT INTO upload_coverage SELECT UNNEST(?::BIGINT[]), UNNEST(?::BIGINT[]),
                       UNNEST(?::BIGINT[]), UNNEST(?::VARCHAR[]), 'applied'""", [list(c) for c in zip(*rows)])


def _split(items: list, frames: list[pd.DataFrame]) -> list[list]:
    """`items` cut into one list per frame, by the frames' lengths."""
    ends = list(itertools.accumulate(len(f) for f in frames))
    return [items[end - len(f):end] for f, end in zip(frames, ends)]


def _batch_result(parsed: ParsedFile, upload_id: int, links: list) -> LoadResult:
    return LoadResult(parsed.file_name, LOADED, upload_id, len(parsed.models), len(parsed.commendations),
                      new_unit_years=len(parsed.coverage),
                      problems=parsed.problems + _link_warnings(parsed.commendations, links))


def _coverage_rows(parsed: ParsedFile) -> list[tuple[int, int, str]]:
    """(unit_id, year, part) of every unit-year the file covers, for each part it holds, in order."""
    return [(int(u), int(y), part) for u, y in sorted(parsed.coverage) for part in sorted(parsed.parts)]


def _stage_coverage(con, parsed: ParsedFile) -> None:
    """The file's unit-years and parts as the temporary table `coverage_in`, which the load's statements read: a
    table of the connection's own, read faster than a registered DataFrame and written without pandas."""
    rows = _coverage_rows(parsed)
    con.execute("""CREATE OR REPLACE TEMP TABLE coverage_in AS SELECT UNNEST(?::BIGINT[]) AS unit_id,
                   UNNEST(?::BIGINT[]) AS year, UNNEST(?::VARCHAR[]) AS part""",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]])


class DamagedArchive(ValueError):
    """An archived original whose bytes no longer hash to the SHA-256 it was stored under."""


def archive_file(data: bytes, parsed: ParsedFile, archive_dir: Path) -> Path:
    """The original bytes under their hash, written before the upload's transaction commits."""
    path = archive_path(parsed, archive_dir)
    return store_original(path.parent, path.name, data, parsed.sha256)


def archive_path(parsed: ParsedFile, archive_dir: Path) -> Path:
    return Path(archive_dir) / f"{parsed.sha256}{PurePath(parsed.file_name).suffix.lower()}"


def store_original(archive_dir: Path, name: str, data: bytes, sha256: str) -> Path:
    """Content-addressed, so a copy already there is kept, but only when its hash is right: a kill or a full disk
    can leave a truncated one, which is written again."""
    path = archive_dir / name
    if not _intact(path, sha256):
        _write_atomically(path, data)
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    """Whole bytes or nothing under the final name: a temporary name in the same folder, fsync, rename, then fsync
    of the folder so that the rename itself is on disk before the database says the file is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_once(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    if os.name == "posix":  # a folder cannot be opened on Windows, where NTFS journals the rename
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


_swept: set[Path] = set()


def _sweep_once(folder: Path) -> None:
    """Removes the temporaries left by a process killed while writing, the first time this process writes into the
    folder: the writer holds the database alone, so any such process ended before it began (listing the folder
    for every file cost a load more as the archive grew)."""
    if folder in _swept:
        return
    for stale in folder.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    _swept.add(folder)


def _intact(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def resolve_archive(stored: str, archive_dir: Path) -> Path:
    """Where a stored archive path is now. Paths are stored relative to the database's folder, so the archive is
    looked up by name in the database's archive folder; an absolute path of an earlier version is still read."""
    here, old = Path(archive_dir) / PurePath(stored).name, Path(stored)
    return old if not here.exists() and old.is_absolute() and old.exists() else here


def read_archive(stored: str | None, sha256: str, archive_dir: Path) -> bytes | None:
    """The archived original, checked against its hash (raises DamagedArchive); None when it is missing."""
    path = resolve_archive(stored, archive_dir) if stored else None
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DamagedArchive(path.name)
    return data


def archive_dir_of(con) -> Path:
    """The archive folder beside the connection's database file (the configured one for an in-memory database)."""
    path = scalar(con, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
    return config.archive_dir(path or config.DB_PATH)


def _insert_upload(con, parsed: ParsedFile, archive: Path, uploaded_by: str) -> int:
    """`_insert_uploads` of one file, from plain values: cheaper for DuckDB than lists of one (issue 12)."""
    author = _info_text(parsed, "author")
    upload_id = con.execute(_INSERT_UPLOAD, [parsed.file_name, parsed.sha256, uploaded_by, _upload_time(),
                                             len(parsed.models), len(parsed.commendations), _stored(archive), author,
                                             _info_text(parsed, "phone"), _info_date(parsed)]).fetchall()[0][0]
    con.execute("INSERT INTO upload_search VALUES (?, ?, ?)", [upload_id, fold(parsed.file_name), fold(author)])
    return upload_id


def _insert_uploads(con, parsed_files: list[ParsedFile], archives: list[Path], uploaded_by: str) -> list[int]:
    """One upload row per file, ids in the files' order, in one statement; returns the ids."""
    names, authors = [p.file_name for p in parsed_files], [_info_text(p, "author") for p in parsed_files]
    ids = sorted(r[0] for r in con.execute(_INSERT_UPLOADS, [
        uploaded_by, _upload_time(), list(range(len(parsed_files))), names, [p.sha256 for p in parsed_files],
        [len(p.models) for p in parsed_files], [len(p.commendations) for p in parsed_files],
        [_stored(a) for a in archives], authors, [_info_text(p, "phone") for p in parsed_files],
        [_info_date(p) for p in parsed_files]]).fetchall())
    con.execute("INSERT INTO upload_search SELECT UNNEST(?::BIGINT[]), UNNEST(?::VARCHAR[]), UNNEST(?::VARCHAR[])",
                [ids, [fold(name) for name in names], [fold(author) for author in authors]])
    return ids


def _upload_time() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)  # whole seconds survive an Excel backup unchanged


def _stored(archive: Path) -> str:
    return f"{archive.parent.name}/{archive.name}"  # relative to the database's folder, which may move


_INSERT_UPLOAD = """INSERT INTO uploads VALUES ((SELECT COALESCE(MAX(upload_id), 0) + 1 FROM uploads), ?, ?, ?, ?, ?, ?,
                    'applied', ?, ?, ?, ?, NULL, NULL) RETURNING upload_id"""
_INSERT_UPLOADS = """
INSERT INTO uploads SELECT (SELECT COALESCE(MAX(upload_id), 0) FROM uploads) + position + 1, file_name, sha256, $1, $2,
    n_models, n_commendations, 'applied', archive_path, author, phone, report_date, NULL, NULL
FROM (SELECT UNNEST($3::BIGINT[]) AS position, UNNEST($4::VARCHAR[]) AS file_name, UNNEST($5::VARCHAR[]) AS sha256,
      UNNEST($6::BIGINT[]) AS n_models, UNNEST($7::BIGINT[]) AS n_commendations,
      UNNEST($8::VARCHAR[]) AS archive_path, UNNEST($9::VARCHAR[]) AS author, UNNEST($10::VARCHAR[]) AS phone,
      UNNEST($11::DATE[]) AS report_date)
RETURNING upload_id"""


def _info_text(parsed: ParsedFile, key: str) -> str | None:
    value = parsed.info.get(key)
    return None if value is None else str(value)


def _info_date(parsed: ParsedFile) -> dt.date | None:
    try:
        return parse_date(parsed.info["date"])[0] if parsed.info.get("date") is not None else None
    except ValueError:
        return None  # the report date is informative only


def _supersede(con, parsed: ParsedFile) -> list[int]:
    """Removes the rows of the unit-years (and parts) this file covers; marks the older coverage superseded, and
    the uploads it leaves without any applied coverage (only those it touched can be: every load and rollback
    leaves none elsewhere). Returns the commendations left without their related model, for `relink` once the new
    models are in."""
    _stage_coverage(con, parsed)
    orphaned = unlink(con, f"SELECT model_id FROM models WHERE {_COVERED.format(table='models', part='models')}")
    con.execute(f"DELETE FROM models WHERE {_COVERED.format(table='models', part='models')}")
    con.execute(f"DELETE FROM commendations WHERE {_COVERED.format(table='commendations', part='commendations')}")
    con.execute("""UPDATE upload_coverage SET status = 'superseded' FROM coverage_in c
                   WHERE upload_coverage.status = 'applied' AND c.unit_id = upload_coverage.unit_id
                   AND c.year = upload_coverage.year AND c.part = upload_coverage.part""")
    con.execute("""UPDATE uploads SET status = 'superseded' WHERE status = 'applied' AND upload_id IN (
                       SELECT k.upload_id FROM upload_coverage k JOIN coverage_in c USING (unit_id, year, part))
                   AND NOT EXISTS (SELECT 1 FROM upload_coverage c WHERE c.upload_id = uploads.upload_id
                                   AND c.status = 'applied')""")
    con.execute("DROP TABLE temp.coverage_in")
    return orphaned


# The rows of `{table}` in a unit-year whose part `{part}` the file of `coverage_in` covers.
_COVERED = """EXISTS (SELECT 1 FROM coverage_in c WHERE c.unit_id = {table}.unit_id AND c.year = {table}.year
              AND c.part = '{part}')"""


def unlink(con, doomed_models: str, params: list | None = None) -> list[int]:
    """Clears the link of the commendations whose related model (ids selected by the constant SQL `doomed_models`)
    is about to be deleted; returns those commendations."""
    return [r[0] for r in con.execute(f"""UPDATE commendations SET model_id = NULL
                                           WHERE model_id IN ({doomed_models}) RETURNING commendation_id""",
                                      params or []).fetchall()]


def relink(con, commendation_ids: list[int]) -> None:
    """Links again the commendations that lost their model in a supersede or rollback, by the rule of
    `_link_models`, to the models applying now. Reads only those commendations and the models of their units."""
    if not commendation_ids:
        return
    frame = con.execute("""SELECT commendation_id, unit_id, year, model_name FROM commendations
                           WHERE commendation_id IN (SELECT UNNEST(?))""", [[int(i) for i in commendation_ids]]).df()
    if frame.empty:
        return
    index = _models_by_name(con, frame)
    links = [(int(c), m) for c, u, y, n in frame.itertuples(index=False) if (m := _pick(index, u, y, n)) is not None]
    if links:
        con.register("relinked_in", pd.DataFrame(links, columns=["commendation_id", "model_id"]))
        con.execute("""UPDATE commendations SET model_id = r.model_id FROM relinked_in r
                       WHERE commendations.commendation_id = r.commendation_id""")
        con.unregister("relinked_in")


def insert_rows(con, parsed: ParsedFile, upload_id: int) -> list[Problem]:
    """The file's models and commendations under its upload; returns warnings about related models."""
    _insert_models(con, parsed.models, [upload_id] * len(parsed.models))
    links = _insert_commendations(con, parsed.commendations, [upload_id] * len(parsed.commendations))
    return _link_warnings(parsed.commendations, links)


def _insert_models(con, models: pd.DataFrame, upload_ids: list[int]) -> None:
    """Ids follow the greatest one in the table, in the order of the frame (of the file, of the files)."""
    if not models.empty:
        con.execute(_INSERT_MODELS, _columns(models, MODEL_TYPES, upload_id=upload_ids))


def _insert_commendations(con, frame: pd.DataFrame, upload_ids: list[int], newest_model: list[int] | None = None
                          ) -> list:
    """The commendations of `frame`, under their uploads, linked to their models; returns the links, one per row
    (None: not found). `newest_model`, per row: the greatest model id its own file could see (a batch)."""
    if frame.empty:
        return []
    links = _link_models(con, frame, newest_model)
    con.execute(_INSERT_COMMENDATIONS, _columns(frame, COMMENDATION_TYPES, upload_id=upload_ids, model_id=links))
    return links


# The DuckDB types of the parse's frames (etl/pipeline.py), and of what a load adds to their rows.
MODEL_TYPES = {"unit_id": "BIGINT", "year": "BIGINT", "name": "VARCHAR", "kind": "VARCHAR", "subject": "VARCHAR",
               "field": "VARCHAR", "theme": "VARCHAR", "form": "VARCHAR", "status": "VARCHAR", "level": "VARCHAR",
               "start_date": "DATE", "start_year": "BIGINT", "place": "VARCHAR", "result": "VARCHAR",
               "note": "VARCHAR", "source_row": "BIGINT", "upload_id": "BIGINT"}
COMMENDATION_TYPES = {"unit_id": "BIGINT", "year": "BIGINT", "recipient": "VARCHAR", "recipient_type": "VARCHAR",
                      "award": "VARCHAR", "decision_no": "VARCHAR", "decision_date": "DATE", "model_name": "VARCHAR",
                      "reason": "VARCHAR", "source_row": "BIGINT", "upload_id": "BIGINT", "model_id": "BIGINT"}


def _rows_insert(table: str, id_column: str, types: dict[str, str]) -> str:
    """An INSERT of rows given as one list parameter a column (`$unit_id`, …), ids following the greatest one of
    the table in the lists' order: lists cost less to pass than a registered DataFrame of objects, which DuckDB
    reads a cell at a time (issue 12). Built from the constants above, never from input."""
    lists = ", ".join(f"UNNEST(${column}::{kind}[]) AS {column}" for column, kind in types.items())
    return (f"INSERT INTO {table} BY NAME SELECT (SELECT COALESCE(MAX({id_column}), 0) FROM {table}) + position"
            f" AS {id_column}, * EXCLUDE (position) FROM (SELECT {lists},"
            f" UNNEST(range(1, len($unit_id::BIGINT[]) + 1)) AS position)")


_INSERT_MODELS = _rows_insert("models", "model_id", MODEL_TYPES)
_INSERT_COMMENDATIONS = _rows_insert("commendations", "commendation_id", COMMENDATION_TYPES)


def _columns(frame: pd.DataFrame, types: dict[str, str], **added: list) -> dict[str, list]:
    """The frame's columns of `types` as lists, with the `added` ones."""
    return {column: added[column] if column in added else frame[column].tolist() for column in types}


def _link_models(con, frame: pd.DataFrame, newest_model: list[int] | None = None) -> list:
    """A commendation's "Mô hình liên quan" names a model of the same unit: of the same year first (this file's
    models are already in, and newest of that year), else the latest earlier model of that name."""
    index = _models_by_name(con, frame)
    newest = newest_model or [None] * len(frame)
    return [_pick(index, unit_id, year, name, upto)
            for unit_id, year, name, upto in zip(frame["unit_id"], frame["year"], frame["model_name"], newest)]


def _link_warnings(frame: pd.DataFrame, links: list) -> list[Problem]:
    """A named related model that was not found is said, at the commendation's row."""
    return [Problem(None, row, None, texts.WARN_MODEL_NOT_FOUND.format(value=name), warning=True)
            for name, row, link in zip(frame["model_name"], frame["source_row"], links) if name and link is None]


def _models_by_name(con, commendations: pd.DataFrame) -> dict[tuple, list[tuple[int, int]]]:
    """(unit, folded name) → [(year, model_id)] in order of year then load, of the models these commendations can
    name: of their units, of their years or earlier, and none when no commendation names a model (folding every
    model of the database for every file grew with the database)."""
    if not any(isinstance(name, str) and name for name in commendations["model_name"]):
        return {}
    units, until = sorted({int(u) for u in commendations["unit_id"]}), max(int(y) for y in commendations["year"])
    rows = con.execute("""SELECT unit_id, year, name, model_id FROM models WHERE unit_id IN (SELECT UNNEST(?))
                          AND year <= ? ORDER BY year, model_id""", [units, until]).fetchall()
    index: dict[tuple, list] = {}
    for unit_id, year, name, model_id in rows:
        index.setdefault((unit_id, _folded(name)), []).append((year, model_id))
    return index


_folded = functools.lru_cache(maxsize=65536)(fold)  # model names repeat across units and years


def _pick(index: dict, unit_id, year, name, upto: int | None = None) -> int | None:
    """The same year's model of that name, else the latest earlier one; None when there is none (or no name).
    `upto`: only models of ids up to it (those loaded before it, in a batch)."""
    if not isinstance(name, str) or not name:
        return None
    candidates = [m for y, m in index.get((int(unit_id), _folded(name)), [])
                  if y <= year and (upto is None or m <= upto)]
    return candidates[-1] if candidates else None


def load_bytes(con, data: bytes, file_name: str, resolver, *, archive_dir: Path, uploaded_by: str = "",
               dry_run: bool = False, actor: Account | None = None) -> LoadResult:
    """Parse and apply one file: what the command line and the upload page both call."""
    parsed = parse_file(data, file_name, resolver)
    return apply(con, parsed, data, archive_dir=archive_dir, uploaded_by=uploaded_by, dry_run=dry_run, actor=actor)
