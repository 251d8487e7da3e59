"""Staff accounts: a JSON file of salted, slow (argon2id) password hashes, and a per-account limit on wrong
passwords. Pure: no Streamlit here, so the rules are tested alone."""
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("staff", "admin")
MAX_FAILURES = 5          # wrong passwords allowed before the account waits
LOCK_SECONDS = 300        # the wait, doubled for every further failure
_HASHER = PasswordHasher()  # argon2id, salted per password


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    display_name: str


def read_accounts(path: Path) -> dict[str, dict]:
    if not Path(path).exists():
        return {}
    return json.loads(Path(path).read_text(encoding="utf-8"))


def add_account(path: Path, username: str, password: str, role: str, display_name: str = "") -> None:
    """Creates or replaces an account; the password is stored only as its argon2 hash."""
    if role not in ROLES:
        raise ValueError(role)
    if len(password) < 8:
        raise ValueError("password")
    accounts = read_accounts(path)
    accounts[username] = {"hash": _HASHER.hash(password), "role": role, "display_name": display_name or username}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(accounts, ensure_ascii=False, indent=2), encoding="utf-8")


@dataclass
class Throttle:
    """Wrong passwords per account: after MAX_FAILURES the account is locked for a growing while."""
    clock: callable = time.monotonic
    failures: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, float] = field(default_factory=dict)

    def wait_seconds(self, username: str) -> int:
        return max(0, int(self.locked_until.get(username, 0) - self.clock() + 0.999))

    def failed(self, username: str) -> None:
        self.failures[username] = self.failures.get(username, 0) + 1
        extra = self.failures[username] - MAX_FAILURES
        if extra >= 0:
            self.locked_until[username] = self.clock() + LOCK_SECONDS * 2 ** extra

    def succeeded(self, username: str) -> None:
        self.failures.pop(username, None)
        self.locked_until.pop(username, None)


def verify(accounts: dict[str, dict], throttle: Throttle, username: str, password: str) -> Account | None | int:
    """The account, None for a wrong name or password, or the seconds to wait while the account is locked."""
    if wait := throttle.wait_seconds(username):
        return wait
    entry = accounts.get(username)
    try:
        ok = entry is not None and _HASHER.verify(entry["hash"], password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        throttle.failed(username)  # unknown names count too, so guessing names gains nothing
        return None
    throttle.succeeded(username)
    return Account(username, entry["role"], entry.get("display_name") or username)
