"""The font chart text is laid out in: installed with SQMS, the same on every machine.

Vega places every label, legend entry and title by the width of its text,
which vl-convert measures with the fonts it finds. Left to the machine's
fonts, a build where no Chinese font is installed measures Chinese text with
a Latin font's missing-glyph boxes (legends overlap), and one where a Chinese
font is installed gives other widths: the same project gave different SVG on
different machines. Chart text is therefore set in Noto Sans CJK SC, which
covers Latin and Chinese alike, from the ``noto-cjk-sans-otc`` package (SIL
Open Font License 1.1) that SQMS depends on: its folder is registered with
vl-convert once per process, before the first chart is rendered.

Measuring uses the first family of :data:`FONT_STACK` that vl-convert knows,
so the registered font is always the one measured with; the families after
it only serve browsers of readers who do not have it (the site loads no web
font). A character the font lacks (an emoji in a breakdown value) is measured
with whatever font of the machine has it. When the font cannot be registered,
charts fall back to the machine's fonts and :func:`font_diagnostics` says so.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import vl_convert

from sqms.diagnostics import Diagnostic, Severity
from sqms.i18n import t

FONT_PACKAGE = "noto-cjk-sans-otc"
"""The distribution that installs the font (a dependency of SQMS)."""
FONT_MODULE = "noto_cjk_sans_otc"
"""Its importable folder, which holds the font file."""
FONT_FILE = "NotoSansCJK-Regular.ttc"
"""The font collection: Noto Sans CJK SC, TC, JP, KR and HK, regular weight."""
FAMILY = "Noto Sans CJK SC"
"""The family every chart's text is measured and written in."""
FONT_STACK = ", ".join(
    (FAMILY, "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif")
)
"""The ``font-family`` of chart text: the shipped family first, then what a reader's browser
may have instead (names without quotes: vl-convert's measuring does not read quoted names)."""
WEIGHT: Final[Literal["normal"]] = "normal"
"""Every chart text is of regular weight: the only weight shipped, so a bold face installed on
the machine (of the same family) can never be measured instead."""


@dataclass(frozen=True)
class ChartFonts:
    """What chart text is measured with in this process."""

    stack: str
    """The ``font-family`` written into every chart."""
    identity: str
    """Names the font file measured with (package, version, file, size): part of every cached
    chart's key. Empty when the machine's fonts are used."""
    problem: str | None = None
    """Why the shipped font is not used (a message), None when it is."""


def font_folder() -> Path | None:
    """The installed font package's folder, when it holds the font file (nothing is imported)."""
    spec = importlib.util.find_spec(FONT_MODULE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    folders = [Path(location) for location in locations if (Path(location) / FONT_FILE).is_file()]
    return folders[0] if folders else None


def register_fonts(folder: Path | None) -> ChartFonts:
    """Register the font folder with vl-convert; say what charts will be measured with.

    Never raises: a missing package or a folder vl-convert refuses leaves the
    machine's fonts in use, with the reason in :attr:`ChartFonts.problem`.
    """
    if folder is None:
        return ChartFonts(FONT_STACK, "", t("chart.font_missing", package=FONT_PACKAGE))
    try:
        vl_convert.register_font_directory(str(folder))
        found = family_measured()
    except Exception as exc:  # vl-convert raises plain exceptions of several kinds
        problem = t("chart.font_unregistered", package=FONT_PACKAGE, problem=str(exc)[:200])
        return ChartFonts(FONT_STACK, "", problem)
    if not found:
        missing = t("chart.font_family_missing", family=FAMILY)
        return ChartFonts(FONT_STACK, "", t("chart.font_unregistered", package=FONT_PACKAGE,
                                            problem=missing))  # fmt: skip
    return ChartFonts(FONT_STACK, _identity(folder / FONT_FILE))


def family_measured(family: str = FAMILY) -> bool:
    """Whether vl-convert measures text in ``family`` with a font of that family.

    A family it does not know is measured as a row of zeros, one per byte of
    UTF-8: four ideographs come out three times wider than a font's four
    one-em squares. The width of a label is read from the SVG laid out around it.
    """
    return _label_width(family) != _label_width("SQMS no such family")


def _label_width(family: str) -> float:
    """The width of an SVG whose only content is the label ``中中中中`` in ``family``."""
    axis = {"labelFont": family, "labelFontSize": 100, "labelPadding": 0, "labelLimit": 0,
            "ticks": False, "domain": False, "title": None}  # fmt: skip
    spec = {
        "data": {"values": [{"label": "中中中中"}]},
        "mark": "tick",
        "encoding": {"y": {"field": "label", "type": "nominal", "axis": axis}},
        "width": 1,
        "height": 1,
        "padding": 0,
        "config": {"view": {"stroke": None}},
    }
    svg: str = vl_convert.vegalite_to_svg(spec)
    match = re.search(r'width="([\d.]+)"', svg)
    return float(match.group(1)) if match else 0.0


def _identity(path: Path) -> str:
    """The package's version, the file's name and size: enough to tell two fonts apart."""
    try:
        version = importlib.metadata.version(FONT_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return f"{FONT_PACKAGE} {version} {path.name} {path.stat().st_size}"


@functools.cache
def chart_fonts() -> ChartFonts:
    """The fonts of this process's charts: registered on the first call, once."""
    return register_fonts(font_folder())


def font_diagnostics() -> list[Diagnostic]:
    """A warning when charts are laid out with the machine's fonts, not the shipped one."""
    problem = chart_fonts().problem
    if problem is None:
        return []
    return [Diagnostic(FONT_PACKAGE, None, problem, Severity.WARNING)]
