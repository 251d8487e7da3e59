"""The Streamlit layer under pages/: cached database access, sidebar filters, charts, tables, KPIs, the map, the
lineage view, downloads, sign-in and the staff actions. Imports core/ and etl/, never pages/."""
