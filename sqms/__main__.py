"""``python -m sqms``: the same command as ``sqms``."""

from __future__ import annotations

from sqms.cli.main import main

if __name__ == "__main__":
    main()
