"""Cross-references between registers on the sample: one mistake is reported once."""

from __future__ import annotations

from pathlib import Path

from sqms.project import load_project
from sqms.registers.common import KIND_WORDS, KINDS, REGISTER_WORDS
from sqms.registers.load import KINDS_OF, REGISTER_NAMES
from tests.support.edits import edit_file
from tests.support.projects import errors
from tests.support.sites import copy_sample


def _sample(tmp_path: Path) -> Path:
    """A copy of the sample project to break."""
    return copy_sample(tmp_path)


def _errors(root: Path) -> list[str]:
    """The errors of the project at ``root``, manual and all."""
    return errors(load_project(root))


BROKEN_STATUS = (
    "    status: closed\n    closed: 2026-06-10\n",
    "    status: finished\n    closed: 2026-06-10\n",
)
"""The first closed action of the sample's register gets a status that does not exist."""


def test_a_broken_register_is_reported_once_not_at_every_reference(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    edit_file(root / "data/registers/actions.yml", *BROKEN_STATUS)
    errors = _errors(root)
    # The complaints, audits and procedures name actions; with actions.yml broken, the only
    # error is actions.yml's own: no "unknown improvement action" and no unknown [[ACT-…]].
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/registers/actions.yml:")
    assert '"finished" is not one of' in errors[0]


def test_an_unknown_action_is_still_reported_where_it_is_named(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    edit_file(root / "data/registers/audits.yml", "action: ACT-2026-006", "action: ACT-2026-060")
    errors = _errors(root)
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/registers/audits.yml:")
    assert 'unknown improvement action "ACT-2026-060"' in errors[0]


def test_a_mistyped_document_reference_is_reported_even_then(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    edit_file(root / "data/registers/actions.yml", *BROKEN_STATUS)
    edit_file(
        root / "manual/procedures/qp-08-improvement.md",
        "decisions recorded in the minutes ([[QP-01]])",
        "decisions recorded in the minutes ([[QP-91]])",
    )
    errors = _errors(root)
    assert any('unknown document "QP-91"' in e for e in errors), errors


def test_every_register_and_kind_has_its_name() -> None:
    """Every register is titled, and every kind of id a reference can name has its word."""
    assert set(REGISTER_WORDS) == set(REGISTER_NAMES)
    named = {kind for kinds in KINDS_OF.values() for kind in kinds if kind != "review"}
    assert set(KIND_WORDS) == set(KINDS) | named
