"""Downloads of what a page shows: a formatted .xlsx and a CSV of the same table. Each file is built only when its
button is clicked (Streamlit runs a callable `data` on click, in a thread of its own), never on every rerun; and
the click does not rerun the page."""
from collections.abc import Callable

import pandas as pd
import streamlit as st

from core import texts
from core.xlsx import XLSX_MIME, to_csv, to_xlsx


def download_buttons(frame: pd.DataFrame | Callable[[], pd.DataFrame], stem: str, key: str) -> None:
    """`frame`, or a function that reads it when a button is clicked (a long list shown a page at a time)."""
    whole = frame if callable(frame) else lambda: frame
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(texts.DOWNLOAD_XLSX, lambda: to_xlsx(whole(), stem), file_name=f"{stem}.xlsx",
                         key=f"{key}_xlsx", mime=XLSX_MIME, icon=":material/table_view:", on_click="ignore")
    right.download_button(texts.DOWNLOAD_CSV, lambda: to_csv(whole()), file_name=f"{stem}.csv", mime="text/csv",
                          key=f"{key}_csv", icon=":material/download:", on_click="ignore")
