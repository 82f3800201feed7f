"""The document register: every controlled document on one sortable page.

An auditor's first question is "which documents are in force, and are they
current?". The register answers it: id, title, type, version, status, owner,
approval and next review, with overdue reviews, drafts and obsolete
documents flagged in words as well as symbols. Dates in the sortable table
stay ISO 8601 (they sort as text); the text around it follows the language.
"""

from __future__ import annotations

from sqms.documents.control import STATUS_SYMBOL, link_to
from sqms.documents.manual import Manual
from sqms.i18n import nt, t
from sqms.schema.documents import STATUS_WORDS, TYPE_WORDS
from sqms.site.pages import Page
from sqms.site.pages.common import register_table, report_markdown
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_date

REGISTER_PAGE = "document-register.md"


def register_page(manual: Manual) -> Page:
    """The register of controlled documents, sorted by id, overdue reviews flagged."""
    documents = sorted(manual.documents.values(), key=lambda d: d.meta.id)
    overdue = [d for d in documents if d.overdue(manual.today)]
    lines = [
        "# " + t("doc.register.title"),
        "",
        t("doc.register.intro", date=format_date(manual.today)),
        "",
    ]
    drafts = sum(d.meta.status == "draft" for d in documents)
    lines += [t("doc.register.summary", documents=nt("count.documents", len(documents)),
                overdue=len(overdue), drafts=nt("count.drafts", drafts)), ""]  # fmt: skip
    header = [t("doc.col.id"), t("doc.col.title"), t("doc.col.type"), t("doc.col.version"),
              t("doc.col.status"), t("doc.col.owner"), t("doc.col.approved"),
              t("doc.col.next_review")]  # fmt: skip
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for document in documents:
        meta = document.meta
        due = meta.review_due()
        review = "—" if due is None else str(due)
        if document.overdue(manual.today):
            review = f"**{due}** ⚠ " + t("doc.overdue")
        cells = [
            f"[{escape(meta.id)}]({link_to(document, REGISTER_PAGE)})",
            escape(meta.title),
            t(TYPE_WORDS[meta.type]),
            escape(meta.version),
            STATUS_SYMBOL[meta.status] + " " + t(STATUS_WORDS[meta.status]),
            escape(meta.owner),
            str(meta.approved_on or "—"),
            review,
        ]
        table.append("| " + " | ".join(cells) + " |")
    lines += register_table(table)
    # One table and no sections: the table of contents would only take its width.
    return Page(REGISTER_PAGE, report_markdown(lines, toc=False))


def overdue_items(manual: Manual, from_page: str = "dashboard.md") -> tuple[AttentionItem, ...]:
    """Documents past their review date, for the dashboard's "needs attention"."""
    items = []
    for document in sorted(manual.documents.values(), key=lambda d: d.meta.id):
        if document.overdue(manual.today):
            meta = document.meta
            link = f"[{escape(meta.id)} {escape(meta.title)}]({link_to(document, from_page)})"
            text = t(
                "doc.attention_item",
                link=link,
                date=format_date(meta.review_due()),
                owner=escape(meta.owner),
            )
            items.append(AttentionItem(t("doc.attention_group"), text))
    return tuple(items)
