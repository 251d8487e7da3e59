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
    fig = px.bar(frame, y="district", x="units", color="attainment", orientation="h",
                 category_orders={"attainment": texts.ATTAINMENT_LEVELS},
                 color_discrete_map=ATTAINMENT_COLORS, title=texts.CHART_ATTAINMENT.format(year=year),
                 labels={"district": texts.COL_DISTRICT, "units": texts.COL_UNITS, "attainment": texts.COL_ATTAINMENT})
    fig.update_yaxes(categoryorder="category descending", title=None)
    fig.update_traces(hovertemplate=f"%{{y}}<br>{texts.COL_UNITS}: %{{x:,d}}<extra></extra>")
    fig.update_layout(height=max(360, 24 * frame["district"].nunique() + 120))
    return _layout(fig)
