"""The clause matrix read as a certification auditor reads it (small projects, judged by hand)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diagnostics import Report
from sqms.documents.manual import Document, Manual
from sqms.schema.documents import DocumentMeta
from sqms.site.pages.clauses import clause_matrix_page
from sqms.standards.clauses import ClauseRef, ClauseRow, clause_matrix, document_refs
from sqms.standards.frameworks import Frameworks
from sqms.standards.load import load_frameworks
from tests import mini
from tests.support.projects import ProjectFactory

ISO = """
id: ISO9001
title: ISO 9001:2015
default: true
clauses:
  "5": Leadership
  "5.1": Leadership and commitment
  "5.1.1": General
  "5.1.2": Customer focus
  "8": Operation
  "8.3": Design and development of products and services
  "8.3.1": General
  "8.5": Production and service provision
  "8.5.1": Control of production and service provision
  "8.5.4": Preservation
  "9.3": Management review
notes:
  "5.1": "a remark"
"""
GUIDANCE = """
id: ISO10002
title: ISO 10002:2018
kind: guidance
clauses:
  "7": Operation of the complaints-handling process
  "7.4": Acknowledgement of complaint
  "7.9": Closing the complaint
"""
APPLICABILITY = """
not_applicable:
  "8.3": "No design and development: the service desk delivers services designed by the product teams."
"""


def _frameworks(make_project: ProjectFactory, **extra: str) -> Frameworks:
    files = {"data/frameworks/iso9001.yml": ISO, "data/frameworks/iso10002.yml": GUIDANCE}
    files.update(extra)
    root = make_project(files)
    report = Report()
    found = load_frameworks(root / "data", "data", report)
    assert not report.diagnostics, [d.format() for d in report]
    assert found is not None
    return found


def _ref(clause: str, kind: str, item: str, effective: bool = True, state: str | None = None):  # type: ignore[no-untyped-def]
    return ClauseRef(clause, kind, item, "x", None, effective, state)


def _rows(
    frameworks: Frameworks, refs: list[ClauseRef], open_findings: frozenset[str] = frozenset()
) -> dict[str, ClauseRow]:
    matrix = clause_matrix(frameworks, refs, open_findings)
    return {row.key: row for rows in matrix.values() for row in rows}


def _page(
    frameworks: Frameworks, refs: list[ClauseRef], open_findings: frozenset[str] = frozenset()
) -> str:
    matrix = clause_matrix(frameworks, refs, open_findings)
    return clause_matrix_page(frameworks, matrix, lambda ref, page: f"[{ref.item}](x.md)").markdown


def _row_line(page: str, anchor: str) -> str:
    return next(line for line in page.splitlines() if f'<span id="{anchor}">' in line)


def test_a_parent_with_one_covered_child_and_one_empty_child_is_partial(
    make_project: ProjectFactory,
) -> None:
    frameworks = _frameworks(make_project)
    rows = _rows(
        frameworks, [_ref("8.5.1", "document", "QP-03"), _ref("8.5.1", "indicator", "sla")]
    )
    assert rows["ISO9001:8.5.1"].status == "covered"
    assert rows["ISO9001:8.5.4"].status == "none"
    assert rows["ISO9001:8.5"].status == "partial"
    assert rows["ISO9001:8.5"].uncovered == ("8.5.4",)
    # 8 has 8.3 (no evidence, applicable here) and 8.5 (partial): partial, never covered.
    assert rows["ISO9001:8"].status == "partial"
    # A document naming one child and a record naming another cover neither, nor the parent.
    split = _rows(frameworks, [_ref("8.5.1", "document", "QP-03"), _ref("8.5.4", "register", "x")])
    assert split["ISO9001:8.5"].status == "partial"
    assert split["ISO9001:8.5.1"].missing == ("no-record",)
    assert split["ISO9001:8.5.4"].missing == ("no-document",)


def test_a_parent_citation_covers_its_children_and_evidence_never_flows_up(
    make_project: ProjectFactory,
) -> None:
    frameworks = _frameworks(make_project)
    rows = _rows(frameworks, [_ref("5.1", "document", "QM-01"), _ref("5", "objective", "O1")])
    for clause in ("5.1.1", "5.1.2", "5.1", "5"):
        assert rows[f"ISO9001:{clause}"].status == "covered", clause
    assert {ref.item for ref in rows["ISO9001:5.1.2"].evidence} == {"QM-01", "O1"}
    # Naming 5.1.1 says nothing of 5.1.2, so nothing of 5.1 as a whole.
    rows = _rows(frameworks, [_ref("5.1.1", "document", "QM-01"), _ref("5.1.1", "audit", "IA-1")])
    assert rows["ISO9001:5.1.1"].status == "covered"
    assert rows["ISO9001:5.1.2"].status == "none"
    assert rows["ISO9001:5.1"].status == "partial"
    assert rows["ISO9001:5.1"].evidence == ()


def test_an_open_nonconformity_keeps_its_clause_from_green_and_is_named(
    make_project: ProjectFactory,
) -> None:
    frameworks = _frameworks(make_project)
    refs = [
        _ref("8.5.1", "document", "QP-03"),
        _ref("8.5.1", "audit", "IA-1"),
        _ref("8.5.1", "finding", "IA-1-F1"),
        _ref("8.5.1", "action", "ACT-1"),
    ]
    assert _rows(frameworks, refs)["ISO9001:8.5.1"].status == "covered"  # F1 closed
    rows = _rows(frameworks, refs, frozenset({"IA-1-F1"}))
    row = rows["ISO9001:8.5.1"]
    assert row.status == "partial"
    assert row.open_findings == ("IA-1-F1",)
    page = _page(frameworks, refs, frozenset({"IA-1-F1"}))
    line = _row_line(page, "iso9001-8-5-1")
    assert "◐ partial" in line
    assert "[IA-1-F1](x.md) (open nonconformity)" in line
    assert "open nonconformity IA-1-F1" in line
    gaps = page.split("### Gaps")[1].split("###")[0]
    assert "8.5.1 Control of production and service provision" in gaps


def test_documents_not_in_force_never_count_and_are_shown_as_such(
    make_project: ProjectFactory,
) -> None:
    def document(doc_id: str, status: str, **dates: dt.date) -> Document:
        approval = {} if status in ("draft", "in-review") else {
            "approved_by": "QM", "approved_on": dt.date(2026, 1, 5), "review_every": "1 year"}  # fmt: skip
        if status == "obsolete":
            approval.pop("review_every")
        meta = DocumentMeta(id=doc_id, title=doc_id, type="procedure", version="1.0",
                            status=status, owner="QM", clauses=["8.5.1"], **approval, **dates)  # type: ignore[arg-type]  # fmt: skip
        return Document(meta, f"{doc_id}.md", f"manual/{doc_id}.md")

    manual = Manual(today=dt.date(2026, 6, 1))
    for doc in (document("QP-01", "draft"), document("QP-02", "in-review"),
                document("QP-03", "obsolete"),
                document("QP-04", "approved", effective_on=dt.date(2026, 7, 1))):  # fmt: skip
        manual.documents[doc.meta.id] = doc
    refs = document_refs(manual)
    assert {(r.item, r.state, r.effective) for r in refs} == {
        ("QP-01", "draft", False), ("QP-02", "in-review", False),
        ("QP-03", "obsolete", False), ("QP-04", "pending", False),
    }  # fmt: skip
    frameworks = _frameworks(make_project)
    refs.append(_ref("8.5.1", "indicator", "sla"))
    row = _rows(frameworks, refs)["ISO9001:8.5.1"]
    assert row.status == "partial"
    assert row.missing == ("no-document-in-force",)
    line = _row_line(_page(frameworks, refs), "iso9001-8-5-1")
    assert "[QP-01](x.md) (draft)" in line
    assert "[QP-02](x.md) (in review)" in line
    assert "[QP-03](x.md) (obsolete)" in line
    assert "[QP-04](x.md) (approved, not yet effective)" in line
    assert "no document in force" in line
    # The same document in force covers the clause.
    manual.documents["QP-04"] = document("QP-04", "approved", effective_on=dt.date(2026, 5, 1))
    in_force = [*document_refs(manual), _ref("8.5.1", "indicator", "sla")]
    assert _rows(frameworks, in_force)["ISO9001:8.5.1"].status == "covered"


def test_a_not_applicable_clause_is_shown_with_its_justification_and_left_out_of_its_parent(
    make_project: ProjectFactory,
) -> None:
    frameworks = _frameworks(make_project, **{"data/applicability.yml": APPLICABILITY})
    assert set(frameworks.not_applicable) == {"ISO9001:8.3"}
    refs = [_ref("8.5", "document", "QP-03"), _ref("8.5", "indicator", "sla")]
    rows = _rows(frameworks, refs)
    assert rows["ISO9001:8.3"].status == "not-applicable"
    assert rows["ISO9001:8.3.1"].status == "not-applicable"  # its sub-clause too
    assert rows["ISO9001:8.3"].justification is not None
    assert rows["ISO9001:8"].status == "covered"  # 8.5 is all that applies
    page = _page(frameworks, refs)
    excluded = page.split("### Not applicable")[1].split("###")[0]
    assert "8.3 Design and development of products and services" in excluded
    assert "justification: No design and development: the service desk" in excluded
    assert "⊘ not applicable" in _row_line(page, "iso9001-8-3-1")
    assert "- ISO 9001:2015: 4 of 9 applicable clauses covered; 2 not applicable." in page


def test_a_guidance_framework_is_worded_as_guidance_never_as_gaps(
    make_project: ProjectFactory,
) -> None:
    frameworks = _frameworks(make_project)
    refs = [_ref("ISO10002:7.4", "document", "WI-05-01")]
    rows = _rows(frameworks, refs)
    assert rows["ISO10002:7.9"].status == "none"
    page = _page(frameworks, refs)
    section = page.split("## ISO 10002:2018")[1]
    assert section.startswith(" — guidance")
    assert "Gaps" not in section and "gap" not in section.lower().replace("not conformity gaps", "")
    assert (
        "3 clauses: 0 addressed, 2 partly addressed, 1 not addressed, 0 not applicable." in section
    )
    assert "### Not yet fully addressed" in section
    assert "○ not addressed" in _row_line(page, "iso10002-7-9")
    assert "◐ partly addressed" in _row_line(page, "iso10002-7-4")
    # Counted in no certification summary.
    summary = page.split("## ")[0]
    assert "ISO 9001:2015: 0 of 11 applicable clauses covered" in summary
    assert "Not counted (guidance, not certifiable): ISO 10002:2018." in summary


def test_a_gap_row_says_what_is_missing(make_project: ProjectFactory) -> None:
    frameworks = _frameworks(make_project)
    refs = [_ref("5.1.1", "document", "QM-01"), _ref("5.1.2", "audit", "IA-1")]
    page = _page(frameworks, refs)
    assert "no record" in _row_line(page, "iso9001-5-1-1")
    assert "no document" in _row_line(page, "iso9001-5-1-2")
    assert "no document, no record" not in _row_line(page, "iso9001-5-1-2")
    assert "no document; no record" in _row_line(page, "iso9001-9-3")
    assert "sub-clauses not covered: [5.1.1](#iso9001-5-1-1), [5.1.2](#iso9001-5-1-2)" in (
        _row_line(page, "iso9001-5-1")
    )
    gaps = page.split("### Gaps")[1].split("###")[0]
    assert "[9.3 Management review](#iso9001-9-3) — ✖ no evidence: no document; no record" in gaps
    assert "Leadership and commitment (a remark)" in _row_line(page, "iso9001-5-1")


def _check(make_project: ProjectFactory, applicability: str) -> tuple[int, list[str], str]:
    files = mini.files()
    files["data/frameworks/iso9001.yml"] = ISO
    files["data/applicability.yml"] = applicability
    result = CliRunner().invoke(main, ["check", "--project", str(make_project(files))])
    return result.exit_code, result.stderr.splitlines(), result.output


def test_an_unknown_clause_in_applicability_is_a_located_error(
    make_project: ProjectFactory,
) -> None:
    code, lines, output = _check(make_project, 'not_applicable:\n  "8.4": "No suppliers."\n')
    assert code == 1
    assert (
        'data/applicability.yml:2: unknown clause "8.4" in ISO 9001:2015 (did you mean "8.5.4"?)'
        in lines
    )
    assert "Traceback" not in output


def test_an_empty_justification_is_a_located_error(make_project: ProjectFactory) -> None:
    text = 'not_applicable:\n  "8.5.1": "Sure."\n  "8.3": "  "\n  "8.5.4":\n'
    code, lines, output = _check(make_project, text)
    assert code == 1
    assert [line for line in lines if line.startswith("data/applicability.yml")] == [
        'data/applicability.yml:3: clause "8.3" is declared not applicable without a '
        "justification (ISO 9001 4.3 requires one)",
        'data/applicability.yml:4: clause "8.5.4" is declared not applicable without a '
        "justification (ISO 9001 4.3 requires one)",
    ]
    assert "Traceback" not in output


def test_a_valid_applicability_file_passes_the_check(make_project: ProjectFactory) -> None:
    code, _lines, output = _check(make_project, APPLICABILITY)
    assert code == 0, output


def test_the_sample_declares_its_exclusions_and_keeps_9_3_as_documented() -> None:
    from sqms.project import load_project
    from sqms.standards.clauses import open_nonconformities

    project = load_project(Path(__file__).resolve().parents[1])
    assert project.frameworks is not None
    mine = ("data/applicability.yml", "data/frameworks/")
    assert not [d for d in project.report.diagnostics if d.file.startswith(mine)]
    rows = _rows(project.frameworks, project.clauses, open_nonconformities(project.registers))
    assert rows["ISO9001:8.3"].status == "not-applicable"
    assert rows["ISO9001:8.3.6"].status == "not-applicable"
    assert rows["ISO9001:7.1.5.2"].status == "not-applicable"
    # Parents are judged from their sub-clauses: 8 is not covered while 8.4 and 8.6 lack evidence.
    assert rows["ISO9001:8"].status == "partial"
    assert {"8.4", "8.6"} <= set(rows["ISO9001:8"].uncovered)
    # 5.1 is named by documents: 5.1.1 and 5.1.2 are not empty.
    assert rows["ISO9001:5.1.2"].status != "none"
    assert rows["ISO9001:7.5.3.1"].open_findings == ("IA-2026-01-F1",)
    # 9.3 has its procedures, and the reviews held (data/registers/reviews.yml) as its record.
    assert rows["ISO9001:9.3.2"].status == "covered"
    assert rows["ISO9001:9.3.2"].missing == ()
    assert "MR-2026-Q3" in {ref.item for ref in rows["ISO9001:9.3.3"].evidence}
    assert project.frameworks.frameworks["ISO10002"].guidance
    assert "climate change" in (project.frameworks.frameworks["ISO9001"].notes["4.1"])
