"""Entry point: `streamlit run app.py`. Builds the demo database on the first start, then shows the pages."""
import streamlit as st

from core import config, texts
from core.data import ensure_database_once

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")

# Navigation first, so the sidebar shows the real page titles even while the demo is being built.
page = st.navigation([st.Page("pages/overview.py", title=texts.PAGE_OVERVIEW, icon="📊", default=True)])

if not config.DB_PATH.exists():
    bar = st.progress(0.0, text=texts.BUILDING_DEMO)
    with st.spinner(texts.BUILDING_DEMO):
        ensure_database_once(_progress=lambda share: bar.progress(share, text=texts.BUILDING_DEMO))
    bar.empty()

page.run()
