"""Streamlit's own controls in Vietnamese: what cannot be translated is hidden or its words replaced.

Settings do part of it (`.streamlit/config.toml`: `client.toolbarMode = "minimal"` removes the English app menu,
`client.disableDataExport` the tables' English CSV button). The rest is one stylesheet, `VIETNAMESE_CSS`, drawn once
per run by `vietnamese_controls()` from app.py: the uploader's button and hint, a text box's "Press Enter to
apply", the select box's "No results", a multiselect's "Select all" and "Select N matches", the skip link, the
running indicator and its Stop button, the tables' toolbar (English tooltips). And one script: the first visitor
after a server start can get Streamlit's English "Page not found" dialog over the right page (README, Known
limits); `CLOSE_PAGE_NOT_FOUND_JS` closes it. Other helpers keep their own CSS in their own constants (phone
layout)."""
import streamlit as st

from core import config, texts


def css_text(text: str) -> str:
    """A text as a CSS string literal (for `content:`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


# Words hidden by a zero font size, new words put in an ::after of normal size: the element keeps its place and
# its click target. Selectors are Streamlit 1.67's data-testid attributes (tests/test_browser_vietnamese.py checks
# that no English is left on any page).
VIETNAMESE_CSS = """
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span,
div[role="option"][style*="contents"] > span,
[data-testid="stSkipToContent"],
[role="option"][data-key^="__select_"] > div,
[data-testid="InputInstructions"] { font-size: 0 !important; }
[data-testid="InputInstructions"]::after { content: PRESS_ENTER; font-size: 0.75rem; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {
  content: UPLOAD_BUTTON; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: UPLOAD_HINT; font-size: 0.875rem; white-space: normal; }
div[role="option"][style*="contents"] > span::after { content: NO_RESULTS; font-size: 0.875rem; }
[role="option"][data-key="__select_all__"] > div::after { content: SELECT_ALL; font-size: 0.875rem; }
[role="option"][data-key="__select_matches__"] > div::after { content: SELECT_MATCHES; font-size: 0.875rem; }
[data-testid="stSkipToContent"]::after { content: SKIP; font-size: 1rem; }
[data-testid="stStatusWidget"] button { display: none !important; }
[data-testid="stStatusWidget"]::after { content: RUNNING; font-size: 0.875rem; opacity: 0.7; margin-left: 0.25rem; }
[data-testid="stElementToolbar"] { display: none !important; }
"""

CLOSE_PAGE_NOT_FOUND_JS = """
(() => {
  if (window.dvkClosesPageNotFound) return;
  window.dvkClosesPageNotFound = true;
  const close = () => document.querySelectorAll('[role="dialog"]').forEach((dialog) => {
    if (!dialog.textContent.includes("Page not found")) return;
    const button = dialog.querySelector('button[aria-label="Close"]') || dialog.querySelector("button");
    if (button) button.click();
  });
  close();
  new MutationObserver(close).observe(document.body, {childList: true, subtree: true});
})();
"""


def vietnamese_css() -> str:
    hint = texts.UI_UPLOAD_HINT.format(mb=config.MAX_UPLOAD_MB)
    words = {"UPLOAD_BUTTON": texts.UI_UPLOAD_BUTTON, "UPLOAD_HINT": hint,
             "NO_RESULTS": texts.UI_NO_RESULTS, "SKIP": texts.UI_SKIP_TO_CONTENT,
             "PRESS_ENTER": texts.UI_PRESS_ENTER, "RUNNING": texts.UI_RUNNING,
             "SELECT_ALL": texts.UI_SELECT_ALL, "SELECT_MATCHES": texts.UI_SELECT_MATCHES}
    css = VIETNAMESE_CSS
    for name, text in words.items():
        css = css.replace(f"content: {name};", f"content: {css_text(text)};")
    return css


def vietnamese_controls() -> None:
    """Called once per run, first thing after set_page_config in app.py."""
    st.html(f"<style>{vietnamese_css()}</style>")  # a style alone goes to no visible block
    st.html(f"<script>{CLOSE_PAGE_NOT_FOUND_JS}</script>", unsafe_allow_javascript=True)
