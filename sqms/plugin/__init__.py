"""The MkDocs plugin: a thin adapter that publishes what the core computes."""
