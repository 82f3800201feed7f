"""JSON Schemas for editors: valid, current, never stricter than the loaders, and `sqms schema`.

An editor sees a YAML file as JSON: dates are text and keys are text. The
samples are loaded as SQMS loads them (YAML 1.1, ``yaml.safe_load``) and then
shown to the schema as the editor would see them (:func:`as_editor_sees`).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from sqms.cli.main import main
from sqms.documents.manual import UNCONTROLLED, is_controlled, split_front_matter
from sqms.registers.actions.spec import ActionsFile
from sqms.registers.audits.spec import AuditsSpec
from sqms.registers.complaints.spec import ComplaintsSpec
from sqms.registers.feedback.spec import FeedbackSpec
from sqms.registers.load import ClausesSection
from sqms.registers.reviews.spec import ReviewsSpec
from sqms.registers.training.spec import TrainingSpec
from sqms.scaffold.json_schema import (
    SCHEMA_DIR,
    SCHEMAS,
    SETTINGS_FILE,
    SHIPPED_DIR,
    build_schemas,
    render,
    stale_schemas,
    yaml_schemas,
)
from sqms.scaffold.new_project import project_files
from sqms.schema.datasets import DatasetsFile, DatasetSpec
from sqms.schema.documents import DocumentMeta
from sqms.schema.plan import QualityPlan
from sqms.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = "front-matter.schema.json"
SCHEMA_TEXT = {name: render(schema) for name, schema in build_schemas().items()}


def as_editor_sees(value: Any) -> Any:
    """A loaded YAML value as an editor's JSON view of it: dates as text, keys as text."""
    if isinstance(value, dict):
        return {str(key): as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def problems(name: str, data: Any) -> list[str]:
    """What the schema ``name`` finds wrong with ``data`` (as the editor sees it)."""
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_TEXT[name]))
    found = validator.iter_errors(as_editor_sees(data))
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in found]


def schema_for(relative: str) -> str | None:
    """The schema a YAML file of the default layout is mapped to, if any."""
    for name, entry in SCHEMAS.items():
        if any(fnmatch.fnmatchcase(relative, glob) for glob in entry.globs):
            return name
    return None


def front_matter(text: str) -> Any:
    """A page's front matter, loaded."""
    found, _ = split_front_matter(text)
    assert found is not None
    return yaml.safe_load(found)


# --- the schemas themselves ---


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_is_valid_json_schema(name: str) -> None:
    schema = json.loads(SCHEMA_TEXT[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:sqms:schema:" + name.removesuffix(".schema.json")
    assert schema["title"] and schema["description"]
    assert "https://" not in schema["$id"]


def test_shipped_copies_are_current() -> None:
    """`python -m sqms.scaffold.json_schema` writes them again after a model changed."""
    stale = stale_schemas(SHIPPED_DIR)
    assert stale == [], f"stale {stale}: run python -m sqms.scaffold.json_schema, then sqms schema"
    assert {path.name for path in SHIPPED_DIR.iterdir()} == set(SCHEMAS)


def test_fields_are_documented_from_their_docstrings() -> None:
    plan = json.loads(SCHEMA_TEXT["quality-plan.schema.json"])
    indicator = plan["$defs"]["Indicator"]["properties"]
    assert indicator["q"]["description"] == "The quantile, for `measure: quantile` (0.9 is p90)."
    assert "title" not in indicator["q"]


# --- every sample validates ---

SAMPLES = sorted(
    path.relative_to(ROOT).as_posix()
    for pattern in ("data/*.yml", "data/registers/*.yml", "data/frameworks/*.yml")
    for path in ROOT.glob(pattern)
)


@pytest.mark.parametrize("relative", SAMPLES)
def test_sample_files_validate(relative: str) -> None:
    name = schema_for(relative)
    assert name is not None, f"no schema describes {relative}"
    data = yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))
    assert problems(name, data) == []


def controlled_pages() -> list[str]:
    """The pages of the manual that are controlled documents."""
    settings = read_settings(ROOT)
    manual = ROOT / settings.docs_dir
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in manual.rglob("*.md")
        if is_controlled(path.relative_to(manual).as_posix(), settings.uncontrolled)
        and path.read_text(encoding="utf-8").startswith("---")
    )


@pytest.mark.parametrize("relative", controlled_pages())
def test_front_matter_validates(relative: str) -> None:
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert problems(FRONT_MATTER, front_matter(text)) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_new_project_templates_validate(language: str) -> None:
    files = project_files("Acme", language, dt.date(2026, 11, 24))
    checked = 0
    for relative, data in files.items():
        text = data.decode("utf-8")
        if relative.startswith("data/") and relative.endswith(".yml"):
            name = schema_for(relative)
            assert name is not None, f"no schema describes {relative}"
            assert problems(name, yaml.safe_load(text)) == [], relative
            checked += 1
        elif relative.startswith("manual/") and is_controlled(
            relative.removeprefix("manual/"), UNCONTROLLED
        ):
            assert problems(FRONT_MATTER, front_matter(text)) == [], relative
            checked += 1
    assert checked >= 5


# --- mistakes are caught, as the loader catches them ---


def plan() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "data/quality-plan.yml").read_text(encoding="utf-8")
    )
    return loaded


def datasets() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "data/datasets.yml").read_text(encoding="utf-8")
    )
    return loaded


def rejected_by_model(model: type[BaseModel], data: Any) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return True
    return False


def test_a_typo_in_a_plan_key_is_rejected() -> None:
    typo = plan()
    typo["indicatorz"] = typo.pop("indicators")
    found = problems("quality-plan.schema.json", typo)
    assert any("'indicatorz' was unexpected" in p for p in found), found
    assert any("'indicators' is a required property" in p for p in found), found
    assert rejected_by_model(QualityPlan, typo)


def test_an_unknown_key_of_a_dataset_column_is_rejected() -> None:
    typo = datasets()
    name, dataset = next(iter(typo["datasets"].items()))
    dataset["columns"]["extra"] = {"type": "string", "requird": True}
    assert problems("datasets.schema.json", typo)
    assert rejected_by_model(DatasetSpec, typo["datasets"][name])


def test_an_unknown_column_type_in_the_shorthand_is_rejected() -> None:
    typo = datasets()
    name, dataset = next(iter(typo["datasets"].items()))
    dataset["columns"]["extra"] = "datetim"
    assert problems("datasets.schema.json", typo)
    assert rejected_by_model(DatasetSpec, typo["datasets"][name])


def test_a_wrong_type_is_rejected() -> None:
    wrong = plan()
    key, indicator = next(iter(wrong["indicators"].items()))
    indicator["target"] = "high"
    indicator["min_baseline_points"] = "many"
    found = problems("quality-plan.schema.json", wrong)
    assert f"indicators.{key}.target: 'high' is not valid under any of the given schemas" in found
    assert any(
        p.startswith(f"indicators.{key}.min_baseline_points: 'many' does not match") for p in found
    ), found
    assert rejected_by_model(QualityPlan, wrong)


def test_an_unknown_register_section_is_rejected() -> None:
    assert problems("registers.schema.json", {"complaint": {"dataset": "complaints"}})
    assert problems("registers.schema.json", {"clauses": {"complaint": ["9.1.2"]}})


# --- what the loader accepts beyond the types, the schema accepts too ---


def registers_accept(data: dict[str, Any]) -> None:
    """Validate ``registers.yml`` data section by section, as ``sqms.registers.load`` does."""
    models: dict[str, type[BaseModel]] = {
        "complaints": ComplaintsSpec,
        "feedback": FeedbackSpec,
        "clauses": ClausesSection,
    }
    for key, section in data.items():
        models[key].model_validate(section)


def datasets_accept(data: dict[str, Any]) -> None:
    """Validate ``datasets.yml`` data as ``sqms.engine.datasets`` does: the file, then each."""
    DatasetsFile.model_validate(data)
    for dataset in data["datasets"].values():
        DatasetSpec.model_validate(dataset)


LENIENT: list[tuple[str, Any, Any]] = [
    (
        "datasets.schema.json",
        datasets_accept,
        {
            "datasets": {
                "t": {"file": "t.csv", "as_of": "2026-03-31 18:00", "columns": {"at": "datetime"}}
            }
        },
    ),
    (
        "datasets.schema.json",
        datasets_accept,
        {
            "datasets": {
                "t": {"file": "t.csv", "columns": {"id": {"required": 1, "pii": "yes", "min": "0"}}}
            }
        },
    ),
    (
        "quality-plan.schema.json",
        QualityPlan.model_validate,
        {
            "defaults": {"min_n": " 30 "},
            "indicators": {
                "n": {
                    "name": "N",
                    "family": "quality",
                    "measure": "count",
                    "dataset": "t",
                    "target": "0.95",
                }
            },
        },
    ),
    (
        "quality-plan.schema.json",
        QualityPlan.model_validate,
        {
            "indicators": {
                "n": {
                    "name": "Tickets",
                    "family": "quality",
                    "measure": "count",
                    "dataset": "t",
                    "clauses": [8.2, "ISO10002:7.4"],
                    "baseline": {"from": 2025, "to": "2026", "exclude": [2025]},
                }
            }
        },
    ),
    (
        "registers.schema.json",
        registers_accept,
        {
            "feedback": {
                "dataset": "surveys",
                "scores": {"csat": {"scale": [1, 5], "low": 2}},
                "tags": "tags",
            },
            "complaints": {"dataset": "complaints", "resolve": {"within_days": {1: 5, 2: 10}}},
            "clauses": {"complaints": [9.1, "8.2.1"]},
        },
    ),
    ("actions.schema.json", ActionsFile.model_validate, {"actions": None}),
    (
        "actions.schema.json",
        ActionsFile.model_validate,
        {
            "actions": [
                {
                    "id": 2026,
                    "title": "Fix",
                    "kind": "corrective",
                    "source": {"type": "complaint", "refs": "C-1"},
                    "opened": dt.date(2026, 1, 5),
                    "owner": "Quality Manager",
                    "problem": "Late answers",
                    "status": "plan",
                }
            ]
        },
    ),
    (
        "training.schema.json",
        TrainingSpec.model_validate,
        {"roles": {"agent": "Agent"}, "people": [{"id": 1001, "roles": ["agent"]}]},
    ),
    (
        "audits.schema.json",
        AuditsSpec.model_validate,
        {
            "audits": [
                {
                    "id": "IA-1",
                    "title": "A",
                    "planned": dt.date(2026, 1, 5),
                    "scope": [7.2, "8.5"],
                    "auditor": "QM",
                }
            ]
        },
    ),
    (
        "reviews.schema.json",
        ReviewsSpec.model_validate,
        {
            "reviews": [
                {
                    "id": "MR-1",
                    "period": 2026,
                    "held_on": dt.date(2026, 12, 1),
                    "chair": "Managing Director",
                    "attendees": ["Quality Manager", {"role": "Agent", "name": "Li"}],
                }
            ]
        },
    ),
    (
        FRONT_MATTER,
        DocumentMeta.model_validate,
        {
            "id": "QP-99",
            "title": "T",
            "type": "procedure",
            "version": 2,
            "status": "draft",
            "owner": "QM",
            "clauses": [8.2],
        },
    ),
]


@pytest.mark.parametrize(("name", "loader", "data"), LENIENT, ids=lambda v: str(v)[:30])
def test_what_the_loader_accepts_the_schema_accepts(name: str, loader: Any, data: Any) -> None:
    loader(data)  # raises if the loader refused it: then the case proves nothing
    assert problems(name, data) == []


def test_an_empty_actions_file_is_a_register_without_actions() -> None:
    assert problems("actions.schema.json", None) == []


# --- sqms schema ---


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def written(project: Path) -> dict[str, str]:
    """The schema files of a project, by name."""
    folder = project / SCHEMA_DIR
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


def test_schema_writes_the_files_and_merges_the_settings(runner: CliRunner, tmp_path: Path) -> None:
    settings = tmp_path / SETTINGS_FILE
    settings.parent.mkdir()
    mine = {"editor.tabSize": 2, "yaml.schemas": {"./other.json": ["other.yml"]}}
    settings.write_text(json.dumps(mine), encoding="utf-8")
    result = runner.invoke(main, ["schema", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert written(tmp_path) == SCHEMA_TEXT
    merged = json.loads(settings.read_text(encoding="utf-8"))
    assert merged["editor.tabSize"] == 2
    assert merged["yaml.schemas"] == {"./other.json": ["other.yml"], **yaml_schemas()}
    assert merged["yaml.schemas"]["./.sqms/schemas/framework.schema.json"] == [
        "data/frameworks/*.yml"
    ]
    assert merged["yaml.yamlVersion"] == "1.1"
    assert f"wrote {SETTINGS_FILE}" in result.stdout
    again = runner.invoke(main, ["schema", str(tmp_path)])
    assert again.exit_code == 0 and "wrote" not in again.stdout


def test_schema_maps_the_project_data_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - sqms:\n      data_dir: quality-data\n", encoding="utf-8"
    )
    assert runner.invoke(main, ["schema", str(tmp_path)]).exit_code == 0
    merged = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    mapping = merged["yaml.schemas"]
    assert mapping["./.sqms/schemas/datasets.schema.json"] == ["quality-data/datasets.yml"]


def test_check_fails_on_a_stale_file_and_passes_after_writing(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert runner.invoke(main, ["schema", str(tmp_path)]).exit_code == 0
    stale = tmp_path / SCHEMA_DIR / "datasets.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    (tmp_path / SCHEMA_DIR / "risks.schema.json").unlink()
    result = runner.invoke(main, ["schema", str(tmp_path), "--check"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        ".sqms/schemas/datasets.schema.json: out of date (made by another version of SQMS): "
        "run `sqms schema` to write it again" in lines
    )
    assert ".sqms/schemas/risks.schema.json: missing: run `sqms schema` to write it" in lines
    assert lines[-1] == "2 editor files missing or out of date"
    assert stale.read_text(encoding="utf-8") == "{}\n"  # --check writes nothing
    assert not (tmp_path / SCHEMA_DIR / "risks.schema.json").exists()
    assert runner.invoke(main, ["schema", str(tmp_path)]).exit_code == 0
    result = runner.invoke(main, ["schema", str(tmp_path), "--check"])
    assert result.exit_code == 0, result.output
    assert "editor schemas are current: 11 in .sqms/schemas" in result.stdout


def test_check_reports_a_settings_file_without_the_mapping(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(main, ["schema", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert ".vscode/settings.json: missing: run `sqms schema` to write it" in result.stderr
    assert not (tmp_path / SCHEMA_DIR).exists()
    assert runner.invoke(main, ["schema", str(tmp_path)]).exit_code == 0
    (tmp_path / SETTINGS_FILE).write_text('{"yaml.schemas": {}}', encoding="utf-8")
    result = runner.invoke(main, ["schema", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert result.stderr.startswith(".vscode/settings.json: yaml.schemas does not map")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n  "editor.tabSize": 2,\n}\n',
            ".vscode/settings.json:3: not valid JSON (Expecting property name enclosed in "
            "double quotes): nothing was written",
        ),
        ("[1, 2]\n", ".vscode/settings.json:1: not a JSON object: nothing was written"),
        (
            '{\n  "a": 1,\n  "yaml.schemas": ["x"]\n}\n',
            '.vscode/settings.json:3: "yaml.schemas" is not an object: nothing was written',
        ),
    ],
)
def test_a_settings_file_that_cannot_be_merged_is_reported(
    runner: CliRunner, tmp_path: Path, text: str, expected: str
) -> None:
    settings = tmp_path / SETTINGS_FILE
    settings.parent.mkdir()
    settings.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["schema", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.output
    assert settings.read_text(encoding="utf-8") == text
    assert not (tmp_path / SCHEMA_DIR).exists()


def test_messages_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["schema", str(tmp_path), "--check", "--lang", "zh"])
    assert result.exit_code == 1
    assert ".sqms/schemas/datasets.schema.json: 缺失：请运行 `sqms schema` 写入" in result.stderr
