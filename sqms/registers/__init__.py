"""The registers of the management cycle: complaints, feedback, actions, training, audits.

:func:`load_registers` reads and validates every register the project keeps
and checks the ids they name in each other; :func:`analyse_registers` judges
them against the computed indicators; :func:`register_pages` and
:func:`register_attention` give what the site publishes. The CLI and the MkDocs
plugin call these same functions.
"""

from __future__ import annotations

from sqms.registers.common import (
    ACTIONS_PAGE,
    AUDITS_PAGE,
    COMPLAINTS_PAGE,
    FEEDBACK_PAGE,
    INDEX_PAGE,
    REGISTER_DIR,
    REGISTERS_FILE,
    TRAINING_PAGE,
    LoadContext,
    Reference,
    Register,
    RegisterAnalysis,
    RegisterContext,
)
from sqms.registers.load import REGISTER_NAMES, LoadedRegisters, load_registers
from sqms.registers.publish import analyse_registers, register_attention, register_pages

__all__ = [
    "ACTIONS_PAGE",
    "AUDITS_PAGE",
    "COMPLAINTS_PAGE",
    "FEEDBACK_PAGE",
    "INDEX_PAGE",
    "REGISTERS_FILE",
    "REGISTER_DIR",
    "REGISTER_NAMES",
    "TRAINING_PAGE",
    "LoadContext",
    "LoadedRegisters",
    "Reference",
    "Register",
    "RegisterAnalysis",
    "RegisterContext",
    "analyse_registers",
    "load_registers",
    "register_attention",
    "register_pages",
]
