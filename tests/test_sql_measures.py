"""The measures computed on the engine equal the pandas path's exactly: value, n, numerator and
denominator, group for group, on generated data with nulls, NaN, ties and empty groups."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

ibis = pytest.importorskip("ibis")
pytest.importorskip("duckdb")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sqms.engine.measures import MEASURES as PANDAS_MEASURES  # noqa: E402
from sqms.engine.measures import MeasureInput  # noqa: E402
from sqms.engine.sql.measures import FINISH, MEASURES  # noqa: E402
from sqms.schema.plan import Indicator  # noqa: E402

pytestmark = [  # Ibis 12 under pandas 3 (see sqms.engine.sql.engine.LIBRARY_NOISE)
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated"),
]
RESULT = ["value", "n", "numerator", "denominator"]


@pytest.fixture(scope="module")
def connection() -> Any:
    return ibis.duckdb.connect(threads=2)


@st.composite
def frames(draw: Any) -> pd.DataFrame:
    size = draw(st.integers(0, 60))
    value = st.one_of(
        st.none(),
        st.sampled_from([0.0, 1.0, 2.5, 4.0, 9.0, 10.0, -1.0]),
        st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False),
    )
    return pd.DataFrame(
        {
            "_period": pd.Series(
                draw(st.lists(st.integers(1, 4), min_size=size, max_size=size)), dtype="int64"
            ),
            "channel": pd.Series(
                draw(
                    st.lists(st.sampled_from(["chat", "mail", None]), min_size=size, max_size=size)
                ),
                dtype="str",
            ),
            "v": pd.Series(draw(st.lists(value, min_size=size, max_size=size)), dtype="float64"),
            "_where": pd.Series(
                draw(st.lists(st.booleans(), min_size=size, max_size=size)), dtype="bool"
            ),
            "_among": pd.Series(
                draw(st.lists(st.booleans(), min_size=size, max_size=size)), dtype="bool"
            ),
        }
    )


INDICATORS = st.one_of(
    st.sampled_from(["count", "sum", "share", "mean", "median", "nps"]).map(
        lambda m: Indicator.model_construct(measure=m, column="v", q=None, method=None)
    ),
    st.builds(
        lambda q, method: Indicator.model_construct(
            measure="quantile", column="v", q=q, method=method
        ),
        st.sampled_from([0.1, 0.25, 0.5, 0.9, 0.95, 0.07, 1.0, 1 / 3]),
        st.sampled_from(["nearest_rank", "linear", None]),
    ),
)


def _pandas(indicator: Indicator, frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    inp = MeasureInput(indicator, frame, frame[keys], keys, frame["_where"], frame["_among"], {})
    table = PANDAS_MEASURES[indicator.measure](inp).reset_index()
    return _tidy(table, keys)


def _engine(
    connection: Any, indicator: Indicator, frame: pd.DataFrame, keys: list[str]
) -> pd.DataFrame:
    table = connection.create_table("m", frame, overwrite=True)
    found = connection.execute(MEASURES[indicator.measure](indicator, table, keys))
    if indicator.measure in FINISH:
        found = FINISH[indicator.measure](found, keys)
    return _tidy(found, keys)


def _tidy(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = table[[*keys, *RESULT]].copy()
    for column in RESULT:
        out[column] = out[column].astype("float64")
    out["channel" if "channel" in keys else "_period"] = out[keys[-1]].astype("str")
    out["_period"] = out["_period"].astype("int64")
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


@settings(max_examples=250, deadline=None)
@given(frame=frames(), indicator=INDICATORS, by_channel=st.booleans())
def test_measures_agree_exactly(
    connection: Any, frame: pd.DataFrame, indicator: Indicator, by_channel: bool
) -> None:
    keys = ["_period", "channel"] if by_channel else ["_period"]
    expected = _pandas(indicator, frame, keys)
    got = _engine(connection, indicator, frame, keys)
    assert got[keys].astype("str").values.tolist() == expected[keys].astype("str").values.tolist()
    for column in RESULT:
        mine, theirs = expected[column].to_numpy(), got[column].to_numpy()
        same = (mine == theirs) | (np.isnan(mine) & np.isnan(theirs))
        assert same.all(), (indicator.measure, indicator.q, indicator.method, column, mine, theirs)
