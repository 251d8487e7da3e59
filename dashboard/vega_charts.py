"""Charts drawn with Vega-Lite (st.altair_chart) rather than plotly: a page with any plotly chart makes the browser
load and start plotly.js (4.7 MB), which was half of a page's render on a fresh load, while Streamlit's Vega-Lite
costs a fraction of it. Used where a page has no map (the map and the drill-down chart stay plotly for now)."""
import altair as alt
import pandas as pd

from core import formats, texts
from dashboard.charts import MUTED, once_per_input

# Numbers as the rest of the app writes them: 1.234 (Vega-Lite's own default is 1,234).
LOCALE = {"number": {"decimal": formats.DECIMAL_MARK, "thousands": formats.THOUSANDS_MARK, "grouping": [3],
                     "currency": ["", ""]}}
PLOT_HEIGHT = 300  # px: the plot of an upright bar chart; a lying one takes BAR_ROW per category
BAR_ROW = 24
LEGEND_ROW = 18  # px: Streamlit fits the whole chart, legend included, in a fixed height: the legend's rows are added
COUNT = ",d"  # whole numbers with the thousands mark


@once_per_input
def stacked_bars(frame: pd.DataFrame, *, x: str, y: str, color: str, title: str, colors: dict | None = None,
                 horizontal: bool = False, x_order: list | None = None) -> alt.Chart:
    """Bars of `y` per `x`, stacked by `color` in the order of `colors` (first at the base), the legend above the
    plot one entry a row (a phone has no room beside it); years are categories, names keep the query's Vietnamese
    order (COLLATE vi), counts have whole ticks only."""
    frame = frame.assign(**{x: frame[x].astype(str)}) if x == "year" else frame
    shades = list(colors) if colors else list(dict.fromkeys(frame[color]))
    frame = frame.assign(stack=frame[color].map({name: i for i, name in enumerate(shades)}))
    order = x_order or (sorted(set(frame[x])) if x == "year" else list(dict.fromkeys(frame[x])))
    label = {k: texts.COLUMN_LABELS.get(k, k) for k in (x, y, color)}
    along = alt.X if not horizontal else alt.Y
    across = alt.Y if not horizontal else alt.X
    chart = alt.Chart(frame).mark_bar().encode(
        along(f"{x}:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, labelAngle=0)),
        across(f"sum({y}):Q", title=label[y], axis=alt.Axis(format=COUNT, tickMinStep=1)),
        color=alt.Color(f"{color}:N", sort=shades, title=None,
                        scale=alt.Scale(domain=shades, range=list(colors.values()) if colors else MUTED),
                        legend=alt.Legend(orient="top", direction="vertical", columns=1, labelLimit=320)),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip(f"{color}:N", title=label[color]), alt.Tooltip(f"{x}:N", title=label[x]),
                 alt.Tooltip(f"sum({y}):Q", title=label[y], format=COUNT)])
    size = {"height": alt.Step(BAR_ROW)} if horizontal else {"height": PLOT_HEIGHT + LEGEND_ROW * len(shades)}
    return chart.properties(title=alt.TitleParams(title, anchor="start"), **size).configure(locale=LOCALE)


TIMELINE_COLORS = {texts.TIMELINE_BEFORE: "#BBBBBB", texts.TIMELINE_SELF: "#0077BB", texts.TIMELINE_AFTER: "#009988"}
TIMELINE_ROW = 34  # px: a bar's row (a fixed height for the whole chart came out squashed in Streamlit)
NAME_WIDTH = 200  # px at most for a unit's name beside its bar (cut with …; the tooltip has it whole), a phone's half
MARK_RISE = 16  # px: each pair of change labels sits this much above the one before, so close dates stay readable


@once_per_input
def lineage_timeline(rows: pd.DataFrame, marks: list) -> alt.LayerChart:
    """Bars over the years each unit existed, a dashed line at each change with its date and resolution above."""
    names = alt.Y("name:N", sort=list(rows["name"]), title=None, axis=alt.Axis(labelLimit=NAME_WIDTH))  # rows' order
    bars = alt.Chart(rows).mark_bar().encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")), x2="end:T", y=names,
        color=alt.Color("role:N", scale=alt.Scale(domain=list(TIMELINE_COLORS), range=list(TIMELINE_COLORS.values())),
                        legend=alt.Legend(orient="bottom", title=None, columns=1)),  # one a row: fits a phone
        tooltip=[alt.Tooltip("name:N", title=texts.COLUMN_LABELS["unit"]),
                 alt.Tooltip("period:N", title=texts.TIMELINE_PERIOD)])
    layers = [bars]
    for i, (day, text) in enumerate(marks):  # labels alternate sides of their line and rise, pair by pair
        mark = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(day)], "text": [text]}))
        side, nudge = ("right", -4) if i % 2 == 0 else ("left", 4)
        layers += [mark.mark_rule(strokeDash=[5, 4], color="#555555").encode(x="day:T"),
                   mark.mark_text(align=side, baseline="bottom", dx=nudge, y=-6 - MARK_RISE * (i // 2),
                                  fontSize=12).encode(x="day:T", text="text:N")]
    lifted = MARK_RISE * ((len(marks) + 1) // 2)
    return alt.layer(*layers).properties(
        height=alt.Step(TIMELINE_ROW), title=alt.TitleParams(texts.TIMELINE_TITLE, anchor="start", offset=lifted + 8),
    ).configure_view(stroke=None)
