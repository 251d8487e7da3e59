"""Plotly figures with Vietnamese labels, categorical years and the fixed attainment colours."""
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from core import texts

# Paul Tol's colour-blind-safe palette; the same colour means the same attainment everywhere.
ATTAINMENT_COLORS = {"Chưa nộp": "#BBBBBB", "Chưa đạt": "#EE7733", "Đạt": "#0077BB", "Vượt": "#009988"}
SEPARATORS = ",."  # decimal comma, thousands dot


def _layout(fig: go.Figure) -> go.Figure:
    fig.update_layout(separators=SEPARATORS, margin=dict(l=8, r=8, t=40, b=8), legend_title_text="",
                      legend=dict(orientation="h", y=-0.2), font=dict(size=13))
    return fig


def models_per_year(frame: pd.DataFrame) -> go.Figure:
    frame = frame.assign(year=frame["year"].astype(str))
    fig = px.bar(frame, x="year", y="models", text="models", title=texts.CHART_MODELS_PER_YEAR,
                 labels={"year": texts.COL_YEAR, "models": texts.COL_MODELS},
                 color_discrete_sequence=[ATTAINMENT_COLORS["Đạt"]])
    fig.update_xaxes(type="category")
    fig.update_traces(texttemplate="%{y:,d}", hovertemplate=f"{texts.COL_YEAR} %{{x}}<br>{texts.COL_MODELS}: %{{y:,d}}<extra></extra>")
    return _layout(fig)


def attainment_by_district(frame: pd.DataFrame, year: int) -> go.Figure:
    return stacked(frame, x="district", y="units", color="attainment", colors=ATTAINMENT_COLORS, horizontal=True,
                   title=texts.CHART_ATTAINMENT.format(year=year))


FIELD_COLORS = {"Kinh tế": "#4477AA", "Văn hóa - Xã hội": "#EE6677", "Quốc phòng - An ninh": "#228833",
                "Xây dựng hệ thống chính trị": "#CCBB44"}
FORM_COLORS = {"Xây dựng mới": "#0077BB", "Nhân rộng": "#33BBEE", "Duy trì": "#BBBBBB"}
TYPE_COLORS = {"Tập thể": "#332288", "Cá nhân": "#DDCC77"}
MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255"]


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
    if not x_order:
        axis(categoryorder="category descending" if horizontal else "category ascending")
    axis(type="category", title=None)
    value = "%{x:,d}" if horizontal else "%{y:,d}"
    fig.update_traces(hovertemplate=f"%{{fullData.name}}<br>{value}<extra></extra>")
    if horizontal:
        fig.update_layout(height=max(360, 24 * frame[x].nunique() + 140))
    return _layout(fig)


def award_colors(awards: list[str]) -> dict:
    return {a: MUTED[i % len(MUTED)] for i, a in enumerate(awards)}
