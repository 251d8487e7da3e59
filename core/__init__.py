"""Shared code of the dashboard: configuration, texts, database access and queries."""
