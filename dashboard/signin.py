"""Who is using the app: anonymous viewers, or staff signed in with an account from the accounts file (or, when an
OIDC provider is configured in secrets.toml, through st.login). Write actions check it every run.

A sign-in outlives the Streamlit session (a reload or a new tab is a new session): the browser keeps a signed,
expiring token in a cookie. Streamlit only reads cookies (st.context.cookies, sent with the page's WebSocket), so
the cookie is written by a two-line component on Streamlit's own components v2 API, which runs in the app page
itself (no iframe): the cookie belongs to the app's origin. The token is checked on every run (core/auth.py)."""
import time
from email.utils import formatdate

import streamlit as st

from core import audit, auth, config, formats, scope, texts
from dashboard.failures import guarded

COOKIE = "dvk_session"
TOKEN_KEY = "session_token"    # the token of a sign-in made in this session
COOKIE_KEY = "session_cookie"  # the cookie this session wants the browser to hold (set, or expired on sign-out)
SIGNED_OUT_KEY = "signed_out"  # this session signed out: the cookie it was opened with no longer counts
NEXT = "next"                  # query parameter: the page a signed-out visitor asked for
_WRITE_COOKIE_JS = """
export default function ({ data }) {
  if (data && data.cookie) document.cookie = data.cookie + (location.protocol === "https:" ? "; Secure" : "");
}
"""


@st.cache_resource
def _cookie_writer():
    """Registered once per process; mounted with the same data it only writes the same cookie again."""
    return st.components.v2.component("dvk.session_cookie", js=_WRITE_COOKIE_JS)


def throttle() -> auth.Throttle:
    """Wrong passwords are counted in a file: shared by every server process, kept over a restart."""
    return auth.Throttle(auth.state_path(config.ACCOUNTS_PATH))


def oidc_enabled() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def current_user() -> auth.Account | None:
    if oidc_enabled() and st.user.is_logged_in:
        entry = auth.read_accounts(config.ACCOUNTS_PATH).get(st.user.get("email", ""))
        return auth.account_of(st.user["email"], entry, st.user.get("name", "")) if entry else None
    token = st.session_state.get(TOKEN_KEY)
    if token is None and not st.session_state.get(SIGNED_OUT_KEY):
        token = _browser_token()
    return auth.account_from_token(config.ACCOUNTS_PATH, token, time.time()) if token else None


def _browser_token() -> str | None:
    """The cookie as the browser sent it when this session opened (fixed for the session's lifetime)."""
    return dict(st.context.cookies).get(COOKIE)


def _client() -> str | None:
    """Where an attempt comes from. None for a browser on the server itself (Streamlit gives no address for
    localhost) and under AppTest (whose stand-in client answers with mocks): then only the account is throttled."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def client_address() -> str | None:
    """For the audit record of changes made on other pages (accounts, passwords)."""
    return _client()


def session_cookie(token: str, expires: float) -> str:
    """Strict: the browser sends it only with the app's own requests. The expiry is the token's own."""
    return f"{COOKIE}={token}; Expires={formatdate(expires, usegmt=True)}; Path=/; SameSite=Strict"


def write_session_cookie() -> None:
    """Drawn on every run of a session that signed in or out here; a session opened with a cookie draws nothing."""
    if cookie := st.session_state.get(COOKIE_KEY):
        with st.sidebar:
            _cookie_writer()(data={"cookie": cookie}, key="session_cookie", height=0)


def _name_of(page, pages: dict) -> str | None:
    return next((key for key, known in pages.items() if known.url_path == page.url_path), None)


def send_to_signin(page, protected: dict, signin) -> None:
    """A signed-out visitor on a page that needs an account (a bookmark, an old tab) goes to the sign-in page, the
    page's name and parameters kept in the URL for the way back. Only a name is carried, looked up among the app's
    own pages on return: never a URL, so the sign-in page cannot be made to send anyone elsewhere."""
    name = _name_of(page, protected)
    if name is not None:
        st.switch_page(signin, query_params={**st.query_params.to_dict(), NEXT: name})


def send_to_password(page, pages: dict, password) -> None:
    """An account still on its one-time password sees the Đổi mật khẩu page whatever page it opens; the page asked
    for is kept, as for the sign-in (a ?next= already there, from the sign-in page, stays), for afterwards."""
    if page.url_path == password.url_path:
        return
    name = _name_of(page, pages)
    st.switch_page(password, query_params={**st.query_params.to_dict(), **({NEXT: name} if name else {})})


def asked_page(pages: dict):
    """The page named by ?next=, if it is one of the app's pages."""
    return pages.get(st.query_params.get(NEXT, ""))


def return_to_asked_page(pages: dict) -> None:
    """Once signed in: on to the page the visitor had asked for, with its other parameters. Done in app.py, not on
    the sign-in page: when viewing needs an account, the page at "/" is the sign-in page before and the overview
    after, so the run that follows the sign-in may not be the sign-in page's."""
    if (target := asked_page(pages)) is not None:
        st.switch_page(target, query_params={k: v for k, v in st.query_params.to_dict().items() if k != NEXT})


def signin_form() -> None:
    if oidc_enabled():
        st.button(texts.SIGNIN_OIDC, on_click=guarded(st.login), key="oidc_login")
        return
    with st.form("signin"):
        st.text_input(texts.SIGNIN_USER, key="signin_user")
        st.text_input(texts.SIGNIN_PASSWORD, type="password", key="signin_password")
        st.form_submit_button(texts.SIGNIN_BUTTON, on_click=guarded(_check_password))
    if message := st.session_state.pop("signin_error", None):
        st.error(message)


def _check_password() -> None:
    """Runs before the rerun that follows the click, so the whole app (navigation included) sees the account."""
    username = st.session_state.get("signin_user", "").strip()
    password = st.session_state.pop("signin_password", "")
    client = _client()
    attempt = auth.verify(auth.read_accounts(config.ACCOUNTS_PATH), throttle(), username, password, client)
    if attempt.account is not None:
        keep_signed_in(username)
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
    st.sidebar.caption(texts.SIGNED_IN_AS.format(name=formats.plain(user.display_name),
                                                 role=texts.ROLE_NAMES[user.role]))
    st.sidebar.button(texts.SIGNOUT, key="signout", on_click=guarded(_sign_out), args=(user.username,))


def _sign_out(username: str) -> None:
    """Ends the account's sessions on the server too, so a cookie the browser failed to drop is worth nothing."""
    auth.sign_out(config.ACCOUNTS_PATH, username, time.time())
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.update({SIGNED_OUT_KEY: True, COOKIE_KEY: session_cookie("", 0)})
    audit.record(config.ACCOUNTS_PATH, audit.SIGNOUT, username, _client())
    if oidc_enabled():
        st.logout()


def require(action: str) -> auth.Account:
    """The first line of every page that needs an account: a direct URL does not get around it. The writes check
    role and scope again on the server (etl/cycle.py)."""
    user = current_user()
    if user is None:
        st.warning(texts.STAFF_ONLY)
        st.stop()
    if user.must_change:  # a page run directly, not through app.py's navigation
        st.warning(texts.PASSWORD_CHANGE_FIRST)
        st.stop()
    if not scope.allowed(user.role, action):
        st.warning(texts.NOT_ALLOWED)
        st.stop()
    return user


def keep_signed_in(username: str) -> None:
    """Signs this session in: a token in the session and in the browser's cookie. Also after the account's own
    password change, whose new hash ended every token issued before, this session's and its cookie's included."""
    token, expires = auth.issue_token(config.ACCOUNTS_PATH, username, time.time())
    st.session_state.update({TOKEN_KEY: token, COOKIE_KEY: session_cookie(token, expires), SIGNED_OUT_KEY: False})
