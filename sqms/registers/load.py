"""Loading every register a project keeps, then checking the ids they name.

Two kinds of register exist. The complaint register and the survey responses
are tables, declared as datasets in ``datasets.yml`` like any export; how they
are read as registers (which column holds what, the targets, the windows) is
set in ``data/registers.yml``. Improvement actions, training and internal
audits are YAML files of their own in ``data/registers/``. Every register is
optional: a project publishes the ones it keeps.

The register files are found by their fixed names; one that is a link leading
out of the data folder is never opened (see :mod:`sqms.io.data_paths`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import RootModel

from sqms.i18n import did_you_mean, t
from sqms.io.data_paths import may_open
from sqms.io.yamlsource import YamlMap, line_of, load_yaml
from sqms.registers.actions.register import load_actions
from sqms.registers.audits.register import load_audits
from sqms.registers.common import REGISTER_DIR, REGISTERS_FILE, LoadContext, Register
from sqms.registers.complaints.register import load_complaints
from sqms.registers.feedback.register import load_feedback
from sqms.registers.references import check_references
from sqms.registers.reviews.register import load_reviews
from sqms.registers.risks.register import load_risks
from sqms.registers.training.register import load_training
from sqms.schema.plan import ClauseList
from sqms.schema.validation import validate
from sqms.standards.clauses import ClauseRef

REGISTER_NAMES = ("complaints", "feedback", "actions", "training", "audits", "risks", "reviews")
"""Every register, in the order its pages are listed."""
TABLE_REGISTERS = ("complaints", "feedback")
"""Registers read from a dataset, set up in ``data/registers.yml``."""
FILE_REGISTERS = ("actions", "training", "audits", "risks", "reviews")
KINDS_OF = {
    "complaints": ("complaint",),
    "actions": ("action",),
    "training": ("course", "person", "role"),
    "audits": ("audit", "finding"),
    "risks": ("risk",),
    "reviews": ("review",),
}
"""The kinds of id each register defines."""
"""Registers kept as YAML files of their own: ``data/registers/<name>.yml``."""


@dataclass
class LoadedRegisters:
    """The registers a project keeps, and the clauses each is declared evidence for."""

    registers: dict[str, Register] = field(default_factory=dict)
    clauses: list[ClauseRef] = field(default_factory=list)
    failed: frozenset[str] = frozenset()
    """Registers the project keeps but that had errors: their ids are not known."""


def load_registers(context: LoadContext) -> LoadedRegisters:
    """Load and validate every register of the project, then check their cross-references.

    Problems go to ``context.report``. A register with errors is left out, and
    the ids it would define are not checked elsewhere: one mistake in
    ``actions.yml`` is reported once, not again at every complaint naming an
    action.
    """
    registers: dict[str, Register] = {}
    failed: set[str] = set()
    sections, clauses = _table_sections(context)
    for name, section in sections.items():
        loaded = _load_table_register(name, section, context)
        if loaded is not None:
            registers[name] = loaded
        else:
            failed.add(name)
    for name in FILE_REGISTERS:
        relative_path = f"{REGISTER_DIR}/{name}.yml"
        if not _present(relative_path, context):
            continue
        loaded = (
            _load_file_register(name, relative_path, context)
            if _may_open(relative_path, context)
            else None  # a link out, reported: the register is kept but unread
        )
        if loaded is not None:
            registers[name] = loaded
        else:
            failed.add(name)
    unchecked = {kind for name in failed for kind in KINDS_OF.get(name, ())}
    check_references(registers, context, unchecked)
    ordered = {name: registers[name] for name in REGISTER_NAMES if name in registers}
    return LoadedRegisters(ordered, clauses, frozenset(failed))


def _present(relative_path: str, context: LoadContext) -> bool:
    """Whether the data folder holds something by this name: a register the project keeps.

    Anything there counts, a link or a folder too, so that what cannot be read
    is reported rather than skipped in silence.
    """
    path = context.data_dir / relative_path
    return path.exists() or path.is_symlink()


def _may_open(relative_path: str, context: LoadContext) -> bool:
    """Whether a register file lies inside the data folder (a link out is reported)."""
    path, shown = context.data_dir / relative_path, context.display(relative_path)
    return may_open(path, context.data_dir, shown, context.display_dir, context.report)


def _table_sections(context: LoadContext) -> tuple[Mapping[str, Any], list[ClauseRef]]:
    """The register sections of ``data/registers.yml``, and its ``clauses:`` declarations."""
    path = context.data_dir / REGISTERS_FILE
    if not (_present(REGISTERS_FILE, context) and _may_open(REGISTERS_FILE, context)):
        return {}, []
    display = context.display(REGISTERS_FILE)
    source = load_yaml(path, display, context.report)
    if source is None:
        return {}, []
    if not isinstance(source, dict):
        context.report.error(display, getattr(source, "line", 1), t("registers.not_mapping"))
        return {}, []
    sections, clauses = {}, []
    for key, section in source.items():
        if key in TABLE_REGISTERS:
            sections[key] = section
        elif key == "clauses":
            clauses = _clauses(section, display, context)
        else:
            line = line_of(source, (key,)) if isinstance(source, YamlMap) else None
            hint = did_you_mean(str(key), [*TABLE_REGISTERS, "clauses"])
            context.report.error(display, line, t("registers.unknown_section", key=key, hint=hint))
    return sections, clauses


def _clauses(section: Any, display: str, context: LoadContext) -> list[ClauseRef]:
    """``clauses: {complaints: ["9.1.2", …]}``: the clauses each register is evidence for."""
    spec = validate(ClausesSection, section, display, context.report, at=("clauses",))
    if spec is None:
        return []
    refs = []
    for name, clauses in spec.root.items():
        if name not in REGISTER_NAMES:
            hint = did_you_mean(name, REGISTER_NAMES)
            line = line_of(section, (name,))
            context.report.error(
                display, line, t("registers.unknown_register", name=name, hint=hint)
            )
            continue
        for index, clause in enumerate(clauses):
            line = line_of(section, (name, index))
            refs.append(ClauseRef(clause, "register", name, display, line))
    return refs


class ClausesSection(RootModel[dict[str, ClauseList]]):
    """The ``clauses:`` section: register name → clause ids."""


def _load_table_register(name: str, section: Any, context: LoadContext) -> Register | None:
    """The complaint or feedback register, as ``data/registers.yml`` sets it up."""
    display = context.display(REGISTERS_FILE)
    if name == "complaints":
        return load_complaints(section, display, context)

    return load_feedback(section, display, context)


def _load_file_register(name: str, relative_path: str, context: LoadContext) -> Register | None:
    """An actions, training or audits register from its YAML file."""
    path = context.data_dir / relative_path
    display = context.display(relative_path)
    if name == "actions":
        return load_actions(path, display, context)
    if name == "training":
        return load_training(path, display, context)
    if name == "reviews":
        return load_reviews(path, display, context)
    if name == "risks":
        return load_risks(path, display, context)

    return load_audits(path, display, context)
