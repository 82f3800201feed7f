"""Charts remembered by the numbers they draw, so that drawing the same numbers again is free.

The live preview builds every page again on each save, and most charts then
draw the numbers they drew before. A chart builder decorated with
:func:`by_numbers` runs only when its arguments differ from those of a call it
remembers: tables by their columns, types and a hash of their values, other
arguments by type and value, together with the language. Otherwise the chart
built then is returned, and :func:`~sqms.site.charts.base.render_svg` gives
the SVG it rendered then with the same font, without building the chart's
specification again.

What cannot be keyed this way (an argument of another kind) is built every
time. The memory holds the last :data:`REMEMBERED` charts of the process; no
chart is kept on disk, so nothing a pull request commits can stand in for one.
Callers never change a chart a builder returns: they only render it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from sqms.i18n import current_language

REMEMBERED = 1024
"""How many charts (with their SVG) the process keeps: more than any site draws."""
SCALARS = (
    *(str, int, float, complex, bytes, decimal.Decimal, enum.Enum, np.generic),
    *(dt.date, dt.time, dt.timedelta, pd.Period, pd.Interval),
)
"""Values keyed by their type and ``repr``, which names all they hold (a period its frequency;
``bool`` is an ``int``, a ``Timestamp`` a date with its time zone)."""

Builder = TypeVar("Builder", bound=Callable[..., Any])


class Unkeyable(TypeError):
    """An argument that has no key by its content: the chart is built every time."""


@dataclasses.dataclass
class _Entry:
    chart: Any
    svg: tuple[str, str] | None = None
    """The font identity the chart was rendered with, and its SVG."""


_lock = threading.Lock()
_by_key: OrderedDict[str, _Entry] = OrderedDict()
_by_chart: dict[int, _Entry] = {}


def content_key(*values: Any) -> str:
    """A key of ``values`` by their content: equal keys, equal values (for a chart's purpose)."""
    digest = hashlib.blake2b(digest_size=32)
    for value in values:
        _feed(digest, value)
    return digest.hexdigest()


def _feed(digest: Any, value: Any) -> None:
    """Add ``value``, tagged with its type, to ``digest``; raises :class:`Unkeyable`."""
    kind = type(value)
    digest.update(f"<{kind.__module__}.{kind.__qualname__}>".encode())
    if value is None or value is pd.NA or value is pd.NaT or isinstance(value, SCALARS):
        digest.update(repr(value).encode("utf-8", "surrogatepass"))
    elif isinstance(value, pd.DataFrame):
        _feed(digest, list(value.columns))
        for position in range(value.shape[1]):
            _feed(digest, value.iloc[:, position])
        _feed(digest, pd.Series(value.index, name=value.index.name))
    elif isinstance(value, pd.Series):
        _feed_values(digest, value)
    elif isinstance(value, np.ndarray):
        _feed(digest, pd.Series(value.ravel()))
        _feed(digest, list(value.shape))
    elif isinstance(value, list | tuple):
        digest.update(str(len(value)).encode())
        for item in value:
            _feed(digest, item)
    elif isinstance(value, Mapping):
        _feed(digest, [(key, value[key]) for key in sorted(value, key=repr)])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _feed(digest, (field.name, getattr(value, field.name)))
    else:
        raise Unkeyable(kind.__qualname__)


def _feed_values(digest: Any, series: pd.Series) -> None:
    """A column by its name, type and values: a NumPy column by its bytes, any other by each value.

    Values of any other type (text, categories, nullable numbers, objects)
    go in with their own type, so that 1 and "1", or a missing value and
    the text "nan", never give the same key. A chart draws aggregates only,
    so such columns are short.
    """
    _feed(digest, series.name)
    digest.update(f"{series.dtype!r}:{len(series)}:".encode())  # a category's repr lists them
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "biufcmM":
        digest.update(np.ascontiguousarray(series.to_numpy()).tobytes())
        return
    for item in series.tolist():
        _feed(digest, item)


def by_numbers(builder: Builder) -> Builder:
    """Remember the charts ``builder`` returns by the content of its arguments (see above)."""

    @functools.wraps(builder)
    def remembered(*args: Any, **kwargs: Any) -> Any:
        try:
            key = content_key(
                builder.__module__, builder.__qualname__, current_language(), args, kwargs
            )
        except Unkeyable:
            return builder(*args, **kwargs)
        with _lock:
            entry = _by_key.get(key)
            if entry is not None:
                _by_key.move_to_end(key)
                return entry.chart
        chart = builder(*args, **kwargs)
        _remember(key, chart)
        return chart

    return cast(Builder, remembered)


def _remember(key: str, chart: Any) -> None:
    with _lock:
        entry = _Entry(chart)
        _by_key[key] = entry
        _by_chart[id(chart)] = entry
        while len(_by_key) > REMEMBERED:
            _, dropped = _by_key.popitem(last=False)
            if _by_chart.get(id(dropped.chart)) is dropped:
                del _by_chart[id(dropped.chart)]


def remembered_svg(chart: Any, fonts: str) -> str | None:
    """The SVG rendered before with ``fonts`` for this very chart, if a builder remembers it."""
    with _lock:
        entry = _by_chart.get(id(chart))
        if entry is None or entry.chart is not chart or entry.svg is None:
            return None
        rendered_with, svg = entry.svg
        return svg if rendered_with == fonts else None


def remember_svg(chart: Any, fonts: str, svg: str) -> None:
    """Keep the SVG of a chart a builder remembers, rendered with ``fonts`` (others: not kept)."""
    with _lock:
        entry = _by_chart.get(id(chart))
        if entry is not None and entry.chart is chart:
            entry.svg = (fonts, svg)


def forget() -> None:
    """Forget every chart (for tests that change how charts are drawn)."""
    with _lock:
        _by_key.clear()
        _by_chart.clear()
