"""Ingest: read → normalise → headers → validate → load, with batch, rollback, registry, template, error report,
backup, CLI and the demo and registry builders. Imports core/ only; no Streamlit."""
