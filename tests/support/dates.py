"""The days the tests judge projects as of, and the ``SOURCE_DATE_EPOCH`` that gives each."""

from __future__ import annotations

import datetime as dt

NOV_24_2026 = dt.date(2026, 11, 24)
"""The day most register, review and site tests are judged as of."""
NOV_24_2026_EPOCH = "1795478400"
"""``SOURCE_DATE_EPOCH`` of 2026-11-24 00:00 UTC: a build or a load is judged as of that day."""
