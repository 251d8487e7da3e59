"""Nhật ký: the events of the reporting cycle (cycle_events: submissions, approvals, returns, rollbacks, locks,
unlocks, periods) and of the accounts (audit.jsonl: sign-ins, account changes, restored backups) as one list,
newest first, in Vietnamese; and the page's filters over it. Both records are only ever appended to."""
import re

import pandas as pd
import streamlit as st

from core import audit, auth, config, cycle_queries, formats, texts
from core.vntext import fold
from dashboard.db_access import query, query_now, query_with

# What the sign-in page, core/auth.py and the command line write as an event's detail (English, for the machine
# record), said in Vietnamese: (pattern, template). An account change ("by quantri: …") is shown as done by its
# actor, to the account it names; an unknown detail, from a later version, is shown as written.
DETAILS = [(re.compile(r"^locked, (?P<s>\d+) s left$"), texts.AUDIT_DETAIL_LOCKED),
           (re.compile(r"^(?P<s>\d+) s$"), texts.AUDIT_DETAIL_LOCKOUT),
           (re.compile(r"^(?P<what>created|password changed) by (?P<by>.+?), role (?P<role>\w+)"
                       r"(?:, scope (?P<scope>.*))?$"), texts.AUDIT_NOTE_SAVED),
           (re.compile(r"^by the account itself$"), None),
           (re.compile(r"^by (?P<by>[^:]+): role (?P<role>\w+), bulk, scope (?P<scope>.*)$"), texts.AUDIT_NOTE_BULK),
           (re.compile(r"^by (?P<by>[^:]+): role (?P<role>\w+), scope (?P<scope>.*)$"), texts.AUDIT_NOTE_CREATED),
           (re.compile(r"^by (?P<by>[^:]+): (?P<was>.*) → (?P<now>.*)$"), texts.AUDIT_NOTE_CHANGED),
           (re.compile(r"^by (?P<by>[^:]+)$"), texts.AUDIT_ON_ACCOUNT),
           (re.compile(r"^(?P<path>.+): (?P<n>\d+) rows$"), texts.AUDIT_DETAIL_RESTORED)]
SHOWN_COLUMNS = {texts.AUDIT_COLUMNS["happened_at"]: st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")}


def account_events() -> pd.DataFrame:
    """The account events of audit.jsonl as the list shows them, with their folded keys; read again only when the
    file (or the accounts file, which names the people) has changed, not on every run of the page."""
    return _account_events(*(_stat(p) for p in (audit.audit_path(config.ACCOUNTS_PATH), config.ACCOUNTS_PATH)))


def _stat(path) -> tuple:
    try:
        found = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), found.st_size, found.st_mtime_ns)


@st.cache_data(show_spinner=False, max_entries=2)
def _account_events(record: tuple, accounts: tuple) -> pd.DataFrame:
    names = person_names()
    rows = []
    for e in audit.read_events(config.ACCOUNTS_PATH):
        person, note = account_event(e.get("event", ""), e.get("username") or "", e.get("detail") or "", names)
        rows.append({"happened_at": e["time"].astimezone().replace(tzinfo=None), "person": names.get(person, person)
                     or None, "event": texts.ACCOUNT_EVENT_NAMES.get(e.get("event"), e.get("event")), "note": note,
                     "client": _client(e.get("client")), "seq": e["line"]})
    frame = pd.DataFrame(rows, columns=["happened_at", "person", "event", "note", "client", "seq"])
    frame = frame.assign(**{f"{c}_key": frame[c].map(fold) for c in ("person", "event", "note")})
    return frame.astype(cycle_queries.ACCOUNT_EVENT_TYPES)


def _client(client: str | None) -> str | None:
    return texts.AUDIT_COMMAND_LINE if client == "cli" else client or None


def account_event(event: str, username: str, detail: str, names: dict[str, str]) -> tuple[str, str | None]:
    """(who did it, what it was in words) for one line of audit.jsonl: the account itself for a sign-in or its own
    new password; the admin (or the system user of the command line) for a change made to another account."""
    for pattern, template in DETAILS:
        if found := pattern.match(detail):
            words = found.groupdict()
            person = words.pop("by", None) or username
            if template is None:
                return person, None
            return person, template.format(**_said(event, username, words, names))
    return username, detail or None


def _said(event: str, username: str, words: dict, names: dict[str, str]) -> dict:
    """The parts of a detail in Vietnamese: the account by its name, roles by their Vietnamese names."""
    said = {**words, "account": names.get(username, username)}
    if "what" in said:  # the command line's line; its scope was added later, so older lines have none
        said["what"] = texts.AUDIT_SAVED_WHAT[said["what"]]
        said["scope"] = texts.AUDIT_NOTE_SCOPE.format(scope=words["scope"]) if words["scope"] else ""
    if "role" in said:
        said["role"] = texts.ROLE_NAMES.get(said["role"], said["role"])
    if event == audit.ROLE_CHANGED:
        said["was"], said["now"] = (texts.ROLE_NAMES.get(said[k], said[k]) for k in ("was", "now"))
    return said


def person_names() -> dict[str, str]:
    """"Nguyễn Thị Lan (chuyenvien)": the display name the accounts file gives, with the login, which is unique."""
    accounts = auth.read_accounts(config.ACCOUNTS_PATH)
    return {user: f"{entry['display_name']} ({user})" for user, entry in accounts.items()
            if entry.get("display_name") and entry["display_name"] != user}


def choices() -> dict[str, list]:
    """What the filters offer: the years, events and people the records hold (the cycle's from the database)."""
    cycle = query(cycle_queries.AUDIT_CHOICES).iloc[0]
    names, accounts = person_names(), account_events()
    events = {texts.ACTION_NAMES.get(a, a) for a in cycle["actions"]} | set(accounts["event"].dropna())
    people = {names.get(a, a) for a in cycle["actors"] if a} | set(accounts["person"].dropna())
    return {"years": [int(y) for y in cycle["years"]], "events": sorted(events, key=fold),
            "people": sorted(people, key=fold), "any": bool(len(cycle["actions"]) or len(accounts))}


def chosen(year: int | None = None, kinds: list[str] | tuple = (), person: str | None = None,
           text: str = "") -> dict:
    """The parameters of the list (core.cycle_queries.AUDIT_PAGE): the year of the report (account events have
    none), the kinds of event, the person, and a text found without regard to case or accents ("tinh hoa" finds
    "Xã Tịnh Hòa")."""
    names = person_names()
    return {"year": year, "kinds": list(kinds), "person": person or None, "needle": fold(text or "") or None,
            "logins": list(names), "names": list(names.values())}


def count(params: dict) -> int:
    return int(query_with(cycle_queries.AUDIT_COUNT, {"account_events": account_events()}, **params)
               .iloc[0]["total"])


def page(params: dict, window: dict) -> pd.DataFrame:
    return query_with(cycle_queries.AUDIT_PAGE, {"account_events": account_events()}, **params, **window)


def whole(params: dict) -> pd.DataFrame:
    """Every row found, read in the download's own thread."""
    return query_now(cycle_queries.AUDIT_LIST, frames={"account_events": account_events()}, **params)


def labelled(events: pd.DataFrame) -> pd.DataFrame:
    return events.rename(columns=texts.AUDIT_COLUMNS)


def for_download(shown: pd.DataFrame) -> pd.DataFrame:
    """The table as shown, its time written out as 21/11/2026 14:05 (a spreadsheet cell would keep the date only)."""
    column = texts.AUDIT_COLUMNS["happened_at"]
    return shown.assign(**{column: shown[column].map(lambda t: formats.date_time(t.to_pydatetime()))})
