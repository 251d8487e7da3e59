"""Vietnamese number and date formats: 1.234 · 45,6% · 21/11/2026."""
import datetime as dt
import math


def number(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{int(round(value)):,}".replace(",", ".")


def percent(part: float, whole: float, digits: int = 1) -> str:
    if not whole:
        return "–"
    return f"{100 * part / whole:.{digits}f}".replace(".", ",") + "%"


def date(value: dt.date | dt.datetime | None) -> str:
    return "–" if value is None else f"{value:%d/%m/%Y}"


def timestamp(value: dt.datetime | None) -> str:
    return "–" if value is None else f"{value:%H:%M %d/%m/%Y}"
