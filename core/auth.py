"""Staff accounts and the rules of signing in: a JSON file of salted, slow (argon2id) password hashes; a limit on
wrong passwords per account and per client, kept in a file beside it; signed, expiring session tokens. Pure: no
Streamlit here, so the rules are tested alone. Every function takes the time it needs from its caller (`now`) or
from an injected clock, so tests never sleep."""
import functools
import hashlib
import hmac
import math
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer

from core import audit, config, texts
from core.private_files import create_once, read_json, update_json
from core.scope import ACCOUNTS, ADMIN, PROVINCE, ROLES, UNIT, Scope, allowed, describe

MAX_FAILURES = 5           # wrong passwords allowed for one account before it waits
CLIENT_MAX_FAILURES = 20   # for one client over all names: spraying many names from one place is stopped too
LOCK_SECONDS = 300         # the first wait, doubled for every further failure...
MAX_LOCK_SECONDS = 900     # ...up to this: a stranger guessing now and then cannot lock a colleague out for days
FORGET_SECONDS = 3600      # failures this old no longer count (longer than any lock)
MIN_PASSWORD = 8
_HASHER = PasswordHasher()  # argon2id, salted per password
# A one-time password is 60 random bits (below), not a person's choice: OWASP's minimum argon2id cost (19 MiB, 2
# passes, 1 lane) already makes it out of reach, and hashes ~460 of them in seconds where the cost above would take
# a minute and a half (measured: ~30 ms against ~200 ms each on this 2-core machine). The first sign-in replaces it
# with the person's own password, hashed at the full cost.
_ONE_TIME_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read aloud or copied by hand without doubt
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")  # e-mail addresses too (OIDC accounts are named by them)


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
        if accounts.get(username, {}).get("disabled"):
            entry["disabled"] = True  # a new password does not unlock an account: --enable does
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


# --- Managing accounts: the admin page and the command line call these; each change is audited, never a password.

class AccountError(ValueError):
    """A refused change; str() is the reason, in Vietnamese, for the person who asked."""


@dataclass(frozen=True)
class Listed:
    """An account as the admin page lists it: never its hash."""
    account: Account
    disabled: bool


def list_accounts(path: Path) -> list[Listed]:
    return [Listed(account_of(name, entry), bool(entry.get("disabled")))
            for name, entry in sorted(read_accounts(path).items())]


def one_time_password() -> str:
    """Three groups of four from 32 unambiguous characters (60 bits), e.g. "k7dm-2qxa-pe9h"."""
    chars = "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(12))
    return "-".join(chars[i:i + 4] for i in range(0, 12, 4))


def check_scope(role: str, account_scope: Scope) -> None:
    if role not in ROLES:
        raise AccountError(texts.ACCOUNT_UNKNOWN_ROLE.format(role=role))
    if role == UNIT and (len(account_scope.units) != 1 or account_scope.districts or account_scope.groups):
        raise AccountError(texts.ACCOUNT_UNIT_SCOPE)
    if role == ADMIN and not account_scope.whole_province:
        raise AccountError(texts.ACCOUNT_ADMIN_SCOPE)


def _entry(hashed: str, role: str, display_name: str, account_scope: Scope, must_change: bool) -> dict:
    return {"hash": hashed, "role": role, "display_name": display_name, "scope": account_scope.to_json(),
            "must_change": must_change}


def _check_actor(actor: Account) -> None:
    """Checked here, whatever page, callback or command asked: only an account allowed to manage accounts may."""
    if not allowed(actor.role, ACCOUNTS) or actor.must_change:
        raise AccountError(texts.NOT_ALLOWED)


def create_account(path: Path, username: str, role: str, display_name: str, account_scope: Scope, actor: Account,
                   client: str | None = None) -> str:
    """A new account with a one-time password, which is returned to be handed over (and changed at first sign-in).
    An existing name is refused, never replaced."""
    _check_actor(actor)
    if not _USERNAME.fullmatch(username):
        raise AccountError(texts.ACCOUNT_BAD_USERNAME)
    check_scope(role, account_scope)
    password = one_time_password()
    entry = _entry(_ONE_TIME_HASHER.hash(password), role, display_name.strip() or username, account_scope, True)

    def put(accounts: dict) -> None:
        if username in accounts:
            raise AccountError(texts.ACCOUNT_EXISTS.format(user=username))
        accounts[username] = entry
    update_json(path, put)
    audit.record(path, audit.ACCOUNT_CREATED, username, client,
                 f"by {actor.username}: role {role}, scope {describe(role, account_scope)}")
    return password


def _update(path: Path, username: str, change: Callable[[dict], None]) -> None:
    """Changes one existing entry under the file's lock."""
    def apply(accounts: dict) -> None:
        if username not in accounts:
            raise AccountError(texts.ACCOUNT_UNKNOWN.format(user=username))
        change(accounts[username])
    update_json(path, apply)


def set_disabled(path: Path, username: str, disabled: bool, actor: Account, client: str | None = None) -> None:
    """A disabled account can neither sign in nor use a session it has. Its sessions are also ended for good, so
    enabling it again does not bring an old cookie back to life."""
    _check_actor(actor)
    if disabled and username == actor.username:
        raise AccountError(texts.ACCOUNT_SELF_DISABLE)
    _update(path, username, lambda entry: entry.update(disabled=True) if disabled else entry.pop("disabled", None))
    if disabled:
        sign_out(path, username, time.time())
    audit.record(path, audit.ACCOUNT_DISABLED if disabled else audit.ACCOUNT_ENABLED, username, client,
                 f"by {actor.username}")


def reset_password(path: Path, username: str, actor: Account, client: str | None = None) -> str:
    """A new one-time password, to be changed at the next sign-in; the new hash ends every session of the account
    (a token carries the fingerprint of the hash it was issued under)."""
    _check_actor(actor)
    password = one_time_password()
    hashed = _ONE_TIME_HASHER.hash(password)
    _update(path, username, lambda entry: entry.update(hash=hashed, must_change=True))
    audit.record(path, audit.PASSWORD_RESET, username, client, f"by {actor.username}")
    return password


def change_account(path: Path, username: str, actor: Account, role: str, account_scope: Scope, display_name: str,
                   client: str | None = None) -> list[str]:
    """Role, scope and display name as given; returns the audit events written (none when nothing changed). An
    admin cannot take their own admin role away: the province would risk having no admin left."""
    _check_actor(actor)
    check_scope(role, account_scope)
    before = read_accounts(path).get(username)
    if before is None:
        raise AccountError(texts.ACCOUNT_UNKNOWN.format(user=username))
    if username == actor.username and before["role"] == ADMIN and role != ADMIN:
        raise AccountError(texts.ACCOUNT_SELF_DEMOTE)
    old = account_of(username, before)
    display_name = display_name.strip() or old.display_name
    changes = [(event, was, now) for event, was, now, changed in (
        (audit.ROLE_CHANGED, old.role, role, old.role != role),
        (audit.NAME_CHANGED, old.display_name, display_name, old.display_name != display_name),
        (audit.SCOPE_CHANGED, describe(old.role, old.scope), describe(role, account_scope), old.scope != account_scope),
    ) if changed]
    if not changes:
        return []
    _update(path, username, lambda entry: entry.update(role=role, scope=account_scope.to_json(),
                                                       display_name=display_name))
    for event, was, now in changes:
        audit.record(path, event, username, client, f"by {actor.username}: {was} → {now}")
    return [event for event, _, _ in changes]


def change_password(path: Path, throttle: Throttle, username: str, old: str, new: str, again: str,
                    client: str | None = None) -> None:
    """One's own password: the old one checked (counted like a sign-in, so this is no way around the lock), the new
    one long enough and really new. The new hash ends every other session; the caller issues this one a new token."""
    if new != again:
        raise AccountError(texts.ACCOUNT_PASSWORD_MISMATCH)
    if len(new) < MIN_PASSWORD:
        raise AccountError(texts.ACCOUNT_PASSWORD_SHORT.format(n=MIN_PASSWORD))
    if new == old:
        raise AccountError(texts.ACCOUNT_PASSWORD_SAME)
    attempt = verify(read_accounts(path), throttle, username, old, client)
    if attempt.wait:
        raise AccountError(texts.SIGNIN_LOCKED.format(minutes=max(1, round(attempt.wait / 60))))
    if attempt.account is None:
        raise AccountError(texts.ACCOUNT_OLD_PASSWORD_WRONG)
    hashed = _HASHER.hash(new)
    _update(path, username, lambda entry: entry.update(hash=hashed, must_change=False))
    audit.record(path, audit.PASSWORD_CHANGED, username, client, "by the account itself")


# --- Unit accounts in bulk: one per reporting unit, named after its code.

@dataclass(frozen=True)
class UnitAccount:
    code: str
    name: str
    username: str
    password: str  # one-time: written to the admin's file only


def unit_username(code: str) -> str:
    """"T51-01" → "t51-01": the registry code, lowercase, anything else than letters, digits, ".", "_", "-" as "-"."""
    return re.sub(r"[^a-z0-9._-]+", "-", code.strip().lower()).strip("-._") or "donvi"


def units_with_account(accounts: dict) -> set[str]:
    return {code for entry in accounts.values() if entry.get("role") == UNIT
            for code in Scope.from_json(entry.get("scope")).units}


def create_unit_accounts(path: Path, units: Iterable[tuple[str, str]], actor: Account,
                         client: str | None = None) -> list[UnitAccount]:
    """A unit account with a one-time password for each (code, name) that has none yet, in the order given; the
    argon2 hashes are made in parallel (argon2 releases the GIL), the file written once."""
    _check_actor(actor)
    existing = read_accounts(path)
    planned = _plan_unit_accounts(existing, units)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        hashes = list(pool.map(_ONE_TIME_HASHER.hash, [a.password for a in planned]))
    added: list[UnitAccount] = []

    def put(accounts: dict) -> None:
        have = units_with_account(accounts)  # again under the lock: another admin may have made some meanwhile
        for account, hashed in zip(planned, hashes):
            if account.code not in have and account.username not in accounts:
                accounts[account.username] = _entry(hashed, UNIT, account.name, Scope(units=(account.code,)), True)
                added.append(account)
    update_json(path, put)
    detail = f"by {actor.username}: role unit, bulk, scope "
    audit.record_many(path, [(audit.ACCOUNT_CREATED, a.username, detail + a.code) for a in added], client)
    return added


def _plan_unit_accounts(existing: dict, units: Iterable[tuple[str, str]]) -> list[UnitAccount]:
    have, taken, planned = units_with_account(existing), set(existing), []
    for code, name in units:
        if code in have:
            continue
        base = unit_username(code)
        username = next(n for n in (base, *(f"{base}-{i}" for i in range(2, 1000))) if n not in taken)
        taken.add(username)
        have.add(code)
        planned.append(UnitAccount(code, name, username, one_time_password()))
    return planned
