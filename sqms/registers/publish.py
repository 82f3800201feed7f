"""Judging the registers against the data, and what the site publishes from them.

Each register is analysed once per build; its pages, its items under "needs
attention" and its line on the registers' index all come from that one
analysis, so the dashboard and the register pages never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqms.i18n import t
from sqms.registers.common import (
    DASHBOARD,
    INDEX_PAGE,
    REGISTER_DIR,
    REGISTER_WORDS,
    REGISTERS_FILE,
    RegisterAnalysis,
    RegisterContext,
    relative,
)
from sqms.registers.load import REGISTER_NAMES, TABLE_REGISTERS
from sqms.site.pages.common import Page, report_markdown
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import format_date
from sqms.text.markup import code


def analyse_registers(context: RegisterContext) -> dict[str, RegisterAnalysis]:
    """Every register of ``context.registers`` judged against the data, in page order."""
    return {name: register.analyse(context) for name, register in context.registers.items()}


def register_pages(
    analyses: Mapping[str, RegisterAnalysis], context: RegisterContext
) -> list[Page]:
    """The registers' index page, then each register's pages (none when no register is kept)."""
    if not analyses:
        return []
    made = {name: list(analysis.pages(context)) for name, analysis in analyses.items()}
    first = {name: pages[0].path for name, pages in made.items() if pages}
    return [index_page(analyses, context, first), *(p for pages in made.values() for p in pages)]


def register_attention(
    analyses: Mapping[str, RegisterAnalysis], context: RegisterContext
) -> tuple[AttentionItem, ...]:
    """Everything the registers flag for the dashboard, register by register."""
    return tuple(item for analysis in analyses.values() for item in analysis.attention(context))


def index_page(
    analyses: Mapping[str, RegisterAnalysis],
    context: RegisterContext,
    first_pages: Mapping[str, str],
) -> Page:
    """One page that lists every register: what each holds and what is open, with links.

    Registers the project does not keep are named too, with the file that
    would start them, so a reader knows they are missing rather than empty.
    """
    lines = [
        "# " + t("registers.title"),
        "",
        t("registers.intro", date=format_date(context.today)),
        "",
    ]
    for name in REGISTER_NAMES:
        lines += ["## " + t(REGISTER_WORDS[name]), ""]
        analysis = analyses.get(name)
        if analysis is None:
            where = REGISTERS_FILE if name in TABLE_REGISTERS else f"{REGISTER_DIR}/{name}.yml"
            lines += [t("registers.not_kept", file=code(f"data/{where}")), ""]
            continue
        lines += [analysis.summary(context), ""]
        if name in first_pages:
            opener, target = t("registers.open_register"), relative(first_pages[name], INDEX_PAGE)
            lines += [f"[{opener}]({target})", ""]
    return Page(INDEX_PAGE, report_markdown(lines))


__all__ = ["DASHBOARD", "analyse_registers", "index_page", "register_attention", "register_pages"]
