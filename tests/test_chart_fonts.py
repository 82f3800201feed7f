"""Charts are the same on every machine, and their text never overlaps.

Vega lays chart text out by its measured width, and vl-convert measures with
the fonts it finds: left to the machine, a Chinese legend measured where no
Chinese font is installed overlapped, and one measured where a Chinese font
is installed gave other SVG. Chart text is set in Noto Sans CJK SC, shipped
by the ``noto-cjk-sans-otc`` package and registered with vl-convert.

How independence is proven: vl-convert finds the machine's fonts through
fontconfig's configuration (``FONTCONFIG_FILE``, read by its font database),
so a child process given a configuration that lists only an empty folder sees
no font of the machine at all, and one given a configuration that lists the
Noto folder sees a Chinese font installed on the machine. The same charts
must come out byte for byte the same in both and in this machine's own
setting; the same charts measured before the font is registered must not,
which shows that the comparison can see a difference. What is not
proven here: a machine with another version of Noto Sans CJK SC installed
(vl-convert would measure with that copy; the shipped font is 2.004, the
current release, so they agree when the machine's is current too).

The browser test opens every chart of the Chinese sample, and a page of
Chinese charts the sample lacks (control charts with crowded signals and
close limits, an mR chart, the stage chart, a histogram), in Chromium with
the same font available to it (as a reader who has Noto Sans CJK SC installed
sees them), and checks that no two texts of a chart overlap: their em boxes
(as tall as the font size, rotated with rotated labels) do not intersect.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pytest

from sqms.diagnostics import Severity, code_of
from sqms.i18n import use_language
from sqms.site.charts import (
    base,
    control_chart,
    histogram_chart,
    render_svg,
    stage_chart,
    trend_chart,
)
from sqms.site.charts import fonts as chart_font
from sqms.site.charts.control import (
    LABEL_GAP,
    SIGNAL_PLACES,
    limit_labels,
    moving_range_chart,
    plot_domain,
    signal_labels,
    spread,
)
from tests import test_site_zh
from tests.support.sites import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

PERIODS = [f"{2025 + m // 12}-{m % 12 + 1:02d}" for m in range(36)]

# The Chinese sample, built once per session as ``tests/test_site_zh.py`` builds it.
zh_site = test_site_zh.zh_site


# --------------------------------------------------------------------------
# The font and its registration
# --------------------------------------------------------------------------


def test_the_shipped_font_is_registered_and_measured_with() -> None:
    fonts = chart_font.chart_fonts()
    assert fonts.problem is None, fonts.problem
    assert fonts.identity.startswith("noto-cjk-sans-otc ")
    assert "NotoSansCJK-Regular.ttc" in fonts.identity
    assert fonts.stack.split(", ")[0] == chart_font.FAMILY == "Noto Sans CJK SC"
    assert chart_font.family_measured(chart_font.FAMILY)
    assert not chart_font.family_measured("SQMS another family nobody has")


def test_every_chart_is_written_in_the_shipped_font_of_one_weight() -> None:
    with use_language("zh"):
        spec = trend_chart(trend_rows(), title="首次响应", unit="percent").to_dict()
    config = spec["config"]
    assert config["font"] == chart_font.FONT_STACK
    assert config["title"]["fontWeight"] == config["axis"]["titleFontWeight"] == "normal"
    svg = render_svg(trend_chart(trend_rows(), title="首次响应", unit="percent"))
    assert 'font-weight="bold"' not in svg
    assert f'font-family="{chart_font.FONT_STACK}"' in svg


def test_a_missing_font_package_is_a_coded_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = chart_font.register_fonts(None)
    assert missing.identity == "" and missing.problem is not None
    monkeypatch.setattr(chart_font, "chart_fonts", lambda: missing)
    [warning] = chart_font.font_diagnostics()
    assert warning.severity is Severity.WARNING
    assert warning.code == "SQ833"
    assert warning.format().startswith(
        "noto-cjk-sans-otc: warning: the chart font is not installed"
    )
    with use_language("zh"):
        assert "未安装图表字体" in warning.format()


def test_a_font_vl_convert_does_not_use_is_a_coded_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Registered without complaint, yet the family is not measured with.
    monkeypatch.setattr(chart_font.vl_convert, "register_font_directory", lambda folder: None)
    monkeypatch.setattr(chart_font, "family_measured", lambda family=chart_font.FAMILY: False)
    fonts = chart_font.register_fonts(tmp_path)
    assert fonts.identity == "" and code_of(fonts.problem) == "SQ834"
    assert "vl-convert does not find the family Noto Sans CJK SC" in str(fonts.problem)


def test_a_font_vl_convert_refuses_is_a_coded_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(folder: str) -> None:
        raise ValueError("Could not acquire font_db reference")

    monkeypatch.setattr(chart_font.vl_convert, "register_font_directory", refuse)
    fonts = chart_font.register_fonts(tmp_path)
    assert code_of(fonts.problem) == "SQ834"
    assert "could not be registered: Could not acquire font_db reference" in str(fonts.problem)


def test_no_warning_when_the_font_is_in_use() -> None:
    assert chart_font.font_diagnostics() == []


def test_the_cache_keeps_charts_of_different_fonts_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    chart = trend_chart(trend_rows(4), title="Cached", unit="percent")
    first = render_svg(chart)
    before = base._render.cache_info()
    assert render_svg(chart) == first  # remembered with its font: vl-convert is not asked
    assert base._render.cache_info() == before
    other = chart_font.ChartFonts(chart_font.FONT_STACK, "another font 1.0", None)
    monkeypatch.setattr(base, "chart_fonts", lambda: other)
    render_svg(chart)
    after = base._render.cache_info()
    assert after.misses == before.misses + 1, "another font is another cache entry"


# --------------------------------------------------------------------------
# The same SVG on any machine
# --------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import hashlib, json, sys
    import pandas as pd
    import vl_convert
    from sqms.i18n import use_language
    from sqms.site.charts import control_chart, render_svg, stage_chart, trend_chart
    from sqms.site.charts.fonts import chart_fonts, family_measured

    periods = [f"2025-{m:02d}" for m in range(1, 13)]
    trend = pd.DataFrame({"period": periods, "value": [0.9, 0.95, 1.0, 0.97] * 3,
                          "target": [0.95] * 12, "warning": [0.9] * 12, "status": ["meets"] * 12})
    points = pd.DataFrame({"period": periods, "value": [0.5] * 11 + [0.9], "centre": [0.5] * 12,
                           "lower": [0.3] * 12, "upper": [0.7] * 12, "baseline": [True] * 12,
                           "signal": [""] * 11 + ["WE1"]})
    stages = pd.DataFrame({"x": ["2026-01"] * 2, "stage": ["等待首次响应", "处理"],
                           "median": [0.4, 20.0]})
    charts = {}
    for language in ("en", "zh"):
        with use_language(language):
            charts[f"trend-{language}"] = trend_chart(trend, title="首次响应 First response",
                                                      unit="percent", benchmark=0.88)
            charts[f"control-{language}"] = control_chart(points, title="控制图", unit="percent",
                                                          kind="p")
            charts[f"stages-{language}"] = stage_chart(stages, title="各阶段", x_title="周期",
                                                       stages=["等待首次响应", "处理"])
    digest = lambda text: hashlib.sha256(text.encode()).hexdigest()
    # First the same charts before the shipped font is registered (at the first render_svg):
    # what the machine has decides what they are measured with.
    machine = {}
    for name, chart in charts.items():
        machine[name] = digest(vl_convert.vegalite_to_svg(chart.to_dict(validate=False)))
    shipped = {name: digest(render_svg(chart)) for name, chart in charts.items()}
    print(json.dumps({"shipped": shipped, "machine": machine, "problem": chart_fonts().problem,
                      "dejavu": family_measured("DejaVu Sans")}))
    """
)


def render_in_child(fontconfig: Path | None, home: Path) -> dict[str, Any]:
    """Render the charts of :data:`CHILD` in a new process that sees the fonts ``fontconfig``
    lists (the machine's own setting when None)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    env["HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300,
        check=False, cwd=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fontconfig_listing(folder: Path, path: Path) -> Path:
    """A fontconfig configuration whose only font folder is ``folder``."""
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{folder}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    return path


def test_the_same_charts_give_the_same_svg_whatever_fonts_the_machine_has(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    noto = chart_font.font_folder()
    assert noto is not None
    settings = {
        "this machine": render_in_child(None, home),
        "no font at all": render_in_child(fontconfig_listing(empty, tmp_path / "a.conf"), home),
        "a Chinese font installed": render_in_child(
            fontconfig_listing(noto, tmp_path / "b.conf"), home
        ),
    }
    for name, result in settings.items():
        assert result["problem"] is None, f"{name}: {result['problem']}"
    # The isolation is real: the child without fonts does not know DejaVu Sans
    # (when this machine has it, the child in its own setting does).
    assert not settings["no font at all"]["dejavu"]
    shipped = {name: result["shipped"] for name, result in settings.items()}
    assert shipped["no font at all"] == shipped["this machine"]
    assert shipped["a Chinese font installed"] == shipped["this machine"]
    # The comparison can see a difference: measured before the font is registered,
    # every chart changes when the machine has a Chinese font (Noto Sans CJK SC).
    plain = {name: result["machine"] for name, result in settings.items()}
    changed = [
        chart
        for chart in plain["this machine"]
        if plain["this machine"][chart] != plain["a Chinese font installed"][chart]
    ]
    assert sorted(changed) == sorted(plain["this machine"])


# --------------------------------------------------------------------------
# Control charts: limits labelled, labels apart
# --------------------------------------------------------------------------


def trend_rows(n: int = 12) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": PERIODS[:n],
            "value": [0.9 + 0.01 * (i % 5) for i in range(n)],
            "target": [0.92] * n,
            "warning": [0.9] * n,
            "status": ["meets"] * n,
        }
    )


def test_plot_domain_keeps_room_above_and_below() -> None:
    # Values 10..20 over 200 px, 40 px kept above and 8 below: 10 units in 152 px.
    low, high = plot_domain(np.array([10.0, 20.0, math.nan]))
    per_pixel = 10 / 152
    assert low == pytest.approx(10 - 8 * per_pixel)
    assert high == pytest.approx(20 + 40 * per_pixel)
    # A flat line still gets a scale (10% of its value).
    low, high = plot_domain(np.array([5.0, 5.0]))
    assert low < 5 < high


def test_spread_moves_close_labels_apart_in_order() -> None:
    assert spread([100.0, 105.0, 150.0], 15, 200) == [100.0, 115.0, 150.0]
    assert spread([105.0, 100.0], 15, 200) == [115.0, 100.0], "input order is kept"
    # Pushed past the bottom, they are moved back up.
    assert spread([195.0, 199.0], 15, 200) == [185.0, 200.0]
    assert spread([], 15, 200) == []


def test_limit_labels_are_the_latest_values_in_the_unit() -> None:
    points = pd.DataFrame(
        {
            "period": PERIODS[:3],
            "value": [0.5, 0.52, 0.9],
            "centre": [0.5] * 3,
            "lower": [0.30, 0.31, 0.305],
            "upper": [0.70, 0.69, 0.701],
            "baseline": [True] * 3,
            "signal": ["", "", "WE1"],
        }
    )
    spec = control_chart(points, title="C", unit="percent", kind="p").to_dict()
    texts = [layer for layer in spec["layer"] if "text" in layer.get("encoding", {})]
    limits = next(layer for layer in texts if layer["encoding"]["y"].get("scale", 0) is None)
    rows = spec["datasets"][limits["data"]["name"]]
    assert [row["label"] for row in rows] == ["UCL 70.1%", "CL 50.0%", "LCL 30.5%"]
    gaps = np.diff([row["px"] for row in rows])
    assert (gaps >= LABEL_GAP).all()
    with use_language("zh"):
        table = limit_labels({"upper": 0.701, "centre": 0.5}, (0.0, 1.0), "percent", 1)
    rows = table.to_dict()["datasets"][table.to_dict()["data"]["name"]]
    assert [row["label"] for row in rows] == ["上控制限 70.1%", "中心线 50.0%"]


def test_close_limits_are_labelled_apart() -> None:
    # UCL and CL 0.1 apart on a domain of 100: the same pixel, moved LABEL_GAP apart.
    table = limit_labels({"upper": 50.1, "centre": 50.0, "lower": 0.0}, (0.0, 100.0), "count", 0)
    spec = table.to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    px = [row["px"] for row in rows]
    assert px[1] - px[0] >= LABEL_GAP and px[2] == pytest.approx(200.0)


def test_a_run_of_signals_is_labelled_once() -> None:
    signals = ["", "WE4", "WE4, WE2", "WE4", "", "WE1", "WE4"]
    data = pd.DataFrame({"period": PERIODS[:7], "value": np.arange(7.0), "signal": signals})
    labels = signal_labels(data, (-1.0, 10.0))
    assert list(labels["period"]) == [PERIODS[1], PERIODS[5], PERIODS[6]]
    assert list(labels["label"]) == ["WE4", "WE1", "WE4"]
    assert list(labels["dy"]) == [-12, -12, -12], "seven points, 80 px apart: room for all"


def test_crowded_signal_labels_move_up_then_down_or_are_left_out() -> None:
    # 36 periods, 560 / 36 = 15.6 px apart, all at y = 100 px. "WE1" is 3 × 0.8 × 9 + 4
    # = 25.6 px wide: each label meets its left neighbour's and moves up a row.
    data = pd.DataFrame({"period": PERIODS, "value": np.zeros(36), "signal": [""] * 36})
    close = data.assign(signal=["WE1", "WE2", "WE3", "WE1"] + [""] * 32)
    assert list(signal_labels(close, (-1.0, 1.0))["dy"]) == [-12, -26, -12, -26]
    # "RULE1" is 40 px wide: the third meets both rows above and goes below its point.
    wide = data.assign(signal=["RULE1", "RULE2", "RULE3"] + [""] * 33)
    assert list(signal_labels(wide, (-1.0, 1.0))["dy"]) == [-12, -26, 14]
    # Labels 76 px wide: the fourth finds every place taken and is left out.
    crowded = data.assign(signal=[f"LONG RULE{i}" for i in range(4)] + [""] * 32)
    labels = signal_labels(crowded, (-1.0, 1.0))
    assert list(labels["label"]) == ["LONG RULE0", "LONG RULE1", "LONG RULE2"]
    assert SIGNAL_PLACES == (-12, -26, 14)
    # At the very top of the plot no label goes above: below, every other one finds room.
    top = signal_labels(close.assign(value=1.0), (-1.0, 1.0))
    assert (list(top["label"]), list(top["dy"])) == (["WE1", "WE3"], [14, 14])
    spec = control_chart(
        wide.assign(centre=0.0, lower=-1.0, upper=1.0, baseline=True),
        title="C",
        unit="number",
        kind="xmr",
    ).to_dict()
    written = {
        row["label"]: layer["mark"]["dy"]
        for layer in spec["layer"]
        if layer["encoding"].get("text", {}).get("field") == "label"
        and layer["encoding"]["y"].get("field") == "y"
        for row in spec["datasets"][layer["data"]["name"]]
    }
    assert written == {"RULE1": -12, "RULE2": -26, "RULE3": 14}


# --------------------------------------------------------------------------
# In the browser: no text of a chart overlaps another
# --------------------------------------------------------------------------

BOXES_JS = """
(figure) => Array.from(figure.querySelectorAll('svg text')).flatMap((el) => {
    const text = el.textContent.trim();
    const opacity = parseFloat(el.getAttribute('opacity') ?? '1');
    if (!text || opacity === 0) return [];
    const box = el.getBBox();
    const size = parseFloat(getComputedStyle(el).fontSize);
    // The em square, where the glyphs are drawn: Noto Sans CJK's line box is 1.448 em
    // tall, 0.28 em of it above the em square and 0.168 em below.
    const top = box.y + (box.height - size) * 0.625;
    const m = el.getScreenCTM();
    const at = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    return [{text, corners: [at(box.x, top), at(box.x + box.width, top),
                             at(box.x + box.width, top + size), at(box.x, top + size)]}];
})
"""
"""Each visible text of a chart: its text and the corners of its em box on the screen, as
wide as the text and as tall as its font size (rotated labels give rotated boxes)."""


def overlap(a: list[list[float]], b: list[list[float]], tolerance: float = 0.5) -> bool:
    """Whether two convex quadrilaterals overlap by more than ``tolerance`` pixels
    (separating axis theorem: they are apart when some edge's normal separates them)."""
    for shape in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % 4]
            normal = (y1 - y2, x2 - x1)
            length = math.hypot(*normal) or 1.0
            pa = [(x * normal[0] + y * normal[1]) / length for x, y in a]
            pb = [(x * normal[0] + y * normal[1]) / length for x, y in b]
            if min(pa) >= max(pb) - tolerance or min(pb) >= max(pa) - tolerance:
                return False
    return True


def test_overlap_geometry() -> None:
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    assert overlap(square, [[5, 5], [15, 5], [15, 15], [5, 15]])
    assert not overlap(square, [[10, 0], [20, 0], [20, 10], [10, 10]]), "touching is not overlap"
    # Two labels rotated by 45° side by side: their upright boxes would overlap, they do not.
    d = 7.0
    assert not overlap([[0, 0], [d, -d], [d + 1, -d + 1], [1, 1]],
                       [[3, 0], [3 + d, -d], [4 + d, -d + 1], [4, 1]])  # fmt: skip


@pytest.fixture(scope="module")
def chromium_with_the_font(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium that has the shipped font besides the machine's own."""
    from tests.test_site_offline import launched_chromium

    folder = chart_font.font_folder()
    assert folder is not None
    config = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{folder}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    with launched_chromium(env) as browser:
        yield browser


def chinese_charts() -> str:
    """An HTML page of Chinese charts the sample does not have: control charts with signals
    and with limits close together, an mR chart, a stage chart and a histogram."""
    n = 36
    wave = np.sin(np.arange(n))
    shares = pd.DataFrame(
        {
            "period": PERIODS,
            "value": [1.0] * 30 + [0.998, 0.996, 0.999, 0.997, 0.997, 0.975],
            "centre": [0.999] * n,
            "lower": [0.995 + 0.0005 * (i % 2) for i in range(n)],
            "upper": [1.0] * n,
            "baseline": [True] * n,
            "signal": ["WE4"] * 30 + ["", "WE2", "WE1, WE2", "WE3", "", "WE1"],
        }
    )
    hours = pd.DataFrame(
        {
            "period": PERIODS,
            "value": 0.3 + 0.1 * wave,
            "centre": [0.31] * n,
            "lower": [0.15] * n,
            "upper": [0.46] * n,
            "baseline": [True] * 12 + [False] * 24,
            "signal": [["", "WE1", "WE2", "WE3", "WE4"][i % 5] for i in range(n)],
            "moving_range": np.r_[math.nan, np.abs(np.diff(0.3 + 0.1 * wave))],
        }
    )
    stages = pd.DataFrame(
        {
            "x": [p for p in PERIODS[:12] for _ in range(3)],
            "stage": ["等待首次响应", "处理至解决", "解决至关闭"] * 12,
            "median": [0.3, 3.5, 21.0] * 12,
        }
    )
    bins = pd.DataFrame({"start": [0.0, 1.0, 2.0, 3.0], "end": [1.0, 2.0, 3.0, math.nan],
                         "count": [5, 9, 4, 2]})  # fmt: skip
    with use_language("zh"):
        charts = [
            control_chart(
                shares,
                title="结案率：控制图",
                unit="percent",
                kind="p",
                provisional="临时控制限（12 个点；需要 20 个）",
            ),
            control_chart(
                hours,
                title="首次响应时间（中位数）：控制图",
                unit="hours",
                kind="xmr",
                baseline=(PERIODS[0], PERIODS[11]),
            ),
            moving_range_chart(hours, title="移动极差", unit="hours", centre=0.1, upper=0.33),
            stage_chart(
                stages,
                title="各阶段中位时长",
                stages=["等待首次响应", "处理至解决", "解决至关闭"],
                x_title="周期",
            ),
            histogram_chart(bins, title="分布", unit="hours", median=1.4, p90=1.6),
        ]
        figures = "".join(f'<figure class="sqms-chart">{render_svg(c)}</figure>' for c in charts)
    return f'<!doctype html><html lang="zh"><meta charset="utf-8"><body>{figures}</body></html>'


def overlapping_texts(page: Page) -> tuple[int, int, list[str]]:
    """The charts of the open page, those with limit labels, and every two texts that overlap."""
    problems: list[str] = []
    charts = controls = 0
    for figure in page.query_selector_all("figure.sqms-chart"):
        boxes = figure.evaluate(BOXES_JS)
        charts += 1
        if any(box["text"].startswith(("上控制限", "中心线", "下控制限")) for box in boxes):
            controls += 1
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                if overlap(a["corners"], b["corners"]):
                    problems.append(f"chart {charts}: {a['text']!r} overlaps {b['text']!r}")
    return charts, controls, problems


@pytest.mark.slow
@pytest.mark.browser
def test_no_text_overlaps_in_the_chinese_charts(
    zh_site: Path, chromium_with_the_font: Browser, tmp_path: Path
) -> None:
    made = tmp_path / "charts.html"
    made.write_text(chinese_charts(), encoding="utf-8")
    charted = (p for p in zh_site.rglob("*.html") if 'class="sqms-chart"' in p.read_text("utf-8"))
    pages = [made, *sorted(charted)]
    assert any(page.parent.name == "indicators" for page in pages), "the sample has charts"
    problems: list[str] = []
    charts = controls = 0
    page = chromium_with_the_font.new_page(viewport={"width": 1280, "height": 900})
    try:
        for path in pages:
            page.goto(path.resolve().as_uri())
            found, limits, overlaps = overlapping_texts(page)
            charts, controls = charts + found, controls + limits
            name = path.name if path == made else path.relative_to(zh_site).as_posix()
            problems += [f"{name}: {problem}" for problem in overlaps]
    finally:
        page.close()
    assert charts >= 10 and controls == 3, (charts, controls)  # 2 control charts, 1 mR
    assert not problems, "\n".join(problems)
