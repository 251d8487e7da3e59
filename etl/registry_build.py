"""Builds the demo unit registry (`data/registry/units.csv`) from the real administrative data in `data/admin/`.

Run `python -m etl.registry_build` after changing `data/admin/`. The result is data that staff may replace with
their own province's file; the ETL never reads `data/admin/` directly.
"""
from collections import Counter
from pathlib import Path

import pandas as pd

from core import formats
from core.config import DATA_DIR, LAST_OLD_DAY, PLAN_FIRST_YEAR, REGISTRY_PATH, REORG_DAY
from etl.registry import REGISTRY_COLUMNS

ADMIN = DATA_DIR / "admin"
# Dates as the registry file writes them; units before the reorganisation are listed from the plan's first year.
PLAN_START, OLD_UNTIL, NEW_FROM = f"{PLAN_FIRST_YEAR}-01-01", LAST_OLD_DAY.isoformat(), REORG_DAY.isoformat()
PROVINCE_CODES = {"Quảng Ngãi": "51", "Kon Tum": "62"}
# Usual short names of the mass organisations (the resolver also folds the abbreviations themselves).
ORG_ALIASES = {
    "Ủy ban MTTQ Việt Nam tỉnh": ["Mặt trận Tổ quốc tỉnh", "Ủy ban Mặt trận tỉnh"],
    "Tỉnh Đoàn": ["Đoàn Thanh niên tỉnh", "Tỉnh đoàn Thanh niên", "ĐTN tỉnh", "Đoàn TNCS Hồ Chí Minh tỉnh"],
    "Hội Liên hiệp Phụ nữ tỉnh": ["Hội Phụ nữ tỉnh", "Hội LHPN tỉnh"],
    "Văn phòng UBND tỉnh": ["VP UBND tỉnh"],
    "Bộ Chỉ huy Quân sự tỉnh": ["BCH Quân sự tỉnh", "Bộ CHQS tỉnh"],
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh": ["BĐBP tỉnh", "Bộ đội Biên phòng tỉnh"],
}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(ADMIN / name, dtype=str, keep_default_na=False)


def provincial_units(units: pd.DataFrame) -> pd.DataFrame:
    """Provincial bodies; a body's successor is the one of the same name active the day after it ends."""
    units = units.copy()
    counters: Counter = Counter()
    codes = []
    for province in units["old_province"]:
        counters[province] += 1
        codes.append(f"T{PROVINCE_CODES[province]}-{counters[province]:02d}")
    units["code"] = codes
    code_of = {n: c for n, c, p in zip(units["unit_name"], units["code"], units["old_province"])
               if p == "Quảng Ngãi"}
    return pd.DataFrame({
        "code": units["code"], "name": units["unit_name"], "unit_group": units["unit_group"], "district": "",
        "old_province": units["old_province"], "valid_from": units["valid_from"], "valid_to": units["valid_to"],
        "successors": [code_of.get(s, "") for s in units["successor"]],
        "lineage_note": [_merge_note(s, d) for s, d in zip(units["successor"], units["valid_to"])],
        "aliases": [_org_aliases(n, p) for n, p in zip(units["unit_name"], units["old_province"])],
    })


def _merge_note(successor: str, valid_to: str) -> str:
    if not successor:
        return ""
    day = pd.Timestamp(valid_to) + pd.Timedelta(days=1)
    return f"Hợp nhất vào {successor} từ {day:%d/%m/%Y}"


def _org_aliases(name: str, province: str) -> str:
    base = name.removesuffix(" Kon Tum").removesuffix(" tỉnh")
    base_name = base if base in ORG_ALIASES else name.removesuffix(" Kon Tum")
    suffix = " Kon Tum" if province == "Kon Tum" else ""
    return "; ".join(a + suffix for a in ORG_ALIASES.get(base_name, []))


def district_units(districts: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Old district-level units (party committee and people's committee report as one), until 30/06/2025."""
    direct = crosswalk[crosswalk["old_commune_code"] == ""].set_index("old_district_code")
    return pd.DataFrame({
        "code": districts["district_code"], "name": districts["district_name"], "unit_group": "Cấp huyện",
        "district": districts["district_name"], "old_province": districts["province_name"].str.removeprefix("Tỉnh "),
        "valid_from": PLAN_START, "valid_to": OLD_UNTIL,
        "successors": [direct["new_commune_code"].get(c, "") for c in districts["district_code"]],
        "lineage_note": f"Không còn cấp huyện từ {formats.date(REORG_DAY)} (Nghị quyết 202/2025/QH15)",
        "aliases": "",
    })


def old_communes(communes: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    links = crosswalk[crosswalk["old_commune_code"] != ""].groupby("old_commune_code")
    successors = links["new_commune_code"].agg("; ".join)
    notes = links.apply(_lineage_note, include_groups=False)
    return pd.DataFrame({
        "code": communes["commune_code"], "name": communes["commune_name"], "unit_group": "Cấp xã",
        "district": communes["district_name"], "old_province": communes["province_name"].str.removeprefix("Tỉnh "),
        "valid_from": PLAN_START, "valid_to": OLD_UNTIL,
        "successors": [successors.get(c, "") for c in communes["commune_code"]],
        "lineage_note": [notes.get(c, "") for c in communes["commune_code"]],
        "aliases": "",
    })


def _lineage_note(rows: pd.DataFrame) -> str:
    names = " và ".join(rows["new_commune_name"])
    split = " (chia tách)" if len(rows) > 1 else ""
    return f"Sáp nhập vào {names}{split} từ {formats.date(REORG_DAY)} theo Nghị quyết {rows['resolution'].iloc[0]}"


def new_communes(communes: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The 96 communes from 01/07/2025; their 'khu vực' is the old district most of their predecessors were in."""
    areas = {code: _main_origin(code, rows) for code, rows in crosswalk.groupby("new_commune_code")}
    return pd.DataFrame({
        "code": communes["commune_code"], "name": communes["commune_name"], "unit_group": "Cấp xã",
        "district": [areas[c][0] for c in communes["commune_code"]],
        "old_province": [areas[c][1] for c in communes["commune_code"]],
        "valid_from": NEW_FROM, "valid_to": "", "successors": "", "lineage_note": "", "aliases": "",
    })


def _main_origin(code: str, rows: pd.DataFrame) -> tuple[str, str]:
    # Without old communes' areas, "most of its area" is approximated by the most predecessors; a tie goes to the
    # district of the predecessor whose code the new commune kept.
    counts = rows["old_district_name"].value_counts()
    tied = counts[counts == counts.max()].index.tolist()
    kept = rows[rows["old_commune_code"] == code]["old_district_name"].tolist()
    district = kept[0] if kept and kept[0] in tied else sorted(tied)[0]
    province = rows[rows["old_district_name"] == district]["old_province_code"].iloc[0]
    return district, {v: k for k, v in PROVINCE_CODES.items()}[province]


def build_registry() -> pd.DataFrame:
    crosswalk = _csv("crosswalk_2025-07-01.csv")
    parts = [
        provincial_units(_csv("provincial_units.csv")),
        district_units(_csv("districts_before_2025-07-01.csv"), crosswalk),
        old_communes(_csv("communes_before_2025-07-01.csv"), crosswalk),
        new_communes(_csv("communes_from_2025-07-01.csv"), crosswalk),
    ]
    return pd.concat(parts, ignore_index=True)[REGISTRY_COLUMNS]


def main(out: Path = REGISTRY_PATH) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    registry = build_registry()
    registry.to_csv(out, index=False)
    print(f"{out}: {len(registry)} đơn vị")


if __name__ == "__main__":
    main()
