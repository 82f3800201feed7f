"""What the register and review tests share: a register's context, analysis and review period.

A register is analysed in a :class:`~sqms.registers.RegisterContext`: the
project's computed indicators (a :class:`~sqms.site.reporting.ReportData`),
its catalog and manual, the day it is judged on and the other registers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from sqms.engine.compute import compute
from sqms.engine.review_periods import ReviewPeriod, parse_period
from sqms.project import Project
from sqms.registers import RegisterContext
from sqms.site.reporting import ReportData, build_report

Analysis = TypeVar("Analysis")


def indicator_report(project: Project) -> ReportData:
    """The project's indicators, computed: what a register context carries besides registers.

    Computed even when the project has errors elsewhere (a register test may
    expect some), as long as its datasets and plan loaded.
    """
    assert project.plan is not None and project.catalog is not None, "no plan or datasets"
    return build_report(project.plan, compute(project.plan, project.catalog), project.catalog)


def register_context(
    project: Project,
    report: ReportData,
    *,
    today: dt.date | None = None,
    registers: Mapping[str, Any] | None = None,
) -> RegisterContext:
    """The context a project's registers are analysed in.

    Judged on ``today`` (default: the project's as-of day), with ``registers``
    (default: the project's own) to link to each other.
    """
    return RegisterContext(
        report,
        project.catalog,
        project.manual,
        project.today if today is None else today,
        project.registers if registers is None else registers,
    )


def analysed(
    project: Project,
    report: ReportData,
    name: str,
    kind: type[Analysis],
    *,
    today: dt.date | None = None,
    registers: Mapping[str, Any] | None = None,
) -> tuple[Analysis, RegisterContext]:
    """The analysis of the register ``name`` (checked to be a ``kind``) and its context."""
    context = register_context(project, report, today=today, registers=registers)
    analysis = project.registers[name].analyse(context)
    assert isinstance(analysis, kind), f"{name} gave a {type(analysis).__name__}"
    return analysis, context


def review_period(label: str) -> ReviewPeriod:
    """The management review period named ``label`` (``2026``, ``2026-Q3``, ``2026-02``)."""
    period = parse_period(label)
    assert period is not None, f"{label!r} is not a review period"
    return period
