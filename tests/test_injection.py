"""Hostile text in every field that reaches a page stays text: built and read as a browser would.

A copy of the sample project gets one payload in each kind of untrusted text
— a YAML title, name and description, a register entry, a data cell, front
matter, a commit subject — each tagged with the field it sits in. The site is
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
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sqms.plugin.csp import script_hash

ROOT = Path(__file__).resolve().parent.parent
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


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path.name}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def plant(project: Path) -> list[str]:
    """Put a payload in every kind of untrusted text; return the fields' tags."""
    data, manual = project / "data", project / "manual"
    plan = data / "quality-plan.yml"
    edit(plan, "title: Customers get a first answer fast", f"title: {yaml_text('F-OBJECTIVE')}")
    edit(plan, "name: Resolution SLA attainment", f"name: {yaml_text('F-INDICATOR')}")
    edit(
        data / "datasets.yml",
        "description: Every customer contact handled by the service desk.",
        f"description: {yaml_text('F-DATASET')}",
    )
    edit(
        data / "registers" / "actions.yml",
        "title: Coaching and buddying for new agents at Chengdu L1",
        f"title: {yaml_text('F-ACTION')}",
    )
    edit(
        data / "registers" / "audits.yml",
        "statement: >-\n          In 3 of 20 sampled tickets the priority was raised to P1 after a\n"
        "          team leader's approval in chat, but the approval was not recorded in\n"
        "          the ticket; WI-03-01 does not say where to record it.",
        f"statement: {yaml_text('F-FINDING')}",
    )
    edit(
        manual / "procedures" / "qp-05-complaint-handling.md",
        "title: Complaint handling",
        f"title: {yaml_text('F-FRONT-TITLE')}",
    )
    cli = manual / "reference" / "cli.md"
    cli.write_text(
        f"---\ndescription: {yaml_text('F-DESCRIPTION')}\n---\n" + cli.read_text("utf-8"), "utf-8"
    )
    _plant_complaint(data / "registers" / "complaints.csv", payload("F-COMPLAINT"))
    return ["F-OBJECTIVE", "F-INDICATOR", "F-DATASET", "F-ACTION", "F-FINDING",
            "F-FRONT-TITLE", "F-COMPLAINT", "F-COMMIT"]  # fmt: skip


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
    project = tmp_path_factory.mktemp("hostile")
    for name in ("manual", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    fields = plant(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", payload("F-COMMIT"))
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    return site, fields


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
