"""Charts are remembered by the numbers they draw: the same numbers are neither built nor
rendered again, and any difference (a value, a type, the language) draws anew."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import sqms.site.charts.base as base_module
from sqms.i18n import use_language
from sqms.site.charts import memo, render_svg, trend_chart
from sqms.site.charts.memo import by_numbers, content_key
from tests.mini import site_files
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.projects import ProjectFactory


@pytest.fixture(autouse=True)
def empty_memory() -> Iterator[None]:
    memo.forget()
    yield
    memo.forget()


def _rows(value: float = 0.8) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.Series(["2026-09", "2026-10", "2026-11"], dtype="str"),
            "value": pd.Series([0.7, 0.75, value], dtype="float64"),
            "target": pd.Series([0.8, 0.8, 0.8], dtype="float64"),
            "warning": pd.Series([0.7, 0.7, 0.7], dtype="float64"),
            "status": pd.Series(["not_judged", "warning", "meets"], dtype="str"),
        }
    )


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The specifications vl-convert is asked to render (its own cache bypassed)."""
    seen: list[str] = []

    def render(spec_json: str, fonts: str) -> str:
        seen.append(spec_json)
        return f"<svg>{len(seen)}</svg>"

    monkeypatch.setattr(base_module, "_render", render)
    return seen


def test_the_same_numbers_are_built_and_rendered_once(renders: list[str]) -> None:
    first = trend_chart(_rows(), title="Resolved", unit="percent")
    again = trend_chart(_rows(), title="Resolved", unit="percent")
    assert again is first
    assert render_svg(first) == render_svg(again) == "<svg>1</svg>"
    assert len(renders) == 1


def test_any_difference_draws_anew(renders: list[str]) -> None:
    first = trend_chart(_rows(), title="Resolved", unit="percent")
    charts = [
        trend_chart(_rows(0.81), title="Resolved", unit="percent"),
        trend_chart(_rows(), title="Resolved!", unit="percent"),
        trend_chart(_rows(), title="Resolved", unit="percent", benchmark=0.9),
    ]
    with use_language("zh"):
        charts.append(trend_chart(_rows(), title="Resolved", unit="percent"))
    for chart in charts:
        assert chart is not first
        render_svg(chart)
    render_svg(first)
    assert len(renders) == 5
    assert len(set(renders)) == 5


def test_a_changed_number_changes_the_svg() -> None:
    """Through vl-convert itself: the remembered SVG is never that of other numbers."""
    low = render_svg(trend_chart(_rows(0.5), title="Resolved", unit="percent"))
    high = render_svg(trend_chart(_rows(0.9), title="Resolved", unit="percent"))
    assert low != high
    assert render_svg(trend_chart(_rows(0.5), title="Resolved", unit="percent")) == low


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (pd.Series([1], dtype="object"), pd.Series(["1"], dtype="object")),
        (pd.Series([None], dtype="object"), pd.Series(["None"], dtype="object")),
        (pd.Series([np.nan], dtype="object"), pd.Series(["nan"], dtype="object")),
        (pd.Series(["nan"], dtype="str"), pd.Series([np.nan], dtype="str")),
        (pd.Series([1, 2], dtype="int64"), pd.Series([1, 2], dtype="float64")),
        (pd.Series([1.0, np.nan], dtype="float64"), pd.Series([1.0, 2.0], dtype="float64")),
        (pd.Series([1, None], dtype="Int64"), pd.Series([1, 0], dtype="Int64")),
        (pd.Series(["a", "b"], dtype="category"), pd.Series(["b", "a"], dtype="category")),
        (pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]})),
        (pd.DataFrame({"a": [1]}, index=[0]), pd.DataFrame({"a": [1]}, index=[1])),
        ((1, 2), [1, 2]),
        ({"a": 1}, {"a": 2}),
        (True, 1),
        (pd.Timestamp("2026-01-01", tz="UTC"), pd.Timestamp("2026-01-01")),
        (pd.Period("2026-01", "M"), pd.Period("2026-01-01", "D")),
        (pd.Series([1], name="a"), pd.Series([1], name="b")),
        (pd.DataFrame({1: [1]}), pd.DataFrame({"1": [1]})),
        (
            pd.Series(pd.Categorical(["a"], categories=["a", "b"])),
            pd.Series(pd.Categorical(["a"], categories=["b", "a"])),
        ),
        (pd.DataFrame({"a": [1]}, index=pd.Index([0], name="x")), pd.DataFrame({"a": [1]})),
        (pd.Series([pd.Period("2026-01", "M")]), pd.Series([pd.Period("2026-02", "M")])),
    ],
)
def test_values_that_differ_have_other_keys(one: Any, other: Any) -> None:
    assert content_key(one) != content_key(other)


def test_equal_content_has_one_key() -> None:
    @dataclasses.dataclass(frozen=True)
    class Shown:
        rows: pd.DataFrame
        label: str

    assert content_key(Shown(_rows(), "x")) == content_key(Shown(_rows(), "x"))
    assert content_key({"b": 1, "a": 2}) == content_key({"a": 2, "b": 1})
    assert content_key(Shown(_rows(), "x")) != content_key(Shown(_rows(0.1), "x"))


def test_the_charts_of_a_site_have_keys(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the pages hand the builders (periods, tables, dates) is keyed: no chart of a
    site is built again for want of a key."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_24_2026_EPOCH)
    root = make_project(site_files())
    unkeyed: list[str] = []
    original = memo.content_key

    def watched(*values: Any) -> str:
        try:
            return original(*values)
        except memo.Unkeyable as exc:
            unkeyed.append(f"{values[1]}: {exc}")
            raise

    monkeypatch.setattr(memo, "content_key", watched)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config, dirty=False)
    assert len(memo._by_key) > 10  # the mini site's charts
    assert unkeyed == []


def test_an_argument_without_a_key_is_built_every_time() -> None:
    built: list[int] = []

    @by_numbers
    def chart(anything: object) -> object:
        built.append(1)
        return object()

    token = object()
    assert chart(token) is not chart(token)
    assert len(built) == 2


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "REMEMBERED", 2)

    @by_numbers
    def chart(number: int) -> list[int]:
        return [number]

    first = chart(1)
    chart(2)
    chart(3)
    assert chart(1) is not first  # forgotten, built again
    assert len(memo._by_key) == len(memo._by_chart) == 2
