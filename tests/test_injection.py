"""Hostile text in every field that reaches a page stays text: built and read as a browser would.

A copy of the sample project gets one payload in each kind of untrusted text
— a YAML title, name and description, a register entry, a data cell, a data
value shown as a breakdown label, a clause title, front matter, a commit
subject — each tagged with the field it sits in. The site is
built strictly, and every page is parsed: no event-handler attribute, no
``javascript:`` URL, no inline script but the theme's own (each one allowed by
hash in the page's Content-Security-Policy), one ``<title>``; and each payload
is found on the site as the literal text the author typed, Markdown syntax
included.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sqms.plugin.csp import script_hash
from tests.support.edits import edit_file
from tests.support.sites import copy_sample, mkdocs_build

MARK = "__sqms_pwn"


def payload(field: str) -> str:
    """One payload: a tag naming the field, then HTML, Markdown and attribute-list attacks."""
    return (
        f"{field} </title><script>window.{MARK}=1</script>"
        f" [click](javascript:window.{MARK}=2) <img src=x onerror=window.{MARK}=3>"
        f' **bold** _em_ `code` <a href="javascript:window.{MARK}=4">a</a>'
        f' {{: onmouseover="window.{MARK}=5" }}'
    )


def yaml_text(field: str) -> str:
    """The payload as a YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(payload(field))


def plant(project: Path) -> list[str]:
    """Put a payload in every kind of untrusted text; return the fields' tags."""
    data, manual = project / "data", project / "manual"
    plan = data / "quality-plan.yml"
    edit_file(
        plan, "title: Customers get a first answer fast", f"title: {yaml_text('F-OBJECTIVE')}"
    )
    edit_file(
        plan,
        "description: >-\n"
        "      Every customer hears from a person within four working hours, on every channel.",
        f"description: {yaml_text('F-OBJECTIVE-TEXT')}",
    )
    edit_file(plan, "name: Resolution SLA attainment", f"name: {yaml_text('F-INDICATOR')}")
    edit_file(
        plan,
        "    control_chart: p\n    owner: Service Desk Manager\n    procedure: QP-03",
        f"    control_chart: p\n    owner: {yaml_text('F-OWNER')}\n    procedure: QP-03",
    )
    edit_file(
        plan,
        'benchmark: {value: 0.86, source: "Contact-centre benchmark survey 2025 (peer median)"}',
        f"benchmark: {{value: 0.86, source: {yaml_text('F-BENCHMARK')}}}",
    )
    edit_file(
        plan,
        "{name: Resolved until closed, from: resolved_at",
        f"{{name: {yaml_text('F-STAGE')}, from: resolved_at",
    )
    edit_file(
        data / "datasets.yml",
        "description: Every customer contact handled by the service desk.",
        f"description: {yaml_text('F-DATASET')}",
    )
    _plant_actions(data / "registers" / "actions.yml")
    _plant_training(data / "registers" / "training.yml")
    audits = data / "registers" / "audits.yml"
    edit_file(
        audits,
        "statement: >-\n          In 3 of 20 sampled tickets the priority was raised to P1 after a\n"
        "          team leader's approval in chat, but the approval was not recorded in\n"
        "          the ticket; WI-03-01 does not say where to record it.",
        f"statement: {yaml_text('F-FINDING')}",
    )
    edit_file(
        audits,
        "title: Service request handling at Beijing L1 and Shanghai L1",
        f"title: {yaml_text('F-AUDIT')}",
    )
    edit_file(
        data / "frameworks" / "iso9001.yml",
        '"8.5.1": Control of production and service provision',
        f'"8.5.1": {yaml_text("F-CLAUSE")}',
    )
    edit_file(
        manual / "procedures" / "qp-05-complaint-handling.md",
        "title: Complaint handling",
        f"title: {yaml_text('F-FRONT-TITLE')}",
    )
    procedure = manual / "procedures" / "qp-03-service-requests.md"
    edit_file(procedure, "owner: Service Desk Manager", f"owner: {yaml_text('F-DOC-OWNER')}")
    edit_file(procedure, "approved_by: Quality Director", f"approved_by: {yaml_text('F-APPROVER')}")
    cli = manual / "reference" / "cli.md"
    cli.write_text(
        f"---\ndescription: {yaml_text('F-DESCRIPTION')}\n---\n" + cli.read_text("utf-8"), "utf-8"
    )
    _plant_values(data)
    _plant_complaint(data / "registers" / "complaints.csv", payload("F-COMPLAINT"))
    _plant_file_name(data)
    return ["F-OBJECTIVE", "F-OBJECTIVE-TEXT", "F-INDICATOR", "F-OWNER", "F-BENCHMARK",
            "F-STAGE", "F-DATASET", "F-ACTION", "F-PROBLEM", "F-WHY", "F-STEP",
            "F-STEP-OWNER", "F-SOURCE-NOTE", "F-COURSE", "F-ROLE", "F-PERSON", "F-TEAM",
            "F-FINDING", "F-AUDIT", "F-CLAUSE", "F-FRONT-TITLE", "F-DOC-OWNER", "F-APPROVER",
            "F-CHANNEL", "F-CATEGORY", "F-ROOT-CAUSE", "F-COMPLAINT", "F-COMMIT"]  # fmt: skip


def _plant_actions(path: Path) -> None:
    """The first action's title, problem, a why, a step and its owner, and its source's note."""
    edit_file(
        path,
        "title: Coaching and buddying for new agents at Chengdu L1",
        f"title: {yaml_text('F-ACTION')}",
    )
    edit_file(
        path,
        "note: >-\n"
        "        WE1 signal on the Chengdu L1 breakdown in June 2025 (77%, from 95% in May);\n"
        "        the other teams stable.",
        f"note: {yaml_text('F-SOURCE-NOTE')}",
    )
    edit_file(
        path,
        "problem: >-\n"
        "      From June 2025 Chengdu L1 answered only 72–77% of its tickets within four\n"
        "      business hours, against 93% over the half-year before and a target of 95%,\n"
        "      while the other teams were stable. Chengdu L1's CSAT fell from 84% in May\n"
        "      to 43% in July 2025, answer accuracy fell with it, and twelve complaints\n"
        "      about slow responses were received from June to September.",
        f"problem: {yaml_text('F-PROBLEM')}",
    )
    edit_file(
        path,
        "- Why did Chengdu L1 answer fewer tickets within four hours?"
        " Its e-mail and web queue grew faster than it was worked.",
        f"- {yaml_text('F-WHY')}",
    )
    edit_file(
        path,
        "- what: Route part of Chengdu L1's e-mail and web queue to Beijing L1 and Shanghai L1"
        " (correction)\n        owner: Service Desk Manager",
        f"- what: {yaml_text('F-STEP')}\n        owner: {yaml_text('F-STEP-OWNER')}",
    )


def _plant_training(path: Path) -> None:
    """A course's title, a role's title, and a person's name (names published) and team."""
    edit_file(
        path,
        "title: Service request handling and ticket priority",
        f"title: {yaml_text('F-COURSE')}",
    )
    edit_file(path, "team-lead: Team Leader", f"team-lead: {yaml_text('F-ROLE')}")
    edit_file(path, "\npublish_names: false\n", "\npublish_names: true\n")
    person, team = yaml_text("F-PERSON"), yaml_text("F-TEAM")
    edit_file(
        path,
        "{id: P-001, name: Li Wei, roles: [agent], team: Beijing L1,",
        f"{{id: P-001, name: {person}, roles: [agent], team: {team},",
    )


def _plant_values(data: Path) -> None:
    """Data values that become breakdown labels: a ticket channel, a complaint category and cause.

    A category column declares its values in ``datasets.yml``: the value is
    changed there and in every cell that holds it.
    """
    datasets = data / "datasets.yml"
    edit_file(
        datasets,
        "channel: {type: category, required: true, values: [phone, email, chat, web]}",
        f"channel: {{type: category, required: true, values: [phone, email,"
        f" {yaml_text('F-CHANNEL')}, web]}}",
    )
    edit_file(
        datasets,
        "values: [billing error, slow response, rude staff,",
        f"values: [billing error, slow response, {yaml_text('F-CATEGORY')},",
    )
    edit_file(
        datasets,
        "root_cause: {type: category, values: [process, people, system, supplier, policy,",
        f"root_cause: {{type: category, values: [process, people, system, supplier,"
        f" {yaml_text('F-ROOT-CAUSE')},",
    )
    _replace_cells(data / "tickets.csv", "channel", "chat", payload("F-CHANNEL"))
    complaints = data / "registers" / "complaints.csv"
    _replace_cells(complaints, "category", "rude staff", payload("F-CATEGORY"))
    _replace_cells(complaints, "root_cause", "policy", payload("F-ROOT-CAUSE"))


def _plant_file_name(data: Path) -> None:
    """The complaint register's data file gets a hostile name (one file: no ``/``).

    The register's page names its file inside a code span of a sentence, where
    the name is shown escaped, not as typed: it is checked for live markup only.
    """
    name = (
        f'registers/F-FILE`<img src="x" onerror="window.{MARK}=6">`'
        f' [x](javascript:window.{MARK}=7) **b** {{: onmouseover="window.{MARK}=8" }}.csv'
    )
    (data / "registers" / "complaints.csv").rename(data / name)
    edit_file(data / "datasets.yml", "file: registers/complaints.csv", f"file: {json.dumps(name)}")


def _replace_cells(path: Path, column: str, old: str, new: str) -> None:
    """Every cell of ``column`` holding ``old`` (which must be there) becomes ``new``."""
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    index = rows[0].index(column)
    found = [row for row in rows[1:] if row[index] == old]
    assert found, f"no {column} {old!r} in {path.name}: update the test"
    for row in found:
        row[index] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def _plant_complaint(path: Path, text: str) -> None:
    """The first complaint's description becomes ``text`` (written as a proper CSV cell)."""
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    column = rows[0].index("description")
    rows[1][column] = text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def git(project: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Mallory",
        "GIT_AUTHOR_EMAIL": "m@example.com",
        "GIT_COMMITTER_NAME": "Mallory",
        "GIT_COMMITTER_EMAIL": "m@example.com",
        "GIT_AUTHOR_DATE": "2026-11-01T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-01T10:00:00+00:00",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


class Scan(HTMLParser):
    """What a browser would run: attributes, URLs and inline scripts, and the visible text."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self.policy = ""
        self.titles = 0
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            scheme = "".join((value or "").split()).lower()
            if name in self.URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.policy = values.get("content") or ""
        if tag == "head":
            self._head = True
        if tag == "title" and self._head:  # charts' SVG has titles of its own
            self.titles += 1
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._head = False
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The sample project with a payload in every field, committed by a hostile author, built."""
    project = copy_sample(tmp_path_factory.mktemp("hostile"))
    fields = plant(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", payload("F-COMMIT"))
    # Dated by the hostile commit alone (no SOURCE_DATE_EPOCH): its message is a payload too.
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    return project / "site", fields


@pytest.mark.slow
def test_no_payload_is_live_on_any_page(hostile_site: tuple[Path, list[str]]) -> None:
    site, _ = hostile_site
    problems = []
    for page in sorted(site.rglob("*.html")):
        scan = Scan()
        scan.feed(page.read_text("utf-8"))
        name = page.relative_to(site).as_posix()
        problems += [f"{name}: {problem}" for problem in scan.problems]
        if scan.titles != 1:
            problems.append(f"{name}: {scan.titles} <title> elements")
        if not scan.policy:
            problems.append(f"{name}: no Content-Security-Policy")
        for body in scan.scripts:
            if MARK in body or script_hash(body) not in scan.policy:
                problems.append(f"{name}: inline script not allowed by the policy: {body[:80]!r}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.slow
def test_every_payload_is_shown_as_typed(hostile_site: tuple[Path, list[str]]) -> None:
    site, fields = hostile_site
    text = []
    for page in sorted(site.rglob("*.html")):
        scan = Scan()
        scan.feed(page.read_text("utf-8"))
        text.append(" ".join(" ".join(scan.text).split()))
    shown = "\n".join(text)
    for field in fields:
        expected = " ".join(payload(field).split())
        assert expected in shown, f"{field} is not shown as typed anywhere on the site"


@pytest.mark.slow
def test_page_titles_keep_the_payload_as_text(hostile_site: tuple[Path, list[str]]) -> None:
    site, _ = hostile_site
    page = (site / "procedures" / "qp-05-complaint-handling.html").read_text("utf-8")
    head = page.split("</head>", 1)[0]
    assert "&lt;/title&gt;&lt;script&gt;" in head
    assert "</title><script>" not in page
    cli = (site / "reference" / "cli.html").read_text("utf-8")
    assert '<meta name="description" content="F-DESCRIPTION &lt;/title&gt;' in cli
