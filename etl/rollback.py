"""Rolling back an upload: its rows go, and each unit-year it covered returns to the file that applied before it.

The earlier file's rows are rebuilt from its archived original, through the same parse as any load, so the
state after a rollback is exactly the state before the rolled-back upload.
"""
import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd

from core import texts
from core.auth import Account
from core.db import refresh_approved, transaction
from etl import cycle
from etl.load import DamagedArchive, archive_dir_of, insert_rows, read_archive, relink, unlink
from etl.pipeline import parse_file
from etl.registry import UnitResolver


def rollback(con, upload_id: int, resolver: UnitResolver, rolled_back_by: str,
             archive_dir: Path | None = None, actor: Account | None = None) -> list[int]:
    """Rolls back one upload; returns the uploads that apply again. Raises ValueError with a Vietnamese reason.
    The originals are read from `archive_dir`, by default the archive folder beside the database. `actor`: the
    signed-in account (its scope and the locks are checked); None is the command line, as the province."""
    covered = con.execute("""SELECT unit_id, year, part FROM upload_coverage
                             WHERE upload_id = ? AND status = 'applied'""", [upload_id]).fetchall()
    if not covered:
        raise ValueError(texts.ROLLBACK_NOTHING)
    actor = actor or cycle.command_line(rolled_back_by)
    unit_years = {(u, y) for u, y, _ in covered}
    if refused := cycle.rollback_problems(con, actor, unit_years):
        raise ValueError(refused[0])
    restored = _previous_coverage(con, upload_id, covered)
    folder = archive_dir or archive_dir_of(con)
    parsed = {int(uid): _reparse(con, int(uid), resolver, folder) for uid in restored["upload_id"].unique()}
    with transaction(con):
        orphaned = _remove(con, upload_id, rolled_back_by)
        for uid, part in restored.groupby("upload_id"):
            _reapply(con, int(uid), parsed[int(uid)], part)
        relink(con, orphaned)
        cycle.record_rollback(con, actor, upload_id, unit_years)
        refresh_approved(con, unit_years)
    return sorted(int(u) for u in parsed)


def _previous_coverage(con, upload_id: int, covered: list[tuple]) -> pd.DataFrame:
    """For each unit-year part, the latest earlier upload that was superseded there."""
    frame = pd.DataFrame(covered, columns=["unit_id", "year", "part"])
    con.register("rolled_in", frame)
    previous = con.execute("""
        SELECT r.unit_id, r.year, r.part, MAX(c.upload_id) AS upload_id FROM rolled_in r
        JOIN upload_coverage c ON c.unit_id = r.unit_id AND c.year = r.year AND c.part = r.part
        WHERE c.upload_id < ? AND c.status = 'superseded' GROUP BY ALL""", [upload_id]).df()
    con.unregister("rolled_in")
    return previous


def _reparse(con, upload_id: int, resolver: UnitResolver, archive_dir: Path):
    name, archive, sha256 = con.execute("SELECT file_name, archive_path, sha256 FROM uploads WHERE upload_id = ?",
                                        [upload_id]).fetchall()[0]
    try:
        data = read_archive(archive, sha256, archive_dir)
    except DamagedArchive:  # say so: parsing the damaged bytes would blame the registry instead
        raise ValueError(texts.ROLLBACK_ARCHIVE_DAMAGED.format(file=name)) from None
    if data is None:
        raise ValueError(texts.ROLLBACK_NO_ARCHIVE.format(file=name))
    parsed = parse_file(data, name, resolver)
    if parsed.errors:
        raise ValueError(texts.ROLLBACK_REPARSE_FAILED.format(file=name))
    return parsed


def _remove(con, upload_id: int, by: str) -> list[int]:
    """Deletes the upload's rows; returns the other commendations that were linked to its models."""
    orphaned = unlink(con, "SELECT model_id FROM models WHERE upload_id = ?", [upload_id])
    con.execute("DELETE FROM models WHERE upload_id = ?", [upload_id])
    con.execute("DELETE FROM commendations WHERE upload_id = ?", [upload_id])
    con.execute("UPDATE upload_coverage SET status = 'rolled_back' WHERE upload_id = ? AND status = 'applied'",
                [upload_id])
    con.execute("""UPDATE uploads SET status = 'rolled_back', rolled_back_by = ?, rolled_back_at = ?
                   WHERE upload_id = ?""", [by, dt.datetime.now().replace(microsecond=0), upload_id])
    return orphaned


def _reapply(con, upload_id: int, parsed, coverage: pd.DataFrame) -> None:
    """Puts back the rows of one earlier upload, for the unit-year parts it applies to again."""
    def keep(frame: pd.DataFrame, part: str) -> pd.DataFrame:
        pairs = set(zip(coverage[coverage["part"] == part]["unit_id"], coverage[coverage["part"] == part]["year"]))
        # a boolean Series, not a list: frame[[]] would select no columns and lose the empty part's schema
        mask = pd.Series([(u, y) in pairs for u, y in zip(frame["unit_id"], frame["year"])], index=frame.index,
                         dtype=bool)
        return frame[mask]

    subset = dataclasses.replace(parsed, models=keep(parsed.models, "models"),
                                 commendations=keep(parsed.commendations, "commendations"))
    insert_rows(con, subset, upload_id)
    for row in coverage.itertuples():
        con.execute("""UPDATE upload_coverage SET status = 'applied'
                       WHERE upload_id = ? AND unit_id = ? AND year = ? AND part = ?""",
                    [upload_id, int(row.unit_id), int(row.year), row.part])
    con.execute("UPDATE uploads SET status = 'applied' WHERE upload_id = ?", [upload_id])
