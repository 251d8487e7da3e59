"""Vietnamese number and date formats: 1.234 · 45,6% · 21/11/2026."""
import datetime as dt
import math
import re

from core import texts

DECIMAL_MARK, THOUSANDS_MARK = ",", "."  # 1.234 · 45,6 (the charts take them as their locale)


def number(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{int(round(value)):,}".replace(",", THOUSANDS_MARK)


def decimal(value: float, digits: int | None = 1, sign: bool = False) -> str:
    """45,6 (+1,5 with sign); digits=None writes the value as it is (one a query has already rounded)."""
    text = str(float(value)) if digits is None else f"{value:{'+' if sign else ''}.{digits}f}"
    return text.replace(".", DECIMAL_MARK)


def percent(part: float, whole: float, digits: int = 1) -> str:
    if not whole:
        return "–"
    return decimal(100 * part / whole, digits) + "%"


def either(values: list[str], quote: str = "*{}*") -> str:
    """"*Xây dựng mới* hoặc *Nhân rộng*": the values a rule names, as a sentence says them."""
    return texts.RULE_OR.join(quote.format(v) for v in values)


def years(first: int, last: int) -> str:
    """A span of years as a caption says it: 2024 alone, or 2021–2024 (never "2024–2024")."""
    return str(first) if first == last else f"{first}–{last}"


def date(value: dt.date | dt.datetime | None) -> str:
    return "–" if value is None else f"{value:%d/%m/%Y}"


def timestamp(value: dt.datetime | None) -> str:
    return "–" if value is None else f"{value:%H:%M %d/%m/%Y}"


# Every ASCII punctuation mark markdown (and Streamlit's :color[…] / :material/…: directives, $…$ formulas) could
# read as syntax; CommonMark lets each be escaped with a backslash.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
# GitHub-flavoured markdown turns a bare "http://…" or "www.…" into a link even when escaped; an invisible word
# joiner inside the marker keeps it text.
_AUTOLINK = re.compile(r"(?i)(\\:)(//)|(www)(\\\.)")


def plain(value: object, limit: int = 120) -> str:
    """Text that came from a user (URL parameter, file name, cell, search box), made safe to place in markdown:
    shown literally, on one line, shortened; never a link, an image or a formula."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: "\u2060".join(g for g in m.groups() if g), escaped)


def date_time(value: dt.datetime | None) -> str:
    """21/11/2026 14:05: a moment of the audit record."""
    return "–" if value is None else f"{value:%d/%m/%Y %H:%M}"
