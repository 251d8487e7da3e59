"""Colours that carry a meaning, shared by the charts, the tables and the report workbook."""
from core import texts

# Paul Tol's colour-blind-safe palette; the same colour means the same attainment everywhere.
ATTAINMENT_COLORS = dict(zip(texts.ATTAINMENT_LEVELS, ["#BBBBBB", "#EE7733", "#0077BB", "#009988"]))
LIGHT_ATTAINMENTS = (texts.NOT_SUBMITTED, texts.BELOW_TARGET)  # the light colours: dark text on them

# The charts' colours, the same for a name on every page (Paul Tol's palettes again).
FIELD_COLORS = {"Kinh tế": "#4477AA", "Văn hóa - Xã hội": "#EE6677", "Quốc phòng - An ninh": "#228833",
                "Xây dựng hệ thống chính trị": "#CCBB44"}
FORM_COLORS = {"Xây dựng mới": "#0077BB", "Nhân rộng": "#33BBEE", "Duy trì": "#BBBBBB"}
TYPE_COLORS = {"Tập thể": "#332288", "Cá nhân": "#DDCC77"}
MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255"]
# The map's models per unit, light to dark: ColorBrewer's 7-class Blues, one shade a step of PER_UNIT_STEPS.
BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]


def award_colors(awards: list[str]) -> dict:
    return {a: MUTED[i % len(MUTED)] for i, a in enumerate(awards)}
