"""Boundaries of today's communes (data/geo, see data/README.md for the source and licence)."""
import json
from functools import lru_cache

from core.config import DATA_DIR

GEOJSON = DATA_DIR / "geo" / "quang_ngai_communes_2025.geojson"


@lru_cache(maxsize=1)
def communes() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))
