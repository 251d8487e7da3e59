"""The unit registry: reading the staff's file, writing it to the database, and resolving unit names in reports.

Unit names are matched on `key` (case, spacing and tone placement ignored, diacritics kept: "Ba Tô" ≠ "Ba Tơ"),
after folding the usual prefixes and abbreviations. Accent-free matching is only used to suggest names.
"""
import difflib
import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import pandas as pd

from core import config, texts
from core.db import scalar
from core.vntext import clean, fold, key

REGISTRY_COLUMNS = ["code", "name", "unit_group", "district", "old_province", "valid_from", "valid_to",
                    "successors", "lineage_note", "aliases"]
CONTACT_COLUMNS = ["contact_person", "phone", "email"]  # optional: empty when the file has none
# The units table holds the file's columns after its own unit_id, successors aside (they go to unit_successors).
UNIT_COLUMNS = [c for c in REGISTRY_COLUMNS if c != "successors"] + CONTACT_COLUMNS

# Applied to the keys of registry names and report text alike, so both sides meet in the same short form.
_CONTRACTIONS = [
    ("ủy ban nhân dân", "ubnd"), ("mặt trận tổ quốc", "mttq"), ("hội liên hiệp phụ nữ", "hlhpn"),
    ("hội lhpn", "hlhpn"), ("hội nông dân", "hnd"), ("hội cựu chiến binh", "hccb"),
    ("đoàn thanh niên cộng sản hồ chí minh", "đtn"), ("đoàn tncs hồ chí minh", "đtn"), ("đoàn thanh niên", "đtn"),
    ("liên đoàn lao động", "lđlđ"), ("thành phố", "tp"), ("thị xã", "tx"), ("thị trấn", "tt"), ("việt nam", ""),
]
_PREFIXES = ("ubnd ", "ủy ban ", "đảng ủy ", "đảng bộ ", "huyện ủy ", "thành ủy ", "thị ủy ", "cơ quan ")
_TYPE_WORDS = ("xã ", "phường ", "tt ", "đặc khu ", "huyện ", "tp ", "tx ")
# Levels a name can state: "Huyện Ba Tô" must not fall back to "Xã Ba Tô" through the bare name.
_COMMUNE_WORDS, _DISTRICT_WORDS = ("xã ", "phường ", "tt ", "đặc khu "), ("huyện ", "tp ", "tx ")
_DISTRICT_PREFIXES = ("huyện ủy ", "thành ủy ", "thị ủy ")
_QUALIFIER = re.compile(r"^(?P<core>.+?)\s*(?:\((?P<q1>[^)]*)\)|[-,]\s*(?P<q2>[^-,]+))\s*$")


def unit_key(text: str) -> str:
    """Short form of a unit name: contractions applied, punctuation and leading 'UBND', 'Đảng ủy'… dropped."""
    k = " " + re.sub(r"[.,;:()\"'“”]|\s-\s", " ", key(text)) + " "
    for long, short in _CONTRACTIONS:
        k = k.replace(f" {long} ", f" {short} ")
    k = re.sub(r"\s+", " ", k).strip()
    for prefix in _PREFIXES:
        if k.startswith(prefix) and len(k) > len(prefix):
            k = k[len(prefix):]
    return k


def bare_key(text: str) -> str:
    """unit_key without the kind of unit ('xã', 'phường', 'huyện'…) or the province's own name at the end."""
    k = unit_key(text)
    for word in _TYPE_WORDS:
        if k.startswith(word) and len(k) > len(word):
            k = k[len(word):]
    own = " tỉnh " + unit_key(config.PROVINCE_NAME)
    return k.removesuffix(own).removesuffix(" tỉnh") if not k.startswith("tỉnh ") else k


def stated_level(text: str) -> str | None:
    """'commune' or 'district' when the text says which, else None."""
    raw = " ".join(key(text).split())
    if raw.startswith(_DISTRICT_PREFIXES):
        return "district"
    k = unit_key(text)
    if k.startswith(_COMMUNE_WORDS):
        return "commune"
    return "district" if k.startswith(_DISTRICT_WORDS) else None


def looks_like_unit_name(text: str) -> bool:
    """The text names a unit by its kind ("Xã …", "UBND …", "Huyện ủy …"): a group row meant as a unit."""
    return stated_level(text) is not None or " ".join(key(text).split()).startswith(_PREFIXES)


def read_registry(path: Path) -> pd.DataFrame:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        frame = pd.read_excel(path, dtype=str, engine="calamine").fillna("")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REGISTRY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(texts.ERR_REGISTRY_COLUMNS.format(missing=", ".join(missing)))
    frame = frame.assign(**{c: "" for c in CONTACT_COLUMNS if c not in frame.columns})
    return frame[REGISTRY_COLUMNS + CONTACT_COLUMNS].map(clean)


@dataclass(frozen=True)
class Unit:
    unit_id: int
    code: str
    name: str
    district: str | None
    valid_from: date
    valid_to: date | None

    def active_in(self, year: int) -> bool:
        return self.valid_from <= date(year, 12, 31) and (self.valid_to is None or self.valid_to >= date(year, 1, 1))

    def active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def label(self) -> str:
        place = f", {self.district}" if self.district and self.district != self.name else ""
        return f"{self.name} (mã {self.code}{place})"


@dataclass
class UnitMatch:
    """What a unit named in a report turned out to be: the registry unit, or why none could be chosen."""
    unit: Unit | None
    error: str | None = None
    warning: str | None = None  # the unit was found, but the report may mean another (a close spelling)


class UnitResolver:
    """Finds the registry unit a report means, for the year it reports on."""

    def __init__(self, units: pd.DataFrame, successors: pd.DataFrame):
        self.units = {int(r.unit_id): _unit_from_row(r) for r in units.itertuples()}
        self.successors = successors.groupby("unit_id")["successor_id"].apply(list).to_dict()
        self.by_code: dict[str, set[int]] = {}
        self.by_key: dict[str, set[int]] = {}
        self.by_bare: dict[str, set[int]] = {}
        self.by_loose: dict[str, set[int]] = {}  # bare names without diacritics: "Đắk Hà" and "Đăk Hà" meet
        self._cache: dict[tuple, UnitMatch] = {}
        for r in units.itertuples():
            names = [r.name] + [a for a in str(r.aliases or "").split(";") if a.strip()]
            self.by_code.setdefault(key(r.code), set()).add(int(r.unit_id))
            for name in names:
                self.by_key.setdefault(unit_key(name), set()).add(int(r.unit_id))
                self.by_bare.setdefault(bare_key(name), set()).add(int(r.unit_id))
                self.by_loose.setdefault(fold(bare_key(name)), set()).add(int(r.unit_id))

    @classmethod
    def from_db(cls, con) -> "UnitResolver":
        units = con.execute(f"SELECT {', '.join(f.name for f in fields(Unit))}, aliases FROM units").df()
        successors = con.execute("SELECT unit_id, successor_id FROM unit_successors ORDER BY ALL").df()
        return cls(units, successors)

    def lookup(self, text: str | None, code: str | None, year: int) -> UnitMatch:
        """The registry unit (or the reason there is none) a report names (by its code when the report gives one),
        cached."""
        cache_key = (text, code, year)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._name_and_code(text, code, year) if code else self.resolve(text or "", year)
        return self._cache[cache_key]

    def _name_and_code(self, text: str | None, code: str, year: int) -> UnitMatch:
        """A report giving both must mean one unit by both: a wrong code must not file it under another body
        (where it would replace that body's report). A reused code (2025) is settled by the name."""
        by_code = self.by_code_in(code, year)
        if by_code.error or not clean(text):
            return by_code
        named = set(self.by_code[key(text)]) if key(text) in self.by_code else self._candidates(text)
        named |= self._same_level(text, self.by_loose.get(fold(bare_key(text)), set()))  # "Đắk Hà" with Đăk Hà's code
        if by_code.unit.unit_id in named:
            return by_code
        agreeing = [self.units[i] for i in self.by_code[key(code)] if i in named and self.units[i].active_in(year)]
        if len(agreeing) == 1:
            return UnitMatch(agreeing[0])
        return UnitMatch(None, texts.ERR_NAME_CODE_CONFLICT.format(name=clean(text), code=code,
                                                                    code_unit=by_code.unit.name))

    def by_code_in(self, code: str, year: int) -> UnitMatch:
        """Codes are reused across the 2025 reorganisation: the unit active at the end of the year wins."""
        units = [self.units[i] for i in self.by_code.get(key(code), ())]
        active = [u for u in units if u.active_in(year)]
        at_year_end = [u for u in active if u.active_on(date(year, 12, 31))]
        active = at_year_end if len(active) > 1 and at_year_end else active
        if len(active) == 1:
            return UnitMatch(active[0])
        if units and not active:
            return UnitMatch(None, self._not_in_year(units, year))
        return UnitMatch(None, texts.ERR_CODE_UNKNOWN.format(value=code, year=year))

    def resolve(self, text: str, year: int) -> UnitMatch:
        if key(text) in self.by_code:
            return self.by_code_in(text, year)
        ids = self._candidates(text)
        if not ids:
            return UnitMatch(None, self._unknown(text, year))
        active = [self.units[i] for i in ids if self.units[i].active_in(year)]
        if not active:
            return UnitMatch(None, self._not_in_year([self.units[i] for i in ids], year))
        at_year_end = [u for u in active if u.active_on(date(year, 12, 31))]
        active = at_year_end if len(active) > 1 and at_year_end else active
        active = self._narrow_by_district(text, active) if len(active) > 1 else active
        if len(active) == 1:
            return UnitMatch(active[0], warning=self._close_spelling(text, active[0], year))
        return UnitMatch(None, self._ambiguous(text, active))

    def _close_spelling(self, text: str, unit: Unit, year: int) -> str | None:
        """A unit that ended during the year while a unit of nearly the same name ("Đắk Hà" / "Đăk Hà") was active
        on 31/12: the report may mean either, so it is loaded under the one written, with a warning naming both."""
        year_end = date(year, 12, 31)
        if unit.active_on(year_end):
            return None
        others = sorted((self.units[i] for i in self._same_level(text, self.by_loose.get(fold(bare_key(text)), set()))
                         if i != unit.unit_id and self.units[i].active_on(year_end)), key=lambda u: u.code)
        if not others:
            return None
        return texts.WARN_UNIT_CLOSE_SPELLING.format(
            value=text, unit=unit.label(), valid_to=f"{unit.valid_to:%d/%m/%Y}", year=year,
            others="; ".join(u.label() for u in others), codes=", ".join(u.code for u in others))

    def _candidates(self, text: str) -> set[int]:
        found = self.by_key.get(unit_key(text)) or self._same_level(text, self.by_bare.get(bare_key(text), set()))
        if found:
            return set(found)
        match = _QUALIFIER.match(clean(text))
        return self._candidates(match["core"]) if match else set()

    def _same_level(self, text: str, ids: set[int]) -> set[int]:
        level = stated_level(text)
        return {i for i in ids if level is None or stated_level(self.units[i].name) == level}

    @staticmethod
    def _narrow_by_district(text: str, units: list[Unit]) -> list[Unit]:
        # "Phường Nguyễn Nghiêm (TX Đức Phổ)": keep the candidates whose district is named in the text.
        written = f" {unit_key(text)} "
        named = [u for u in units if u.district and f" {bare_key(u.district)} " in written
                 and bare_key(u.district) != bare_key(u.name)]
        return named or units

    def _unknown(self, text: str, year: int) -> str:
        names = {fold(u.name): u.name for u in self.units.values() if u.active_in(year)}
        close = difflib.get_close_matches(fold(text), list(names), n=3, cutoff=0.6)
        hint = texts.ERR_UNIT_SUGGEST.format(suggestions="; ".join(names[c] for c in close)) if close else ""
        return texts.ERR_UNIT_UNKNOWN.format(value=text) + hint

    def _not_in_year(self, units: list[Unit], year: int) -> str:
        ended = sorted((u for u in units if u.valid_to and u.valid_to < date(year, 1, 1)), key=lambda u: u.valid_to)
        if not ended:
            u = min(units, key=lambda u: u.valid_from)
            return texts.ERR_UNIT_NOT_YET.format(name=u.name, year=year, valid_from=f"{u.valid_from:%d/%m/%Y}")
        u = ended[-1]
        message = texts.ERR_UNIT_ENDED.format(name=u.name, year=year, valid_to=f"{u.valid_to:%d/%m/%Y}")
        heirs = [self.units[i].name for i in self.successors.get(u.unit_id, [])]
        return message + (texts.ERR_UNIT_SUCCESSOR.format(successors=", ".join(heirs)) if heirs else "")

    @staticmethod
    def _ambiguous(text: str, units: list[Unit]) -> str:
        units = sorted(units, key=lambda u: u.code)
        example = f"{units[0].name} ({units[0].district})"
        return texts.ERR_UNIT_AMBIGUOUS.format(value=text, candidates="; ".join(u.label() for u in units),
                                               example=example)


def _unit_from_row(r) -> Unit:
    valid_to = None if pd.isna(r.valid_to) else pd.Timestamp(r.valid_to).date()
    district = None if pd.isna(r.district) or not r.district else r.district
    return Unit(int(r.unit_id), str(r.code), r.name, district, pd.Timestamp(r.valid_from).date(), valid_to)


def _value(column: str) -> str:
    return f"CAST(r.{column} AS DATE)" if column in ("valid_from", "valid_to") else f"r.{column}"


# Statements over the registered frame `registry_in` (r), built from the column names above: a unit is the same
# unit, and keeps its unit_id, while its code and valid_from stay.
_NEW = "NOT EXISTS (SELECT 1 FROM units u WHERE u.code = r.code AND u.valid_from = CAST(r.valid_from AS DATE))"
_INSERT_UNITS = f"""
INSERT INTO units (unit_id, {", ".join(UNIT_COLUMNS)})
SELECT COALESCE((SELECT MAX(unit_id) FROM units), 0) + ROW_NUMBER() OVER (ORDER BY r.valid_from, r.code),
       {", ".join(_value(c) for c in UNIT_COLUMNS)}
FROM registry_in r WHERE {_NEW}
"""
# A successor code names the unit with that code active the day after the predecessor ends; several successors
# share the predecessor ("partial"). The first match by unit_id when several would do.
_INSERT_SUCCESSORS = """
WITH named AS (
    SELECT r.code, CAST(r.valid_from AS DATE) AS valid_from, CAST(r.valid_to AS DATE) + 1 AS day,
           list_filter(list_transform(string_split(r.successors, ';'), lambda c: trim(c)), lambda c: c <> '') AS codes
    FROM registry_in r WHERE r.successors <> ''
)
INSERT INTO unit_successors
SELECT me.unit_id, heir.unit_id, CASE WHEN len(n.codes) > 1 THEN 'partial' ELSE 'full' END, n.day
FROM named n, UNNEST(n.codes) AS named_code(code)
JOIN units me ON me.code = n.code AND me.valid_from = n.valid_from
JOIN units heir ON heir.code = named_code.code AND heir.valid_from <= n.day
                   AND (heir.valid_to IS NULL OR heir.valid_to >= n.day)
QUALIFY row_number() OVER (PARTITION BY me.unit_id, named_code.code, n.day ORDER BY me.unit_id, heir.unit_id) = 1
"""
_UPDATE_UNITS = f"""
UPDATE units SET {", ".join(f"{c} = {_value(c)}" for c in UNIT_COLUMNS if c not in ("code", "valid_from"))}
FROM registry_in r WHERE units.code = r.code AND units.valid_from = CAST(r.valid_from AS DATE)
"""


def store_registry(con, frame: pd.DataFrame) -> int:
    """Writes the registry; units keep their unit_id (matched on code and valid_from). Returns how many are new."""
    frame = frame.replace({c: {"": None} for c in ("district", "valid_to", "lineage_note", "aliases",
                                                   *CONTACT_COLUMNS)})
    con.register("registry_in", frame)
    added = scalar(con, f"SELECT COUNT(*) FROM registry_in r WHERE {_NEW}")
    con.execute(_INSERT_UNITS)
    con.execute(_UPDATE_UNITS)
    _store_successors(con)
    con.unregister("registry_in")
    return int(added)


def _store_successors(con) -> None:
    con.execute("DELETE FROM unit_successors")
    con.execute(_INSERT_SUCCESSORS)
