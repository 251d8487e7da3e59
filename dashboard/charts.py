"""Plotly figures with Vietnamese labels, categorical years and the fixed attainment colours."""
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from plotly.colors import sample_colorscale

from core import formats, texts
from core.palette import ATTAINMENT_COLORS

SEPARATORS = formats.DECIMAL_MARK + formats.THOUSANDS_MARK  # decimal comma, thousands dot
PER_UNIT_MAX = 3  # models per unit where the map's blue is darkest
PER_UNIT_STEP = 0.5  # the map's blues change by half a model per unit: one trace per step, not per commune
MAP_HOVER_DISTANCE = 30  # px from a commune's dot at which a finger still shows it: about a commune's half-width
# Passed to every st.plotly_chart: no mode bar (on a phone it sits over the chart's title, and a leader neither
# zooms nor pans); a tap still shows the values and a chart that opens something still takes the tap.
CONFIG = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False}


FIGURES_KEPT = 128  # figures per builder: every chart of a few dozen filter states; the map is ~250 KB

# A figure is built once per input and kept (plotly validates every property it is given: building the charts was
# most of a dashboard page's Python run). st.cache_resource keeps the object itself: st.cache_data would pickle it,
# and an unpickled plotly figure validates everything again. Callers only read it (st.plotly_chart copies it to
# its JSON), and the inputs are the query results themselves, so new data makes a new figure.
once_per_input = st.cache_resource(max_entries=FIGURES_KEPT, show_spinner=False)


TITLE_SPACE, LEGEND_ROW = 40, 20  # px above the plot: the title, then one row for each entry of the legend
MAP_HEIGHT = 520  # px: on a phone the province is drawn ~300 px high whatever the height; more is blank below it
PLOT_HEIGHT = 450  # px: plotly's own default height, kept for the plot itself when a legend is added above it


def _layout(fig: go.Figure, legend_above: bool = True) -> go.Figure:
    """The legend sits under the title, above the plot, one entry a row: below the plot it ran into the axis title
    on a phone, and a wrapping legend takes a number of rows no one knows before the browser draws it, so the room
    kept for it was either too little (over the title) or too much. Nothing drags: a finger scrolling the page over
    a chart does not zoom it."""
    entries = list(dict.fromkeys(t.name for t in fig.data if t.name and t.showlegend is not False))
    legend_height = LEGEND_ROW * len(entries) if legend_above else 0
    fig.update_layout(separators=SEPARATORS, margin=dict(l=8, r=8, t=TITLE_SPACE + legend_height, b=8),
                      legend=dict(orientation="v", yanchor="bottom", y=1.0, x=0, xanchor="left", title_text=""),
                      font=dict(size=13), title_font_size=15, dragmode=False)
    if legend_above:  # the title at the top, the legend's rows under it
        fig.update_layout(title=dict(yref="container", y=1, yanchor="top", pad=dict(t=12)))
    if legend_height:
        fig.update_layout(height=(fig.layout.height or PLOT_HEIGHT) + legend_height)
    elif not legend_above:  # the space above the plot is taken (the lineage's dated marks)
        fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2))
    return fig


@once_per_input
def models_per_year(frame: pd.DataFrame) -> go.Figure:
    frame = frame.assign(year=frame["year"].astype(str))
    fig = px.bar(frame, x="year", y="models", text="models", title=texts.CHART_MODELS_PER_YEAR,
                 labels={"year": texts.COL_YEAR, "models": texts.COL_MODELS},
                 color_discrete_sequence=[ATTAINMENT_COLORS[texts.ON_TARGET]])
    fig.update_xaxes(type="category")
    fig.update_traces(texttemplate="%{y:,d}",
                      hovertemplate=f"{texts.COL_YEAR} %{{x}}<br>{texts.COL_MODELS}: %{{y:,d}}<extra></extra>")
    return _layout(fig)


def attainment_by_district(frame: pd.DataFrame, year: int) -> go.Figure:
    return stacked(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS, horizontal=True,
                   title=texts.CHART_ATTAINMENT.format(year=year))


FIELD_COLORS = {"Kinh tế": "#4477AA", "Văn hóa - Xã hội": "#EE6677", "Quốc phòng - An ninh": "#228833",
                "Xây dựng hệ thống chính trị": "#CCBB44"}
FORM_COLORS = {"Xây dựng mới": "#0077BB", "Nhân rộng": "#33BBEE", "Duy trì": "#BBBBBB"}
TYPE_COLORS = {"Tập thể": "#332288", "Cá nhân": "#DDCC77"}
MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255"]


@once_per_input
def stacked(frame: pd.DataFrame, *, x: str, y: str, color: str, title: str, colors: dict | None = None,
            horizontal: bool = False, x_order: list | None = None) -> go.Figure:
    """A stacked bar chart with Vietnamese labels; years (or any x) are categories, never 2.019,5."""
    frame = frame.assign(**{x: frame[x].astype(str)}) if x == "year" else frame
    labels = {k: texts.COLUMN_LABELS.get(k, k) for k in (x, y, color)}
    order = ({color: list(colors)} if colors else {}) | ({x: x_order} if x_order else {})
    fig = px.bar(frame, x=y if horizontal else x, y=x if horizontal else y, color=color, title=title,
                 orientation="h" if horizontal else "v", labels=labels, category_orders=order,
                 color_discrete_map=colors or {}, color_discrete_sequence=MUTED)
    axis = fig.update_yaxes if horizontal else fig.update_xaxes
    if not x_order and x != "year":  # names in the query's Vietnamese order (COLLATE vi); plotly's puts Đ after T
        names = list(dict.fromkeys(frame[x]))
        axis(categoryorder="array", categoryarray=names[::-1] if horizontal else names)
    elif not x_order:
        axis(categoryorder="category ascending")
    axis(type="category", title=None)
    peak = frame.groupby(x)[y].sum().max() if not frame.empty else 0
    (fig.update_xaxes if horizontal else fig.update_yaxes)(dtick=1 if peak <= 8 else None)  # counts: no "0,5"
    value = "%{x:,d}" if horizontal else "%{y:,d}"
    fig.update_traces(hovertemplate=f"%{{fullData.name}}<br>{value}<extra></extra>")
    if horizontal:
        fig.update_layout(height=max(360, 24 * frame[x].nunique() + 140))
    return _layout(fig)


def award_colors(awards: list[str]) -> dict:
    return {a: MUTED[i % len(MUTED)] for i, a in enumerate(awards)}


@once_per_input
def commune_map(frame: pd.DataFrame, _geojson: dict, by_attainment: bool, title: str) -> go.Figure:
    """Today's communes drawn as filled outlines on plain axes: no map tiles or topojson to fetch (the server has
    no internet; a Choroplethmap on a blank MapLibre style fetched nothing either, but drew 2–4× slower than this
    in Chromium, WebGL and a worker for 96 shapes). One trace per colour, its communes' rings joined by gaps: a
    trace per commune (~105) made the map the slowest thing on the page. Then a dot at each commune: it carries
    the unit_id (a click opens the profile) and the hover text, found from anywhere inside the commune.
    `_geojson` is the one boundary file (core.geo.communes): left out of the figure cache's key (a leading
    underscore), as hashing its ~250 KB of coordinates on every run would cost what the cache saves."""
    shapes = {f["properties"]["code"]: f["geometry"] for f in _geojson["features"]}
    fig = go.Figure()
    for name, colour, codes in _map_classes(frame, by_attainment):  # the legend in the fixed order of the levels
        rings = [ring for code in codes for ring in _outer_rings(shapes.get(code))]
        fig.add_trace(_map_fill(rings, colour, name, by_attainment))
    fig.add_trace(_map_dots(frame, shapes, by_attainment))
    if by_attainment:
        fig.update_layout(legend=dict(traceorder="normal"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.035)  # 1/cos(15°): degrees of lon vs lat here
    fig.update_layout(title=title, height=MAP_HEIGHT, dragmode=False, plot_bgcolor="white", hovermode="closest",
                      hoverdistance=MAP_HOVER_DISTANCE)
    return _layout(fig)


def _map_classes(frame: pd.DataFrame, by_attainment: bool) -> list[tuple[str, str, pd.Series]]:
    """(legend entry, fill colour, codes of its communes) for each colour the map uses, empty ones left out."""
    if by_attainment:
        state = frame["attainment"].fillna(texts.NOT_SUBMITTED)
        return [(s, ATTAINMENT_COLORS[s], frame.loc[state == s, "code"]) for s in texts.ATTAINMENT_LEVELS
                if (state == s).any()]
    step = _per_unit_step(frame["per_unit"])
    return [("", _blue(value), frame.loc[step == value, "code"]) for value in sorted(step.unique())]


def _per_unit_step(per_unit: pd.Series) -> pd.Series:
    """Models per unit rounded up to the map's step and capped at its darkest blue: a commune with any model is
    never drawn as one with none, and the blues stay a handful of traces whatever the fractions."""
    steps = np.ceil(per_unit.fillna(0).astype(float) / PER_UNIT_STEP)
    return steps.clip(upper=PER_UNIT_MAX / PER_UNIT_STEP) * PER_UNIT_STEP


def _blue(per_unit: float) -> str:
    return sample_colorscale("Blues", [0.1 + 0.9 * min(per_unit, PER_UNIT_MAX) / PER_UNIT_MAX])[0]


def _map_fill(rings: list, colour: str, name: str, in_legend: bool) -> go.Scatter:
    """Every ring of one colour in one trace: plotly fills each run of points between two gaps on its own."""
    xs, ys = [], []
    for ring in rings:
        xs += [point[0] for point in ring] + [None]
        ys += [point[1] for point in ring] + [None]
    return go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines", line=dict(color="#555555", width=0.5),
                      hoverinfo="skip", name=name, showlegend=in_legend)


def _outer_rings(geometry: dict | None) -> list:
    if not geometry:
        return []
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def _map_hover(row) -> str:
    labels = texts.MAP_LABELS
    lines = [f"<b>{row.commune}</b>", f"{labels['units']}: {row.units}", f"{labels['submitted']}: {row.submitted}",
             f"{labels['models']}: {int(row.models)}", f"{labels['per_unit']}: {formats.decimal(row.per_unit, None)}"]
    if isinstance(row.attainment, str):
        lines.append(f"{labels['attainment']}: {row.attainment}")
    if row.shared:
        lines.append(texts.MAP_SHARED)
    return "<br>".join(lines)


def _map_dots(frame: pd.DataFrame, shapes: dict, by_attainment: bool) -> go.Scatter:
    centres = [_centre(shapes.get(code)) for code in frame["code"]]
    marker = dict(size=5, color="rgba(40,40,40,0.6)") if by_attainment else dict(
        size=5, color=_per_unit_step(frame["per_unit"]), colorscale="Blues", cmin=0, cmax=PER_UNIT_MAX,
        line=dict(width=0.5), colorbar=dict(title=texts.MAP_LABELS["per_unit"], orientation="h", y=-0.08, thickness=12))
    return go.Scatter(x=[c[0] for c in centres], y=[c[1] for c in centres], mode="markers", marker=marker,
                      customdata=frame["unit_id"].astype(int).tolist(), hoverinfo="text", showlegend=False,
                      text=[_map_hover(r) for r in frame.itertuples()])


def _centre(geometry: dict | None) -> tuple[float, float]:
    ring = max(_outer_rings(geometry), key=len, default=[(0, 0)])
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
