"""The audit record: who signed in, failed, was locked out, signed out, whose account was created or changed, and
which backup replaced the database. One JSON object per line, only ever appended; never a password. Pure: no
Streamlit here, so the command line writes the same record as the app."""
import getpass
import json
import os
from datetime import datetime
from pathlib import Path

from core.private_files import append_line

SIGNIN = "signin"
SIGNIN_FAILED = "signin_failed"
LOCKOUT = "lockout"
SIGNOUT = "signout"
ACCOUNT_SAVED = "account_saved"
BACKUP_RESTORED = "backup_restored"
# account management (core/auth.py): the username is the account changed, the detail says by whom and what
ACCOUNT_CREATED = "account_created"
ACCOUNT_DISABLED = "account_disabled"
ACCOUNT_ENABLED = "account_enabled"
PASSWORD_RESET = "password_reset"
PASSWORD_CHANGED = "password_changed"
ROLE_CHANGED = "role_changed"
SCOPE_CHANGED = "scope_changed"
NAME_CHANGED = "name_changed"
FIELD_MAX = 500  # a name typed into the sign-in form is stored, but not a megabyte of it


def audit_path(accounts_path: Path) -> Path:
    """DVK_AUDIT, or audit.jsonl beside the accounts file (read at each call: the command line may name another
    accounts file)."""
    return Path(os.environ.get("DVK_AUDIT") or Path(accounts_path).with_name("audit.jsonl"))


def record(accounts_path: Path, event: str, username: str = "", client: str | None = None, detail: str = "",
           now: datetime | None = None) -> None:
    append_line(audit_path(accounts_path), _line(event, username, client, detail, now))


def record_many(accounts_path: Path, events: list[tuple[str, str, str]], client: str | None = None) -> None:
    """(event, username, detail) lines appended in one write: hundreds of unit accounts made at once cost one
    fsync, not one each."""
    if events:
        now = datetime.now().astimezone()
        lines = (_line(event, username, client, detail, now) for event, username, detail in events)
        append_line(audit_path(accounts_path), "\n".join(lines))


def _line(event: str, username: str, client: str | None, detail: str, now: datetime | None = None) -> str:
    entry = {"time": (now or datetime.now().astimezone()).isoformat(timespec="seconds"), "event": event,
             "username": username[:FIELD_MAX], "client": (client or "")[:FIELD_MAX], "detail": detail[:FIELD_MAX]}
    return json.dumps(entry, ensure_ascii=False)


def read_events(accounts_path: Path) -> list[dict]:
    """Every entry of the record, oldest first, each with `line` (its place in the file); a line that is not a
    whole JSON object (a write cut short by a crash) is skipped, not fatal to the audit page."""
    path = audit_path(accounts_path)
    if not path.exists():
        return []
    entries = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            entry = json.loads(text)
            moment = datetime.fromisoformat(entry["time"])
        except (ValueError, KeyError, TypeError):
            continue
        entries.append({**entry, "time": moment, "line": number})
    return entries


def os_user() -> str:
    """Who ran a command: the login name, or the numeric id in a container that has no name for it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
