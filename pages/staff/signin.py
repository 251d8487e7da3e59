"""Đăng nhập: staff sign in to upload, roll back and follow who has not reported. A visitor sent here from a page
that needs an account is told which, and app.py takes them back to it once signed in."""
import streamlit as st

from core import formats, texts
from dashboard.signin import asked_page, current_user, signin_form

st.title(texts.SIGNIN_TITLE)
if (user := current_user()) is not None:
    st.success(texts.SIGNIN_ALREADY.format(name=formats.plain(user.display_name)))
else:
    if (asked := asked_page(st.session_state.get("pages", {}))) is not None:
        st.info(texts.SIGNIN_FOR_PAGE.format(page=asked.title))
    st.caption(texts.SIGNIN_HELP)
    signin_form()
