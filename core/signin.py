"""Who is using the app: anonymous viewers, or staff signed in with an account from the accounts file (or,
when an OIDC provider is configured in secrets.toml, through st.login). Write actions check it every run."""
import streamlit as st

from core import audit, auth, config, texts

SESSION_KEY = "account"


def _throttle() -> auth.Throttle:
    """Wrong passwords are counted in a file: shared by every server process, kept over a restart."""
    return auth.Throttle(auth.state_path(config.ACCOUNTS_PATH))


def _client() -> str | None:
    """Where an attempt comes from. None for a browser on the server itself (Streamlit gives no address for
    localhost) and under AppTest (whose stand-in client answers with mocks): then only the account is throttled."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def oidc_enabled() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def current_user() -> auth.Account | None:
    if oidc_enabled() and st.user.is_logged_in:
        entry = auth.read_accounts(config.ACCOUNTS_PATH).get(st.user.get("email", ""))
        return auth.Account(st.user["email"], entry["role"], st.user.get("name", "")) if entry else None
    return st.session_state.get(SESSION_KEY)


def signin_form() -> None:
    if oidc_enabled():
        st.button(texts.SIGNIN_OIDC, on_click=st.login, key="oidc_login")
        return
    with st.form("signin"):
        st.text_input(texts.SIGNIN_USER, key="signin_user")
        st.text_input(texts.SIGNIN_PASSWORD, type="password", key="signin_password")
        st.form_submit_button(texts.SIGNIN_BUTTON, on_click=_check_password)
    if message := st.session_state.pop("signin_error", None):
        st.error(message)


def _check_password() -> None:
    """Runs before the rerun that follows the click, so the whole app (navigation included) sees the account."""
    username = st.session_state.get("signin_user", "").strip()
    password = st.session_state.pop("signin_password", "")
    client = _client()
    attempt = auth.verify(auth.read_accounts(config.ACCOUNTS_PATH), _throttle(), username, password, client)
    if attempt.account is not None:
        st.session_state[SESSION_KEY] = attempt.account
        audit.record(config.ACCOUNTS_PATH, audit.SIGNIN, username, client)
    elif attempt.wait:
        st.session_state["signin_error"] = texts.SIGNIN_LOCKED.format(minutes=max(1, round(attempt.wait / 60)))
        audit.record(config.ACCOUNTS_PATH, audit.SIGNIN_FAILED, username, client, f"locked, {attempt.wait} s left")
    else:
        st.session_state["signin_error"] = texts.SIGNIN_FAILED
        audit.record(config.ACCOUNTS_PATH, audit.SIGNIN_FAILED, username, client)
        if attempt.locked:
            audit.record(config.ACCOUNTS_PATH, audit.LOCKOUT, username, client, f"{attempt.locked} s")


def signout_button(user: auth.Account) -> None:
    st.sidebar.caption(texts.SIGNED_IN_AS.format(name=user.display_name, role=texts.ROLE_NAMES[user.role]))
    st.sidebar.button(texts.SIGNOUT, key="signout", on_click=_sign_out, args=(user.username,))


def _sign_out(username: str) -> None:
    st.session_state.pop(SESSION_KEY, None)
    audit.record(config.ACCOUNTS_PATH, audit.SIGNOUT, username, _client())
    if oidc_enabled():
        st.logout()


def require_staff() -> auth.Account:
    """The first line of every write page: a direct URL does not get around it."""
    user = current_user()
    if user is None or user.role not in auth.ROLES:
        st.warning(texts.STAFF_ONLY)
        st.stop()
    return user
