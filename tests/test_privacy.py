"""Personal data never reaches the site, and breakdowns stay small enough to show.

The mini project's ``email`` column is declared ``pii: true``. Every setting
that would put a column's values on a page (a breakdown, a register column, a
directive) must refuse it, and every column derived from it, at the line that
names it; filters may still use it. A breakdown with more values than a page
can show is refused the same way, and charts draw any number of aggregates.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result

from sqms.cli.main import main
from sqms.diagnostics import Report
from sqms.engine.breakdowns import MAX_BREAKDOWN_VALUES
from sqms.engine.datasets import load_catalog
from sqms.engine.privacy import personal_columns
from sqms.project import compute_results, load_project
from sqms.registers.complaints.register import ComplaintRegister
from sqms.site.charts import breakdown_chart, pareto_chart, sparkline
from sqms.site.embed import EmbedContext, render_directives
from sqms.site.pages import indicator_page
from sqms.site.reporting import ReportData, build_report
from tests import mini
from tests.support.edits import edited, with_edit
from tests.support.projects import ProjectFactory, line_of, write_project

PII = "      email: {type: string, pii: true}\n"
DERIVED = (
    PII + "    derive:\n"
    "      domain: {expr: 'lower(email)'}\n"
    "      domain_group: {map: domain, values: {a@example.com: A}, default: other}\n"
    "      speed: {map: channel, values: {chat: fast, email: slow}}\n"
)
"""A derivation from the personal column, a chain from it, and one that is not personal."""
FAST_BY = "    by: [channel]\n  wait_sum:"
PUBLISHED = 'column "{column}" holds personal data (pii: true): its values would be published'
DERIVED_PUBLISHED = (
    'column "{column}" is computed from personal data ("email", pii: true):'
    " its values would be published"
)


def with_by(by: str, datasets: str = mini.DATASETS) -> dict[str, str]:
    """The mini project, its ``fast`` indicator broken down by ``by``."""
    files = mini.files()
    files["data/datasets.yml"] = datasets
    files["data/quality-plan.yml"] = edited(mini.PLAN, FAST_BY, f"    by: {by}\n  wait_sum:")
    return files


def run(root: Path, command: str = "check") -> Result:
    return CliRunner().invoke(main, [command, "--project", str(root)])


def assert_refused(result: Result, expected: str) -> None:
    """Exit 1 with ``expected`` located, no traceback, no address in the output."""
    assert result.exit_code == 1, result.output
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.output
    assert "@example.com" not in result.output


# --- indicators ----------------------------------------------------------------


def test_personal_column_cannot_break_down_an_indicator(make_project: ProjectFactory) -> None:
    files = with_by("[channel, email]")
    root = make_project(files)
    line = line_of(files["data/quality-plan.yml"], "by: [channel, email]")
    expected = f"data/quality-plan.yml:{line}: " + PUBLISHED.format(column="email")
    assert_refused(run(root), expected)
    assert_refused(run(root, "indicators"), expected)


def test_derived_and_chained_personal_columns_are_refused(make_project: ProjectFactory) -> None:
    datasets = edited(mini.DATASETS, PII, DERIVED)
    files = with_by("[domain, domain_group, speed]", datasets)
    root = make_project(files)
    line = line_of(files["data/quality-plan.yml"], "by: [domain, domain_group")
    result = run(root)
    for column in ("domain", "domain_group"):
        assert_refused(
            result, f"data/quality-plan.yml:{line}: " + DERIVED_PUBLISHED.format(column=column)
        )
    assert '"speed"' not in result.stderr, "a look-up of a channel is not personal"
    assert result.stderr.splitlines()[-1] == "2 errors, 0 warnings"


def test_personal_columns_follow_every_derivation(make_project: ProjectFactory) -> None:
    root = make_project(with_by("[channel]", edited(mini.DATASETS, PII, DERIVED)))
    catalog = load_catalog(root / "data", "data", Report())
    assert catalog is not None
    assert personal_columns(catalog) == {
        "tickets": {"email", "domain", "domain_group"},
        "complaints": frozenset(),
        "customers": frozenset(),
    }


def test_filters_may_use_personal_columns(make_project: ProjectFactory) -> None:
    files = with_by("[channel, speed]", edited(mini.DATASETS, PII, DERIVED))
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "    where: wait_h <= 3\n    among: wait_h is not null\n",
        '    where: wait_h <= 3 and domain_group != "A"\n    among: email is not null\n',
    )
    result = run(make_project(files))
    assert result.exit_code == 0, result.output
    assert "@example.com" not in result.output


def test_ratio_breakdown_checks_both_sides(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        mini.DATASETS,
        "      channel: {type: category, values: [chat, email]}\n  customers:",
        "      channel: {type: category, values: [chat, email]}\n"
        "      email: {type: string, pii: true}\n  customers:",
    )
    rows = edited(mini.COMPLAINTS, ",chat\n", ",chat,x@example.com\n", count=2)
    rows = edited(rows, ",email\n", ",email,y@example.com\n")
    files["data/complaints.csv"] = edited(
        rows, "received_at,channel\n", "received_at,channel,email\n"
    )
    plan = edited(mini.PLAN, "    scale: 1000\n", "    scale: 1000\n    by: [email]\n")
    files["data/quality-plan.yml"] = edited(plan, "    better: lower\n    by: [channel]\n", "")
    line = line_of(files["data/quality-plan.yml"], "by: [email]")
    expected = f"data/quality-plan.yml:{line}: " + PUBLISHED.format(column="email")
    result = run(make_project(files))
    assert_refused(result, expected)
    assert result.stderr.count(expected) == 1, "said once for both sides"


# --- the service cycle -----------------------------------------------------------


def test_service_cycle_cannot_show_personal_data(make_project: ProjectFactory) -> None:
    from tests.test_service_cycle import DATASETS, PLAN, files

    plan = edited(PLAN, "  by: [channel]\n", "  by: [channel, email]\n")
    datasets = edited(
        DATASETS,
        "      changed_at: datetime\n      status: string\n",
        "      changed_at: datetime\n      status: {type: string, pii: true}\n",
    )
    result = run(make_project(files(plan=plan, datasets=datasets)))
    by_line = line_of(plan, "by: [channel, email]")
    status_line = line_of(plan, "    status: status")
    assert_refused(result, f"data/quality-plan.yml:{by_line}: " + PUBLISHED.format(column="email"))
    assert_refused(
        result, f"data/quality-plan.yml:{status_line}: " + PUBLISHED.format(column="status")
    )


# --- registers -------------------------------------------------------------------

REGISTERS = """
complaints:
  dataset: complaints
  columns:
    id: complaint_id
    received: received_at
    customer: customer
    channel: channel
feedback:
  dataset: tickets
  scores:
    score: {scale: [0, 10], low: 6}
  by: [channel]
"""


def with_registers(registers: str = REGISTERS) -> dict[str, str]:
    """The mini project with a complaint register (its customer personal) and feedback."""
    files = mini.files()
    datasets = edited(mini.DATASETS, PII, DERIVED)
    files["data/datasets.yml"] = edited(
        datasets,
        "    time: received_at\n    columns:\n",
        "    time: received_at\n    key: complaint_id\n    columns:\n"
        "      complaint_id: string\n      customer: {type: string, pii: true}\n"
        "      description: {type: string, pii: true}\n"
        "      called_at: {type: datetime, pii: true}\n",
    )
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"],
        "  customers:\n",
        "    derive:\n      call_h: {hours: [received_at, called_at]}\n  customers:\n",
    )
    files["data/complaints.csv"] = (
        "complaint_id,received_at,channel,customer,description,called_at\n"
        "C1,2026-01-10 10:00:00,chat,x@example.com,Call me on x@example.com,\n"
        "C2,2026-01-20 10:00:00,email,y@example.com,y@example.com here,2026-01-21 08:00:00\n"
    )
    files["data/registers.yml"] = registers
    return files


def test_registers_may_compute_with_personal_data(make_project: ProjectFactory) -> None:
    root = make_project(with_registers())
    result = run(root)
    assert result.exit_code == 0, result.output
    register = load_project(root, "data", None).registers["complaints"]
    assert isinstance(register, ComplaintRegister)
    assert register.columns["customer"] == "customer", "finds repeats, never shown"
    assert "description" not in register.columns, "a default role holding personal data"


def test_register_cannot_show_personal_columns(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "    channel: channel\n", "    channel: customer\n")
    registers = edited(registers, "  by: [channel]\n", "  by: [channel, domain_group]\n")
    registers = edited(
        registers, "    channel: customer\n", "    channel: customer\n  acknowledge:\n"
        "    within_hours: 24\n    hours: call_h\n"
    )  # fmt: skip
    result = run(make_project(with_registers(registers)))
    channel = line_of(registers, "channel: customer")
    hours = line_of(registers, "hours: call_h")
    by = line_of(registers, "by: [channel, domain_group]")
    assert_refused(
        result,
        f'data/registers.yml:{hours}: complaints.acknowledge.hours: column "call_h" is'
        ' computed from personal data ("called_at", pii: true): its values would be published',
    )
    assert_refused(
        result,
        f"data/registers.yml:{channel}: complaints.columns.channel: "
        + PUBLISHED.format(column="customer"),
    )
    assert_refused(
        result, f"data/registers.yml:{by}: " + DERIVED_PUBLISHED.format(column="domain_group")
    )


# --- directives in manual pages ----------------------------------------------------

PAGE, DISPLAY = "procedures/qp-03.md", "manual/procedures/qp-03.md"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    project = load_project(write_project(tmp_path_factory.mktemp("mini"), mini.files()), "data")
    assert project.plan is not None
    return build_report(project.plan, compute_results(project), project.catalog)


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- sqms:chart fast by=email -->",
        "<!-- sqms:chart fast kind=pareto by=email -->",
        "<!-- sqms:table fast by=email -->",
        "<!-- sqms:value fast for=email:a@example.com -->",
    ],
)
def test_directives_cannot_break_down_by_personal_data(data: ReportData, directive: str) -> None:
    markdown = f"Intro\n\n{directive}\n"
    text, problems = render_directives(markdown, EmbedContext(data, PAGE, DISPLAY))
    assert [p.format() for p in problems] == [
        f'{DISPLAY}:3: fast has no breakdown by "email"; breakdowns: channel'
    ]
    assert "<figure" not in text and "<table" not in text


def test_cycle_directive_cannot_break_down_by_personal_data(make_project: ProjectFactory) -> None:
    from tests.test_service_cycle import files

    project = load_project(make_project(files()), "data", None)
    assert project.plan is not None
    report = build_report(project.plan, compute_results(project), project.catalog)
    _, problems = render_directives(
        "<!-- sqms:cycle by=email -->", EmbedContext(report, PAGE, DISPLAY)
    )
    assert [p.format() for p in problems] == [
        f'{DISPLAY}:1: service_cycle has no breakdown by "email"; breakdowns: channel'
    ]


# --- breakdowns with many values -------------------------------------------------------


def many_values(
    values: int, *, rows: int | None = None, every: str = "h", period: str = "month"
) -> dict[str, str]:
    """The mini project, its ``volume`` broken down by an ``agent`` column of ``values``
    different values, over ``rows`` tickets (one every ``every``, agents in turn)."""
    count = rows or values
    days = pd.date_range("2025-01-01 10:00", periods=count, freq=every)
    tickets = pd.DataFrame(
        {
            "id": [f"T{i}" for i in range(count)],
            "created_at": days.strftime("%Y-%m-%d %H:%M:%S"),
            "channel": np.where(np.arange(count) % 2, "chat", "email"),
            "wait_h": 1.0,
            "resolved": "true",
            "score": 9,
            "agent": [f"agent-{i % values:04d}" for i in range(count)],
            "email": [f"p{i}@example.com" for i in range(count)],
        }
    )
    files = mini.files()
    files["data/datasets.yml"] = edited(mini.DATASETS, PII, PII + "      agent: string\n")
    files["data/tickets.csv"] = tickets.to_csv(index=False)
    plan = edited(mini.PLAN, "    measure: count\n    unit: count\n",
                "    measure: count\n    unit: count\n    by: [agent]\n")  # fmt: skip
    files["data/quality-plan.yml"] = edited(plan, "  period: month\n", f"  period: {period}\n")
    return files


@pytest.mark.parametrize("values", [MAX_BREAKDOWN_VALUES + 1, 5000])
def test_breakdown_with_too_many_values_is_refused(
    make_project: ProjectFactory, values: int
) -> None:
    files = many_values(values)
    line = line_of(files["data/quality-plan.yml"], "by: [agent]")
    expected = (
        f'data/quality-plan.yml:{line}: column "agent" has {values:,} different values in'
        f" data/tickets.csv: a breakdown shows at most {MAX_BREAKDOWN_VALUES}; break down by"
        " a column with fewer values, or group them in a derived column"
        " (derive: map in datasets.yml)"
    )
    assert_refused(run(make_project(files)), expected)


def test_largest_breakdown_builds_its_pages(make_project: ProjectFactory) -> None:
    # 50 agents, each in every one of 53 weeks (8 tickets a day): the breakdown chart
    # draws each agent's line and the total in each of 50 panels, 5,300 rows in all,
    # more than Altair's 5,000-row guard allows.
    files = many_values(MAX_BREAKDOWN_VALUES, rows=371 * 8, every="3h", period="week")
    project = load_project(make_project(files), "data", None)
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None
    report = build_report(project.plan, compute_results(project), project.catalog)
    page = indicator_page(report, "volume").markdown
    assert page.count('<figure class="sqms-chart"') >= 2
    assert "agent-0049" in page
    assert "@example.com" not in page


def test_charts_draw_any_number_of_aggregates() -> None:
    values = [f"v{i}" for i in range(5000)]
    rows = pd.DataFrame({"period": "2026-01", "dim_value": values, "value": 1.0, "target": np.nan})
    totals = pd.DataFrame({"period": ["2026-01"], "value": [1.0]})
    chart = breakdown_chart(rows, totals, title="T", unit="count", dim="agent")
    # Each panel: the total and the value (no target): 10,000 rows, twice Altair's guard.
    spec = chart.to_dict(validate=False)
    assert len(next(iter(spec["datasets"].values()))) == 2 * 5000
    counts = pd.DataFrame({"dim_value": [*values, "x"], "count": 1.0})
    assert pareto_chart(counts, title="P", dim="agent").to_dict(validate=False)["description"]
    periods = pd.DataFrame(
        {"period": [f"p{i:05d}" for i in range(6000)], "value": 1.0, "target": 1.0,
         "status": "meets"}
    )  # fmt: skip
    assert sparkline(periods, title="S", unit="count").to_dict(validate=False)["datasets"]


def test_a_personal_value_is_never_quoted_in_a_message(make_project: ProjectFactory) -> None:
    """A bad value in a ``pii`` column is located, but not printed into the CI log."""
    files = mini.files()
    declared = "email: {type: string, pii: true}"
    unique = "email: {type: string, pii: true, unique: true}"
    files = with_edit(files, "data/datasets.yml", declared, unique)
    files = with_edit(files, "data/tickets.csv", "g@example.com", "a@example.com")
    result = CliRunner().invoke(main, ["check", "--project", str(make_project(files))])
    assert result.exit_code == 1
    assert (
        "data/tickets.csv:8: row 7, column email: "
        '"(personal data, not shown)" appears more than once (must be unique)'
    ) in result.output
    assert "a@example.com" not in result.output and "Traceback" not in result.output
