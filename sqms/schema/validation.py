"""Validate YAML data against typed models and report problems at their lines.

The file formats are declared once, as pydantic models (``datasets_spec`` and
``plan_spec``). This module turns pydantic's validation errors into located,
translated diagnostics: ``data/quality-plan.yml:42: indicators.frt_sla.target:
expected a number, got "high"``. Values and keys from the file are quoted
shortened (:func:`sqms.diagnostics.shorten`): a message never repeats a whole
value, however long the file made it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from sqms.diagnostics import Report, shorten
from sqms.i18n import N_, did_you_mean, nt, t
from sqms.io.yamlsource import line_of, load_yaml

M = TypeVar("M", bound=BaseModel)
LISTED_VALUES = 20
"""How many allowed values a message lists before saying how many more there are."""


class StrictModel(BaseModel):
    """Base of every file-format model: unknown keys are errors, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def custom_error(message: str) -> PydanticCustomError:
    """An error whose (already translated) message is shown as it is."""
    return PydanticCustomError("sqms", "{message}", {"message": message})


_EXPECTED: dict[str, str] = {
    "dict_type": N_("type.mapping"),
    "model_type": N_("type.mapping"),
    "list_type": N_("type.list"),
    "tuple_type": N_("type.list"),
    "string_type": N_("type.string"),
    "int_type": N_("type.integer"),
    "int_parsing": N_("type.integer"),
    "int_from_float": N_("type.integer"),
    "float_type": N_("type.number"),
    "float_parsing": N_("type.number"),
    "bool_type": N_("type.boolean"),
    "bool_parsing": N_("type.boolean"),
    "date_type": N_("type.date"),
    "date_parsing": N_("type.date"),
    "date_from_datetime_parsing": N_("type.date"),
}
"""Each pydantic error type about a value's type → the message id naming the type expected."""


def allowed_list(values: Iterable[object], limit: int = LISTED_VALUES) -> str:
    """The allowed values for a message: ``P1, P2, P3`` or the first ``limit`` and "and N more".

    Each value is shortened (:func:`sqms.diagnostics.shorten`): a declaration
    may hold long or many values, a message stays a line.
    """
    shown = [shorten(value, 40) for value in values]
    if not shown:
        return "—"
    text = ", ".join(shown[:limit])
    if len(shown) <= limit:
        return text
    return nt("schema.allowed_more", len(shown) - limit, shown=text)


def _key_path(loc: Sequence[int | str]) -> str:
    """``("indicators", "frt_sla", "target")`` → ``indicators.frt_sla.target``.

    Keys come from the file, so each is shortened.
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = shorten(part, 40)
            text += f".{name}" if text else name
    return text


def _data_loc(loc: Sequence[int | str], data: Any, kind: str) -> tuple[int | str, ...]:
    """Keep the parts of a pydantic error location that exist in the data.

    Pydantic adds entries of its own for union members (``str``,
    ``function-after[...]``); walking the real data tells them apart. The last
    part is kept for missing and unknown keys, which by nature are not (or are
    not meant to be) in the data.
    """
    kept: list[int | str] = []
    node = data
    for index, part in enumerate(loc):
        child = _child(node, part)
        if child is not _ABSENT:
            node = child
        elif not (index == len(loc) - 1 and kind in ("missing", "extra_forbidden")):
            continue
        kept.append(part)
    return tuple(kept)


_ABSENT = object()


def _child(node: Any, part: int | str) -> Any:
    """``node[part]`` when ``node`` is a mapping or list holding it, else ``_ABSENT``."""
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def _message(
    error: ErrorDetails, model: type[BaseModel], data: Any, at: Sequence[int | str] = ()
) -> str:
    """Translate one pydantic error into the user's language (key paths start at ``at``)."""
    kind = error["type"]
    loc = _data_loc(error["loc"], data, kind)
    key = _key_path((*at, *loc)) or "."
    if kind == "sqms":
        # The message is kept whole (a catalog message keeps its id, and so its code).
        message = (error.get("ctx") or {}).get("message", error["msg"])
        return t("schema.at_key", key=key, message=message) if loc else message
    if kind == "missing":
        return t("schema.missing", key=loc[-1] if loc else key)
    if kind == "extra_forbidden":
        return _unknown_key(loc, model)
    if kind == "literal_error":
        literals = _literal_values(model, error["loc"])
        expected = (error.get("ctx") or {}).get("expected", "")
        allowed = expected if literals is None else allowed_list(literals)
        value = shorten(error["input"])
        return t("schema.not_one_of", key=key, value=value, allowed=allowed)
    if kind in _EXPECTED:
        return t("schema.expected", key=key, expected=t(_EXPECTED[kind]), got=_show(error["input"]))
    return t("schema.invalid", key=key, problem=shorten(error["msg"], 200))


def _literal_values(model: type[BaseModel], loc: Sequence[int | str]) -> list[object] | None:
    """The values of the ``Literal`` field at ``loc`` (None when not found), in declared order.

    Walks the models along the location; list indices and mapping keys that
    name no field are passed over, as in :func:`_known_keys`.
    """
    current: Any = model
    annotation: Any = None
    for part in loc:
        fields = current.model_fields if _is_model(current) else {}
        if isinstance(part, str) and part in fields:
            annotation = fields[part].annotation
            current = _model_in(annotation)
    found = _literals_in(annotation)
    return found or None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _literals_in(annotation: Any) -> list[object]:
    """Every value of the ``Literal`` types inside an annotation (``Status | None``)."""
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    return [value for arg in get_args(annotation) for value in _literals_in(arg)]


def _unknown_key(loc: Sequence[int | str], model: type[BaseModel]) -> str:
    """Say a key is unknown, and suggest the closest known key of that model."""
    name = str(loc[-1]) if loc else ""
    known = _known_keys(model, loc[:-1])
    return t("schema.unknown_key", key=shorten(name), hint=did_you_mean(name, known))


def _known_keys(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The field names of the (nested) model found at ``loc``, best effort."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        field = current.model_fields.get(part)
        if field is None:
            continue
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The first BaseModel class inside a type annotation (``dict[str, X]`` → ``X``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _show(value: Any) -> str:
    """A short rendering of a bad value for a message, quoted when it is text."""
    return f'"{shorten(value)}"' if isinstance(value, str) else shorten(value)


def validate(
    model: type[M], data: Any, file: str, report: Report, *, at: Sequence[int | str] = ()
) -> M | None:
    """Validate ``data`` (the whole file, or the part of it at key path ``at``) as ``model``.

    Every error is reported at its line; returns None when there was any.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = _data_loc(error["loc"], data, error["type"])
            line = line_of(data, loc) or getattr(data, "line", None)
            report.error(file, line, _message(error, model, data, at))
        return None


def load_validated(
    path: Path, display: str, model: type[M], report: Report
) -> tuple[Any, M] | None:
    """Load a YAML file safely and validate it as ``model``.

    Returns the loaded data (which keeps the lines, to locate later problems)
    and the model; None when the file is missing, malformed or invalid, all of
    which have then been reported.
    """
    source = load_yaml(path, display, report)
    if source is None:
        return None
    spec = validate(model, source, display, report)
    return None if spec is None else (source, spec)
