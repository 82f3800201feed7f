"""The quality plan: references checked against the datasets, every problem at its line."""

from __future__ import annotations

import pytest

from sqms.project import load_project
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, line_of


def plan_errors(replacements: list[tuple[str, str]], make_project: ProjectFactory) -> list[str]:
    files = mini.files()
    plan = files["data/quality-plan.yml"]
    for old, new in replacements:
        plan = edited(plan, old, new)
    files["data/quality-plan.yml"] = plan
    project = load_project(make_project(files))
    return [d.format() for d in project.report.errors]


def test_mini_plan_is_valid(make_project: ProjectFactory) -> None:
    assert plan_errors([], make_project) == []


def test_unknown_dataset_and_column_with_suggestions(make_project: ProjectFactory) -> None:
    found = plan_errors(
        [("    dataset: tickets\n    measure: count", "    dataset: tikets\n    measure: count"),
         ("    column: wait_h\n    unit: hours\n  wait_mean", "    column: wait_hh\n    unit: hours\n  wait_mean")],
        make_project,
    )  # fmt: skip
    assert found == [
        f'data/quality-plan.yml:{line_of(mini.PLAN, "dataset: tickets")}: unknown dataset "tikets" (did you mean "tickets"?)',
        f'data/quality-plan.yml:{line_of(mini.PLAN, "column: wait_h")}: unknown column "wait_hh" (did you mean "wait_h"?)',
    ]


def test_unknown_column_in_an_expression(make_project: ProjectFactory) -> None:
    found = plan_errors([("where: wait_h <= 3", "where: wiat_h <= 3")], make_project)
    assert found == [
        f'data/quality-plan.yml:{line_of(mini.PLAN, "where: wait_h")}: unknown column "wiat_h" (did you mean "wait_h"?)'
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('echo pwned')",
        "wait_h.__class__.__bases__",
        "open('/etc/passwd')",
        "[c for c in wait_h]",
        "lambda: 1",
    ],
)
def test_expressions_that_would_run_code_are_rejected(
    expression: str, make_project: ProjectFactory
) -> None:
    [found] = plan_errors([("where: wait_h <= 3", f'where: "{expression}"')], make_project)
    assert found.startswith(f"data/quality-plan.yml:{line_of(mini.PLAN, 'where: wait_h')}: ")


def test_a_value_is_not_a_condition(make_project: ProjectFactory) -> None:
    [found] = plan_errors([("where: wait_h <= 3", "where: wait_h + 1")], make_project)
    assert found.startswith(f"data/quality-plan.yml:{line_of(mini.PLAN, 'where: wait_h')}: ")
    assert "condition" in found


def test_wrong_types_and_missing_keys(make_project: ProjectFactory) -> None:
    churn_family = "family: quality\n    dataset: customers"  # one line up: `q` is removed above it
    found = plan_errors(
        [("    target: 2\n", "    target: two\n"),
         ("    q: 0.9\n", ""),
         ("    family: quality\n    dataset: customers", "    family: qualty\n    dataset: customers")],
        make_project,
    )  # fmt: skip
    assert (
        f'data/quality-plan.yml:{line_of(mini.PLAN, "target: 2")}: indicators.wait_mean.target: expected a number, got "two"'
        in found
    )
    assert (
        f"data/quality-plan.yml:{line_of(mini.PLAN, 'wait_p90:')}: indicators.wait_p90: measure quantile needs: q"
        in found
    )
    churn_line = line_of(mini.PLAN, churn_family) - 1
    assert any(
        f.startswith(f"data/quality-plan.yml:{churn_line}: indicators.churn.family:") for f in found
    )


def test_column_of_the_wrong_type(make_project: ProjectFactory) -> None:
    [found] = plan_errors(
        [
            (
                "    column: wait_h\n    unit: hours\n  wait_mean",
                "    column: channel\n    unit: hours\n  wait_mean",
            )
        ],
        make_project,
    )
    assert found.endswith('column "channel" is category, expected integer, number')


def test_unknown_indicator_in_objective_and_composite(make_project: ProjectFactory) -> None:
    found = plan_errors(
        [("indicators: [fast, wait_mean]", "indicators: [fast, wait_maen]"),
         ("{indicator: fast, weight: 1}", "{indicator: fats, weight: 1}")],
        make_project,
    )  # fmt: skip
    assert found == [
        f'data/quality-plan.yml:{line_of(mini.PLAN, "indicators: [fast")}: unknown indicator "wait_maen" (did you mean "wait_mean"?)',
        f'data/quality-plan.yml:{line_of(mini.PLAN, "{indicator: fast")}: unknown indicator "fats" (did you mean "fast"?)',
    ]


def test_composite_components_need_targets(make_project: ProjectFactory) -> None:
    [found] = plan_errors(
        [("{indicator: fast, weight: 1}", "{indicator: volume, weight: 1}")], make_project
    )
    assert found.endswith('indicator "volume" needs a non-zero target to be scored in a composite')


def test_warning_on_the_wrong_side(make_project: ProjectFactory) -> None:
    [found] = plan_errors(
        [("target: 0.8, warning: 0.7", "target: 0.8, warning: 0.9")], make_project
    )
    assert "warning threshold must be on the worse side" in found


def test_duplicate_indicator_key(make_project: ProjectFactory) -> None:
    found = plan_errors([("  wait_sum:\n", "  volume:\n")], make_project)
    assert found == [
        f'data/quality-plan.yml:{line_of(mini.PLAN, "  wait_sum:")}: duplicate key "volume" (first defined on line {line_of(mini.PLAN, "  volume:")})'
    ]


def test_malformed_plan(make_project: ProjectFactory) -> None:
    found = plan_errors([("    unit: count\n", "    unit: [count\n")], make_project)
    assert len(found) == 1 and "invalid YAML" in found[0]


def test_no_plan_file(make_project: ProjectFactory) -> None:
    files = mini.files()
    del files["data/quality-plan.yml"]
    project = load_project(make_project(files))
    assert [d.format() for d in project.report.errors] == ["data/quality-plan.yml: file not found"]
