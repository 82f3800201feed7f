"""JSON Schemas of the YAML files an author edits, for completion and checks in the editor.

Editors (VS Code's YAML extension, JetBrains IDEs) complete keys, show their
documentation and flag mistakes as the author types when a JSON Schema is
mapped to a file. The schemas are generated from the very pydantic models the
loaders validate with, so they cannot drift from what ``sqms check`` accepts.

A schema is not stricter than its loader: an editor that underlines what
``sqms check`` accepts would teach authors to ignore it. Where a model
accepts more than its types say (a clause written as a bare number,
``tags: tags`` for ``tags: {column: tags}``, ``name: datetime`` for a
column), the schema accepts it too (:data:`_LAX_INPUTS`), and so it does
what pydantic reads as a number, a boolean or a date (``"0.95"``, ``"yes"``,
``0``). The one exception is a boolean where a number is expected (pydantic
reads ``true`` as 1), which no one means. A schema may be more lenient: the
loader remains the judge of what pydantic cannot express (references between
files, dates in order, expressions, the form of ids). Editors see dates as
text, so the tests load every sample file as SQMS does, dates turned into text.

The generated files ship in the package (``sqms/scaffold/schemas/``). After a
change to a model, write them again with::

    python -m sqms.scaffold.json_schema

(``--check`` only lists the stale ones). ``sqms schema`` writes them into a
project's ``.sqms/schemas/`` and maps them in ``.vscode/settings.json``.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from sqms.io.files import write_atomic
from sqms.registers.actions.spec import ActionsFile
from sqms.registers.audits.spec import AuditsSpec
from sqms.registers.complaints.spec import ComplaintsSpec
from sqms.registers.feedback.spec import FeedbackSpec
from sqms.registers.load import REGISTER_NAMES, TABLE_REGISTERS, ClausesSection
from sqms.registers.reviews.spec import ReviewsSpec
from sqms.registers.risks.spec import RisksSpec
from sqms.registers.training.spec import TrainingSpec
from sqms.schema.datasets import ColumnType, DatasetsFile, DatasetSpec
from sqms.schema.documents import DocumentMeta
from sqms.schema.plan import QualityPlan
from sqms.standards.applicability import ApplicabilityFile
from sqms.standards.frameworks import FrameworkFile

JsonSchema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:sqms:schema:"
"""Schemas are named by URN: an identifier nothing will try to download."""
SHIPPED_DIR = Path(__file__).with_name("schemas")
"""The copies shipped in the package."""
SCHEMA_DIR = ".sqms/schemas"
"""Where ``sqms schema`` writes a project's copies, relative to the project."""
SETTINGS_FILE = ".vscode/settings.json"
YAML_SCHEMAS = "yaml.schemas"
YAML_VERSION = "yaml.yamlVersion"
LOADER_YAML_VERSION = "1.1"
"""SQMS reads YAML as PyYAML does, YAML 1.1 (``yes`` is true): the editor is told to as well."""
_REF = "#/$defs/{model}"
INT_TEXT = r"^[\s0-9+_.-]*[0-9][\s0-9+_.-]*$"
"""Text pydantic may read as a whole number (``" 30 "``, ``"1_000"``, ``"3.0"``): digits with
signs, dots, underscores and spaces. Wider than pydantic's forms, which are quirky."""
NUMBER_TEXT = (
    r"^[\s0-9+_.eE-]*[0-9][\s0-9+_.eE-]*$"
    r"|^\s*[+-]?(?:[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])\s*$"
)
"""Text pydantic may read as a number (``"0.95"``, ``"1e3"``, ``"inf"``), likewise wider."""
BOOL_TEXT = (
    r"^(?:[01tTfFyYnN]|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[yY][eE][sS]|[nN][oO]"
    r"|[oO][nN]|[oO][fF][fF])$"
)
"""The texts pydantic reads as a boolean (``"yes"``, ``"Off"``, ``"1"``…)."""
_JUDGE = (
    " Generated from the models SQMS validates with; `sqms check` remains the judge of what a "
    "schema cannot say (references between files, dates in order, expressions)."
)


class UnmappedValidatorError(LookupError):
    """A model widens its input with a validator this module does not know yet.

    Say in :data:`_LAX_INPUTS` what the validator accepts, or the schema
    would reject what the loader accepts.
    """


# --- what the models' "before" validators accept beyond their types ---


def _same(inner: JsonSchema) -> JsonSchema:
    """The validator accepts nothing more than its type says (or refuses more)."""
    return inner


def _or_number(inner: JsonSchema) -> JsonSchema:
    """A bare YAML number (``2025``, ``7.2``) is taken as its text."""
    if inner.get("type") == "string":
        return {**inner, "type": ["string", "number"]}
    return {"anyOf": [inner, {"type": "number"}]}


def _items_or_numbers(inner: JsonSchema) -> JsonSchema:
    """Each item of a list may be a bare number, taken as its text (clause lists)."""
    return {**inner, "items": _or_number(inner.get("items", {}))}


def _one_or_list(inner: JsonSchema) -> JsonSchema:
    """One text without brackets is a list of one."""
    return {"anyOf": [{"type": "string"}, inner]}


def _or_null(inner: JsonSchema) -> JsonSchema:
    """A key with nothing under it is an empty list."""
    return {"anyOf": [inner, {"type": "null"}]}


def _role_or_attendee(inner: JsonSchema) -> JsonSchema:
    """A bare text is a role: ``Quality Manager`` is ``{role: Quality Manager}``."""
    return {"anyOf": [{"type": "string", "minLength": 1}, inner]}


def _column_or_tags(inner: JsonSchema) -> JsonSchema:
    """``tags: tags`` is short for ``tags: {column: tags}``."""
    options = inner["anyOf"] if list(inner) == ["anyOf"] else [inner]
    return {"anyOf": [{"type": "string"}, *options]}


def _type_or_column(inner: JsonSchema) -> JsonSchema:
    """``name: datetime`` is short for ``name: {type: datetime}``."""
    shorthand = {"type": "string", "enum": list(get_args(ColumnType))}
    return {**inner, "additionalProperties": {"anyOf": [shorthand, inner["additionalProperties"]]}}


_LAX_INPUTS: dict[str, Callable[[JsonSchema], JsonSchema]] = {
    "sqms.schema.plan._as_text": _items_or_numbers,
    "sqms.schema.plan._as_label": _or_number,
    "sqms.schema.documents._as_text": _or_number,
    "sqms.schema.datasets.DatasetSpec._shorthand": _type_or_column,
    "sqms.registers.training.spec.as_text": _or_number,
    "sqms.registers.actions.spec._as_text": _or_number,
    "sqms.registers.actions.spec._as_list": _one_or_list,
    "sqms.registers.actions.spec._none_as_empty": _or_null,
    "sqms.registers.reviews.spec._as_attendee": _role_or_attendee,
    "sqms.registers.feedback.spec.FeedbackSpec._tags_shorthand": _column_or_tags,
    # Keys of a mapping are text in the editor already.
    "sqms.registers.complaints.spec._as_text": _same,
    # Refuses bare numbers (4.10 would be 4.1): so does the string type.
    "sqms.standards.frameworks._clause_key": _same,
}
"""Each "before" validator of the models (by qualified name) → how it widens the input schema."""


def _qualified_name(function: Any) -> str:
    """``module.qualname`` of a validator function (of a bound classmethod: its function)."""
    function = getattr(function, "__func__", function)
    return f"{function.__module__}.{function.__qualname__}"


# --- the generator ---


class _EditorJsonSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema generation, adjusted to accept what the loaders accept."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        """The input a "before" validator accepts, which is wider than the type it yields."""
        name = _qualified_name(schema["function"]["function"])
        widen = _LAX_INPUTS.get(name)
        if widen is None:
            raise UnmappedValidatorError(name)
        return widen(super().function_before_schema(schema))

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        """A whole number, or one in quotes (``"30"``), which pydantic reads as the number."""
        return {**super().int_schema(schema), "type": ["integer", "string"], "pattern": INT_TEXT}

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        """A number, or one in quotes (``"0.95"``), which pydantic reads as the number."""
        json_schema = super().float_schema(schema)
        return {**json_schema, "type": ["number", "string"], "pattern": NUMBER_TEXT}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        """``true``/``false``, or what pydantic reads as one: ``0``, ``1``, ``"yes"``, ``"off"``…"""
        text = {"type": "string", "pattern": BOOL_TEXT}
        return {"anyOf": [super().bool_schema(schema), {"enum": [0, 1]}, text]}

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        """A date (``2026-03-31``), or a Unix time at midnight, which pydantic reads too."""
        return {**super().date_schema(schema), "type": ["string", "number"]}

    def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
        """Any text or a Unix time: pydantic reads more forms than RFC 3339's date-time."""
        return {"type": ["string", "number"]}

    def field_title_should_be_set(self, schema: Any) -> bool:
        """No generated titles (``Min N``) on fields: the descriptions say more."""
        return False

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """A mapping; key schemas that only widen text are left out (keys are text anyway)."""
        json_schema = super().dict_schema(schema)
        names = json_schema.get("propertyNames")
        if isinstance(names, dict) and set(names) == {"type"} and "string" in names["type"]:
            del json_schema["propertyNames"]
        return json_schema

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """A model, its description and each field's from their docstrings."""
        json_schema = super().model_schema(schema)
        if "description" in json_schema:
            json_schema["description"] = _plain(json_schema["description"])
        docs = _field_docs(schema["cls"])
        properties = json_schema.get("properties", {})
        for name, field in schema["cls"].model_fields.items():
            shown = properties.get(field.alias or name)
            if isinstance(shown, dict) and name in docs and "description" not in shown:
                shown["description"] = docs[name]
        return json_schema


def _plain(text: str) -> str:
    """Docstring text for an editor's hover: a line per paragraph, double backquotes single."""
    paragraphs = (" ".join(p.split("\n")) for p in text.replace("``", "`").split("\n\n"))
    return "\n\n".join(paragraphs)


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a model's fields (``name: str`` then ``\"\"\"…\"\"\"``)."""
    return _module_field_docs(cls.__module__).get(cls.__qualname__, {})


@functools.cache
def _module_field_docs(module: str) -> dict[str, dict[str, str]]:
    """Field docstrings of every top-level class of a module, by class (its source parsed once)."""
    try:
        source = inspect.getsource(sys.modules[module])
    except (KeyError, OSError, TypeError):  # no source: no descriptions
        return {}
    classes = (node for node in ast.parse(source).body if isinstance(node, ast.ClassDef))
    return {node.name: _docs_in(node.body) for node in classes}


def _docs_in(body: list[ast.stmt]) -> dict[str, str]:
    """Each annotated name of a class body followed by a string: name → that text."""
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = _plain(inspect.cleandoc(after.value.value))
    return docs


def _definitions(*models: type[BaseModel]) -> tuple[dict[type[BaseModel], JsonSchema], JsonSchema]:
    """Each model's reference and the definitions they share (one generation for all)."""
    generator = _EditorJsonSchema(ref_template=_REF)
    inputs: Sequence[tuple[type[BaseModel], Any, core_schema.CoreSchema]] = [
        (model, "validation", model.__pydantic_core_schema__) for model in models
    ]
    refs, defs = generator.generate_definitions(inputs)
    return {key: value for (key, _), value in refs.items()}, {str(k): v for k, v in defs.items()}


def _document(
    name: str, title: str, description: str, root: JsonSchema, defs: JsonSchema
) -> JsonSchema:
    """A whole schema file: its dialect, identifier, title, description and definitions."""
    schema = {key: value for key, value in root.items() if key not in ("title", "description")}
    schema.update(
        {
            "$schema": DIALECT,
            "$id": ID_PREFIX + name,
            "title": title,
            "description": description + _JUDGE,
        }
    )
    if defs:
        schema["$defs"] = defs
    return schema


def _model_document(name: str, title: str, description: str, model: type[BaseModel]) -> JsonSchema:
    """The schema of a file that is one model as a whole."""
    refs, defs = _definitions(model)
    return _document(name, title, description, _pop_root(refs[model], defs), defs)


def _pop_root(ref: JsonSchema, defs: JsonSchema) -> JsonSchema:
    """Move the definition a top-level ``$ref`` names out of ``defs``, to be the root itself."""
    key = ref["$ref"].rsplit("/", 1)[-1]
    root: JsonSchema = defs.pop(key)
    if ref["$ref"] in json.dumps(defs):  # still referred to (a recursive model): keep it
        defs[key] = root
        return dict(ref)
    return root


# --- one builder per file ---


def datasets_schema() -> JsonSchema:
    """``data/datasets.yml``: each dataset as ``DatasetSpec``, as the loader validates it."""
    refs, defs = _definitions(DatasetsFile, DatasetSpec)
    root = _pop_root(refs[DatasetsFile], defs)
    root["properties"]["datasets"]["additionalProperties"] = refs[DatasetSpec]
    return _document(
        "datasets",
        "SQMS datasets (data/datasets.yml)",
        "data/datasets.yml: the time zone, the business calendars and the datasets — each data "
        "file and the columns SQMS reads from it.",
        root,
        defs,
    )


def quality_plan_schema() -> JsonSchema:
    """``data/quality-plan.yml``."""
    return _model_document(
        "quality-plan",
        "SQMS quality plan (data/quality-plan.yml)",
        "data/quality-plan.yml: the objectives, the indicators with their targets and control "
        "charts, the reporting window and the service cycle.",
        QualityPlan,
    )


_TABLE_SECTIONS: dict[str, type[BaseModel]] = {
    "complaints": ComplaintsSpec,
    "feedback": FeedbackSpec,
}
"""The register sections of ``data/registers.yml`` (``TABLE_REGISTERS``) and their models."""


def registers_schema() -> JsonSchema:
    """``data/registers.yml``: its sections, composed as ``sqms.registers.load`` reads them.

    The loader takes a mapping of ``complaints:`` and ``feedback:`` (each
    validated as its model) and ``clauses:`` (register name → clauses, for
    the registers it knows); any other key is an error.
    """
    if tuple(_TABLE_SECTIONS) != TABLE_REGISTERS:
        raise AssertionError("the sections of registers.yml changed: update _TABLE_SECTIONS")
    refs, defs = _definitions(*_TABLE_SECTIONS.values(), ClausesSection)
    clauses = _pop_root(refs[ClausesSection], defs)
    clause_list = clauses.pop("additionalProperties")
    clauses.update(
        properties={name: clause_list for name in REGISTER_NAMES}, additionalProperties=False
    )
    root: JsonSchema = {
        "type": "object",
        "properties": {
            **{name: refs[model] for name, model in _TABLE_SECTIONS.items()},
            "clauses": clauses,
        },
        "additionalProperties": False,
    }
    return _document(
        "registers",
        "SQMS registers (data/registers.yml)",
        "data/registers.yml: how the complaint register and the survey responses (datasets of "
        "datasets.yml) are read as registers, and the clauses each register is evidence for.",
        root,
        defs,
    )


def actions_schema() -> JsonSchema:
    """``data/registers/actions.yml`` (an empty file is a register with no actions)."""
    schema = _model_document(
        "actions",
        "SQMS improvement actions (data/registers/actions.yml)",
        "data/registers/actions.yml: corrective and preventive actions, their steps, PDCA stage "
        "and effectiveness check.",
        ActionsFile,
    )
    schema["type"] = ["object", "null"]
    return schema


def training_schema() -> JsonSchema:
    """``data/registers/training.yml``."""
    return _model_document(
        "training",
        "SQMS training register (data/registers/training.yml)",
        "data/registers/training.yml: roles, people, courses and training records.",
        TrainingSpec,
    )


def audits_schema() -> JsonSchema:
    """``data/registers/audits.yml``."""
    return _model_document(
        "audits",
        "SQMS internal audits (data/registers/audits.yml)",
        "data/registers/audits.yml: the audit programme, the audits held and their findings.",
        AuditsSpec,
    )


def reviews_schema() -> JsonSchema:
    """``data/registers/reviews.yml``."""
    return _model_document(
        "reviews",
        "SQMS management reviews (data/registers/reviews.yml)",
        "data/registers/reviews.yml: the management reviews held, who took part and their "
        "decisions.",
        ReviewsSpec,
    )


def risks_schema() -> JsonSchema:
    """``data/registers/risks.yml``."""
    return _model_document(
        "risks",
        "SQMS risks and opportunities (data/registers/risks.yml)",
        "data/registers/risks.yml: risks and opportunities, scored, owned and treated.",
        RisksSpec,
    )


def applicability_schema() -> JsonSchema:
    """``data/applicability.yml``."""
    return _model_document(
        "applicability",
        "SQMS clauses not applicable (data/applicability.yml)",
        "data/applicability.yml: the clauses that do not apply, each with its justification.",
        ApplicabilityFile,
    )


def framework_schema() -> JsonSchema:
    """``data/frameworks/*.yml``: one standard's clause ids and short titles."""
    return _model_document(
        "framework",
        "SQMS framework (data/frameworks/*.yml)",
        "data/frameworks/*.yml: one standard's clause ids (quoted) and short titles.",
        FrameworkFile,
    )


def front_matter_schema() -> JsonSchema:
    """The front matter of a controlled page of the manual."""
    return _model_document(
        "front-matter",
        "SQMS controlled document (front matter of manual/**/*.md)",
        "The front matter of a controlled document of the manual: its id, version, status, "
        "owner, approval and review.",
        DocumentMeta,
    )


# --- the registry ---


@dataclass(frozen=True)
class SchemaFile:
    """One schema file: how it is built and the files (globs, from the project) it describes."""

    build: Callable[[], JsonSchema]
    globs: tuple[str, ...]


DATA_PREFIX = "data/"
DOCS_PREFIX = "manual/"

SCHEMAS: dict[str, SchemaFile] = {
    "datasets.schema.json": SchemaFile(datasets_schema, ("data/datasets.yml",)),
    "quality-plan.schema.json": SchemaFile(quality_plan_schema, ("data/quality-plan.yml",)),
    "registers.schema.json": SchemaFile(registers_schema, ("data/registers.yml",)),
    "actions.schema.json": SchemaFile(actions_schema, ("data/registers/actions.yml",)),
    "training.schema.json": SchemaFile(training_schema, ("data/registers/training.yml",)),
    "audits.schema.json": SchemaFile(audits_schema, ("data/registers/audits.yml",)),
    "reviews.schema.json": SchemaFile(reviews_schema, ("data/registers/reviews.yml",)),
    "risks.schema.json": SchemaFile(risks_schema, ("data/registers/risks.yml",)),
    "applicability.schema.json": SchemaFile(applicability_schema, ("data/applicability.yml",)),
    "framework.schema.json": SchemaFile(framework_schema, ("data/frameworks/*.yml",)),
    "front-matter.schema.json": SchemaFile(front_matter_schema, ("manual/**/*.md",)),
}
"""Schema file name → its builder and the files it applies to (in the default layout)."""


def build_schemas() -> dict[str, JsonSchema]:
    """Every schema, by file name."""
    return {name: entry.build() for name, entry in SCHEMAS.items()}


def render(schema: JsonSchema) -> str:
    """A schema as its file holds it: stable, so an unchanged model gives unchanged bytes."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _rendered() -> dict[str, bytes]:
    """Every schema file's bytes, by file name."""
    return {name: render(schema).encode("utf-8") for name, schema in build_schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files whose content changed."""
    written = []
    for name, data in _rendered().items():
        path = folder / name
        if _current(path, data):
            continue
        write_atomic(path, _writer(data))
        written.append(path)
    return written


def _writer(data: bytes) -> Callable[[Path], None]:
    """A writer of ``data`` for :func:`~sqms.io.files.write_atomic` (bytes: no newline changes)."""

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    return write


def stale_schemas(folder: Path) -> list[str]:
    """The schema files missing from ``folder`` or different from what SQMS generates."""
    return [name for name, data in _rendered().items() if not _current(folder / name, data)]


def _current(path: Path, data: bytes) -> bool:
    """Whether ``path`` holds ``data`` (line endings aside: a checkout may turn them into CRLF)."""
    try:
        return path.read_bytes().replace(b"\r\n", b"\n") == data
    except OSError:
        return False


# --- the editor's settings ---


def _moved(glob: str, data_dir: str, docs_dir: str) -> str:
    """A glob of the default layout (``data/…``, ``manual/…``) in a project's own folders."""
    for prefix, folder in ((DATA_PREFIX, data_dir), (DOCS_PREFIX, docs_dir)):
        if glob.startswith(prefix):
            return f"{PurePosixPath(folder).as_posix().strip('/')}/{glob[len(prefix) :]}"
    return glob


def yaml_schemas(data_dir: str = "data", docs_dir: str = "manual") -> dict[str, list[str]]:
    """The ``yaml.schemas`` mapping of VS Code's YAML extension: schema → the YAML files.

    Front matter is left out: the extension validates YAML files only, not
    Markdown pages.
    """
    mapping: dict[str, list[str]] = {}
    for name, entry in SCHEMAS.items():
        globs = [_moved(g, data_dir, docs_dir) for g in entry.globs if g.endswith(".yml")]
        if globs:
            mapping[f"./{SCHEMA_DIR}/{name}"] = globs
    return mapping


def merge_settings(settings: dict[str, Any], mapping: dict[str, list[str]]) -> dict[str, Any]:
    """``settings`` (an editor's settings.json) with the SQMS schemas mapped in.

    Every other key is kept, and every other schema of ``yaml.schemas``; the
    YAML version is set to the loader's unless the settings choose one.
    """
    merged = dict(settings)
    existing = merged.get(YAML_SCHEMAS)
    merged[YAML_SCHEMAS] = {**(existing if isinstance(existing, dict) else {}), **mapping}
    merged.setdefault(YAML_VERSION, LOADER_YAML_VERSION)
    return merged


def render_settings(settings: dict[str, Any]) -> str:
    """A settings.json as written: its keys in their order, two-space indents."""
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def mapping_is_current(settings: dict[str, Any], mapping: dict[str, list[str]]) -> bool:
    """Whether ``settings`` maps every SQMS schema to its files already."""
    existing = settings.get(YAML_SCHEMAS)
    return isinstance(existing, dict) and all(existing.get(k) == v for k, v in mapping.items())


def editor_files(data_dir: str = "data", docs_dir: str = "manual") -> dict[str, bytes]:
    """The files a new project gets for its editor: the schemas and ``.vscode/settings.json``."""
    files = {f"{SCHEMA_DIR}/{name}": data for name, data in _rendered().items()}
    settings = merge_settings({}, yaml_schemas(data_dir, docs_dir))
    files[SETTINGS_FILE] = render_settings(settings).encode("utf-8")
    return files


def main(argv: Sequence[str]) -> int:
    """Write the shipped copies (``--check``: only list the stale ones, exit 1 if any)."""
    if "--check" in argv:
        stale = stale_schemas(SHIPPED_DIR)
        for name in stale:
            print(f"{SHIPPED_DIR.name}/{name}: stale")
        return 1 if stale else 0
    for path in write_schemas(SHIPPED_DIR):
        print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
