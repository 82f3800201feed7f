"""The ``sqms`` command: check a project, print indicators, write sample data.

A thin adapter over the core: it loads the project, prints diagnostics as
``file:line: message`` and turns them into exit codes (0 fine, 1 problems in
the project, 2 wrong usage). It never shows a traceback for a user's mistake.
Inside GitHub Actions it also prints them as workflow commands, so they show
on the pull request's diff.

This module holds the command group and registers every command; each
command lives in the module named for what it does:

- :mod:`sqms.cli.check`: ``check`` (text and ``--format json``) and ``explain``;
- :mod:`sqms.cli.indicators`: ``indicators``;
- :mod:`sqms.cli.evidence`: ``verify``, ``review`` and ``evidence``;
- :mod:`sqms.cli.scaffold`: ``demo``, ``new``, ``schema`` and ``doc new``;
- :mod:`sqms.cli.diff`: ``diff``;
- :mod:`sqms.cli.common`: the options and helpers they share.
"""

from __future__ import annotations

import click

from sqms import __version__
from sqms.cli.check import check, explain
from sqms.cli.diff import diff
from sqms.cli.evidence import evidence, review, verify
from sqms.cli.indicators import indicators
from sqms.cli.scaffold import demo, doc, new, schema

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sqms")
def main() -> None:
    """SQMS: the service quality manual, quality plan and indicators, kept as code."""


main.add_command(check)
main.add_command(explain)
main.add_command(indicators)
main.add_command(verify)
main.add_command(review)
main.add_command(evidence)
main.add_command(demo)
main.add_command(new)
main.add_command(schema)
main.add_command(diff)
main.add_command(doc)
