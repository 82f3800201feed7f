"""Invariants of the measures on random data (property-based)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sqms.engine.measures import MEASURES, MeasureInput, wilson_interval
from sqms.schema.plan import Indicator

rows = st.lists(
    st.tuples(
        st.sampled_from(["2026-01", "2026-02", "2026-03"]),
        st.sampled_from(["chat", "email", "phone"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=50)),
    ),
    min_size=1,
    max_size=60,
)


def measure_input(
    data: list[tuple[str, str, int | None]], dims: list[str], **spec: object
) -> MeasureInput:
    """Rows (month, channel, x) grouped by month and ``dims``.

    With a ``where`` in ``spec``, the masks are ``x <= 10`` among ``x`` present;
    otherwise every row is used.
    """
    frame = pd.DataFrame(
        {
            "month": pd.Series([r[0] for r in data], dtype="str"),
            "channel": pd.Series([r[1] for r in data], dtype="str"),
            "x": pd.Series([np.nan if r[2] is None else r[2] for r in data], dtype="float64"),
        }
    )
    indicator = Indicator.model_validate({"name": "t", "family": "quality", "dataset": "d", **spec})
    groups = frame[dims].assign(_period=frame["month"])
    keys = ["_period", *dims]
    if "where" not in spec:
        everything = pd.Series(True, index=frame.index, dtype="bool")
        return MeasureInput(indicator, frame, groups, keys, everything, everything)
    return MeasureInput(indicator, frame, groups, keys, frame["x"] <= 10, frame["x"].notna())


@given(rows)
@settings(max_examples=60, deadline=None)
def test_breakdown_numerators_and_denominators_add_up_to_the_total(
    data: list[tuple[str, str, int | None]],
) -> None:
    total = MEASURES["share"](measure_input(data, [], measure="share", where="x <= 10"))
    split = MEASURES["share"](measure_input(data, ["channel"], measure="share", where="x <= 10"))
    summed = split.groupby(level="_period")[["numerator", "denominator"]].sum()
    pd.testing.assert_frame_equal(total[["numerator", "denominator"]], summed, check_dtype=False)
    # The total share is the pooled ratio, not the mean of the channels' shares.
    expected = summed["numerator"] / summed["denominator"].where(summed["denominator"] > 0)
    pd.testing.assert_series_equal(total["value"], expected, check_names=False)


@given(rows, st.sampled_from([0.1, 0.25, 0.5, 0.7, 0.9, 0.95, 1.0]))
@settings(max_examples=80, deadline=None)
def test_nearest_rank_quantile_is_numpys_inverted_cdf(
    data: list[tuple[str, str, int | None]], q: float
) -> None:
    inp = measure_input(data, ["channel"], measure="quantile", column="x", q=q)
    result = MEASURES["quantile"](inp)
    frame = inp.frame.dropna(subset=["x"])
    for (month, channel), group in frame.groupby(["month", "channel"]):
        expected = np.quantile(group["x"].to_numpy(), q, method="inverted_cdf")
        assert result.loc[(month, channel), "value"] == expected
        assert result.loc[(month, channel), "n"] == len(group)


proportions = st.integers(min_value=1, max_value=500).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(proportions)
def test_wilson_interval_contains_the_proportion(counts: tuple[int, int]) -> None:
    successes, trials = counts
    low, high = wilson_interval(pd.Series([successes]), pd.Series([trials]))
    assert 0 <= low.iloc[0] <= successes / trials <= high.iloc[0] <= 1
