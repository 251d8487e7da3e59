"""A batch of uploaded files: a preview before anything is written, then a commit of the chosen files.

The upload page calls these; they use the same parse and apply functions as the command line.
"""
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core import texts
from core.auth import Account
from etl import load as loader
from etl.pipeline import ParsedFile, parse_file
from etl.registry import UnitResolver


@dataclass
class FilePreview:
    file_name: str
    data: bytes
    parsed: ParsedFile
    result: loader.LoadResult  # of a dry run: outcome, counts, problems
    unit_years: pd.DataFrame   # unit, year, models, commendations, action

    @property
    def loadable(self) -> bool:
        return self.result.outcome == loader.DRY_RUN


def preview(con, data: bytes, file_name: str, resolver: UnitResolver, archive_dir: Path,
            actor: Account | None = None) -> FilePreview:
    parsed = parse_file(data, file_name, resolver)
    result = loader.apply(con, parsed, data, archive_dir=archive_dir, dry_run=True, actor=actor)
    return FilePreview(file_name, data, parsed, result, _unit_years(con, parsed, resolver, result.outcome))


def _unit_years(con, parsed: ParsedFile, resolver: UnitResolver, outcome: str) -> pd.DataFrame:
    """What happens to each unit-year: added, replacing what an earlier file gave, or nothing (same file)."""
    applied = set(map(tuple, con.execute(
        "SELECT DISTINCT unit_id, year FROM upload_coverage WHERE status = 'applied'").fetchall()))
    rows = []
    for unit_id, year in sorted(parsed.coverage, key=lambda p: (resolver.units[p[0]].name, p[1])):
        models = int(((parsed.models["unit_id"] == unit_id) & (parsed.models["year"] == year)).sum())
        awards = int(((parsed.commendations["unit_id"] == unit_id) & (parsed.commendations["year"] == year)).sum())
        action = (texts.ACTION_UNCHANGED if outcome == loader.UNCHANGED
                  else texts.ACTION_REPLACE if (unit_id, year) in applied else texts.ACTION_ADD)
        rows.append((resolver.units[unit_id].name, year, models, awards, action))
    return pd.DataFrame(rows, columns=["unit", "year", "models", "commendations", "action"])


def commit(con, previews: list[FilePreview], resolver: UnitResolver, archive_dir: Path, uploaded_by: str,
           progress=None, actor: Account | None = None) -> list[loader.LoadResult]:
    """Loads the chosen files in order, each in its own transaction; the actor is checked again for each."""
    results = []
    for done, item in enumerate(previews, 1):
        parsed = parse_file(item.data, item.file_name, resolver)  # again: earlier files of the batch count now
        results.append(loader.apply(con, parsed, item.data, archive_dir=archive_dir, uploaded_by=uploaded_by,
                                    actor=actor))
        if progress:
            progress(done / len(previews))
    return results
