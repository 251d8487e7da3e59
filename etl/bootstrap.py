"""Creating a database: schema plus the unit registry of the configured province."""
from pathlib import Path

from core import config
from core.db import scalar, transaction
from etl.registry import read_registry, store_registry


def init_db(con, registry_path: Path | None = None) -> tuple[int, int]:
    """Writes the registry (again: nothing changes when it is the same). Returns (units, units added)."""
    frame = read_registry(registry_path or config.REGISTRY_PATH)
    with transaction(con):
        added = store_registry(con, frame)
    total = scalar(con, "SELECT COUNT(*) FROM units")
    return total, added


def ensure_registry(con) -> None:
    """A database without units gets the configured registry, so `load` works on a new path."""
    if scalar(con, "SELECT COUNT(*) FROM units") == 0:
        init_db(con)
