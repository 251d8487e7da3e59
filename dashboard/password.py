"""Đổi mật khẩu: one's own password, from the sidebar page or, with a one-time password, before anything else. The
rules are core/auth.py's; here the form, and a new token for this session (the change ended every other one)."""
import streamlit as st

from core import auth, config, texts
from core.auth import AccountError
from dashboard.failures import guarded
from dashboard.signin import client_address, current_user, keep_signed_in, throttle

FIELDS = ("password_old", "password_new", "password_again")
ERROR, DONE = "password_error", "password_done"


def password_form(user: auth.Account) -> None:
    old_label = texts.PASSWORD_OLD_ONE_TIME if user.must_change else texts.PASSWORD_OLD
    with st.form("change_password", clear_on_submit=True):
        for key, label in zip(FIELDS, (old_label, texts.PASSWORD_NEW.format(n=auth.MIN_PASSWORD),
                                       texts.PASSWORD_AGAIN)):
            st.text_input(label, type="password", key=key)
        st.form_submit_button(texts.PASSWORD_BUTTON, type="primary", on_click=guarded(_change))
    if message := st.session_state.pop(ERROR, None):
        st.error(message)


def show_done() -> None:
    if st.session_state.pop(DONE, False):
        st.success(texts.PASSWORD_DONE)


def _change() -> None:
    """Runs before the rerun that follows the click: the whole app (navigation included) sees the change."""
    old, new, again = (st.session_state.pop(key, "") for key in FIELDS)  # never kept in the session
    user = current_user()
    if user is None:
        st.session_state[ERROR] = texts.STAFF_ONLY
        return
    try:
        auth.change_password(config.ACCOUNTS_PATH, throttle(), user.username, old, new, again, client_address())
    except AccountError as exc:
        st.session_state[ERROR] = str(exc)
        return
    keep_signed_in(user.username)
    st.session_state[DONE] = True
