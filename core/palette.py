"""Colours that carry a meaning, shared by the charts, the tables and the report workbook."""
from core import texts

# Paul Tol's colour-blind-safe palette; the same colour means the same attainment everywhere.
ATTAINMENT_COLORS = dict(zip(texts.ATTAINMENT_LEVELS, ["#BBBBBB", "#EE7733", "#0077BB", "#009988"]))
LIGHT_ATTAINMENTS = (texts.NOT_SUBMITTED, texts.BELOW_TARGET)  # the light colours: dark text on them
