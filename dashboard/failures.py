"""No traceback ever reaches a viewer. app.py catches what a page raises; a widget callback runs before the script,
outside that catch, so every callback is wrapped with `guarded`: the details go to the server log, the viewer gets
the same Vietnamese message on the run that follows (`show_callback_failure`)."""
import functools
import logging

import streamlit as st

from core import texts

LOG = logging.getLogger("dvk")
_FAILED = "callback_failed"


def report_failure(where: str) -> None:
    """Inside an `except Exception`: log with the traceback, show the Vietnamese message."""
    LOG.exception("%s failed", where)
    st.error(texts.UNEXPECTED_ERROR, icon=":material/error:")


def guarded(callback):
    """A widget callback that logs its exception instead of letting Streamlit show it (in English)."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except Exception:  # st.rerun/st.stop are BaseExceptions and pass
            LOG.exception("callback %s failed", getattr(callback, "__name__", callback))
            st.session_state[_FAILED] = True
    return run


def show_callback_failure() -> None:
    if st.session_state.pop(_FAILED, False):
        st.error(texts.UNEXPECTED_ERROR, icon=":material/error:")
