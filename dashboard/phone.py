"""Phone first (issue 14 §3): leaders open the dashboard on a phone, about 390 px wide.

Streamlit's own layout does most of it: the KPI cards sit in a wrapping horizontal container (two per row on a phone,
one row on a desktop), `initial_sidebar_state="auto"` starts the sidebar closed on a phone, and the charts are
Vega-Lite (dashboard/vega_charts.py), whose click selections a tap makes as well. What Streamlit 1.67 has no option
for is here, in one place:
- CSS, phones only (≤ 640 px, where Streamlit stacks columns): no element toolbar (the table's search, download
  and full-screen buttons, the chart's full-screen button) floating over the heading above it; a smaller title.
  At any width, a card's label and the words beside its change ("cùng kỳ 2025") wrap rather than end in "…".
- The active filters as chips at the top of each dashboard page, with "Sao chép liên kết" (the page's URL carries
  its filters, core/url_filters.py) and, on a phone, "Bộ lọc" to open the sidebar.
- The sidebar closes on a phone after a filter is chosen, so the leader sees the result of the choice.
The two buttons and the closing are a small component on Streamlit's components v2 API (in the page itself, no
iframe, as the sign-in cookie in signin.py): a click on Streamlit's own sidebar buttons, found by the test ids
Streamlit's end-to-end tests use. If a later Streamlit renames them, the buttons do nothing and the sidebar stays
open after a choice, as before; nothing breaks.
"""
import streamlit as st

from core import formats, texts
from core.url_filters import REPORTED, Filters

PHONE = "(max-width: 640px)"  # Streamlit stacks st.columns at this width
OVERLAY = "(max-width: 767.98px)"  # below Streamlit's md breakpoint the open sidebar covers the page

_CSS = f"""
<style>
@media {PHONE} {{
  [data-testid="stElementToolbar"] {{ display: none !important; }}
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}
  [data-testid="stMain"] h1 {{ font-size: 1.9rem; line-height: 1.2; }}
  [data-testid="stMain"] h2 {{ font-size: 1.35rem; }}
  .st-key-kpi_cards > div {{ flex: 1 1 calc(50% - 0.5rem); min-width: 9rem; }}
  .st-key-kpi_cards [data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
}}
[data-testid="stMetricLabel"] p {{ white-space: normal; }}
[data-testid="stMetric"] div:has(> [data-testid="stMetricDeltaDescription"]) {{ flex-wrap: wrap; row-gap: 0.25rem; }}
.st-key-filter_chips {{ row-gap: 0.4rem; }}
</style>
"""

_BAR_CSS = f"""
.bar {{ display: flex; flex-wrap: wrap; gap: 0.5rem; }}
button {{ font: inherit; font-size: 0.875rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
          border: 1px solid var(--st-border-color, #d5dae5); background: var(--st-background-color, #fff);
          color: var(--st-text-color, #31333f); min-height: 2rem; }}
button:hover {{ border-color: var(--st-primary-color, #ff4b4b); color: var(--st-primary-color, #ff4b4b); }}
.filters {{ display: none; }}
@media {OVERLAY} {{ .filters {{ display: inline-block; }} }}
"""

_BAR_JS = f"""
const SIDEBAR_OPEN = '[data-testid="stSidebar"][data-collapsed="false"]';
const COLLAPSE = '[data-testid="stSidebarCollapseButton"] button';
const EXPAND = '[data-testid="stExpandSidebarButton"]';

function narrow() {{ return window.matchMedia("{OVERLAY}").matches; }}

async function copy(text) {{
  if (navigator.clipboard && window.isSecureContext) {{
    await navigator.clipboard.writeText(text);
    return true;
  }}
  const area = document.createElement("textarea");  // http:// on a LAN has no clipboard API
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const done = document.execCommand("copy");
  area.remove();
  return done;
}}

export default function ({{ data, parentElement }}) {{
  const root = parentElement.querySelector(".bar");
  const link = root.querySelector(".copy");
  link.onclick = async () => {{
    const url = window.location.href;  // the page as the leader sees it: its filters, the unit of a profile
    let done = false;
    try {{ done = await copy(url); }} catch (e) {{ done = false; }}
    if (!done) {{ window.prompt(data.prompt, url); return; }}
    link.textContent = data.done;
    setTimeout(() => {{ link.textContent = data.copy; }}, 2000);
  }};
  root.querySelector(".filters").onclick = () => document.querySelector(EXPAND)?.click();
  window.__dvkClosed = window.__dvkClosed || 0;
  if (data.close > window.__dvkClosed) {{  // a filter was chosen in this run: show its result
    window.__dvkClosed = data.close;
    if (narrow() && document.querySelector(SIDEBAR_OPEN)) document.querySelector(COLLAPSE)?.click();
  }}
}}
"""


@st.cache_resource
def _filter_bar():
    """Registered once per process (signin.py does the same for its cookie component)."""
    html = (f'<div class="bar"><button class="filters" type="button">{texts.OPEN_FILTERS}</button>'
            f'<button class="copy" type="button">{texts.COPY_LINK}</button></div>')
    return st.components.v2.component("dvk.filter_bar", html=html, css=_BAR_CSS, js=_BAR_JS)


def phone_layout(page, dashboard_pages) -> None:
    """app.py calls this once a run, after the sidebar filters and before the page: the CSS for every page, and the
    chips and buttons above a dashboard page."""
    st.html(_CSS)
    filters = st.session_state.get("filters")
    if filters is None or page.url_path not in {p.url_path for p in dashboard_pages}:
        return
    filter_chips(filters, _choices_made(filters))


def _choices_made(filters: Filters) -> int:
    """How many times this session has changed the filters: the component closes the sidebar when it grows."""
    previous = st.session_state.get("phone_filters_seen")
    count = st.session_state.get("phone_filter_choices", 0) + (previous is not None and previous != filters)
    st.session_state.update(phone_filters_seen=filters, phone_filter_choices=count)
    return count


def chip_labels(filters: Filters) -> list[str]:
    """The filters in force, in the sidebar's order; the choices that keep everything are left out."""
    chips = [texts.CHIP_YEAR.format(years=formats.years(filters.year_from, filters.year_to))]
    if filters.boundary != REPORTED:
        chips.append(texts.BOUNDARY_LABELS[filters.boundary])
    for name, value in ((texts.FILTER_DISTRICT, filters.district), (texts.FILTER_GROUP, filters.unit_group),
                        (texts.FILTER_FIELD, filters.field), (texts.FILTER_PROVINCE, filters.old_province)):
        if value:
            chips.append(texts.CHIP_FILTER.format(name=name, value=value))
    return chips


def filter_chips(filters: Filters, choices: int = 0) -> None:
    with st.container(horizontal=True, key="filter_chips", vertical_alignment="center", gap="small"):
        for label in chip_labels(filters):
            st.badge(label, color="blue")
        _filter_bar()(data={"copy": texts.COPY_LINK, "done": texts.COPY_LINK_DONE, "prompt": texts.COPY_LINK_PROMPT,
                            "close": choices}, key="filter_bar", width="content")
