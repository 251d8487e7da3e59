"""Every chart of the dashboard, drawn with Vega-Lite (st.altair_chart): a page with a plotly chart made the browser
load and start plotly.js (4.7 MB), about half of the page's render on a fresh load, while Streamlit's Vega-Lite
(embed.js, 0.8 MB) costs a fraction of it. The bars, the drill-down by khu vực, the commune map and the lineage."""
import math
import threading

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from core import formats, texts
from core.palette import ATTAINMENT_COLORS, BLUES, MUTED

FIGURES_KEPT = 128  # charts per builder: every chart of a few dozen filter states; the map is ~250 KB

# A chart is built once per input and kept: st.cache_resource keeps the object itself (st.cache_data would pickle
# it). Callers only read it (st.altair_chart turns it into its JSON), and the inputs are the query results
# themselves, so new data makes a new chart.
once_per_input = st.cache_resource(max_entries=FIGURES_KEPT, show_spinner=False)

# Numbers as the rest of the app writes them: 1.234 (Vega-Lite's own default is 1,234).
LOCALE = {"number": {"decimal": formats.DECIMAL_MARK, "thousands": formats.THOUSANDS_MARK, "grouping": [3],
                     "currency": ["", ""]}}
PLOT_HEIGHT = 300  # px: the plot of an upright bar chart; a lying one takes BAR_ROW per category
BAR_ROW = 24
LEGEND_ROW = 18  # px: Streamlit fits the whole chart, legend included, in a fixed height: the legend's rows are added
COUNT = ",d"  # whole numbers with the thousands mark


SPECS_KEPT = 3 * FIGURES_KEPT  # specs of the charts the builders keep (three builders)
_specs: dict[int, tuple[alt.TopLevelMixin, dict]] = {}  # id of a kept chart → (the chart, its spec), oldest first
_specs_lock = threading.Lock()


def draw(where, chart: alt.TopLevelMixin, **options):
    """`where.altair_chart(chart, **options)` with the chart's Vega-Lite spec made once per chart object rather
    than on every run: Altair validates the whole chart against its schema each time it turns it into JSON (a
    tenth of the server's CPU a viewer of Tổng quan). The builders keep their charts (once_per_input), so the
    same input is the same object. The spec is the one st.altair_chart makes itself (Streamlit's own conversion:
    its data as Arrow datasets), drawn by st.vega_lite_chart, which st.altair_chart calls with it; Streamlit copies
    a spec before changing it."""
    return where.vega_lite_chart(spec=vega_spec(chart), **options)


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    known = _specs.get(id(chart))
    if known is not None and known[0] is chart:  # the chart itself is held, so its id is not another's meanwhile
        return known[1]
    spec = _convert_altair_to_vega_lite_spec(chart)
    with _specs_lock:
        _specs[id(chart)] = chart, spec
        while len(_specs) > SPECS_KEPT:
            del _specs[next(iter(_specs))]
    return spec


def heading(title: str, subtitle: str = "") -> alt.TitleParams:
    """A chart's title at its left edge, as Streamlit's headings; a subtitle under it when there is one."""
    return alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start")


@once_per_input
def stacked_bars(frame: pd.DataFrame, *, x: str, y: str, color: str, title: str, colors: dict | None = None,
                 horizontal: bool = False, x_order: list | None = None, subtitle: str = "",
                 pick: str | None = None) -> alt.Chart:
    """Bars of `y` per `x`, stacked by `color` in the order of `colors` (first at the base), the legend above the
    plot one entry a row (a phone has no room beside it); years are categories, names keep the query's Vietnamese
    order (COLLATE vi), counts have whole ticks only. With `pick`, a click or tap on a bar selects its `x` in the
    point selection of that name (st.altair_chart(on_select=...) hands it to the page)."""
    frame = frame.assign(**{x: frame[x].astype(str)}) if x == "year" else frame
    shades = list(colors) if colors else list(dict.fromkeys(frame[color]))
    frame = frame.assign(stack=frame[color].map({name: i for i, name in enumerate(shades)}))
    order = x_order or (sorted(set(frame[x])) if x == "year" else list(dict.fromkeys(frame[x])))
    label = {k: texts.COLUMN_LABELS.get(k, k) for k in (x, y, color)}
    frame = frame.assign(said=_said(frame, [x, color], y, label[y]))
    along = alt.X if not horizontal else alt.Y
    across = alt.Y if not horizontal else alt.X
    chart = alt.Chart(frame).mark_bar(cursor="pointer" if pick else "default").encode(
        along(f"{x}:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, labelAngle=0)),
        across(f"sum({y}):Q", title=label[y], axis=alt.Axis(format=COUNT, tickMinStep=1)),
        color=alt.Color(f"{color}:N", sort=shades, title=None,
                        scale=alt.Scale(domain=shades, range=list(colors.values()) if colors else MUTED),
                        legend=alt.Legend(orient="top", direction="vertical", columns=1, labelLimit=320)),
        order=alt.Order("stack:Q"), description=alt.Description("said:N"),
        tooltip=[alt.Tooltip(f"{color}:N", title=label[color]), alt.Tooltip(f"{x}:N", title=label[x]),
                 alt.Tooltip(f"sum({y}):Q", title=label[y], format=COUNT)])
    if pick:
        chart = chart.add_params(alt.selection_point(name=pick, fields=[x]))
    size = {"height": alt.Step(BAR_ROW)} if horizontal else {"height": PLOT_HEIGHT + LEGEND_ROW * len(shades)}
    return chart.properties(title=heading(title, subtitle), **size).configure(locale=LOCALE)


@once_per_input
def bars_with_values(frame: pd.DataFrame, *, x: str, y: str, title: str, colour: str) -> alt.LayerChart:
    """One bar of `y` per `x` in one colour, its value written above it; years are categories in order."""
    frame = frame.assign(**{x: frame[x].astype(str)})
    label = {k: texts.COLUMN_LABELS.get(k, k) for k in (x, y)}
    frame = frame.assign(said=_said(frame, [x], y, label[y]))
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:N", sort=sorted(set(frame[x])), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=label[y], axis=alt.Axis(format=COUNT, tickMinStep=1)),
        tooltip=[alt.Tooltip(f"{x}:N", title=label[x]), alt.Tooltip(f"{y}:Q", title=label[y], format=COUNT)],
        description=alt.Description("said:N"))
    values = base.mark_text(baseline="bottom", dy=-3, fontSize=12).encode(text=alt.Text(f"{y}:Q", format=COUNT))
    return alt.layer(base.mark_bar(color=colour), values).properties(
        title=heading(title), height=PLOT_HEIGHT).configure(locale=LOCALE)


def _said(frame: pd.DataFrame, names: list[str], value: str, value_label: str) -> pd.Series:
    """What a screen reader says of each bar, in Vietnamese ("2024 · Kinh tế: Số mô hình 12"): Vega-Lite's own
    description lists the encoded fields by their column names (district, stack)."""
    said = [" · ".join(map(str, row[:-1])) + f": {value_label} {formats.number(row[-1])}"
            for row in frame[[*names, value]].itertuples(index=False)]
    return pd.Series(said, index=frame.index, dtype=object)  # an empty frame too (no dtype to guess)


TIMELINE_COLORS = {texts.TIMELINE_BEFORE: "#BBBBBB", texts.TIMELINE_SELF: "#0077BB", texts.TIMELINE_AFTER: "#009988"}
TIMELINE_ROW = 34  # px: a bar's row (a fixed height for the whole chart came out squashed in Streamlit)
NAME_WIDTH = 200  # px at most for a unit's name beside its bar (cut with …; the tooltip has it whole), a phone's half
MARK_RISE = 16  # px: each pair of change labels sits this much above the one before, so close dates stay readable


@once_per_input
def lineage_timeline(rows: pd.DataFrame, marks: list) -> alt.LayerChart:
    """Bars over the years each unit existed, a dashed line at each change with its date and resolution above."""
    rows = rows.assign(said=rows["name"] + ": " + rows["period"])  # what a screen reader says of a bar
    names = alt.Y("name:N", sort=list(rows["name"]), title=None, axis=alt.Axis(labelLimit=NAME_WIDTH))  # rows' order
    bars = alt.Chart(rows).mark_bar().encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")), x2="end:T", y=names,
        color=alt.Color("role:N", scale=alt.Scale(domain=list(TIMELINE_COLORS), range=list(TIMELINE_COLORS.values())),
                        legend=alt.Legend(orient="bottom", title=None, columns=1)),  # one a row: fits a phone
        tooltip=[alt.Tooltip("name:N", title=texts.COLUMN_LABELS["unit"]),
                 alt.Tooltip("period:N", title=texts.TIMELINE_PERIOD)],
        description=alt.Description("said:N"))
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


MAP_HEIGHT = 520  # px: the province's plot on a desktop; on a phone its width decides, the rest is blank below it
MAP_PICK = "commune"  # the map's point selection: a click or tap on a commune selects its unit_id
PER_UNIT_STEP = 0.5  # the map's blues change by half a model per unit…
PER_UNIT_STEPS = [PER_UNIT_STEP * i for i in range(len(BLUES))]  # …from none to the darkest, 3 and more


MAP_FIELDS = ("unit_id", "fill", "tip", "said")  # what each commune carries beside its shape (see _commune)
MAP_OBJECT = "communes"  # the TopoJSON object of the communes' shapes
QUANTUM = 1e-5  # degrees: the boundary file's own precision (5 decimals), so its coordinates are whole multiples


@once_per_input
def commune_map(frame: pd.DataFrame, _geojson: dict, by_attainment: bool, title: str, subtitle: str = "") -> dict:
    """Today's communes as filled outlines, the shapes inline (no tiles or topojson to fetch: the server has no
    internet), Mercator fitted to the province. Each commune carries its row: the fill, the hover text of the whole
    commune, and the unit_id a click or tap selects (MAP_PICK) to open its profile.
    A Vega-Lite spec (for st.vega_lite_chart), not an Altair chart: Altair walks and validates every coordinate
    each time st.altair_chart turns the chart into JSON, 0.4–3 s a run for the map; the spec is made once and its
    shapes added after. The shapes are TopoJSON with whole-number coordinates (the file's own, in steps of
    QUANTUM, each from the one before): Streamlit writes and reads the spec as JSON three times a run, and
    writing the GeoJSON's decimals cost ~10× writing the same points as whole numbers. Vega reads them back into
    the file's GeoJSON features; a calculate transform lifts each commune's row out of its properties.
    `_geojson` is the one boundary file (core.geo.communes): left out of the cache's key (a leading underscore),
    as hashing its ~250 KB of coordinates on every run would cost what the cache saves."""
    arcs, shapes = _topology(_geojson)
    fill = _attainment_fill(frame) if by_attainment else _per_unit_fill(frame)
    legend_rows = len(set(fill)) if by_attainment else 2  # the blues: their title, then their row
    chart = alt.Chart(alt.Data(name=MAP_OBJECT)).mark_geoshape(stroke="#555555", strokeWidth=0.5, cursor="pointer")
    chart = chart.encode(color=_map_colour(fill, by_attainment), tooltip=alt.Tooltip("tip:N"),
                         description=alt.Description("said:N"))
    chart = chart.add_params(alt.selection_point(name=MAP_PICK, fields=["unit_id"])).project(type="mercator")
    spec = chart.properties(title=heading(title, subtitle), height=MAP_HEIGHT + LEGEND_ROW * legend_rows,
                            ).configure_view(stroke=None).configure(locale=LOCALE).to_dict()
    communes = [_commune(shapes[row.code], row, shade) for row, shade in zip(frame.itertuples(), fill)
                if row.code in shapes]
    spec["data"] = {"values": {"type": "Topology", "transform": {"scale": [QUANTUM, QUANTUM], "translate": [0, 0]},
                               "objects": {MAP_OBJECT: {"type": "GeometryCollection", "geometries": communes}},
                               "arcs": arcs},
                    "format": {"type": "topojson", "feature": MAP_OBJECT}}
    spec["transform"] = [{"calculate": f"datum.properties.{name}", "as": name} for name in MAP_FIELDS]
    return spec


_TOPOLOGIES: dict[int, tuple[dict, tuple]] = {}  # id of a boundary file's dict → (the dict, its topology)


def _topology(geojson: dict) -> tuple[list, dict]:
    """The file's rings as TopoJSON arcs (one arc a ring, none shared: the shapes exactly as in the file) and each
    commune's geometry by its code, made once per boundary file."""
    known = _TOPOLOGIES.get(id(geojson))
    if known is not None and known[0] is geojson:
        return known[1]
    arcs, shapes = [], {}

    def ring(points: list) -> list[int]:
        whole = [(round(x / QUANTUM), round(y / QUANTUM)) for x, y in points]
        arcs.append([list(whole[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(whole, whole[1:])])
        return [len(arcs) - 1]

    for feature in geojson["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            shape = [ring(points) for points in geometry["coordinates"]]
        else:
            shape = [[ring(points) for points in polygon] for polygon in geometry["coordinates"]]
        shapes[feature["properties"]["code"]] = {"type": geometry["type"], "arcs": shape}
    _TOPOLOGIES[id(geojson)] = geojson, (arcs, shapes)
    return arcs, shapes


def _commune(shape: dict, row, shade: str) -> dict:
    """A commune's TopoJSON geometry with its row in its properties (MAP_FIELDS). `said` is what a screen reader
    says of it (the hover text on one line)."""
    tip = _map_tip(row)
    said = "; ".join([tip["title"]] + [f"{label}: {value}" for label, value in list(tip.items())[1:]])
    return {**shape, "properties": {"unit_id": int(row.unit_id), "fill": shade, "tip": tip, "said": said}}


def _attainment_fill(frame: pd.DataFrame) -> list[str]:
    return list(frame["attainment"].fillna(texts.NOT_SUBMITTED))


def _per_unit_fill(frame: pd.DataFrame) -> list[str]:
    """Models per unit rounded up to the map's step and capped at its darkest blue: a commune with any model is
    never drawn as one with none. The step is written as the legend shows it (0,5)."""
    steps = [min(math.ceil(value / PER_UNIT_STEP), len(BLUES) - 1) for value in frame["per_unit"].fillna(0)]
    return [_step_label(PER_UNIT_STEPS[step]) for step in steps]


def _step_label(value: float) -> str:
    return formats.decimal(value, 0 if value == int(value) else 1)


def _map_colour(fill: list[str], by_attainment: bool) -> alt.Color:
    """The levels in their fixed order and colours, those on the map only, a row each above it; or every blue
    step, light to dark, in one row under it."""
    if by_attainment:
        levels = [level for level in texts.ATTAINMENT_LEVELS if level in set(fill)]
        scale = alt.Scale(domain=levels, range=[ATTAINMENT_COLORS[level] for level in levels])
        legend = alt.Legend(orient="top", direction="vertical", columns=1, title=None, labelLimit=320,
                            symbolType="square", symbolSize=100, symbolStrokeWidth=0)  # rows as the bars
    else:
        scale = alt.Scale(domain=[_step_label(value) for value in PER_UNIT_STEPS], range=BLUES)
        legend = alt.Legend(orient="bottom", direction="horizontal", title=texts.MAP_LABELS["per_unit"],
                            columns=len(BLUES), symbolType="square", symbolStrokeWidth=0)
    return alt.Color("fill:N", scale=scale, legend=legend, sort=scale.domain)


def _map_tip(row) -> dict:
    """The hover text of a commune, as a table under its name (Vega's tooltip shows an object so, `title` first)."""
    labels = texts.MAP_LABELS
    tip = {"title": row.commune, labels["units"]: formats.number(row.units),
           labels["submitted"]: formats.number(row.submitted), labels["models"]: formats.number(row.models),
           labels["per_unit"]: formats.decimal(row.per_unit, None)}
    if isinstance(row.attainment, str):
        tip[labels["attainment"]] = row.attainment
    if row.shared:
        tip[labels["note"]] = texts.MAP_SHARED
    return tip
