"""The indicators' plan on a query engine, through Ibis (DuckDB embedded by default)."""
