"""Đăng nhập: staff sign in to upload, roll back and follow who has not reported."""
import streamlit as st

from core import formats, texts
from core.signin import current_user, signin_form

st.title(texts.SIGNIN_TITLE)
if current_user() is not None:
    st.success(texts.SIGNIN_ALREADY.format(name=formats.plain(current_user().display_name)))
else:
    st.caption(texts.SIGNIN_HELP)
    signin_form()
