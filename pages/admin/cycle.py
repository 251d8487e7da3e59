"""Placeholder of the reporting cycle's page (issue 13, being built): checks the account, says it is coming."""
import streamlit as st

from core import scope, texts
from dashboard.signin import require

require(scope.LOCK)
st.title(texts.PAGE_CYCLE)
