"""The global filters: parsed from the URL by one pure, table-tested function, and bound as SQL parameters.

A URL carries `year=2024` or `year=2021-2024`, `district=…`, `group=…`, `field=…`, `province=…` (tỉnh cũ) and
`boundary=today` (Quy đổi theo địa giới hiện nay; absent = as reported). Unknown values are dropped with a notice;
they never reach SQL except as bound parameters.
"""
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from core import formats, texts

URL_KEYS = ("year", "district", "group", "field", "province", "boundary")
REPORTED, TODAY = "reported", "today"  # the boundary modes; REPORTED is the default and stays out of the URL
BOUNDARIES = (REPORTED, TODAY)


@dataclass(frozen=True)
class Options:
    years: list[int]  # ascending
    districts: list[str]
    groups: list[str]
    fields: list[str]
    provinces: list[str] = dataclass_field(default_factory=list)  # "Tỉnh cũ": Quảng Ngãi, Kon Tum


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    district: str | None = None
    unit_group: str | None = None
    field: str | None = None
    old_province: str | None = None
    boundary: str = REPORTED
    notices: tuple[str, ...] = dataclass_field(default=(), compare=False)

    @property
    def year(self) -> int:
        """The year a snapshot (KPIs, attainment) is shown for: the end of the range."""
        return self.year_to

    def params(self) -> dict:
        return {"year_from": self.year_from, "year_to": self.year_to, "year": self.year_to,
                "previous_year": self.year_to - 1, "district": self.district, "unit_group": self.unit_group,
                "field": self.field, "old_province": self.old_province,
                "boundary": self.boundary}

    def to_url(self) -> dict[str, str]:
        years = str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"
        url = {"year": years, "district": self.district, "group": self.unit_group, "field": self.field,
               "province": self.old_province, "boundary": None if self.boundary == REPORTED else self.boundary}
        return {k: v for k, v in url.items() if v}


def parse_years(raw: str | None, years: list[int]) -> tuple[int, int] | None:
    """'2024' or '2021-2024' within the known years; None when absent or not valid."""
    if not raw or not years:
        return None
    parts = raw.replace("–", "-").split("-")
    if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
        return None
    low, high = int(parts[0]), int(parts[-1])
    if low > high or low not in years or high not in years:
        return None
    return low, high


def parse_filters(url: dict[str, str], options: Options, default_year: int) -> Filters:
    notices = []
    years = parse_years(url.get("year"), options.years)
    if url.get("year") and years is None:
        notices.append(texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_YEAR, value=formats.plain(url["year"])))
    chosen = {}
    for key, allowed, label in (("district", options.districts, texts.FILTER_DISTRICT),
                                ("group", options.groups, texts.FILTER_GROUP),
                                ("field", options.fields, texts.FILTER_FIELD),
                                ("province", options.provinces, texts.FILTER_PROVINCE)):
        value = url.get(key)
        chosen[key] = value if value in allowed else None
        if value and value not in allowed:
            notices.append(texts.NOTICE_BAD_FILTER.format(name=label, value=formats.plain(value)))
    boundary = url.get("boundary") or REPORTED
    if boundary not in BOUNDARIES:
        notices.append(texts.NOTICE_BAD_FILTER.format(name=texts.FILTER_BOUNDARY, value=formats.plain(boundary)))
        boundary = REPORTED
    year_from, year_to = years or (default_year, default_year)
    return Filters(year_from, year_to, chosen["district"], chosen["group"], chosen["field"], chosen["province"],
                   boundary, tuple(notices))
