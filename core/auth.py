"""Staff accounts and the rules of signing in: a JSON file of salted, slow (argon2id) password hashes; a limit on
wrong passwords per account and per client, kept in a file beside it; signed, expiring session tokens. Pure: no
Streamlit here, so the rules are tested alone. Every function takes the time it needs from its caller (`now`) or
from an injected clock, so tests never sleep."""
import functools
import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer

from core import config
from core.private_files import create_once, read_json, update_json
from core.scope import PROVINCE, ROLES, UNIT, Scope

MAX_FAILURES = 5           # wrong passwords allowed for one account before it waits
CLIENT_MAX_FAILURES = 20   # for one client over all names: spraying many names from one place is stopped too
LOCK_SECONDS = 300         # the first wait, doubled for every further failure...
MAX_LOCK_SECONDS = 900     # ...up to this: a stranger guessing now and then cannot lock a colleague out for days
FORGET_SECONDS = 3600      # failures this old no longer count (longer than any lock)
_HASHER = PasswordHasher()  # argon2id, salted per password


@functools.cache
def _dummy_hash() -> str:
    """Unknown and disabled names are checked against this, so they cost the same argon2 time as a real account
    and the response time does not tell which names exist. Made on first use: the command line starts faster."""
    return _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    display_name: str
    scope: Scope = PROVINCE
    must_change: bool = False  # signed in with a one-time password: nothing else until it is changed


def account_of(username: str, entry: dict, display_name: str = "") -> Account:
    return Account(username, entry["role"], display_name or entry.get("display_name") or username,
                   Scope.from_json(entry.get("scope")), bool(entry.get("must_change")))


@dataclass(frozen=True)
class Attempt:
    """What a sign-in attempt gave: the account, or why not."""
    account: Account | None = None
    wait: int = 0     # refused without checking the password: seconds until the lock ends
    locked: int = 0   # this wrong password started a lock of that many seconds


def read_accounts(path: Path) -> dict[str, dict]:
    return read_json(path)


def add_account(path: Path, username: str, password: str, role: str, display_name: str = "",
                scope: Scope = PROVINCE, must_change: bool = False) -> bool:
    """Creates or replaces an account (True when created); the password is stored only as its argon2 hash. An
    entry with "disabled": true in the file can no longer sign in, nor use a session it already has. A unit account
    names exactly one unit; `must_change` marks a one-time password."""
    if role not in ROLES:
        raise ValueError(role)
    if len(password) < 8:
        raise ValueError("password")
    if role == UNIT and (len(scope.units) != 1 or scope.districts or scope.groups):
        raise ValueError("unit scope")
    entry = {"hash": _HASHER.hash(password), "role": role, "display_name": display_name or username,
             "scope": scope.to_json(), "must_change": must_change}
    created = False

    def put(accounts: dict) -> None:
        nonlocal created
        created = username not in accounts
        accounts[username] = entry
    update_json(path, put)  # locked: two admins adding accounts at once both keep theirs
    return created


def state_path(accounts_path: Path) -> Path:
    """Failures and sign-outs: beside the accounts file, named after it (data/accounts.signin.json)."""
    return Path(accounts_path).with_name(Path(accounts_path).stem + ".signin.json")


def secret_path(accounts_path: Path) -> Path:
    return Path(accounts_path).with_name(Path(accounts_path).stem + ".secret")


def throttle_keys(username: str, client: str | None) -> tuple[str, ...]:
    """Attempts count against the name and, when the server knows where they come from, against the client."""
    return (f"account:{username}", f"client:{client}") if client else (f"account:{username}",)


def _limit(key: str) -> int:
    return MAX_FAILURES if key.startswith("account:") else CLIENT_MAX_FAILURES


@dataclass
class Throttle:
    """Sign-in attempts per key, in a file shared by every server process and kept over a restart. An attempt is
    counted before its password is checked (and given back when it was right), so guesses sent in parallel cannot
    all pass before the first failure is written."""
    path: Path
    clock: Callable[[], float] = time.time

    def begin(self, keys: Iterable[str]) -> int:
        """Seconds to wait while a key is locked (nothing is counted then); otherwise 0, the attempt counted."""
        now, wait = self.clock(), 0

        def count(state: dict) -> None:
            nonlocal wait
            failures = _recent(state, now)
            wait = max(_wait(key, failures.get(key), now) for key in keys)
            if not wait:
                for key in keys:
                    failures[key] = {"n": failures.get(key, {}).get("n", 0) + 1, "last": now}
        update_json(self.path, count)
        return wait

    def wait_seconds(self, keys: Iterable[str]) -> int:
        now = self.clock()
        failures = read_json(self.path).get("failures", {})
        return max(_wait(key, failures.get(key), now) for key in keys)

    def succeeded(self, keys: Iterable[str]) -> None:
        """The account starts afresh; the client only gets back the attempt counted for this sign-in."""
        def forget(state: dict) -> None:
            failures = _recent(state, self.clock())
            for key in keys:
                entry = failures.pop(key, None)
                if entry and not key.startswith("account:") and entry["n"] > 1:
                    failures[key] = {**entry, "n": entry["n"] - 1}
        update_json(self.path, forget)

    def failures(self) -> dict[str, int]:
        return {key: entry["n"] for key, entry in _recent(read_json(self.path), self.clock()).items()}


def _recent(state: dict, now: float) -> dict:
    """The failures still counting; older ones are dropped from the file as it is written."""
    failures = {key: entry for key, entry in state.get("failures", {}).items() if now - entry["last"] < FORGET_SECONDS}
    state["failures"] = failures
    return failures


def _wait(key: str, entry: dict | None, now: float) -> int:
    if entry is None or entry["n"] < _limit(key):
        return 0
    lock = min(LOCK_SECONDS * 2 ** min(entry["n"] - _limit(key), 16), MAX_LOCK_SECONDS)
    return max(0, math.ceil(entry["last"] + lock - now))


def verify(accounts: dict[str, dict], throttle: Throttle, username: str, password: str,
           client: str | None = None) -> Attempt:
    keys = throttle_keys(username, client)
    if wait := throttle.begin(keys):
        return Attempt(wait=wait)
    entry = accounts.get(username)
    if not _password_matches(entry, password):
        return Attempt(locked=throttle.wait_seconds(keys))
    throttle.succeeded(keys)
    return Attempt(account_of(username, entry))


def _password_matches(entry: dict | None, password: str) -> bool:
    usable = entry is not None and not entry.get("disabled")
    try:
        return _HASHER.verify(entry["hash"] if usable else _dummy_hash(), password) and usable
    except (VerificationError, InvalidHashError):
        return False


def _secret(accounts_path: Path) -> bytes:
    """Tokens are signed with a random secret kept beside the accounts file (0600, made on first use): whoever can
    read that file could read the accounts anyway. Deleting it ends every session."""
    path = secret_path(accounts_path)
    text = path.read_text(encoding="utf-8") if path.exists() else create_once(path, secrets.token_hex(32))
    return text.strip().encode()


def _serializer(secret: bytes) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="dvk-session")


def _fingerprint(secret: bytes, entry: dict) -> str:
    """Changes when the password does (a new hash has a new salt), without putting the hash in the cookie."""
    return hmac.new(secret, entry["hash"].encode(), hashlib.sha256).hexdigest()[:32]


def issue_token(accounts_path: Path, username: str, now: float) -> tuple[str, float]:
    """A token naming the account, until when it holds, and its password fingerprint; and that expiry time."""
    secret, expires = _secret(accounts_path), now + config.SESSION_HOURS * 3600
    entry = read_accounts(accounts_path)[username]
    payload = {"u": username, "fp": _fingerprint(secret, entry), "iat": now, "exp": expires}
    return _serializer(secret).dumps(payload), expires


def account_from_token(accounts_path: Path, token: str, now: float) -> Account | None:
    """The account a token still stands for, checked against the accounts file on every run: a forged, altered or
    expired token, a deleted or disabled account, a changed password or a later sign-out all give None."""
    if not secret_path(accounts_path).exists():
        return None  # nobody ever signed in here: no token can be valid, and a stranger's cookie creates nothing
    secret, entry = _secret(accounts_path), None
    try:
        data = _serializer(secret).loads(token)
        entry = read_accounts(accounts_path).get(data["u"])
        valid = (entry is not None and not entry.get("disabled") and now < data["exp"]
                 and hmac.compare_digest(data["fp"], _fingerprint(secret, entry))
                 and data["iat"] > signed_out_at(accounts_path, data["u"]))
    except (BadSignature, KeyError, TypeError):
        valid = False
    return account_of(data["u"], entry) if valid else None


def sign_out(accounts_path: Path, username: str, now: float) -> None:
    """Ends every session of the account issued until now, in all browsers: a copied cookie dies with it."""
    update_json(state_path(accounts_path), lambda state: state.setdefault("signed_out", {}).update({username: now}))


def signed_out_at(accounts_path: Path, username: str) -> float:
    return read_json(state_path(accounts_path)).get("signed_out", {}).get(username, float("-inf"))
