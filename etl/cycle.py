"""The reporting cycle's writes (DATA_CONTRACT §6): a load's submission, approval, return, lock, unlock, reporting
periods. Each checks the actor's role and scope here, on the server, whatever page or command asked; each writes
its event to `cycle_events` in the caller's transaction. A refusal raises CycleError with the reason in Vietnamese.

States of a unit-year: none (Chưa nộp) → submitted (Chờ duyệt) → approved (Đã duyệt) or returned (Trả lại) →
submitted again… A lock (Đã chốt) freezes a year or a khu vực of it: no upload, rollback, approval or return there
until an admin unlocks it with a reason. With approval off (config.APPROVAL), a submission is approved at once."""
import collections
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core import config, formats, scope, texts
from core.auth import Account
from core.cycle_queries import FACTS, LOCK_EXISTS, NEXT_EVENT_ID, PENDING_IN
from core.db import pair_params, refresh_approved, scalar, transaction
from etl.validate import Problem

NONE, SUBMITTED, RETURNED, APPROVED = "none", "submitted", "returned", "approved"
SUBMIT, APPROVE, RETURN, ROLLBACK, LOCK, UNLOCK, PERIOD = ("submit", "approve", "return", "rollback", "lock",
                                                           "unlock", "period")


class CycleError(ValueError):
    """A refused action; str() is the reason, in Vietnamese, for the person who asked."""


def command_line(username: str) -> Account:
    """Whoever runs the command line on the server acts as the province (admin), under their system name."""
    return Account(username, scope.ADMIN, username)


def may(actor: Account, action: str) -> bool:
    """The role allows it, and the account is not still on a one-time password (the pages send it to change it
    first; the server does not rely on that)."""
    return not actor.must_change and scope.allowed(actor.role, action)


Fact = collections.namedtuple("Fact", "unit_id year name code in_scope locked state opens closes")


@dataclass
class WriteFacts:
    """What a write reads before it writes, in one query (`read_facts`): a `Fact` per unit-year, in the order of
    the units' names then the years; the (unit_id, year, part) of their applied reports; the standing upload of
    the same bytes (None: none)."""
    facts: list[Fact]
    applied: set[tuple[int, int, str]]
    same_file: int | None


def read_facts(con, actor: Account, unit_years, sha256: str | None = None) -> WriteFacts:
    """The unit-years' facts as the actor sees them (their units in the registry; others are left out)."""
    pairs = pair_params(unit_years)
    rows = con.execute(FACTS, {**scope.scope_params(actor.role, actor.scope), **pairs, "sha256": sha256}).fetchall()
    by_kind: dict[str, list] = {}
    for row in rows:
        by_kind.setdefault(row[0], []).append(row[1:])
    applied = {(u, y, part) for u, y, part, *_ in by_kind.get("applied", [])}
    same_file = max((r[0] for r in by_kind.get("same_file", [])), default=None)
    return WriteFacts(_facts(by_kind, applied, set(zip(pairs["unit_ids"], pairs["years"]))), applied, same_file)


def _facts(by_kind: dict[str, list], applied: set, pairs: set[tuple[int, int]]) -> list[Fact]:
    """A unit-year's state is its latest event's, else approved when a report applies, else none; it is locked
    when its whole year or its khu vực is."""
    states = {(u, y): state for u, y, state, *_ in by_kind.get("state", [])}
    locks = {(y, district) for _u, y, _t, _c, _s, district, *_ in by_kind.get("lock", [])}
    periods = {y: (opens, closes) for _u, y, _t, _c, _s, _d, opens, closes in by_kind.get("period", [])}
    applied_pairs = {(u, y) for u, y, _part in applied}
    years = {}
    for u, y in pairs:
        years.setdefault(u, []).append(y)
    return [Fact(u, y, name, code, in_scope, (y, "") in locks or (y, district) in locks,
                 states.get((u, y)) or (APPROVED if (u, y) in applied_pairs else NONE), *periods.get(y, (None, None)))
            for u, _y, name, code, in_scope, district, *_ in by_kind.get("unit", []) for y in sorted(years[u])]


def facts(con, actor: Account, unit_years) -> pd.DataFrame:
    """unit_id, year, name, code, in_scope, locked, state, opens, closes of the given (unit_id, year) pairs."""
    frame = pd.DataFrame(read_facts(con, actor, unit_years).facts, columns=Fact._fields)
    return frame.assign(opens=pd.to_datetime(frame["opens"]), closes=pd.to_datetime(frame["closes"]))


def upload_problems(con, actor: Account, unit_years, today: dt.date | None = None,
                    known: WriteFacts | None = None) -> list[Problem]:
    """Why this actor may not load a file covering these unit-years (empty: it may). `known`: their facts, read
    already."""
    if not may(actor, scope.UPLOAD):
        return [Problem(None, None, None, texts.NOT_ALLOWED)]
    return [Problem(None, None, None, reason)
            for reason in upload_refusals(con, actor, unit_years, today, known).values()]


def upload_refusals(con, actor: Account, unit_years, today: dt.date | None = None,
                    known: WriteFacts | None = None) -> dict[tuple[int, int], str]:
    """(unit_id, year) → why this actor may not load a report of it, for the refused ones among `unit_years`
    (in the order of `read_facts`), read in one query however many files they come from. The role itself is
    checked by `upload_problems`."""
    today = today or config.today()
    known = known or read_facts(con, actor, unit_years)
    return {(row.unit_id, row.year): reason for row in known.facts if (reason := _upload_refusal(actor, row, today))}


def _upload_refusal(actor: Account, row: Fact, today: dt.date) -> str | None:
    where = {"unit": row.name, "year": row.year}
    if not row.in_scope:
        return texts.CYCLE_OUT_OF_SCOPE.format(**where, scope=scope.describe(actor.role, actor.scope))
    if row.locked:
        return texts.CYCLE_LOCKED.format(**where)
    if config.APPROVAL and row.state == APPROVED:
        return texts.CYCLE_APPROVED.format(**where)
    if actor.role == scope.UNIT and row.opens is not None and today < row.opens:
        return texts.CYCLE_NOT_OPEN.format(year=row.year, opens=formats.date(row.opens))
    if actor.role == scope.UNIT and row.closes is not None and today > row.closes:
        return texts.CYCLE_CLOSED.format(year=row.year, closes=formats.date(row.closes))
    return None


def record_submission(con, actor: Account, upload_id: int, unit_years) -> None:
    """Inside the load's transaction: every unit-year of the upload waits for approval (or is approved at once
    when approval is off)."""
    record_submissions(con, actor, [(upload_id, unit_years)])


def record_submissions(con, actor: Account, uploads: list[tuple[int, object]]) -> None:
    """`record_submission` of several uploads, (upload_id, unit-years) in the order they were loaded, in one
    statement: their events follow that order, and within an upload the order of year, then unit."""
    rows = [(upload_id, int(u), int(y)) for upload_id, unit_years in uploads
            for y, u in sorted({(int(y), int(u)) for u, y in unit_years})]
    con.execute(f"""INSERT INTO cycle_events SELECT ({NEXT_EVENT_ID}) + position, $at, $actor, $action, unit_id, year,
                    NULL, upload_id, $state, $reason FROM (SELECT UNNEST($upload_ids::BIGINT[]) AS upload_id,
                    UNNEST($unit_ids::BIGINT[]) AS unit_id, UNNEST($years::BIGINT[]) AS year,
                    UNNEST(range(len($years::BIGINT[]))) AS position)""",
                {"at": _now(), "actor": actor.username, "action": SUBMIT,
                 "state": SUBMITTED if config.APPROVAL else APPROVED,
                 "reason": None if config.APPROVAL else texts.CYCLE_AUTO_APPROVED,
                 "upload_ids": [r[0] for r in rows], "unit_ids": [r[1] for r in rows], "years": [r[2] for r in rows]})


def approve(con, actor: Account, unit_years) -> int:
    """Approves reports waiting for it, all or none; returns how many."""
    if not unit_years:
        return 0
    rows = _reviewable(con, actor, unit_years)
    for row in rows.itertuples():
        if row.state != SUBMITTED:
            raise CycleError(texts.CYCLE_NOT_PENDING.format(unit=row.name, year=row.year,
                                                            state=texts.STATE_NAMES[row.state]))
    with transaction(con):
        approved = list(zip(rows["unit_id"], rows["year"]))
        _events(con, actor, APPROVE, approved, state=APPROVED)
        refresh_approved(con, approved)
    return len(rows)


def return_report(con, actor: Account, unit_id: int, year: int, reason: str) -> None:
    """Returns a report waiting for approval, or reopens an approved one, with a reason the unit sees."""
    reason = _reason(reason)
    row = next(_reviewable(con, actor, [(unit_id, year)]).itertuples())
    if row.state not in (SUBMITTED, APPROVED):
        raise CycleError(texts.CYCLE_NOTHING_TO_RETURN.format(unit=row.name, year=row.year))
    with transaction(con):
        _event(con, actor, RETURN, year, unit_id=unit_id, state=RETURNED, reason=reason)
        refresh_approved(con, [(unit_id, year)])


def _reviewable(con, actor: Account, unit_years) -> pd.DataFrame:
    if not may(actor, scope.REVIEW):
        raise CycleError(texts.NOT_ALLOWED)
    rows = facts(con, actor, unit_years)
    if rows.empty:
        raise CycleError(texts.NOT_ALLOWED)
    for row in rows.itertuples():
        if not row.in_scope:
            raise CycleError(texts.CYCLE_OUT_OF_SCOPE.format(unit=row.name, year=row.year,
                                                             scope=scope.describe(actor.role, actor.scope)))
        if row.locked:
            raise CycleError(texts.CYCLE_LOCKED.format(unit=row.name, year=row.year))
    return rows


def lock(con, actor: Account, year: int, district: str | None = None) -> None:
    """Locks a year, or one khu vực of it, once nothing in it waits for approval."""
    _require(actor, scope.LOCK)
    where = district or texts.CYCLE_WHOLE_YEAR
    if _locked(con, year, district):
        raise CycleError(texts.CYCLE_ALREADY_LOCKED.format(year=year, where=where))
    if pending := scalar(con, PENDING_IN, {"year": year, "district": district}):
        raise CycleError(texts.CYCLE_PENDING_BLOCKS_LOCK.format(n=formats.number(pending), where=where))
    with transaction(con):
        con.execute("INSERT INTO locks VALUES (?, ?, ?, ?)", [year, district or "", actor.username, _now()])
        _event(con, actor, LOCK, year, district=district)


def unlock(con, actor: Account, year: int, district: str | None, reason: str) -> None:
    _require(actor, scope.LOCK)
    reason = _reason(reason)
    if not _locked(con, year, district):
        raise CycleError(texts.CYCLE_NOT_LOCKED.format(year=year, where=district or texts.CYCLE_WHOLE_YEAR))
    with transaction(con):
        con.execute("DELETE FROM locks WHERE year = ? AND district = ?", [year, district or ""])
        _event(con, actor, UNLOCK, year, district=district, reason=reason)


def set_period(con, actor: Account, year: int, opens: dt.date | None, due: dt.date, closes: dt.date | None) -> None:
    _require(actor, scope.LOCK)
    if (opens and opens > due) or (closes and closes < due):
        raise CycleError(texts.CYCLE_PERIOD_ORDER)
    shown = " – ".join(formats.date(d) if d else "…" for d in (opens, due, closes))
    with transaction(con):
        con.execute("""INSERT INTO report_periods VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET
                       opens = excluded.opens, due = excluded.due, closes = excluded.closes,
                       set_by = excluded.set_by, set_at = excluded.set_at""",
                    [year, opens, due, closes, actor.username, _now()])
        _event(con, actor, PERIOD, year, reason=shown)


def rollback_problems(con, actor: Account, unit_years) -> list[str]:
    """Why this actor may not roll back an upload covering these unit-years."""
    if not may(actor, scope.ROLLBACK):
        return [texts.NOT_ALLOWED]
    rows = facts(con, actor, unit_years)
    return ([texts.CYCLE_OUT_OF_SCOPE.format(unit=r.name, year=r.year, scope=scope.describe(actor.role, actor.scope))
             for r in rows.itertuples() if not r.in_scope]
            + [texts.CYCLE_ROLLBACK_LOCKED.format(unit=r.name, year=r.year) for r in rows.itertuples() if r.locked])


def record_rollback(con, actor: Account, upload_id: int, unit_years) -> None:
    """Inside the rollback's transaction: a unit-year that falls back on an earlier report waits for approval of
    it again (approved at once with approval off); one left without a report is back to none."""
    for unit_id, year in sorted(set(unit_years)):
        still = scalar(con, """SELECT COUNT(*) FROM upload_coverage WHERE unit_id = ? AND year = ?
                               AND status = 'applied'""", [unit_id, year])
        state = NONE if not still else SUBMITTED if config.APPROVAL else APPROVED
        _event(con, actor, ROLLBACK, year, unit_id=unit_id, upload_id=upload_id, state=state)


def _locked(con, year: int, district: str | None) -> bool:
    """This very lock (the whole year when `district` is None) is in place."""
    return bool(scalar(con, LOCK_EXISTS, [year, district or ""]))


def _require(actor: Account, action: str) -> None:
    if not may(actor, action):
        raise CycleError(texts.NOT_ALLOWED)


def _reason(reason: str | None) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise CycleError(texts.CYCLE_REASON_REQUIRED)
    if len(reason) > config.REASON_MAX:
        raise CycleError(texts.CYCLE_REASON_TOO_LONG.format(n=formats.number(config.REASON_MAX)))
    return reason


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _event(con, actor: Account, action: str, year: int, *, unit_id: int | None = None, district: str | None = None,
           upload_id: int | None = None, state: str | None = None, reason: str | None = None) -> None:
    """Appends one event."""
    con.execute("INSERT INTO cycle_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        scalar(con, NEXT_EVENT_ID), _now(), actor.username, action, unit_id, year, district, upload_id, state,
        reason])


def _events(con, actor: Account, action: str, unit_years: list, *, state: str | None = None) -> None:
    """Appends one event per unit-year in one statement (a batch approval)."""
    con.execute(f"""INSERT INTO cycle_events SELECT ({NEXT_EVENT_ID}) + row_number() OVER (ORDER BY year, unit_id) - 1,
                    $at, $actor, $action, unit_id, year, NULL, NULL, $state, NULL
                    FROM (SELECT UNNEST($unit_ids::BIGINT[]) AS unit_id, UNNEST($years::BIGINT[]) AS year)""",
                {"at": _now(), "actor": actor.username, "action": action, "state": state, **pair_params(unit_years)})
