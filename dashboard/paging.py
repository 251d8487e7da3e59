"""A long list a page at a time (core.queries.PAGE): the page number to read, and how many rows there are."""
import streamlit as st

from core import config, formats, texts


def page_window(total: int, key: str) -> dict[str, int]:
    """The $limit and $offset of the page chosen (a number box once the list is longer than a page), and a caption
    saying which rows of how many are shown."""
    size = config.LIST_PAGE_ROWS
    pages = max(-(-total // size), 1)
    page = 1
    if pages > 1:
        page = st.number_input(texts.LIST_PAGE.format(pages=formats.number(pages)), min_value=1, max_value=pages,
                               value=1, step=1, key=key)
    offset = (page - 1) * size
    if pages > 1:
        st.caption(texts.LIST_ROWS_SHOWN.format(first=formats.number(offset + 1),
                                                last=formats.number(min(offset + size, total)),
                                                total=formats.number(total)))
    return {"limit": size, "offset": offset}
