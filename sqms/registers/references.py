"""Checking the ids that registers name in each other, the plan and the manual.

An action names complaints, indicators, audit findings and documents; a
complaint names its action; a finding names its action and a clause's
documents; a course names the documents it teaches. Each must exist: an
unknown id is an error at the file and line (or row and column) that names
it, with the closest known id as a hint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from sqms.i18n import did_you_mean, t
from sqms.registers.common import KIND_WORDS, LoadContext, Reference, Register

EXAMPLES_PER_ID = 5
"""How many places an unknown id is reported at (a table may name it in many rows)."""


def known_ids(registers: Mapping[str, Register], context: LoadContext) -> dict[str, set[str]]:
    """Every id that can be named, by kind: the registers', the plan's indicators, the documents.

    A kind whose source failed to load (the plan had errors) is absent, so
    references to it are not reported again.
    """
    known: dict[str, set[str]] = defaultdict(set)
    for register in registers.values():
        for kind, ids in register.ids().items():
            known[kind].update(ids)
    if context.plan is not None:
        known["indicator"] = set(context.plan.indicators)
    known["document"] = set(context.manual.documents)
    return known


def check_references(
    registers: Mapping[str, Register],
    context: LoadContext,
    unchecked: Collection[str] = (),
) -> None:
    """Report every reference whose id is unknown, at most a few places per id and file.

    Kinds in ``unchecked`` (those of a register that failed to load) and
    indicators when the plan failed are not judged: their ids are not known.
    """
    known = known_ids(registers, context)
    unchecked = {*unchecked, *(("indicator",) if context.plan is None else ())}
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    for register in registers.values():
        for ref in register.references():
            if ref.kind in unchecked or ref.target in known.get(ref.kind, set()):
                continue
            key = (ref.file, ref.kind, ref.target)
            seen[key] += 1
            if seen[key] <= EXAMPLES_PER_ID:
                _report(ref, known.get(ref.kind, set()), context)


def _report(ref: Reference, ids: set[str], context: LoadContext) -> None:
    """One unknown id, with the closest known one as a hint."""
    message = t(
        "registers.unknown_reference",
        kind=t(KIND_WORDS[ref.kind]),
        id=ref.target,
        hint=did_you_mean(ref.target, sorted(ids)),
    )
    where = {"row": ref.row, "column": ref.column} if ref.row is not None else {}
    context.report.error(ref.file, ref.line, message, **where)
