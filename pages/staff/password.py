"""Đổi mật khẩu: any signed-in account changes its own password here; an account given a one-time password sees
only this page (app.py) until it has chosen its own."""
import streamlit as st

from core import formats, texts
from dashboard.password import password_form, show_done
from dashboard.signin import current_user

st.title(texts.PASSWORD_TITLE)
show_done()
user = current_user()
if user is None:
    st.warning(texts.STAFF_ONLY)
    st.stop()
if user.must_change:
    st.info(texts.PASSWORD_MUST_CHANGE.format(name=formats.plain(user.display_name)))
else:
    st.caption(texts.PASSWORD_HELP)
password_form(user)
