"""Stage 3, locate: find the header row of each table and map its headers to the contract's column keys.

Headers are compared folded (no case, accents, punctuation or "(*)" marks), so "TEN MO HINH", "Tên mô hình,
điển hình" typed in NFD or with a line break all match. Title rows above the header and two-row merged headers
are allowed.
"""
import functools
import re
from dataclasses import dataclass, field

from core import config, vocab
from core.vntext import fold

MODELS, COMMENDATIONS = "models", "commendations"
SCHEMAS = {MODELS: vocab.MODEL_COLUMNS, COMMENDATIONS: vocab.COMMENDATION_COLUMNS}
# The column that tells one kind of table from the other.
SIGNATURE = {MODELS: "name", COMMENDATIONS: "recipient"}
MAX_LABEL = 300  # characters


@dataclass
class Table:
    kind: str
    sheet: str
    header_row: int  # 0-based index into the grid
    columns: dict[str, int] = field(default_factory=dict)  # key → column index
    written: dict[str, str] = field(default_factory=dict)  # key → the header as the file writes it
    number_col: int | None = None  # the STT column, when the table has one
    # key → {column → value}: a column split into ticked sub-columns ("Lĩnh vực" over "Kinh tế | VH-XH | …", an
    # "x" under the one that applies)
    ticks: dict[str, dict[int, str]] = field(default_factory=dict)

    def header_of(self, key: str) -> str:
        return self.written.get(key) or SCHEMAS[self.kind][key][0]


def header_key(text: object) -> str:
    """Folded header without required marks, numbering or punctuation."""
    return _key_of(str(text))


@functools.lru_cache(maxsize=16384)  # every file repeats the same few hundred labels; a label is at most MAX_LABEL
def _key_of(text: str) -> str:
    folded = fold(text)
    folded = re.sub(r"\(\s*\*\s*\)|\*|\(\d+\)", " ", folded)
    folded = re.sub(r"[^a-z0-9]+", " ", folded)
    return folded.strip()


def _synonym_table(kind: str) -> dict[str, str]:
    table = {}
    for col_key, (header, _required, synonyms) in SCHEMAS[kind].items():
        for text in [header, *synonyms]:
            table.setdefault(header_key(text), col_key)
    return table


_SYNONYMS = {kind: _synonym_table(kind) for kind in SCHEMAS}
_NUMBER_KEYS = {header_key(h) for h in vocab.NUMBER_HEADERS}


def is_label(value: object) -> bool:
    """A cell short enough to be a header, a section title or a signature line (folding megabytes of text to
    compare it with a header would cost seconds, and a real one is a few words)."""
    return value is not None and len(str(value)) <= MAX_LABEL


def _labels(grid: list[list[object]], row: int) -> list[object]:
    """Header labels of a row; an empty cell takes the label above it (a header merged over two rows)."""
    above = grid[row - 1] if row > 0 else []
    cells = [cell if cell is not None else (above[c] if c < len(above) else None) for c, cell in enumerate(grid[row])]
    return [cell if is_label(cell) else None for cell in cells]


@functools.lru_cache(maxsize=16384)
def _match(label: str, kind: str) -> str | None:
    """Exact synonym, else a synonym of two words or more followed by more words ("Tên mô hình “Dân vận khéo”")."""
    table = _SYNONYMS[kind]
    if label in table:
        return table[label]
    if any(label in _SYNONYMS[other] for other in SCHEMAS if other != kind):
        return None  # "Hình thức khen thưởng" in a models table is the other table's column, not "Hình thức"
    prefixes = [s for s in table if " " in s and label.startswith(s + " ")]
    return table[max(prefixes, key=len)] if prefixes else None


def map_headers(labels: list[object], kind: str) -> tuple[dict[str, int], dict[str, str]]:
    columns, written = {}, {}
    for c, label in enumerate(labels):
        if label is None:
            continue
        col_key = _match(header_key(label), kind)
        if col_key and col_key not in columns:
            columns[col_key], written[col_key] = c, str(label)
    return columns, written


def repeated_required(grid: list[list[object]], table: Table) -> list[tuple[int, str]]:
    """(column, header) of a required column's header written again, word for word: blocks of columns side by
    side (one per year), which one row cannot hold; reading the first block alone would drop the others without a
    word. (Another header meaning the same column is only not read, with a warning.)"""
    labels = _labels(grid, table.header_row)
    first = {key: header_key(table.written[key]) for key in table.columns if SCHEMAS[table.kind][key][1]}
    return [(c, str(label)) for c, label in enumerate(labels)
            if label is not None and (key := _match(header_key(label), table.kind)) in first
            and table.columns[key] != c and header_key(label) == first[key]]


def locate_table(grid: list[list[object]], sheet_name: str) -> Table | None:
    """The best header row among the first rows of a sheet, or None when the sheet holds no table."""
    best: tuple[tuple[int, int], Table] | None = None
    for row in range(min(len(grid), config.HEADER_SCAN_ROWS)):
        labels = _labels(grid, row)
        for kind in SCHEMAS:
            columns, written = map_headers(labels, kind)
            if SIGNATURE[kind] not in columns or len(columns) < 2:
                continue
            ticks = _tick_columns(labels, kind, columns)
            score = (len(columns) + len(ticks), len(ticks))  # ticked sub-headers are the finer reading
            # A lower row wins only with more headers (a sub-header row under merged cells adds its own): a section
            # row right under the header inherits the header's labels and must not displace it.
            if best is None or score > best[0]:
                best = (score, Table(kind, sheet_name, row, columns, written, _number_column(labels), ticks))
    return best[1] if best else None


def _tick_columns(labels: list[object], kind: str, columns: dict[str, int]) -> dict[str, dict[int, str]]:
    """Enumerated columns written as one sub-column per value: two sub-headers or more that are values of a key
    the row does not otherwise have ("Xây dựng mới | Nhân rộng | Duy trì" under a merged "Hình thức")."""
    found: dict[str, dict[int, str]] = {}
    for c, label in enumerate(labels):
        for key in vocab.ENUMS.keys() & SCHEMAS[kind].keys() - columns.keys():
            if label is not None and c not in columns.values() and (value := vocab.canonical(key, str(label))):
                found.setdefault(key, {})[c] = value
    return {key: values for key, values in found.items() if len(values) >= 2}


def _number_column(labels: list[object]) -> int | None:
    return next((c for c, label in enumerate(labels) if label is not None and header_key(label) in _NUMBER_KEYS),
                None)


def unread_columns(grid: list[list[object]], table: Table) -> list[tuple[int, str]]:
    """(column, header) of the header row's columns the contract has no key for: their cells are not loaded."""
    read = set(table.columns.values()) | {table.number_col} | {c for sub in table.ticks.values() for c in sub}
    return [(c, str(label)) for c, label in enumerate(_labels(grid, table.header_row))
            if label is not None and c not in read and header_key(label)]


def missing_required(table: Table) -> list[str]:
    return [k for k, (_h, required, _s) in SCHEMAS[table.kind].items()
            if required and k not in table.columns and k not in table.ticks]
