"""Nhật ký: the events of the reporting cycle (cycle_events: submissions, approvals, returns, rollbacks, locks,
unlocks, periods) and of the accounts (audit.jsonl: sign-ins, account changes, restored backups) as one list,
newest first, in Vietnamese; and the page's filters over it. Both records are only ever appended to."""
import re

import pandas as pd
import streamlit as st

from core import audit, auth, config, cycle_queries, formats, texts
from core.vntext import fold
from dashboard import tables
from dashboard.db_access import query

COLUMNS = ["happened_at", "person", "event", "unit", "code", "year", "district", "file_name", "state", "note",
           "client"]
SEARCHED = ["person", "event", "unit", "code", "district", "file_name", "state", "note"]
LOCK_ACTIONS = ("lock", "unlock")
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


def audit_events() -> pd.DataFrame:
    """Every event of both records, newest first (the same second: the later written first)."""
    names = person_names()
    merged = pd.concat([_cycle_events(), _account_events(names)], ignore_index=True)
    merged = merged.sort_values(["happened_at", "seq"], ascending=False, kind="stable")
    merged["person"] = merged["person"].map(lambda user: names.get(user, user))
    return merged[COLUMNS].reset_index(drop=True)


def _cycle_events() -> pd.DataFrame:
    events = query(cycle_queries.AUDIT_EVENTS)
    whole_year = events["action"].isin(LOCK_ACTIONS) & events["district"].isna()
    return pd.DataFrame({
        "happened_at": events["happened_at"], "person": events["actor"],
        "event": events["action"].map(texts.ACTION_NAMES).fillna(events["action"]),
        "unit": events["unit"], "code": events["code"], "year": events["year"].astype("Int64"),
        "district": events["district"].mask(whole_year, texts.AUDIT_WHOLE_YEAR), "file_name": events["file_name"],
        "state": events["state"].map(texts.STATE_NAMES), "note": events["reason"], "client": None,
        "seq": events["event_id"]})


def _account_events(names: dict[str, str]) -> pd.DataFrame:
    rows = []
    for e in audit.read_events(config.ACCOUNTS_PATH):
        person, note = account_event(e.get("event", ""), e.get("username") or "", e.get("detail") or "", names)
        rows.append({"happened_at": e["time"].astimezone().replace(tzinfo=None), "person": person or None,
                     "event": texts.ACCOUNT_EVENT_NAMES.get(e.get("event"), e.get("event")), "note": note,
                     "client": _client(e.get("client")), "seq": e["line"]})
    frame = pd.DataFrame(rows, columns=["happened_at", "person", "event", "note", "client", "seq"])
    return frame.assign(year=pd.array([None] * len(frame), dtype="Int64"))


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


def choices(events: pd.DataFrame) -> dict[str, list]:
    """What the filters offer: the years, events and people the record holds."""
    people = events["person"].dropna().unique().tolist()
    return {"years": sorted(events["year"].dropna().unique().tolist(), reverse=True),
            "events": sorted(events["event"].dropna().unique().tolist(), key=fold),
            "people": sorted(people, key=fold)}


def filter_events(events: pd.DataFrame, year: int | None = None, kinds: list[str] | tuple = (),
                  person: str | None = None, text: str = "") -> pd.DataFrame:
    """The year of the report (account events have none), the kinds of event, the person, and a text found
    without regard to case or accents ("tinh hoa" finds "Xã Tịnh Hòa")."""
    shown = events
    if year is not None:
        shown = shown[shown["year"] == year]
    if kinds:
        shown = shown[shown["event"].isin(kinds)]
    if person:
        shown = shown[shown["person"] == person]
    return tables.search_rows(shown, text, SEARCHED)


def labelled(events: pd.DataFrame) -> pd.DataFrame:
    return events.rename(columns=texts.AUDIT_COLUMNS)


def for_download(shown: pd.DataFrame) -> pd.DataFrame:
    """The table as shown, its time written out as 21/11/2026 14:05 (a spreadsheet cell would keep the date only)."""
    column = texts.AUDIT_COLUMNS["happened_at"]
    return shown.assign(**{column: shown[column].map(lambda t: formats.date_time(t.to_pydatetime()))})
